import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import { formatNumber } from '../../format';
import { formatCell } from './cell-format';
import type { RowWindowCache } from './row-cache';
import { GRID_NS } from './strings';

export interface CellBarProps {
  cache: RowWindowCache;
  /** The current cell: its column and view row, or null. */
  col: ColumnInfo | null;
  colIndex: number;
  row: number | null;
}

/**
 * Excel's name box and formula bar in one line: which cell is current (column and row) and its
 * full content, with missing and invalid cells spelled out.
 */
export function CellBar({ cache, col, colIndex, row }: CellBarProps) {
  const { t } = useTranslation(GRID_NS);
  // Re-render only when the current row itself arrives, not for every page while scrolling.
  const r = useSyncExternalStore(cache.subscribe, () => (row === null ? undefined : cache.get(row)));
  const yesNo = useMemo(() => ({ yes: t('yes'), no: t('no') }), [t]);
  useEffect(() => {
    if (row !== null && !r) cache.prefetch(row);
  }, [cache, row, r]);
  const v = r?.cells[colIndex];
  const invalid = r?.invalid?.has(colIndex) ?? false;
  const state = !col || row === null ? 'none' : !r ? 'loading' : v === null || v === undefined ? 'missing' : invalid ? 'invalid' : 'value';
  const text = state === 'value' || state === 'invalid' ? formatCell(v ?? null, col!, yesNo) : state === 'missing' ? t('missing') : state === 'loading' ? t('loading') : '';
  return (
    <div className="k-grid-cellbar" data-testid="cell-bar" data-state={state} data-row={row ?? ''} data-column-key={col?.key ?? ''}>
      <span className="k-grid-cellbar__ref" data-testid="cell-ref">
        {col && row !== null ? `${col.name} · ${formatNumber(row + 1)}` : ''}
      </span>
      <span className={`k-grid-cellbar__value is-${state}`} data-testid="cell-value">
        {text}
      </span>
      {invalid ? <span className="k-grid-cellbar__flag">{t('cell.invalid')}</span> : null}
    </div>
  );
}
