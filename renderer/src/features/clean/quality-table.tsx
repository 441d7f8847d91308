import { useTranslation } from 'react-i18next';
import { useQuery } from '../../app/use-call';
import { Button, ErrorBanner } from '../../components/index';
import { formatNumber, formatPercent } from '../../format';
import { CLEAN_NS } from './strings';

/**
 * Per column: missing %, invalid cells, distinct values, untidy text; and duplicate rows, counted
 * by the same keys as the dedupe step being prepared (every column otherwise), so the figure and
 * the step's preview never disagree.
 */
export function QualityTable({ datasetId, keys }: { datasetId: string; keys: string[] | undefined }) {
  const { t } = useTranslation(CLEAN_NS);
  const q = useQuery('clean.quality', keys ? { datasetId, keys } : { datasetId });
  return (
    <section className="k-clean__quality" data-testid="clean-quality">
      <div className="k-row">
        <h3>{t('quality')}</h3>
        <Button size="small" variant="ghost" onClick={q.reload}>
          {t('refresh')}
        </Button>
      </div>
      <ErrorBanner error={q.error} />
      {q.data ? (
        <>
          <p data-testid="clean-duplicates" data-count={q.data.duplicateRows} data-keys={q.data.duplicateKeys.join(',')}>
            {t('duplicates', { count: formatNumber(q.data.duplicateRows), keys: q.data.duplicateKeys.join('、') })}
          </p>
          <table className="k-clean__table">
            <thead>
              <tr>
                <th>{t('qColumn')}</th>
                <th>{t('qType')}</th>
                <th>{t('qMissing')}</th>
                <th>{t('qInvalid')}</th>
                <th>{t('qDistinct')}</th>
                <th>{t('qUntidy')}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.columns.map((c) => (
                <tr key={c.key} data-testid="clean-quality-row" data-column={c.name} data-missing={c.missing} data-invalid={c.invalid}>
                  <td>{c.name}</td>
                  <td>{t(`types.${c.type}`)}</td>
                  <td className={c.missing > 0 ? 'is-bad' : ''}>
                    {formatNumber(c.missing)} ({formatPercent(c.missingPct, 1)})
                  </td>
                  <td className={c.invalid > 0 ? 'is-bad' : ''}>{formatNumber(c.invalid)}</td>
                  <td>{formatNumber(c.distinct)}</td>
                  <td className={c.untidyText > 0 ? 'is-bad' : ''}>{formatNumber(c.untidyText)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
