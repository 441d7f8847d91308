/**
 * Sandboxed preload (one CommonJS bundle that may only require 'electron'). It exposes exactly
 * `window.kequnDesktop` and hands the engine's MessagePort to the page; no ipcRenderer, event
 * object or Node API reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { DesktopPlatform, DroppedFiles, KequnDesktop, MenuCommand, SaveReportOptions, UiLanguage } from '../../shared/desktop-bridge';
import { IPC, PAGE_MESSAGES } from '../../shared/desktop-ipc';
import { createBuffer } from './listener-buffer';

// --- engine port: held until the page says it listens, then posted (again after restarts) ---
let pendingPort: MessagePort | null = null;
let pageWantsPort = false;

/** Only to our own page's origin (kequn://app): never '*', so no other document can receive the port. */
function postPort(port: MessagePort): void {
  window.postMessage({ type: PAGE_MESSAGES.enginePort }, window.location.origin, [port]);
}

ipcRenderer.on(IPC.enginePort, (e) => {
  const port = e.ports[0];
  if (!port) return;
  if (pageWantsPort) postPort(port);
  else {
    pendingPort?.close();
    pendingPort = port;
  }
});

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  // Origin rather than `source`: the preload's isolated world sees its own window proxy.
  if (e.origin !== window.location.origin || !isMessage(e.data, PAGE_MESSAGES.enginePortWanted)) return;
  pageWantsPort = true;
  if (pendingPort) {
    postPort(pendingPort);
    pendingPort = null;
  } else {
    void ipcRenderer.invoke(IPC.requestEnginePort);
  }
});

function isMessage(data: unknown, type: string): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === type;
}

// --- commands from main: kept until the page subscribes, so none is lost at start-up ---
const menuCommands = createBuffer<MenuCommand>();
const droppedFiles = createBuffer<DroppedFiles>();
ipcRenderer.on(IPC.menuCommand, (_e: IpcRendererEvent, command: MenuCommand) => menuCommands.emit(command));
ipcRenderer.on(IPC.filesDropped, (_e: IpcRendererEvent, files: DroppedFiles) => droppedFiles.emit(files));

// --- drag and drop: the page never sees file paths of its own; main checks what they are ---
window.addEventListener('dragover', (e) => {
  if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
});
window.addEventListener('drop', (e) => {
  const files = e.dataTransfer ? Array.from(e.dataTransfer.files) : [];
  if (files.length === 0) return;
  e.preventDefault();
  const paths = files.map((f) => webUtils.getPathForFile(f)).filter((p) => p.length > 0);
  if (paths.length) void ipcRenderer.invoke(IPC.dropFiles, paths.slice(0, 100));
});

const platform: DesktopPlatform = process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux';

const bridge: KequnDesktop = {
  openProjectDialog: () => ipcRenderer.invoke(IPC.openProjectDialog) as Promise<string | null>,
  saveProjectDialog: (defaultName?: string) =>
    (defaultName === undefined ? ipcRenderer.invoke(IPC.saveProjectDialog) : ipcRenderer.invoke(IPC.saveProjectDialog, defaultName)) as Promise<string | null>,
  openWorkbookDialog: () => ipcRenderer.invoke(IPC.openWorkbookDialog) as Promise<string[]>,
  saveReportDialog: (options?: SaveReportOptions) =>
    (options === undefined ? ipcRenderer.invoke(IPC.saveReportDialog) : ipcRenderer.invoke(IPC.saveReportDialog, options)) as Promise<string | null>,
  showInFolder: (path: string) => ipcRenderer.invoke(IPC.showInFolder, path) as Promise<boolean>,
  setLanguage: async (language: UiLanguage) => {
    await ipcRenderer.invoke(IPC.setLanguage, language);
  },
  onMenuCommand: (listener) => menuCommands.subscribe(listener),
  onFilesDropped: (listener) => droppedFiles.subscribe(listener),
  platform,
};

contextBridge.exposeInMainWorld('kequnDesktop', bridge);
