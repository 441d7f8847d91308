import { useTranslation } from 'react-i18next';
import type { SegmentSummary } from '../../../../shared/contract/segmentations';
import { formatNumber } from '../../format';
import { SEGMENT_NS } from './strings';

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : formatNumber(Math.round(v * 100) / 100));

/** Count, share, revenue share and the mean of each metric per segment. */
export function SegmentTable({ segments, testId = 'segment-table' }: { segments: SegmentSummary[]; testId?: string }) {
  const { t } = useTranslation(SEGMENT_NS);
  const metrics = [...new Set(segments.flatMap((s) => Object.keys(s.means)))];
  return (
    <div className="k-table-wrap">
      <table className="k-table" data-testid={testId}>
        <thead>
          <tr>
            <th>{t('col.name')}</th>
            <th>{t('col.count')}</th>
            <th>{t('col.share')}</th>
            <th>{t('col.revenueShare')}</th>
            {metrics.map((m) => (
              <th key={m}>{m}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {segments.map((s) => (
            <tr key={s.name} data-testid="segment-row" data-segment={s.name}>
              <td data-testid="segment-name">{s.name}</td>
              <td data-testid="segment-count">{formatNumber(s.count)}</td>
              <td>{pct(s.share)}</td>
              <td>{pct(s.revenueShare)}</td>
              {metrics.map((m) => (
                <td key={m}>{num(s.means[m])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
