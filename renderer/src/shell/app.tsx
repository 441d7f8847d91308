import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import { desktopBridge } from '../app/desktop-bridge';
import { useEngineState } from '../app/engine-context';
import { useCall } from '../app/use-call';
import { defaultDatasetViewId } from '../app/view-registry';
import { useWorkspace } from '../app/workspace';
import { Button } from '../components/button';
import { ErrorBanner } from '../components/error-banner';
import { ProgressDialog } from '../components/progress-dialog';
import { WorkflowRail } from '../features/workflow/index';
import { useDesktopImport } from '../features/import/use-desktop-import';
import { AboutDialog } from './about-dialog';
import { DatasetDialogs, type DatasetDialogState } from './dataset-dialogs';
import { DatasetList } from './dataset-list';
import { ProjectDialog } from './project-dialog';
import { Ribbon } from './ribbon';
import type { ShellAction } from './ribbon-model';
import { StatusBar } from './status-bar';
import { TabArea } from './tab-area';
import { TopBar } from './top-bar';
import { useDelayed } from './use-delayed';
import { useDesktopShell } from './use-desktop-shell';
import { usePanelWidth } from './use-panel-width';
import { useProject } from './use-project';
import { useProjectTabs } from './use-project-tabs';

/** The app frame: top bar, dataset list, tabs, status bar. */
export function App() {
  const { t } = useTranslation('shell');
  const { state: engineState, mode } = useEngineState();
  const { project, datasets, loading, datasetsLoading, error: loadError } = useProject();
  const workspace = useWorkspace();
  const openDemo = useCall('project.openDemo');
  const openProject = useCall('project.open');
  const saveAs = useCall('project.saveAs');
  const [dialog, setDialog] = useState<'open' | 'create' | null>(null);
  const [datasetDialog, setDatasetDialog] = useState<DatasetDialogState>(null);
  const [aboutOpen, setAboutOpen] = useState(false);
  const [dismissedLoadError, setDismissedLoadError] = useState<unknown>(null);
  const panel = usePanelWidth();
  const busy = openDemo.running || openProject.running || saveAs.running;
  useDesktopShell({
    openProject: (path, create) => void openProject.run({ path, create }),
    saveProjectAs: (path) => void saveAs.run({ path }),
    exportReport: () => workspace.openTab({ viewId: 'report', datasetId: null }),
  });
  // File › Import and workbooks dropped on the desktop window open the import view.
  useDesktopImport();
  // The desktop menu's accelerators (Ctrl+I, Ctrl+E) also work in browser mode, where there is no menu.
  useEffect(() => {
    if (desktopBridge()) return undefined;
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || project === null) return;
      const key = e.key.toLowerCase();
      if (key !== 'i' && key !== 'e') return;
      e.preventDefault();
      workspace.openTab(key === 'i' ? { viewId: 'import', datasetId: null } : { viewId: 'report', datasetId: null });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [project, workspace]);
  const showProgress = useDelayed(busy, 300);

  const openDataset = (d: DatasetInfo): void => {
    workspace.openTab({ viewId: defaultDatasetViewId(), datasetId: d.id });
  };

  useProjectTabs(project, datasets, datasetsLoading);

  const chooseProject = async (create: boolean): Promise<void> => {
    const bridge = desktopBridge();
    if (!bridge) {
      setDialog(create ? 'create' : 'open');
      return;
    }
    const path = create ? await bridge.saveProjectDialog() : await bridge.openProjectDialog();
    if (path) await openProject.run({ path, create });
  };

  const submitPath = async (path: string, create: boolean): Promise<void> => {
    const opened = await openProject.run({ path, create });
    if (opened) setDialog(null);
  };

  const activeTab = workspace.tabs.find((tab) => tab.id === workspace.activeTabId) ?? null;
  const activeDataset = activeTab?.datasetId ? (datasets.find((d) => d.id === activeTab.datasetId) ?? null) : null;
  const currentDataset = workspace.currentDatasetId ? (datasets.find((d) => d.id === workspace.currentDatasetId) ?? null) : null;
  const onShell = (action: ShellAction): void => {
    if (action === 'openDemo') void openDemo.run({});
    else void chooseProject(action === 'newProject');
  };
  const actionError = openProject.error ?? openDemo.error ?? saveAs.error;
  const visibleLoadError = loadError && loadError !== dismissedLoadError ? loadError : null;

  return (
    <div className="k-app" data-testid="app" data-engine-state={engineState}>
      <TopBar
        project={project}
        busy={busy}
        onOpenDemo={() => void openDemo.run({})}
        onOpenProject={() => void chooseProject(false)}
        onCreateProject={() => void chooseProject(true)}
      />
      <Ribbon hasProject={project !== null} dataset={currentDataset} busy={busy} onShell={onShell} />
      {actionError && dialog === null ? (
        <ErrorBanner
          error={actionError}
          onDismiss={() => {
            openProject.clearError();
            openDemo.clearError();
            saveAs.clearError();
          }}
        />
      ) : null}
      {!actionError && visibleLoadError && engineState === 'connected' ? (
        <ErrorBanner error={visibleLoadError} onDismiss={() => setDismissedLoadError(visibleLoadError)} />
      ) : null}
      <div className="k-body">
        <DatasetList
          datasets={datasets}
          activeDatasetId={activeTab?.datasetId ?? null}
          activeViewId={activeTab?.viewId ?? null}
          hasProject={project !== null}
          loading={loading}
          onOpen={openDataset}
          onOpenView={(viewId, datasetId) => workspace.openTab({ viewId, datasetId })}
          onRename={(dataset) => setDatasetDialog({ kind: 'rename', dataset })}
          onRemove={(dataset) => setDatasetDialog({ kind: 'remove', dataset })}
          onImport={() => workspace.openTab({ viewId: 'import', datasetId: null })}
          workflow={<WorkflowRail hasProject={project !== null} />}
          width={panel.width}
        />
        <div
          className="k-splitter"
          role="separator"
          aria-orientation="vertical"
          onPointerDown={panel.onSplitterDown}
          onDoubleClick={panel.reset}
          data-testid="sidebar-splitter"
        />
        <TabArea
          datasets={datasets}
          hasProject={project !== null}
          noProjectActions={
            <div className="k-row">
              <Button variant="primary" onClick={() => void openDemo.run({})} disabled={busy}>
                {t('project.openDemo')}
              </Button>
              <Button onClick={() => void chooseProject(false)} disabled={busy}>
                {t('project.open')}
              </Button>
            </div>
          }
        />
      </div>
      <StatusBar
        dataset={activeDataset}
        selectionText={workspace.selectionText(workspace.activeTabId)}
        engineState={engineState}
        mode={mode}
        onAbout={() => setAboutOpen(true)}
      />
      {aboutOpen ? <AboutDialog onClose={() => setAboutOpen(false)} /> : null}
      <ProjectDialog
        key={dialog ?? 'closed'}
        mode={dialog}
        busy={busy}
        error={openProject.error}
        onSubmit={(path, create) => void submitPath(path, create)}
        onClose={() => {
          setDialog(null);
          openProject.clearError();
        }}
      />
      <DatasetDialogs state={datasetDialog} onClose={() => setDatasetDialog(null)} />
      <ProgressDialog
        open={showProgress}
        title={t('project.opening')}
        progress={openDemo.progress ?? openProject.progress ?? saveAs.progress}
        controller={openDemo.controller ?? openProject.controller ?? saveAs.controller}
      />
    </div>
  );
}
