import { useEffect, useRef } from 'react';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import type { ProjectInfo } from '../../../shared/contract/project';
import { useEngine } from '../app/engine-context';
import { defaultDatasetViewId, isViewId } from '../app/view-registry';
import { useWorkspace } from '../app/workspace';
import { rememberProject } from './recent-projects';
import { loadTabs, saveTabs } from './saved-tabs';

/**
 * Keeps the tabs in step with the open project: a different project closes the old tabs and
 * restores the ones it had last time (or opens its first dataset); tabs of removed datasets
 * close; the tab list is saved as it changes. Also names the window after the project.
 */
export function useProjectTabs(project: ProjectInfo | null, datasets: DatasetInfo[], datasetsLoading: boolean): void {
  const { closeAll, openTab, reopenTab, activateTab, closeDatasetTabs, tabs, activeTabId } = useWorkspace();
  const client = useEngine();
  const shownProject = useRef<string | null>(null);
  const pendingRestore = useRef<string | null>(null);
  const projectPath = project?.path ?? null;

  useEffect(() => {
    if (shownProject.current === projectPath) return;
    if (shownProject.current !== null) closeAll();
    shownProject.current = projectPath;
    pendingRestore.current = projectPath;
  }, [projectPath, closeAll]);

  useEffect(() => {
    // Wait for the new project's dataset list, not the previous project's.
    if (!projectPath || pendingRestore.current !== projectPath || datasetsLoading) return;
    pendingRestore.current = null;
    const known = new Set(datasets.map((d) => d.id));
    const saved = loadTabs(projectPath).filter((t) => t.datasetId === null || known.has(t.datasetId));
    const restorable = saved.flatMap((t) => (isViewId(t.viewId) ? [{ ...t, viewId: t.viewId }] : []));
    if (restorable.length > 0) {
      const ids = restorable.map(({ active: _active, ...tab }) => reopenTab(tab));
      const active = ids[restorable.findIndex((t) => t.active)] ?? ids[0];
      if (active) activateTab(active);
      return;
    }
    const first = datasets[0];
    if (first) openTab({ viewId: defaultDatasetViewId(), datasetId: first.id });
  }, [projectPath, datasets, datasetsLoading, openTab, reopenTab, activateTab]);

  useEffect(() => {
    // Not before the restore above has run, or an empty tab list would overwrite the saved one.
    if (projectPath && pendingRestore.current !== projectPath) saveTabs(projectPath, tabs, activeTabId);
  }, [projectPath, tabs, activeTabId]);

  // Tabs of a removed dataset (here, in another window or by the CLI) would only show an error.
  useEffect(
    () =>
      client.on('datasets.changed', (e) => {
        if (e.reason === 'removed') closeDatasetTabs(e.datasetIds);
      }),
    [client, closeDatasetTabs],
  );

  useEffect(() => {
    document.title = project ? `${project.name} - 客群 Kequn` : '客群 Kequn';
    if (project && !project.isDemo) rememberProject({ path: project.path, name: project.name });
  }, [project]);
}
