import { useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import { getViews, onViewsChanged, type RegisteredView, type ViewId } from '../app/view-registry';
import { EmptyState } from '../components/empty-state';
import { Menu } from '../components/menu';
import { formatNumber } from '../format';

export interface DatasetListProps {
  datasets: DatasetInfo[];
  activeDatasetId: string | null;
  activeViewId: string | null;
  hasProject: boolean;
  loading: boolean;
  onOpen: (dataset: DatasetInfo) => void;
  onOpenView: (viewId: ViewId, datasetId: string | null) => void;
  onRename: (dataset: DatasetInfo) => void;
  onRemove: (dataset: DatasetInfo) => void;
  /** Right-click on the list's empty space offers an import (as a workbook's sheet bar offers a new sheet). */
  onImport: () => void;
  /** The workflow's steps, shown under the datasets. */
  workflow?: ReactNode;
  width?: number;
}

/** Views change only when a feature registers one; the count is a cheap snapshot of that. */
function useRegisteredViews(): RegisteredView[] {
  useSyncExternalStore(onViewsChanged, () => getViews().length);
  return getViews();
}

/**
 * A dataset's views in the order of the workflow (look, clean, metrics, segment, analyse), a line
 * between groups; views a feature adds later go last.
 */
const MENU_GROUPS: readonly (readonly string[])[] = [
  ['grid', 'dataset-overview'],
  ['clean'],
  ['rfm', 'formula', 'group-by'],
  ['segment-builder', 'segment-tags', 'cluster', 'segment-summary'],
  ['pivot', 'charts', 'crosstab'],
];

function orderedViews(views: RegisteredView[]): { view: RegisteredView; groupStart: boolean }[] {
  const rank = (id: string): number => {
    const g = MENU_GROUPS.findIndex((ids) => ids.includes(id));
    return g < 0 ? MENU_GROUPS.length : g;
  };
  const sorted = [...views].sort((a, b) => rank(a.id) - rank(b.id) || (MENU_GROUPS[rank(a.id)]?.indexOf(a.id) ?? 0) - (MENU_GROUPS[rank(b.id)]?.indexOf(b.id) ?? 0));
  return sorted.map((view, i) => ({ view, groupStart: i > 0 && rank(view.id) !== rank(sorted[i - 1]!.id) }));
}

/** Arrow keys walk the dataset list, as they walk the sheet list of a workbook. */
function moveFocus(e: KeyboardEvent<HTMLUListElement>): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const items = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('[data-testid="dataset-item"]')];
  const i = items.indexOf(document.activeElement as HTMLButtonElement);
  if (i < 0) return;
  e.preventDefault();
  items[Math.min(items.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
}

/**
 * Left panel: the project's datasets, like the sheet list of a workbook. Click opens the default
 * view; right-click or ⋯ lists every dataset view features have registered.
 */
export function DatasetList(props: DatasetListProps) {
  const { datasets, activeDatasetId, activeViewId, hasProject, loading, onOpen, onOpenView, onRename, onRemove, onImport, workflow, width } = props;
  const { t, i18n } = useTranslation('shell');
  const views = useRegisteredViews();
  const [menu, setMenu] = useState<{ dataset: DatasetInfo; x: number; y: number } | null>(null);
  const [panelMenu, setPanelMenu] = useState<{ x: number; y: number } | null>(null);
  const title = (v: RegisteredView): string => (i18n.language === 'en' ? v.title.en : v.title.zh);
  const datasetViews = views.filter((v) => v.scope === 'dataset');
  const projectViews = views.filter((v) => v.scope === 'project');

  return (
    <nav
      className="k-sidebar"
      style={width ? { width } : undefined}
      aria-label={t('datasets.title')}
      data-testid="dataset-list"
      onContextMenu={(e) => {
        // Right-click on the panel's free space (a dataset row has its own menu).
        if (!hasProject || e.defaultPrevented) return;
        e.preventDefault();
        setPanelMenu({ x: e.clientX, y: e.clientY });
      }}
    >
      <div className="k-sidebar__title">{t('datasets.title')}</div>
      {loading ? <div className="k-sidebar__loading">{t('loading')}</div> : null}
      {!loading && hasProject && datasets.length === 0 ? (
        <EmptyState title={t('datasets.empty')} hint={t('datasets.emptyHint')} />
      ) : null}
      <ul className="k-sidebar__list" onKeyDown={moveFocus}>
        {datasets.map((d) => (
          <li
            key={d.id}
            className={`k-dataset-row ${d.id === activeDatasetId ? 'is-active' : ''}`}
            onContextMenu={(e) => {
              e.preventDefault();
              setMenu({ dataset: d, x: e.clientX, y: e.clientY });
            }}
          >
            <button
              type="button"
              className="k-dataset"
              onClick={() => onOpen(d)}
              data-testid="dataset-item"
              data-dataset-id={d.id}
              data-dataset-name={d.name}
              aria-current={d.id === activeDatasetId ? 'true' : undefined}
              title={d.source ?? d.name}
            >
              <span className="k-dataset__icon" aria-hidden="true" />
              <span className="k-dataset__text">
                <span className="k-dataset__name" data-testid="dataset-name">
                  {d.name}
                  {d.kind === 'derived' ? <span className="k-dataset__kind">{t('datasets.kind.derived')}</span> : null}
                </span>
                <span className="k-dataset__meta" data-testid="dataset-meta">
                  {t('datasets.rows', { count: d.rowCount, n: formatNumber(d.rowCount) })} ·{' '}
                  {t('datasets.columns', { count: d.columns.length, n: formatNumber(d.columns.length) })}
                </span>
              </span>
            </button>
            <button
              type="button"
              className="k-dataset__more"
              aria-label={t('datasets.moreViews', { name: d.name })}
              title={t('datasets.moreViews', { name: d.name })}
              data-testid="dataset-menu-button"
              data-dataset-name={d.name}
              onClick={(e) => {
                const r = e.currentTarget.getBoundingClientRect();
                setMenu({ dataset: d, x: r.left, y: r.bottom + 2 });
              }}
            >
              ⋯
            </button>
          </li>
        ))}
      </ul>
      {hasProject && workflow ? (
        <>
          <div className="k-sidebar__title k-sidebar__title--section">{t('datasets.workflow')}</div>
          {workflow}
        </>
      ) : null}
      {hasProject && projectViews.length > 0 ? (
        <>
          <div className="k-sidebar__title k-sidebar__title--section">{t('datasets.projectViews')}</div>
          <ul className="k-sidebar__list" data-testid="project-views">
            {projectViews.map((v) => (
              <li key={v.id}>
                <button
                  type="button"
                  className={`k-sidebar__view ${activeDatasetId === null && activeViewId === v.id ? 'is-active' : ''}`}
                  onClick={() => onOpenView(v.id, null)}
                  data-testid="project-view-item"
                  data-view-id={v.id}
                >
                  {title(v)}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {menu ? (
        <Menu
          at={{ x: menu.x, y: menu.y }}
          header={menu.dataset.name}
          testId="dataset-menu"
          onClose={() => setMenu(null)}
          items={[
            ...orderedViews(datasetViews).map(({ view, groupStart }) => ({
              id: view.id,
              label: title(view),
              separatorBefore: groupStart,
              onSelect: () => onOpenView(view.id, menu.dataset.id),
            })),
            { id: 'rename', label: t('datasets.rename'), separatorBefore: true, onSelect: () => onRename(menu.dataset) },
            { id: 'remove', label: t('datasets.remove'), danger: true, onSelect: () => onRemove(menu.dataset) },
          ]}
        />
      ) : null}
      {panelMenu ? (
        <Menu
          at={panelMenu}
          testId="dataset-panel-menu"
          onClose={() => setPanelMenu(null)}
          items={[
            { id: 'import-data', label: t('datasets.importData'), hint: 'Ctrl+I', onSelect: onImport },
            ...projectViews
              .filter((v) => v.id !== 'import')
              .map((v, i) => ({ id: v.id, label: title(v), separatorBefore: i === 0, onSelect: () => onOpenView(v.id, null) })),
          ]}
        />
      ) : null}
    </nav>
  );
}
