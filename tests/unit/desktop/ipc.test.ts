/**
 * main's IPC handlers (electron/main/ipc.ts) registered on the electron stand-in's ipcMain and
 * invoked from its windows, with Electron's event shape: exactly the bridge channels, validated
 * arguments, and every call from anything but our window's top frame refused without effect.
 */
import type { IpcMain } from 'electron';
import { describe, expect, it } from 'vitest';
import type { SaveReportOptions, UiLanguage } from '../../../shared/desktop-bridge';
import { INVOKE_CHANNELS, IPC } from '../../../shared/desktop-ipc';
import { checkSender, registerIpc, type IpcActions } from '../../../electron/main/ipc';
import { APP_ENTRY_URL } from '../../../electron/main/security';
import { createElectronStandIn, type BrowserWindowClass, type SenderFrameSpec } from '../../helpers/electron-stand-in';

/** Which window and frame an invoke comes from (default: our window's top frame on our page). */
interface SenderSpec extends SenderFrameSpec {
  otherWindow?: boolean;
}

/** Records what reached the actions, so a refused call can be shown to have changed nothing. */
function setup(): { invoke: (channel: string, sender: SenderSpec, ...args: unknown[]) => Promise<unknown>; calls: string[]; channels: string[] } {
  const standIn = createElectronStandIn({ userData: '/nowhere' });
  const BrowserWindow = standIn.electron.BrowserWindow as BrowserWindowClass;
  const ours = new BrowserWindow({});
  const other = new BrowserWindow({});
  void ours.loadURL(APP_ENTRY_URL);
  void other.loadURL(APP_ENTRY_URL);
  const calls: string[] = [];
  const actions: IpcActions = {
    isOurWindow: (id) => id === ours.webContents.id,
    openProjectDialog: async () => {
      calls.push('openProjectDialog');
      return '/p/a.kequn';
    },
    saveProjectDialog: async (_id, name) => {
      calls.push(`saveProjectDialog:${name ?? ''}`);
      return null;
    },
    openWorkbookDialog: async () => {
      calls.push('openWorkbookDialog');
      return ['/w/a.xlsx'];
    },
    saveReportDialog: async (_id, options: SaveReportOptions) => {
      calls.push(`saveReportDialog:${options.defaultName ?? ''}`);
      return '/r/x.xlsx';
    },
    setLanguage: (l: UiLanguage) => calls.push(`setLanguage:${l}`),
    showInFolder: (path) => {
      calls.push(`showInFolder:${path}`);
      return path.endsWith('.xlsx');
    },
    dropFiles: (_id, paths) => calls.push(`dropFiles:${paths.join(',')}`),
    requestEnginePort: (id) => calls.push(`requestEnginePort:${id === ours.webContents.id ? 'ours' : id}`),
  };
  registerIpc(standIn.electron.ipcMain as Pick<IpcMain, 'handle' | 'removeHandler'>, actions);
  return {
    calls,
    channels: [...standIn.ipcHandlers.keys()],
    invoke: (channel, sender, ...args) => (sender.otherWindow ? other : ours).webContents.invoke(channel, args, sender),
  };
}

describe('IPC handlers', () => {
  it('registers exactly the bridge channels', () => {
    expect(setup().channels.sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('serve our own window with validated arguments', async () => {
    const { invoke, calls } = setup();
    expect(await invoke(IPC.openProjectDialog, {})).toBe('/p/a.kequn');
    expect(await invoke(IPC.saveProjectDialog, {}, '客户.kequn')).toBeNull();
    expect(await invoke(IPC.saveProjectDialog, {})).toBeNull();
    expect(await invoke(IPC.openWorkbookDialog, {})).toEqual(['/w/a.xlsx']);
    expect(await invoke(IPC.saveReportDialog, {}, { defaultName: '报告.xlsx' })).toBe('/r/x.xlsx');
    await invoke(IPC.setLanguage, {}, 'en');
    expect(await invoke(IPC.showInFolder, {}, '/r/x.xlsx')).toBe(true);
    await invoke(IPC.dropFiles, {}, ['/w/a.xlsx', '/w/b.csv']);
    await invoke(IPC.requestEnginePort, {});
    expect(calls).toEqual([
      'openProjectDialog',
      'saveProjectDialog:客户.kequn',
      'saveProjectDialog:',
      'openWorkbookDialog',
      'saveReportDialog:报告.xlsx',
      'setLanguage:en',
      'showInFolder:/r/x.xlsx',
      'dropFiles:/w/a.xlsx,/w/b.csv',
      'requestEnginePort:ours',
    ]);
  });

  it.each<[string, SenderSpec]>([
    ['another webContents', { otherWindow: true }],
    ['a sub-frame of our window', { subFrame: true }],
    ['a page from file://', { url: 'file:///tmp/evil.html' }],
    ['a remote page', { url: 'https://evil.example/' }],
    ['a frame that is gone', { gone: true }],
  ])('refuse %s and change nothing', async (_name, sender) => {
    const { invoke, calls } = setup();
    await expect(invoke(IPC.setLanguage, sender, 'en')).rejects.toThrow(/IPC refused/);
    await expect(invoke(IPC.openProjectDialog, sender)).rejects.toThrow(/IPC refused/);
    expect(calls).toEqual([]);
  });

  it.each<[string, string, unknown[]]>([
    ['unknown language', IPC.setLanguage, ['fr']],
    ['language missing', IPC.setLanguage, []],
    ['extra argument', IPC.openProjectDialog, ['x']],
    ['a path as default project name', IPC.saveProjectDialog, ['../../etc/passwd']],
    ['a number as default name', IPC.saveProjectDialog, [42]],
    ['unknown report option', IPC.saveReportDialog, [{ defaultName: 'a.xlsx', path: '/etc' }]],
    ['show in folder without a path', IPC.showInFolder, []],
    ['NUL in a path to show', IPC.showInFolder, ['/r/x\0.xlsx']],
    ['dropped files not a list', IPC.dropFiles, ['/w/a.xlsx']],
    ['no dropped files', IPC.dropFiles, [[]]],
    ['NUL in a dropped path', IPC.dropFiles, [['/w/a\0.xlsx']]],
    ['too many dropped files', IPC.dropFiles, [Array.from({ length: 101 }, (_, i) => `/w/${i}.xlsx`)]],
  ])('refuse bad arguments: %s', async (_name, channel, args) => {
    const { invoke, calls } = setup();
    await expect(invoke(channel, {}, ...args)).rejects.toThrow(/bad arguments/);
    expect(calls).toEqual([]);
  });

  it('checkSender names the reason', () => {
    const ours = (id: number): boolean => id === 7;
    type SenderEvent = Parameters<typeof checkSender>[0];
    const event = (url: string, id = 7): SenderEvent => ({ sender: { id }, senderFrame: { url, parent: null } }) as unknown as SenderEvent;
    expect(checkSender(event(APP_ENTRY_URL), ours)).toBeNull();
    expect(checkSender(event('kequn://evil/index.html'), () => true)).toMatch(/foreign origin/);
    expect(checkSender(event(APP_ENTRY_URL, 8), ours)).toBe('unknown window');
  });
});
