import { useTranslation } from 'react-i18next';
import type { CleanPreview } from '../../../../shared/contract/clean';
import type { MergeReport, SplitSample } from '../../../../shared/contract/clean-shaping';
import { formatNumber } from '../../format';
import { CLEAN_NS } from './strings';

const num = (v: unknown): string => (typeof v === 'number' ? formatNumber(v) : '');

/** Split into rows: rows before → after, the repeated-columns caveat, the first split cells. */
function SplitPreview({ samples, figures }: { samples: SplitSample[]; figures: Record<string, number | string | null> }) {
  const { t } = useTranslation(CLEAN_NS);
  return (
    <div data-testid="clean-split-summary" data-rows-before={figures['rowsBefore']} data-rows-after={figures['rowsAfter']} data-split-cells={figures['splitCells']}>
      <p className="k-clean__summary">
        {t('splitSummary', { before: num(figures['rowsBefore']), after: num(figures['rowsAfter']), cells: num(figures['splitCells']), max: num(figures['maxItems']) })}
      </p>
      <p className="k-clean__warn">{t('splitRepeats')}</p>
      {samples.length > 0 ? (
        <table className="k-clean__table">
          <thead>
            <tr>
              <th>{t('row')}</th>
              <th>{t('before')}</th>
              <th>{t('splitItems')}</th>
            </tr>
          </thead>
          <tbody>
            {samples.map((s) => (
              <tr key={s.row} data-testid="clean-split-sample" data-items={s.items.length}>
                <td>{s.row}</td>
                <td>{s.before}</td>
                <td className="k-clean__after">{s.items.join('\n')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/** Merge: matched and unmatched rows, keys with several matches and what they do to the rows. */
function MergePreview({ m }: { m: MergeReport }) {
  const { t } = useTranslation(CLEAN_NS);
  return (
    <div
      data-testid="clean-merge-summary"
      data-matched={m.matchedRows}
      data-unmatched={m.unmatchedRows}
      data-rows-after={m.rowsAfter}
      data-multiple={m.multipleKeys}
    >
      <p className="k-clean__summary">
        {t('mergeSummary', { name: m.with.name, version: m.with.version, matched: formatNumber(m.matchedRows), unmatched: formatNumber(m.unmatchedRows), blank: formatNumber(m.blankKeyRows) })}
      </p>
      <p className="k-clean__summary">{t('mergeRows', { before: formatNumber(m.rowsBefore), after: formatNumber(m.rowsAfter) })}</p>
      {m.multipleKeys > 0 ? (
        <p className="k-clean__warn" data-testid="clean-merge-multiple">
          {m.matches === 'all' ? t('mergeMultipleAll', { keys: formatNumber(m.multipleKeys), added: formatNumber(m.addedRows) }) : t('mergeMultipleFirst', { keys: formatNumber(m.multipleKeys) })}
          {' '}
          {m.multipleExamples.map((e) => t('mergeExample', { key: e.key, matches: e.matches })).join('、')}
        </p>
      ) : null}
      {m.unmatchedExamples.length > 0 ? <p className="k-field__hint">{t('mergeUnmatchedExamples', { keys: m.unmatchedExamples.join('、') })}</p> : null}
      {m.matchedRows === 0 && m.keyTypes.some((k) => k.left !== k.right) ? <p className="k-clean__warn">{t('mergeTypes', { types: m.keyTypes.map((k) => `${t(`types.${k.left}`)} = ${t(`types.${k.right}`)}`).join('、') })}</p> : null}
      <p className="k-field__hint">
        {t('mergeBrought', { columns: m.columns.map((c) => (c.from === c.to ? c.to : `${c.from} → ${c.to}`)).join('、'), unused: formatNumber(m.unusedRows) })}
      </p>
    </div>
  );
}

/** What split and merge add to a preview. */
export function ShapingPreview({ preview }: { preview: CleanPreview }) {
  if (preview.report.merge) return <MergePreview m={preview.report.merge} />;
  if (preview.report.split) return <SplitPreview samples={preview.report.split} figures={preview.report.figures ?? {}} />;
  return null;
}
