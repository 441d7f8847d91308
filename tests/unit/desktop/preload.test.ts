import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { MessageChannel } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KequnDesktop, MenuCommand } from '../../../shared/desktop-bridge';
import { IPC, PAGE_MESSAGES } from '../../../shared/desktop-ipc';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let code = '';

beforeAll(async () => {
  // Same options as scripts/build.mjs uses for dist/preload/preload.cjs.
  const out = await build({
    absWorkingDir: root,
    entryPoints: ['electron/preload/preload.ts'],
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  code = out.outputFiles[0]!.text;
});

type Listener = (e: unknown) => void;

/**
 * Runs the preload bundle in a fresh VM context with stand-ins for `electron` and the page's
 * window: what the page can reach is exactly what contextBridge was given.
 */
function loadPreload() {
  const exposed = new Map<string, unknown>();
  const invoked: unknown[][] = [];
  const ipcListeners = new Map<string, (e: unknown, ...a: unknown[]) => void>();
  const windowListeners = new Map<string, Listener[]>();
  const posted: { data: unknown; ports: unknown[] }[] = [];
  const targetOrigins: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => exposed.set(k, v) },
    ipcRenderer: {
      invoke: (...a: unknown[]) => {
        invoked.push(a);
        return Promise.resolve(a[0] === IPC.openWorkbookDialog ? ['/w/a.xlsx'] : null);
      },
      on: (channel: string, l: (e: unknown, ...a: unknown[]) => void) => ipcListeners.set(channel, l),
    },
    webUtils: { getPathForFile: (f: { path: string }) => f.path },
  };
  const window = {
    location: { origin: 'kequn://app' },
    addEventListener: (t: string, l: Listener) => windowListeners.set(t, [...(windowListeners.get(t) ?? []), l]),
    postMessage: (data: unknown, targetOrigin: string, ports: unknown[] = []) => {
      targetOrigins.push(targetOrigin);
      posted.push({ data, ports });
    },
  };
  const requireStub = (name: string): unknown => {
    if (name !== 'electron') throw new Error(`preload required ${name}`);
    return electron;
  };
  const module = { exports: {} };
  runInNewContext(code, { require: requireStub, module, exports: module.exports, window, process: { platform: 'win32' }, Array, Promise });
  const fire = (type: string, e: unknown): void => windowListeners.get(type)?.forEach((l) => l(e));
  const fromMain = (channel: string, event: unknown, ...args: unknown[]): void => ipcListeners.get(channel)?.(event, ...args);
  return { exposed, invoked, posted, targetOrigins, fire, fromMain };
}

describe('preload', () => {
  it('exposes only window.kequnDesktop, with exactly the bridge members', () => {
    const p = loadPreload();
    expect([...p.exposed.keys()]).toEqual(['kequnDesktop']);
    const bridge = p.exposed.get('kequnDesktop') as KequnDesktop;
    expect(Object.keys(bridge).sort()).toEqual(
      ['onFilesDropped', 'onMenuCommand', 'openProjectDialog', 'openWorkbookDialog', 'platform', 'saveProjectDialog', 'saveReportDialog', 'setLanguage', 'showInFolder'].sort(),
    );
    expect(bridge.platform).toBe('win32');
  });

  it('each bridge call is one invoke on its channel, and results come back as they are', async () => {
    const p = loadPreload();
    const bridge = p.exposed.get('kequnDesktop') as KequnDesktop;
    expect(await bridge.openWorkbookDialog()).toEqual(['/w/a.xlsx']);
    await bridge.openProjectDialog();
    await bridge.saveProjectDialog('客户.kequn');
    await bridge.saveReportDialog({ defaultName: '报告.xlsx' });
    await bridge.showInFolder('/r/报告.xlsx');
    await expect(bridge.setLanguage('en')).resolves.toBeUndefined();
    expect(p.invoked).toEqual([
      [IPC.openWorkbookDialog],
      [IPC.openProjectDialog],
      [IPC.saveProjectDialog, '客户.kequn'],
      [IPC.saveReportDialog, { defaultName: '报告.xlsx' }],
      [IPC.showInFolder, '/r/报告.xlsx'],
      [IPC.setLanguage, 'en'],
    ]);
  });

  it('listeners receive commands without the IPC event object; early commands are held', () => {
    const p = loadPreload();
    const bridge = p.exposed.get('kequnDesktop') as KequnDesktop;
    const secretEvent = { sender: 'ipcRenderer internals' };
    p.fromMain(IPC.menuCommand, secretEvent, { type: 'openProject', path: '/p/a.kequn' });
    const got: unknown[][] = [];
    const off = bridge.onMenuCommand((...args: unknown[]) => got.push(args));
    p.fromMain(IPC.menuCommand, secretEvent, { type: 'exportReport' } satisfies MenuCommand);
    off();
    p.fromMain(IPC.menuCommand, secretEvent, { type: 'exportReport' });
    expect(got).toEqual([[{ type: 'openProject', path: '/p/a.kequn' }], [{ type: 'exportReport' }]]);
  });

  it('holds the engine port until the page asks, then asks main for a fresh one on later requests', () => {
    const p = loadPreload();
    const { port1, port2 } = new MessageChannel();
    p.fromMain(IPC.enginePort, { ports: [port1] });
    expect(p.posted).toEqual([]);
    // A message from another origin does not get the port.
    p.fire('message', { origin: 'https://evil.example', data: { type: PAGE_MESSAGES.enginePortWanted } });
    expect(p.posted).toEqual([]);
    p.fire('message', { origin: 'kequn://app', data: { type: PAGE_MESSAGES.enginePortWanted } });
    expect(p.posted).toEqual([{ data: { type: PAGE_MESSAGES.enginePort }, ports: [port1] }]);
    // Asked again (page reloaded its client): no port held, so main is asked for one.
    p.fire('message', { origin: 'kequn://app', data: { type: PAGE_MESSAGES.enginePortWanted } });
    expect(p.invoked).toEqual([[IPC.requestEnginePort]]);
    // After an engine restart the new port goes straight to the page.
    const next = new MessageChannel();
    p.fromMain(IPC.enginePort, { ports: [next.port1] });
    expect(p.posted.at(-1)).toEqual({ data: { type: PAGE_MESSAGES.enginePort }, ports: [next.port1] });
    for (const port of [port1, port2, next.port1, next.port2]) port.close();
  });

  it('posts the engine port to our own origin (kequn://app) only, never to "*"', () => {
    const p = loadPreload();
    const first = new MessageChannel();
    p.fromMain(IPC.enginePort, { ports: [first.port1] });
    p.fire('message', { origin: 'kequn://app', data: { type: PAGE_MESSAGES.enginePortWanted } });
    const next = new MessageChannel();
    p.fromMain(IPC.enginePort, { ports: [next.port1] });
    expect(p.posted).toHaveLength(2);
    expect(p.targetOrigins).toEqual(['kequn://app', 'kequn://app']);
    for (const port of [first.port1, first.port2, next.port1, next.port2]) port.close();
  });

  it('turns dropped files into paths for main and stops the browser from navigating to them', () => {
    const p = loadPreload();
    let prevented = false;
    p.fire('drop', {
      dataTransfer: { files: [{ path: '/w/订单.xlsx' }, { path: '/w/p.kequn' }] },
      preventDefault: () => (prevented = true),
    });
    expect(prevented).toBe(true);
    expect(p.invoked).toEqual([[IPC.dropFiles, ['/w/订单.xlsx', '/w/p.kequn']]]);
    // A drop of text (no files) is left alone.
    p.fire('drop', { dataTransfer: { files: [] }, preventDefault: () => (prevented = false) });
    expect(prevented).toBe(true);
  });
});
