/**
 * Boots the real main-process bundle (electron/main/main.ts, bundled as for dist/main/main.cjs)
 * against a stand-in for the `electron` module, because no Electron binary exists here. It checks
 * the wiring the pure-function tests cannot: what main calls at start-up, the window it opens,
 * the engine it forks, the menu, IPC, files from a second instance, and engine restarts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, IPC } from '../../../shared/desktop-ipc';
import { APP_ENTRY_URL, APP_SCHEME, secureWebPreferences } from '../../../electron/main/security';
import { bootMain, buildMainBundle } from '../../helpers/electron-stand-in';
import { tempDir } from '../../helpers/temp';

const tmp = tempDir('kequn-main-boot-');
afterAll(() => tmp.cleanup());
let code = '';

beforeAll(async () => {
  code = await buildMainBundle();
});

function boot(options: { lock: boolean; argv?: string[] }) {
  return bootMain(code, { ...options, userDataRoot: tmp.dir });
}

describe('main process boot (against an electron stand-in)', () => {
  it('a second instance only hands over and quits', () => {
    const b = boot({ lock: false });
    expect(b.calls).toEqual(['enableSandbox', `registerSchemes:${APP_SCHEME}:true:true`, 'requestSingleInstanceLock', 'quit']);
    expect(b.windows).toHaveLength(0);
  });

  it('sandbox and scheme before ready; then session policies, protocol, IPC, menu, engine, one secure window', async () => {
    const projectFile = join(tmp.dir, '双击打开.kequn');
    writeFileSync(projectFile, '');
    const b = boot({ lock: true, argv: ['/opt/kequn/kequn', projectFile] });
    expect(b.calls.slice(0, 3)).toEqual(['enableSandbox', `registerSchemes:${APP_SCHEME}:true:true`, 'requestSingleInstanceLock']);
    expect(b.windows).toHaveLength(0);
    await b.becomeReady();

    expect(b.calls).toEqual(
      expect.arrayContaining(['setPermissionRequestHandler', 'setPermissionCheckHandler', 'onHeadersReceived', `protocol.handle:${APP_SCHEME}`]),
    );
    expect([...b.ipcHandlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(b.menus.at(-1)?.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(b.forks).toEqual([{ path: b.paths.engine, env: expect.objectContaining({ KEQUN_HOME: b.userData }) }]);

    expect(b.windows).toHaveLength(1);
    const win = b.windows[0]!;
    expect(win.options.webPreferences).toEqual(secureWebPreferences(b.paths.preload, true));
    expect(win.loadedUrl).toBe(APP_ENTRY_URL);
    expect(win.webContents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });

    // The double-clicked project waits for the page, then opens.
    expect(win.webContents.sent).toEqual([]);
    win.webContents.emit('did-finish-load');
    expect(win.webContents.sent).toEqual([[IPC.menuCommand, { type: 'openProject', path: projectFile }]]);

    // The page asks for its engine port through the bridge's internal channel.
    const event = { sender: { id: win.webContents.id }, senderFrame: { url: APP_ENTRY_URL, parent: null } };
    await b.ipcHandlers.get(IPC.requestEnginePort)!(event);
    expect(b.children[0]!.messages).toEqual([{ type: 'connect' }]);
    expect(win.webContents.posted).toEqual([[IPC.enginePort, null, [{ name: 'port2' }]]]);

    // A foreign sender is refused.
    await expect(b.ipcHandlers.get(IPC.setLanguage)!({ ...event, senderFrame: { url: 'https://evil.example/', parent: null } }, 'en')).rejects.toThrow(/refused/);
    // The UI switches to English: the native menu follows.
    await b.ipcHandlers.get(IPC.setLanguage)!(event, 'en');
    expect(b.menus.at(-1)?.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);

    // Another start with a workbook: handed to this instance, imported in this window.
    const workbook = join(tmp.dir, '订单.xlsx');
    writeFileSync(workbook, '');
    b.appEvents.emit('second-instance', {}, ['/opt/kequn/kequn', workbook], tmp.dir);
    expect(win.webContents.sent.at(-1)).toEqual([IPC.menuCommand, { type: 'importData', paths: [workbook] }]);

    // The engine crashes: the window hears "restarting", and after the backoff gets a new port.
    b.children[0]!.emit('exit', 1);
    expect(win.webContents.sent.at(-1)).toEqual([IPC.menuCommand, { type: 'engineState', state: 'restarting' }]);
    await new Promise((r) => setTimeout(r, 400));
    expect(b.forks).toHaveLength(2);
    expect(win.webContents.posted).toHaveLength(2);
    expect(b.children[1]!.messages).toEqual([{ type: 'connect' }]);

    // Quitting stops the engine for good.
    b.appEvents.emit('before-quit');
    expect(b.children[1]!.killed).toBe(true);
    b.children[1]!.emit('exit', 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(b.forks).toHaveLength(2);
  });
});
