/**
 * The native menu as a template (plain objects; main.ts turns it into a Menu). Built again
 * whenever the UI language or the recent list changes. Pure, so both languages are testable.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { UiLanguage } from '../../shared/desktop-bridge';
import { MENU_LABELS } from './menu-labels';
import type { RecentProject } from './recent-projects';

/** What the menu items do; main.ts wires them to dialogs and the focused window. */
export interface MenuActions {
  newProject(): void;
  openProject(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  saveProjectAs(): void;
  importData(): void;
  exportReport(): void;
  setLanguage(language: UiLanguage): void;
  showAbout(): void;
  openDataFolder(): void;
  quit(): void;
}

export interface MenuInput {
  language: UiLanguage;
  recent: readonly RecentProject[];
  platform: NodeJS.Platform;
  /** Developer items (reload, devtools) only in development builds. */
  isPackaged: boolean;
  actions: MenuActions;
}

export function buildMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const t = MENU_LABELS[input.language];
  const a = input.actions;
  const mac = input.platform === 'darwin';

  const recentItems: MenuItemConstructorOptions[] = input.recent.length
    ? [
        ...input.recent.map((r): MenuItemConstructorOptions => ({ label: `${r.name}  —  ${r.path}`, click: () => a.openRecent(r.path) })),
        { type: 'separator' },
        { id: 'clear-recent', label: t.clearRecent, click: () => a.clearRecent() },
      ]
    : [{ id: 'no-recent', label: t.noRecentProjects, enabled: false }];

  const file: MenuItemConstructorOptions = {
    id: 'file',
    label: t.file,
    submenu: [
      { id: 'new-project', label: t.newProject, accelerator: 'CmdOrCtrl+N', click: () => a.newProject() },
      { id: 'open-project', label: t.openProject, accelerator: 'CmdOrCtrl+O', click: () => a.openProject() },
      { id: 'recent-projects', label: t.recentProjects, submenu: recentItems },
      { id: 'save-project-as', label: t.saveProjectAs, accelerator: 'CmdOrCtrl+Shift+S', click: () => a.saveProjectAs() },
      { type: 'separator' },
      { id: 'import-data', label: t.importData, accelerator: 'CmdOrCtrl+I', click: () => a.importData() },
      { id: 'export-report', label: t.exportReport, accelerator: 'CmdOrCtrl+E', click: () => a.exportReport() },
      ...(mac ? [] : [{ type: 'separator' } as const, { id: 'quit', label: t.quit, accelerator: 'Ctrl+Q', click: () => a.quit() }]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    id: 'edit',
    label: t.edit,
    submenu: [
      { label: t.undo, role: 'undo' },
      { label: t.redo, role: 'redo' },
      { type: 'separator' },
      { label: t.cut, role: 'cut' },
      { label: t.copy, role: 'copy' },
      { label: t.paste, role: 'paste' },
      { label: t.selectAll, role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    id: 'view',
    label: t.view,
    submenu: [
      {
        id: 'language',
        label: t.language,
        submenu: [
          { id: 'language-zh', label: t.chinese, type: 'radio', checked: input.language === 'zh-CN', click: () => a.setLanguage('zh-CN') },
          { id: 'language-en', label: t.english, type: 'radio', checked: input.language === 'en', click: () => a.setLanguage('en') },
        ],
      },
      { type: 'separator' },
      { label: t.resetZoom, role: 'resetZoom' },
      { label: t.zoomIn, role: 'zoomIn' },
      { label: t.zoomOut, role: 'zoomOut' },
      { type: 'separator' },
      { label: t.fullscreen, role: 'togglefullscreen' },
      ...(input.isPackaged
        ? []
        : [{ type: 'separator' } as const, { label: t.reload, role: 'reload' } as const, { label: t.toggleDevTools, role: 'toggleDevTools' } as const]),
    ],
  };

  const help: MenuItemConstructorOptions = {
    id: 'help',
    label: t.help,
    role: 'help',
    submenu: [
      { id: 'data-folder', label: t.dataFolder, click: () => a.openDataFolder() },
      ...(mac ? [] : [{ id: 'about', label: t.about, click: () => a.showAbout() }]),
    ],
  };

  const appMenu: MenuItemConstructorOptions = {
    id: 'app',
    label: '客群 Kequn',
    submenu: [
      { id: 'about', label: t.about, click: () => a.showAbout() },
      { type: 'separator' },
      { label: t.hide, role: 'hide' },
      { label: t.hideOthers, role: 'hideOthers' },
      { label: t.showAll, role: 'unhide' },
      { type: 'separator' },
      { id: 'quit', label: t.quit, accelerator: 'Cmd+Q', click: () => a.quit() },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    id: 'window',
    label: t.window,
    submenu: [
      { label: t.minimize, role: 'minimize' },
      { label: t.close, role: 'close' },
    ],
  };

  return mac ? [appMenu, file, edit, view, windowMenu, help] : [file, edit, view, help];
}
