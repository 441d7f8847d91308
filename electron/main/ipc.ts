/**
 * The invoke handlers behind `window.kequnDesktop`. Each call is checked twice: the sender must
 * be the main frame of one of our windows showing our own page, and the arguments must match
 * the channel's schema. A refused call rejects in the renderer and changes nothing.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { SaveReportOptions, UiLanguage } from '../../shared/desktop-bridge';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../shared/desktop-ipc';
import { IPC_ARGS, type IpcArgs } from './ipc-schemas';
import { isAppUrl } from './security';

/** What the handlers do, per window (identified by its webContents id). */
export interface IpcActions {
  /** webContents ids of our windows; any other sender is refused. */
  isOurWindow(webContentsId: number): boolean;
  openProjectDialog(webContentsId: number): Promise<string | null>;
  saveProjectDialog(webContentsId: number, defaultName: string | undefined): Promise<string | null>;
  openWorkbookDialog(webContentsId: number): Promise<string[]>;
  saveReportDialog(webContentsId: number, options: SaveReportOptions): Promise<string | null>;
  setLanguage(language: UiLanguage): void;
  showInFolder(path: string): boolean;
  dropFiles(webContentsId: number, paths: string[]): void;
  requestEnginePort(webContentsId: number): void;
  log?(message: string): void;
}

export class IpcRefused extends Error {
  constructor(reason: string) {
    super(`IPC refused: ${reason}`);
    this.name = 'IpcRefused';
  }
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** Only the top frame of our own window, showing a page served by the app scheme. */
export function checkSender(event: SenderEvent, isOurWindow: (id: number) => boolean): string | null {
  if (!isOurWindow(event.sender.id)) return 'unknown window';
  const frame = event.senderFrame;
  if (!frame) return 'frame gone';
  if (frame.parent !== null) return 'not the main frame';
  if (!isAppUrl(frame.url)) return `foreign origin ${frame.url}`;
  return null;
}

export function parseArgs<C extends InvokeChannel>(channel: C, args: unknown[]): IpcArgs<C> {
  const parsed = IPC_ARGS[channel].safeParse(args);
  if (!parsed.success) throw new IpcRefused(`bad arguments for ${channel}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data as IpcArgs<C>;
}

type Handler = (webContentsId: number, args: unknown[]) => Promise<unknown> | unknown;

function handlersFor(a: IpcActions): Record<InvokeChannel, Handler> {
  return {
    'kequn:open-project-dialog': (id, args) => {
      parseArgs('kequn:open-project-dialog', args);
      return a.openProjectDialog(id);
    },
    'kequn:save-project-dialog': (id, args) => {
      const [name] = parseArgs('kequn:save-project-dialog', args);
      return a.saveProjectDialog(id, name);
    },
    'kequn:open-workbook-dialog': (id, args) => {
      parseArgs('kequn:open-workbook-dialog', args);
      return a.openWorkbookDialog(id);
    },
    'kequn:save-report-dialog': (id, args) => {
      const [options] = parseArgs('kequn:save-report-dialog', args);
      return a.saveReportDialog(id, options ?? {});
    },
    'kequn:set-language': (_id, args) => {
      const [language] = parseArgs('kequn:set-language', args);
      a.setLanguage(language);
    },
    'kequn:show-in-folder': (_id, args) => {
      const [path] = parseArgs('kequn:show-in-folder', args);
      return a.showInFolder(path);
    },
    'kequn:drop-files': (id, args) => {
      const [paths] = parseArgs('kequn:drop-files', args);
      a.dropFiles(id, paths);
    },
    'kequn:request-engine-port': (id, args) => {
      parseArgs('kequn:request-engine-port', args);
      a.requestEnginePort(id);
    },
  };
}

/** Registers every invoke channel on `ipcMain`; returns a function that removes them. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, actions: IpcActions): () => void {
  const handlers = handlersFor(actions);
  for (const channel of INVOKE_CHANNELS) {
    const handler = handlers[channel];
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      const refused = checkSender(event, actions.isOurWindow);
      if (refused) {
        actions.log?.(`[main] ${channel} refused: ${refused}`);
        throw new IpcRefused(refused);
      }
      try {
        return await handler(event.sender.id, args);
      } catch (e) {
        if (e instanceof IpcRefused) actions.log?.(`[main] ${e.message}`);
        throw e;
      }
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
