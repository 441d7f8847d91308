import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnLayout } from './use-column-layout';
import { GRID_NS } from './strings';

export interface GridToolbarProps {
  layout: ColumnLayout;
  sortCount: number;
  filterCount: number;
  notice: string | null;
  onFind: () => void;
  onClearSort: () => void;
  onClearFilters: () => void;
  onStats: (() => void) | null;
  /** Extra actions from other features (export). */
  children?: ReactNode;
}

/** Above the grid: find, column chooser, freeze, clear sort/filters, statistics, last notice. */
export function GridToolbar({ layout, sortCount, filterCount, notice, onFind, onClearSort, onClearFilters, onStats, children }: GridToolbarProps) {
  const { t } = useTranslation(GRID_NS);
  return (
    <div className="k-grid-toolbar" data-testid="grid-toolbar">
      <button type="button" className="k-btn" data-testid="grid-find" onClick={onFind} title="Ctrl+F">
        {t('toolbar.find')}
      </button>
      <details className="k-grid-columns" data-testid="grid-columns">
        <summary className="k-btn">{t('toolbar.columns')}</summary>
        <div className="k-grid-columns__list">
          {layout.all.map(({ col, hidden }) => (
            <label key={col.key} data-testid="grid-column-toggle" data-column-key={col.key}>
              <input type="checkbox" checked={!hidden} onChange={(e) => layout.setHidden(col.key, !e.target.checked)} />
              {col.name}
            </label>
          ))}
        </div>
      </details>
      <label className="k-grid-toolbar__freeze">
        {t('toolbar.freeze')}
        <select data-testid="grid-freeze" value={layout.frozen} onChange={(e) => layout.setFrozen(Number(e.target.value))}>
          {[0, 1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n === 0 ? t('toolbar.freezeNone') : t('toolbar.freezeN', { count: n })}
            </option>
          ))}
        </select>
      </label>
      {sortCount > 0 ? (
        <button type="button" className="k-btn" data-testid="grid-clear-sort" onClick={onClearSort}>
          {t('toolbar.clearSort')}
        </button>
      ) : null}
      {filterCount > 0 ? (
        <button type="button" className="k-btn" data-testid="grid-clear-filters" onClick={onClearFilters}>
          {t('toolbar.clearFilters')} ({filterCount})
        </button>
      ) : null}
      {onStats ? (
        <button type="button" className="k-btn" data-testid="grid-stats" onClick={onStats}>
          {t('toolbar.stats')}
        </button>
      ) : null}
      {children}
      <span className="k-grid-toolbar__notice" data-testid="grid-notice" role="status">
        {notice ?? ''}
      </span>
    </div>
  );
}
