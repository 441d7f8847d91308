/**
 * The main window: secure options, saved size/position/maximised state, our page from the app
 * scheme, and its engine port. Electron glue only; the policies live in security.ts.
 */
import { BrowserWindow, screen, shell } from 'electron';
import { IPC } from '../../shared/desktop-ipc';
import type { MenuCommand } from '../../shared/desktop-bridge';
import type { EngineProcess } from './engine-process';
import { APP_ENTRY_URL, devToolsAllowed, hardenWebContents, isAllowedExternalUrl } from './security';
import { mainWindowOptions } from './window-options';
import { loadWindowState, saveWindowState, type WindowState } from './window-state';

export interface WindowDeps {
  userData: string;
  preloadPath: string;
  isPackaged: boolean;
  engine: EngineProcess;
  onClosed(win: BrowserWindow): void;
}

export function createMainWindow(deps: WindowDeps): BrowserWindow {
  // Primary first: a window that fits nowhere reopens there.
  const primary = screen.getPrimaryDisplay();
  const workAreas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const state = loadWindowState(deps.userData, workAreas);
  const win = new BrowserWindow(mainWindowOptions(state, deps.preloadPath, deps.isPackaged));
  const contents = win.webContents;
  const contentsId = contents.id;

  hardenWebContents(contents, (url) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
  });
  if (!devToolsAllowed(deps.isPackaged)) contents.on('devtools-opened', () => contents.closeDevTools());

  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });

  // Remember the normal (un-maximised) bounds, so "restore" after a restart goes back there.
  let last: WindowState = state;
  const remember = (): void => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    last = win.isMaximized() ? { bounds: last.bounds, maximized: true } : { bounds: win.getNormalBounds(), maximized: false };
  };
  win.on('resize', remember);
  win.on('move', remember);
  win.on('maximize', remember);
  win.on('unmaximize', remember);
  win.on('close', () => {
    remember();
    saveWindowState(deps.userData, last);
  });
  win.on('closed', () => {
    deps.engine.detach(contentsId);
    deps.onClosed(win);
  });

  deps.engine.attach({
    id: contentsId,
    isDestroyed: () => win.isDestroyed() || contents.isDestroyed(),
    postEnginePort: (port) => contents.postMessage(IPC.enginePort, null, [port]),
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

export function sendMenuCommand(win: BrowserWindow | null | undefined, command: MenuCommand): void {
  if (win && !win.isDestroyed()) win.webContents.send(IPC.menuCommand, command);
}
