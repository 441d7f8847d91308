/**
 * The desktop bridge: what the preload exposes as `window.kequnDesktop` in the Electron app, and
 * nothing more. Absent in browser mode, so the renderer checks `window.kequnDesktop` first.
 * Pure types; the channel names live in desktop-ipc.ts.
 */

export type UiLanguage = 'zh-CN' | 'en';

/** A file filter as native dialogs take it (extensions without the dot). */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/**
 * What the native menu (or the operating system) asks the UI to do. Paths were chosen by the
 * user in a native dialog or handed to the app by the OS (double-click, drag-and-drop).
 */
export type MenuCommand =
  | { type: 'newProject'; path: string }
  | { type: 'openProject'; path: string }
  | { type: 'saveProjectAs'; path: string }
  | { type: 'importData'; paths: string[] }
  | { type: 'exportReport' }
  | { type: 'setLanguage'; language: UiLanguage }
  /** The engine process stopped and is being restarted, is back, or gave up after retries. */
  | { type: 'engineState'; state: 'restarting' | 'running' | 'failed' };

export type MenuCommandType = MenuCommand['type'];

/** Workbooks dropped onto the window; the renderer starts the import. */
export interface DroppedFiles {
  paths: string[];
}

export interface SaveReportOptions {
  /** Suggested file name, e.g. "客群报告.xlsx". */
  defaultName?: string;
  /** What is written: an Excel workbook (default) or a CSV file; sets the dialog's file filter. */
  format?: 'xlsx' | 'csv';
}

export type DesktopPlatform = 'win32' | 'darwin' | 'linux';

export interface KequnDesktop {
  /** Native "open project" dialog; the chosen .kequn path, or null when cancelled. */
  openProjectDialog(): Promise<string | null>;
  /** Native "save project as" dialog; the chosen path, or null when cancelled. */
  saveProjectDialog(defaultName?: string): Promise<string | null>;
  /** Native dialog for workbooks (xlsx, xls, csv); the chosen paths, empty when cancelled. */
  openWorkbookDialog(): Promise<string[]>;
  /**
   * Native dialog for where to write a report or an export; the path, or null when cancelled.
   * The desktop engine writes only to paths chosen here.
   */
  saveReportDialog(options?: SaveReportOptions): Promise<string | null>;
  /**
   * Shows a file the app wrote (report, export, project) selected in Explorer / Finder. Resolves
   * false when main refuses it (not an existing file of a kind the app writes).
   */
  showInFolder(path: string): Promise<boolean>;
  /** Tells the shell the UI language so native menus follow it. */
  setLanguage(language: UiLanguage): Promise<void>;
  /** Subscribes to menu and OS commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Subscribes to workbooks dropped onto the window; returns the unsubscribe function. */
  onFilesDropped(listener: (files: DroppedFiles) => void): () => void;
  readonly platform: DesktopPlatform;
}

/** The message the preload posts to the page with the engine's MessagePort in `ports[0]` (see PAGE_MESSAGES). */
export interface EnginePortMessage {
  type: 'kequn:engine-port';
}
