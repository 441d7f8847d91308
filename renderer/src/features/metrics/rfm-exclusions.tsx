import { useTranslation } from 'react-i18next';
import type { RfmExclusion } from '../../../../shared/contract/metrics';
import { formatNumber } from '../../format';
import { METRICS_NS } from './strings';

/** What RFM left out or netted: the engine's one list (reason, count, amount), as the CLI and report show it. */
export function RfmExclusions({ exclusions }: { exclusions: readonly RfmExclusion[] }) {
  const { t, i18n } = useTranslation(METRICS_NS);
  const en = i18n.language === 'en';
  if (exclusions.length === 0) return <p data-testid="rfm-exclusions" data-count={0}>{t('noExclusions')}</p>;
  return (
    <>
      <h3>{t('exclusions')}</h3>
      <table className="k-metrics__table" data-testid="rfm-exclusions" data-count={exclusions.length}>
        <thead>
          <tr>
            <th>{t('exclusionCol.reason')}</th>
            <th>{t('exclusionCol.count')}</th>
            <th>{t('exclusionCol.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {exclusions.map((e) => (
            <tr key={e.code} data-testid="rfm-exclusion" data-code={e.code} data-count={e.count} data-amount={e.amount ?? ''}>
              <th>{en ? e.label.en : e.label.zh}</th>
              <td>{t(`unit.${e.unit}`, { n: formatNumber(e.count) })}</td>
              <td>{e.amount === null ? '—' : formatNumber(e.amount, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
