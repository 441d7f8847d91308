import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import type { SaveReportOptions, UiLanguage } from '../../../shared/desktop-bridge';
import { INVOKE_CHANNELS, IPC } from '../../../shared/desktop-ipc';
import { checkSender, registerIpc, type IpcActions } from '../../../electron/main/ipc';

type Invoke = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

const OUR_WINDOW = 7;

/** Records what reached the actions, so a refused call can be shown to have changed nothing. */
function setup(): { invoke: (channel: string, sender: Partial<SenderSpec>, ...args: unknown[]) => Promise<unknown>; calls: string[]; channels: string[] } {
  const handlers = new Map<string, Invoke>();
  const calls: string[] = [];
  const actions: IpcActions = {
    isOurWindow: (id) => id === OUR_WINDOW,
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
    requestEnginePort: (id) => calls.push(`requestEnginePort:${id}`),
  };
  const ipcMain = {
    handle: (channel: string, h: Invoke) => handlers.set(channel, h),
    removeHandler: (channel: string) => handlers.delete(channel),
  };
  registerIpc(ipcMain as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>, actions);
  return {
    calls,
    channels: [...handlers.keys()],
    invoke: (channel, sender, ...args) => {
      const h = handlers.get(channel);
      if (!h) return Promise.reject(new Error(`no handler ${channel}`));
      return h(fakeEvent({ ...DEFAULT_SENDER, ...sender }), ...args);
    },
  };
}

interface SenderSpec {
  id: number;
  url: string;
  topFrame: boolean;
  frameGone: boolean;
}
const DEFAULT_SENDER: SenderSpec = { id: OUR_WINDOW, url: 'kequn://app/index.html', topFrame: true, frameGone: false };

function fakeEvent(s: SenderSpec): IpcMainInvokeEvent {
  return {
    sender: { id: s.id },
    senderFrame: s.frameGone ? null : { url: s.url, parent: s.topFrame ? null : {} },
  } as unknown as IpcMainInvokeEvent;
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
      `requestEnginePort:${OUR_WINDOW}`,
    ]);
  });

  it.each<[string, Partial<SenderSpec>]>([
    ['another webContents', { id: 99 }],
    ['a sub-frame of our window', { topFrame: false }],
    ['a page from file://', { url: 'file:///tmp/evil.html' }],
    ['a remote page', { url: 'https://evil.example/' }],
    ['a frame that is gone', { frameGone: true }],
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
    expect(checkSender(fakeEvent(DEFAULT_SENDER), (id) => id === OUR_WINDOW)).toBeNull();
    expect(checkSender(fakeEvent({ ...DEFAULT_SENDER, url: 'kequn://evil/index.html' }), () => true)).toMatch(/foreign origin/);
  });
});
