import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import { Button } from '../components/button';
import { EmptyState } from '../components/empty-state';
import { defaultDatasetViewId, getView, getViews, onViewsChanged, type RegisteredView } from '../app/view-registry';
import { useWorkspace, type TabInfo } from '../app/workspace';
import { TabStrip } from './tab-strip';

export interface TabAreaProps {
  datasets: DatasetInfo[];
  hasProject: boolean;
  /** Next steps offered when no project is open (open demo / open project). */
  noProjectActions?: ReactNode;
}

function useViewsVersion(): number {
  // getViews() returns a new array each call; its length is a stable snapshot of "what changed".
  return useSyncExternalStore(onViewsChanged, () => getViews().length);
}

function tabTitle(tab: TabInfo, view: RegisteredView | undefined, dataset: DatasetInfo | undefined, lang: string): string {
  if (tab.title) return tab.title;
  const viewTitle = view ? (lang === 'en' ? view.title.en : view.title.zh) : tab.viewId;
  if (!dataset) return viewTitle;
  // The dataset's own default view is named after the dataset alone, like a sheet tab.
  return tab.viewId === defaultDatasetViewId() ? dataset.name : `${dataset.name} · ${viewTitle}`;
}

/** The tab strip and the views behind it (Ctrl+PgUp/PgDn move between tabs). */
export function TabArea({ datasets, hasProject, noProjectActions }: TabAreaProps) {
  const { t, i18n } = useTranslation('shell');
  const { tabs, activeTabId, openTab, cycleTab } = useWorkspace();
  // A view mounts when its tab is first shown and then stays mounted (hidden) to keep its state,
  // so restoring ten saved tabs does not start ten views' queries at once.
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => {
    if (activeTabId && !visited.has(activeTabId)) setVisited((v) => new Set(v).add(activeTabId));
  }, [activeTabId, visited]);

  // Ctrl+PageDown / Ctrl+PageUp switch tabs as they switch sheets in Excel.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.ctrlKey || e.altKey || e.metaKey) return;
      if (e.key === 'PageDown' || e.key === 'PageUp') {
        e.preventDefault();
        cycleTab(e.key === 'PageDown' ? 1 : -1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cycleTab]);
  useViewsVersion();
  // An empty project's next step is an import, when the import feature is there.
  const importView = getView('import');
  const byId = new Map(datasets.map((d) => [d.id, d]));

  return (
    <section className="k-main">
      <TabStrip titleOf={(tab) => tabTitle(tab, getView(tab.viewId), tab.datasetId ? byId.get(tab.datasetId) : undefined, i18n.language)} />
      <div className="k-tabpanels">
        {tabs.length === 0 ? (
          hasProject && datasets.length === 0 ? (
            <EmptyState
              title={t('tabs.emptyProjectTitle')}
              hint={t('tabs.emptyProjectHint')}
              testId="tabs-empty"
              action={
                importView ? (
                  <Button variant="primary" onClick={() => openTab({ viewId: importView.id, datasetId: null })} data-testid="empty-import">
                    {i18n.language === 'en' ? importView.title.en : importView.title.zh}
                  </Button>
                ) : undefined
              }
            />
          ) : hasProject ? (
            <EmptyState title={t('tabs.emptyTitle')} hint={t('tabs.emptyHint')} testId="tabs-empty" />
          ) : (
            <EmptyState
              title={t('tabs.noProjectTitle')}
              hint={t('tabs.noProjectHint')}
              action={noProjectActions}
              testId="no-project"
            />
          )
        ) : null}
        {tabs.map((tab) => {
          const view = getView(tab.viewId);
          const View = view?.component;
          const mounted = tab.id === activeTabId || visited.has(tab.id);
          return (
            <div
              key={tab.id}
              className="k-tabpanel"
              role="tabpanel"
              hidden={tab.id !== activeTabId}
              data-testid="tab-panel"
              data-tab-id={tab.id}
              data-view-id={tab.viewId}
            >
              {!mounted ? null : View ? (
                <View key={tab.rev} tabId={tab.id} datasetId={tab.datasetId} params={tab.params} />
              ) : (
                <EmptyState title={t('tabs.unknownView', { id: tab.viewId })} />
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
