/**
 * IPC channel names between the preload and Electron main. One place, so the two sides cannot
 * drift; main validates every payload that arrives on them.
 */
export const IPC = {
  /** main → window: the engine's MessagePort (sent again after an engine restart). */
  enginePort: 'kequn:engine-port',
  /** main → window: a MenuCommand. */
  menuCommand: 'kequn:menu-command',
  /** main → window: DroppedFiles. */
  filesDropped: 'kequn:files-dropped',
  /** window → main (invoke). */
  openProjectDialog: 'kequn:open-project-dialog',
  saveProjectDialog: 'kequn:save-project-dialog',
  openWorkbookDialog: 'kequn:open-workbook-dialog',
  saveReportDialog: 'kequn:save-report-dialog',
  setLanguage: 'kequn:set-language',
  /** window → main (invoke): reveal a written file in the system's file manager. */
  showInFolder: 'kequn:show-in-folder',
  /** window → main (invoke): paths of files dropped on the page, resolved by the preload. */
  dropFiles: 'kequn:drop-files',
  /** window → main (invoke, preload only): send this window a fresh engine port. */
  requestEnginePort: 'kequn:request-engine-port',
} as const;

/**
 * Page ↔ preload handshake over window.postMessage: the page posts `enginePortWanted` once its
 * listener is installed; the preload answers with `{ type: 'kequn:engine-port' }` carrying the
 * port (and posts again with a fresh port after every engine restart).
 */
export const PAGE_MESSAGES = {
  enginePort: 'kequn:engine-port',
  enginePortWanted: 'kequn:engine-port-wanted',
} as const;

export type IpcChannel = (typeof IPC)[keyof typeof IPC];

/** Channels the renderer may invoke; everything else is refused by main. */
export const INVOKE_CHANNELS = [
  IPC.openProjectDialog,
  IPC.saveProjectDialog,
  IPC.openWorkbookDialog,
  IPC.saveReportDialog,
  IPC.setLanguage,
  IPC.showInFolder,
  IPC.dropFiles,
  IPC.requestEnginePort,
] as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/** File extensions the app handles (lower case, without the dot). */
export const PROJECT_EXTENSIONS = ['kequn'] as const;
export const WORKBOOK_EXTENSIONS = ['xlsx', 'xlsm', 'xls', 'csv', 'txt'] as const;
