/**
 * What the menus, the OS and the bridge ask the shell to do, in one place: dialogs, the recent
 * list, the menu language, and commands to the focused window. Files arriving before a window
 * exists (double-click on a .kequn starts the app) are held until the window's page is ready.
 */
import { app, BrowserWindow, dialog, Menu, shell } from 'electron';
import type { MenuCommand, UiLanguage } from '../../shared/desktop-bridge';
import { IPC } from '../../shared/desktop-ipc';
import type { FileAccess } from '../../shared/file-grants';
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

  /**
   * Tells the engine the user chose these paths (desktop engines use no other). Every path that
   * reaches the page from a dialog, a drop, the recent list or the OS goes through here first,
   * and the page hears of it only once the engine has the grant.
   */
  private async grant(paths: readonly string[], access: FileAccess): Promise<void> {
    await Promise.all(paths.map((p) => this.engine().grant(p, access)));
  }

  /** Grants, then runs `then`; a grant never fails (at worst the engine call says PATH_NOT_GRANTED). */
  private afterGrant(paths: readonly string[], access: FileAccess, then: () => void): void {
    void this.grant(paths, access).then(then);
  }

  openProjectPath(path: string, win?: BrowserWindow): void {
    this.recent.add(path);
    this.refreshMenu();
    this.afterGrant([path], 'project', () => this.command({ type: 'openProject', path }, win));
  }

  /** Files from argv, `open-file` or a drop: the first project opens, workbooks get imported. */
  deliverFiles(files: OpenedFiles, win?: BrowserWindow): void {
    const project = files.projects[0];
    if (project) this.openProjectPath(project, win);
    const workbooks = files.workbooks;
    if (workbooks.length) this.afterGrant(workbooks, 'read', () => this.command({ type: 'importData', paths: workbooks }, win));
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
          this.afterGrant([path], 'project', () => this.command({ type: 'newProject', path }));
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
          this.afterGrant([path], 'project', () => this.command({ type: 'saveProjectAs', path }));
        }),
      importData: () =>
        void this.dialogs.openWorkbooks(this.target()).then((paths) => {
          if (paths.length) this.afterGrant(paths, 'read', () => this.command({ type: 'importData', paths }));
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
          await this.grant([path], 'project');
        }
        return path;
      },
      saveProjectDialog: async (id, name) => {
        const path = await this.dialogs.saveProject(this.windowOf(id), 'saveAs', name);
        if (path) {
          this.recent.add(path);
          this.refreshMenu();
          await this.grant([path], 'project');
        }
        return path;
      },
      openWorkbookDialog: async (id) => {
        const paths = await this.dialogs.openWorkbooks(this.windowOf(id));
        await this.grant(paths, 'read');
        return paths;
      },
      saveReportDialog: async (id, options) => {
        const path = await this.dialogs.saveReport(this.windowOf(id), options.defaultName, options.format);
        if (path) await this.grant([path], 'write');
        return path;
      },
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
        const workbooks = files.workbooks;
        if (win && workbooks.length) {
          this.afterGrant(workbooks, 'read', () => {
            if (!win.isDestroyed()) win.webContents.send(IPC.filesDropped, { paths: workbooks });
          });
        }
      },
      requestEnginePort: (id) => {
        this.engine().reconnect(id);
      },
      log: (m) => console.warn(m),
    };
  }
}
