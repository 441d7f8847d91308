/**
 * What the menus, the OS and the bridge ask the shell to do, in one place: dialogs, the recent
 * list, the menu language, and commands to the focused window. Files arriving before a window
 * exists (double-click on a .kequn starts the app) are held until the window's page is ready.
 */
import { app, BrowserWindow, dialog, Menu, shell } from 'electron';
import type { MenuCommand, UiLanguage } from '../../shared/desktop-bridge';
import { IPC } from '../../shared/desktop-ipc';
import { Dialogs } from './dialogs';
import type { EngineProcess, EngineState } from './engine-process';
import { classifyPaths, type OpenedFiles } from './file-args';
import type { IpcActions } from './ipc';
import { buildMenuTemplate, type MenuActions } from './menu';
import { RecentProjects } from './recent-projects';
import { isRevealable } from './reveal-file';
import { loadLanguage, saveLanguage } from './settings';
import { sendMenuCommand } from './window';

const ABOUT = {
  'zh-CN': { title: '关于客群', detail: '离线客户细分：导入、清洗、RFM、分群、偏好分析、Excel 报告。', ok: '确定' },
  en: { title: 'About Kequn', detail: 'Offline customer segmentation: import, clean, RFM, segments, preferences, Excel reports.', ok: 'OK' },
} as const;

const ENGINE_FAILED = {
  'zh-CN': { message: '计算引擎多次意外停止。', detail: '已完成的步骤都已保存在项目文件中。', retry: '重试', quit: '退出' },
  en: { message: 'The engine stopped unexpectedly several times.', detail: 'Every finished step is saved in the project file.', retry: 'Retry', quit: 'Quit' },
} as const;

export class ShellController {
  language: UiLanguage;
  readonly recent: RecentProjects;
  readonly dialogs: Dialogs;
  private pending: MenuCommand[] = [];
  private readonly loaded = new WeakSet<BrowserWindow>();

  constructor(
    private readonly userData: string,
    private readonly engine: () => EngineProcess,
  ) {
    this.language = loadLanguage(userData);
    this.recent = new RecentProjects(userData);
    this.dialogs = new Dialogs(() => this.language);
  }

  private target(): BrowserWindow | undefined {
    return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  }

  private windowOf(webContentsId: number): BrowserWindow | undefined {
    return BrowserWindow.getAllWindows().find((w) => !w.isDestroyed() && w.webContents.id === webContentsId);
  }

  /**
   * Sends a command to the focused window. Until a window's page has loaded (its preload buffers
   * from then on) commands are kept here, so a file double-clicked to start the app is not lost.
   */
  command(command: MenuCommand, win: BrowserWindow | undefined = this.target()): void {
    if (!win || !this.loaded.has(win)) {
      this.pending.push(command);
      return;
    }
    sendMenuCommand(win, command);
  }

  /** Called when a window's page has loaded: delivers what arrived before. */
  pageLoaded(win: BrowserWindow): void {
    this.loaded.add(win);
    const queued = this.pending;
    this.pending = [];
    for (const c of queued) sendMenuCommand(win, c);
  }

  openProjectPath(path: string, win?: BrowserWindow): void {
    this.recent.add(path);
    this.command({ type: 'openProject', path }, win);
    this.refreshMenu();
  }

  /** Files from argv, `open-file` or a drop: the first project opens, workbooks get imported. */
  deliverFiles(files: OpenedFiles, win?: BrowserWindow): void {
    const project = files.projects[0];
    if (project) this.openProjectPath(project, win);
    if (files.workbooks.length) this.command({ type: 'importData', paths: files.workbooks }, win);
  }

  onEngineState(state: EngineState): void {
    if (state === 'restarting' || state === 'running' || state === 'failed') {
      for (const w of BrowserWindow.getAllWindows()) sendMenuCommand(w, { type: 'engineState', state });
    }
    if (state === 'failed') void this.askRetry();
  }

  private async askRetry(): Promise<void> {
    const t = ENGINE_FAILED[this.language];
    const r = await dialog.showMessageBox({ type: 'error', message: t.message, detail: t.detail, buttons: [t.retry, t.quit], defaultId: 0, cancelId: 1 });
    if (r.response === 0) this.engine().retry();
    else app.quit();
  }

  setLanguage(language: UiLanguage): void {
    if (language === this.language) return;
    this.language = language;
    saveLanguage(this.userData, language);
    this.refreshMenu();
  }

  refreshMenu(): void {
    if (!app.isReady()) return;
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({ language: this.language, recent: this.recent.all(), platform: process.platform, isPackaged: app.isPackaged, actions: this.menuActions() }),
      ),
    );
  }

  private menuActions(): MenuActions {
    return {
      newProject: () =>
        void this.dialogs.saveProject(this.target(), 'new').then((path) => {
          if (!path) return;
          this.recent.add(path);
          this.refreshMenu();
          this.command({ type: 'newProject', path });
        }),
      openProject: () =>
        void this.dialogs.openProject(this.target()).then((path) => {
          if (path) this.openProjectPath(path);
        }),
      openRecent: (path) => {
        const files = classifyPaths([path], process.cwd());
        if (files.projects.length) this.openProjectPath(path);
        else {
          this.recent.remove(path);
          this.refreshMenu();
        }
      },
      clearRecent: () => {
        this.recent.clear();
        this.refreshMenu();
      },
      saveProjectAs: () =>
        void this.dialogs.saveProject(this.target(), 'saveAs').then((path) => {
          if (!path) return;
          this.recent.add(path);
          this.refreshMenu();
          this.command({ type: 'saveProjectAs', path });
        }),
      importData: () =>
        void this.dialogs.openWorkbooks(this.target()).then((paths) => {
          if (paths.length) this.command({ type: 'importData', paths });
        }),
      exportReport: () => this.command({ type: 'exportReport' }),
      setLanguage: (language) => {
        this.setLanguage(language);
        for (const w of BrowserWindow.getAllWindows()) sendMenuCommand(w, { type: 'setLanguage', language });
      },
      showAbout: () => {
        const t = ABOUT[this.language];
        void dialog.showMessageBox({ type: 'info', title: t.title, message: `客群 Kequn ${app.getVersion()}`, detail: t.detail, buttons: [t.ok] });
      },
      openDataFolder: () => void shell.openPath(this.userData),
      quit: () => app.quit(),
    };
  }

  /** The bridge's handlers (validated and sender-checked by ipc.ts before they get here). */
  ipcActions(isOurWindow: (id: number) => boolean): IpcActions {
    return {
      isOurWindow,
      openProjectDialog: async (id) => {
        const path = await this.dialogs.openProject(this.windowOf(id));
        if (path) {
          this.recent.add(path);
          this.refreshMenu();
        }
        return path;
      },
      saveProjectDialog: async (id, name) => {
        const path = await this.dialogs.saveProject(this.windowOf(id), 'saveAs', name);
        if (path) {
          this.recent.add(path);
          this.refreshMenu();
        }
        return path;
      },
      openWorkbookDialog: (id) => this.dialogs.openWorkbooks(this.windowOf(id)),
      saveReportDialog: (id, options) => this.dialogs.saveReport(this.windowOf(id), options.defaultName),
      setLanguage: (language) => this.setLanguage(language),
      showInFolder: (path) => {
        if (!isRevealable(path)) return false;
        shell.showItemInFolder(path);
        return true;
      },
      dropFiles: (id, paths) => {
        const win = this.windowOf(id);
        const files = classifyPaths(paths, process.cwd());
        const project = files.projects[0];
        if (project) this.openProjectPath(project, win);
        if (win && files.workbooks.length) win.webContents.send(IPC.filesDropped, { paths: files.workbooks });
      },
      requestEnginePort: (id) => {
        this.engine().reconnect(id);
      },
      log: (m) => console.warn(m),
    };
  }
}
