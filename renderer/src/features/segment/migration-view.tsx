import '../analysis-common/analysis.css';
import './segment.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../app/use-call';
import type { ViewProps } from '../../app/view-registry';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { formatNumber } from '../../format';
import { CustomerList } from './customer-list';
import { SEGMENT_NS } from './strings';

/** Segment migration: from × to counts for two segmentations, and the customers behind a cell. */
export function SegmentMigrationView(_props: ViewProps) {
  const { t } = useTranslation(SEGMENT_NS);
  const list = useQuery('segmentations.list', {});
  const [fromId, setFromId] = useState('');
  const [toId, setToId] = useState('');
  const [cell, setCell] = useState<{ from: string; to: string } | null>(null);
  const all = list.data ?? [];
  const from = fromId || all[all.length - 2]?.id || '';
  const to = toId || all[all.length - 1]?.id || '';
  const ready = from !== '' && to !== '' && from !== to;
  const matrix = useQuery('segment.migration', { fromId: from, toId: to }, { enabled: ready });
  const customers = useQuery(
    'segment.migrationCustomers',
    { fromId: from, toId: to, fromSegment: cell?.from ?? '-', toSegment: cell?.to ?? '-', limit: 200 },
    { enabled: ready && cell !== null },
  );
  if (list.error) return <ErrorBanner error={list.error} />;
  if (list.data && all.length < 2) return <EmptyState title={t('migrationHint')} testId="segment-migration-empty" />;
  const select = (value: string, onChange: (v: string) => void, testId: string, label: string) => (
    <label className="k-field">
      <span className="k-field__label">{label}</span>
      <select
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setCell(null);
        }}
        data-testid={testId}
      >
        {all.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} · {s.createdAt.slice(0, 16).replace('T', ' ')}
          </option>
        ))}
      </select>
    </label>
  );
  const m = matrix.data;
  return (
    <div className="k-analysis k-segment" data-testid="segment-migration">
      <div className="k-analysis__bar">
        {select(from, setFromId, 'migration-from', t('from'))}
        {select(to, setToId, 'migration-to', t('to'))}
      </div>
      <ErrorBanner error={matrix.error ?? customers.error} />
      {m ? (
        <div className="k-table-wrap">
          <div className="k-field__hint">{t('total', { n: formatNumber(m.total) })}</div>
          <table className="k-table k-segment__matrix" data-testid="migration-matrix">
            <thead>
              <tr>
                <th>
                  {t('from')} \ {t('to')}
                </th>
                {m.toSegments.map((s) => (
                  <th key={s}>{s}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {m.fromSegments.map((f, i) => (
                <tr key={f}>
                  <th>{f}</th>
                  {m.toSegments.map((s, j) => {
                    const n = m.counts[i]![j]!;
                    return (
                      <td
                        key={s}
                        className={n > 0 ? 'is-clickable' : ''}
                        onClick={n > 0 ? () => setCell({ from: f, to: s }) : undefined}
                        data-testid="migration-cell"
                        data-from={f}
                        data-to={s}
                      >
                        {formatNumber(n)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {cell && customers.data ? (
        <CustomerList heading={t('customers', { from: cell.from, to: cell.to, n: formatNumber(customers.data.total) })} customers={customers.data.customers} testId="migration-customers" rowTestId="migration-customer" />
      ) : null}
    </div>
  );
}
