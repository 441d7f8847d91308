import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PivotSpecInput } from '../../../../shared/contract/analyze';
import type { DatasetInfo } from '../../../../shared/contract/datasets';
import { useQuery } from '../../app/use-call';
import { useWorkspace } from '../../app/workspace';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { formatDate, formatNumber } from '../../format';
import { PIVOT_NS } from './strings';

const PREVIEW_ROWS = 100;

/**
 * The rows behind one pivot cell: the engine turns the cell into the grid's filter list, the
 * first rows are previewed here, and "open in grid" hands the same list to the grid view.
 */
export function DrillPanel(props: { ds: DatasetInfo; spec: PivotSpecInput; rowPath: string[]; colPath: string[]; onClose: () => void }) {
  const { t } = useTranslation(PIVOT_NS);
  const { ds, spec, rowPath, colPath, onClose } = props;
  const workspace = useWorkspace();
  const drill = useQuery('pivots.drill', { datasetId: ds.id, spec, rowPath, colPath });
  const filters = drill.data?.filters ?? [];
  const [offset, setOffset] = useState(0);
  const page = useQuery('rows.page', { datasetId: ds.id, filters, offset, limit: PREVIEW_ROWS }, { enabled: drill.data !== undefined });
  const count = drill.data?.rowCount ?? 0;
  const cell = (v: unknown, type: string): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number' && (type === 'date' || type === 'datetime')) return formatDate(v);
    if (typeof v === 'number') return formatNumber(v, Number.isInteger(v) ? 0 : 2);
    return String(v);
  };
  const byKey = new Map(ds.columns.map((c) => [c.key, c]));
  return (
    <div className="k-drill" data-testid="drill-panel">
      <div className="k-analysis__bar">
        <strong data-testid="drill-count" data-count={drill.data?.rowCount ?? ''}>
          {t('drillTitle', { count: drill.data ? formatNumber(drill.data.rowCount) : '…' })}
        </strong>
        <span className="k-muted">{[...rowPath, ...colPath].join(' · ')}</span>
        <Button
          size="small"
          data-testid="drill-open-grid"
          disabled={!drill.data}
          onClick={() => workspace.openTab({ viewId: 'grid', datasetId: ds.id, params: { filters } })}
        >
          {t('openInGrid')}
        </Button>
        {count > PREVIEW_ROWS ? (
          <span data-testid="drill-pager">
            <Button size="small" variant="ghost" data-testid="drill-prev" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PREVIEW_ROWS))}>
              ‹
            </Button>
            {t('drillRange', { from: formatNumber(offset + 1), to: formatNumber(Math.min(count, offset + PREVIEW_ROWS)) })}
            <Button size="small" variant="ghost" data-testid="drill-next" disabled={offset + PREVIEW_ROWS >= count} onClick={() => setOffset(offset + PREVIEW_ROWS)}>
              ›
            </Button>
          </span>
        ) : null}
        <Button size="small" variant="ghost" onClick={onClose}>
          {t('close')}
        </Button>
      </div>
      {drill.error ? <ErrorBanner error={drill.error} /> : null}
      {page.data ? (
        <div className="k-table-wrap" style={{ maxHeight: 260 }}>
          <table className="k-table" data-testid="drill-rows">
            <thead>
              <tr>
                {page.data.columns.map((k) => (
                  <th key={k}>{byKey.get(k)?.name ?? k}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.data.rows.map((row, i) => (
                <tr key={page.data!.rowIds[i]} data-testid="drill-row">
                  {row.map((v, j) => (
                    <td key={j}>{cell(v, byKey.get(page.data!.columns[j]!)?.type ?? 'text')}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
