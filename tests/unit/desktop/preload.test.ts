/**
 * The preload bundle (as scripts/build.mjs makes it) in a VM against the electron stand-in, with
 * a scripted main end: what the page can reach is exactly what contextBridge was given, and each
 * bridge call is one invoke. End to end with the real main: main-boot, file-grants, desktop-paths.
 */
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../../shared/desktop-bridge';
import { IPC, PAGE_MESSAGES } from '../../../shared/desktop-ipc';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../../electron/main/security';
import { runPreload } from '../../helpers/electron-stand-in';

/** The preload for a page of ours, with main answering the open-workbook dialog and recording every invoke. */
function loadPreload() {
  const invoked: unknown[][] = [];
  const run = runPreload({
    url: APP_ENTRY_URL,
    platform: 'win32',
    main: {
      invoke: async (channel, args) => {
        invoked.push([channel, ...args]);
        return channel === IPC.openWorkbookDialog ? ['/w/a.xlsx'] : null;
      },
    },
  });
  const portsPosted = () => run.window.posted.filter((p) => (p.data as { type?: string }).type === PAGE_MESSAGES.enginePort);
  return { ...run, invoked, portsPosted };
}

describe('preload', () => {
  it('exposes only window.kequnDesktop, with exactly the bridge members', () => {
    const p = loadPreload();
    expect(p.electron.exposed).toEqual(['kequnDesktop']);
    expect(Object.keys(p.bridge).sort()).toEqual(
      ['onFilesDropped', 'onMenuCommand', 'openProjectDialog', 'openWorkbookDialog', 'platform', 'saveProjectDialog', 'saveReportDialog', 'setLanguage', 'showInFolder'].sort(),
    );
    expect(p.bridge.platform).toBe('win32');
    expect(Object.isFrozen(p.bridge)).toBe(true);
  });

  it('each bridge call is one invoke on its channel, and results come back as they are', async () => {
    const p = loadPreload();
    expect(await p.bridge.openWorkbookDialog()).toEqual(['/w/a.xlsx']);
    await p.bridge.openProjectDialog();
    await p.bridge.saveProjectDialog('客户.kequn');
    await p.bridge.saveProjectDialog();
    await p.bridge.saveReportDialog({ defaultName: '报告.xlsx' });
    await p.bridge.showInFolder('/r/报告.xlsx');
    await expect(p.bridge.setLanguage('en')).resolves.toBeUndefined();
    expect(p.invoked).toEqual([
      [IPC.openWorkbookDialog],
      [IPC.openProjectDialog],
      [IPC.saveProjectDialog, '客户.kequn'],
      [IPC.saveProjectDialog],
      [IPC.saveReportDialog, { defaultName: '报告.xlsx' }],
      [IPC.showInFolder, '/r/报告.xlsx'],
      [IPC.setLanguage, 'en'],
    ]);
  });

  it('listeners receive commands without the IPC event object; early commands are held', () => {
    const p = loadPreload();
    p.electron.receive(IPC.menuCommand, [{ type: 'openProject', path: '/p/a.kequn' }], []);
    const got: unknown[][] = [];
    const off = p.bridge.onMenuCommand((...args: unknown[]) => got.push(args));
    p.electron.receive(IPC.menuCommand, [{ type: 'exportReport' } satisfies MenuCommand], []);
    off();
    p.electron.receive(IPC.menuCommand, [{ type: 'exportReport' }], []);
    expect(got).toEqual([[{ type: 'openProject', path: '/p/a.kequn' }], [{ type: 'exportReport' }]]);
  });

  it('holds the engine port until the page asks, then asks main for a fresh one on later requests', async () => {
    const p = loadPreload();
    const { port1, port2 } = new MessageChannel();
    p.electron.receive(IPC.enginePort, [null], [port1]);
    expect(p.portsPosted()).toEqual([]);
    // A message from another origin does not get the port.
    p.window.dispatch('message', { origin: 'https://evil.example', data: { type: PAGE_MESSAGES.enginePortWanted } });
    expect(p.portsPosted()).toEqual([]);
    p.window.dispatch('message', { origin: APP_ORIGIN, data: { type: PAGE_MESSAGES.enginePortWanted } });
    expect(p.portsPosted().map((x) => x.ports)).toEqual([[port1]]);
    // Asked again (page reloaded its client): no port held, so main is asked for one.
    p.window.dispatch('message', { origin: APP_ORIGIN, data: { type: PAGE_MESSAGES.enginePortWanted } });
    expect(p.invoked).toEqual([[IPC.requestEnginePort]]);
    // After an engine restart the new port goes straight to the page.
    const next = new MessageChannel();
    p.electron.receive(IPC.enginePort, [null], [next.port1]);
    expect(p.portsPosted().at(-1)?.ports).toEqual([next.port1]);
    for (const port of [port1, port2, next.port1, next.port2]) port.close();
  });

  it('posts the engine port to our own origin (kequn://app) only, never to "*"', () => {
    const p = loadPreload();
    const first = new MessageChannel();
    p.electron.receive(IPC.enginePort, [null], [first.port1]);
    p.window.dispatch('message', { origin: APP_ORIGIN, data: { type: PAGE_MESSAGES.enginePortWanted } });
    const next = new MessageChannel();
    p.electron.receive(IPC.enginePort, [null], [next.port1]);
    expect(p.portsPosted().map((x) => x.targetOrigin)).toEqual([APP_ORIGIN, APP_ORIGIN]);
    for (const port of [first.port1, first.port2, next.port1, next.port2]) port.close();
  });

  it('turns dropped files into paths for main and stops the browser from navigating to them', () => {
    const p = loadPreload();
    expect(p.window.drop(['/w/订单.xlsx', '/w/p.kequn']).defaultPrevented).toBe(true);
    expect(p.invoked).toEqual([[IPC.dropFiles, ['/w/订单.xlsx', '/w/p.kequn']]]);
    // A drop of text (no files) is left alone.
    expect(p.window.drop([]).defaultPrevented).toBe(false);
    expect(p.invoked).toHaveLength(1);
  });
});
