/**
 * Boots the real main bundle against the electron stand-in: start-up order, the secure window on
 * our page, the menu, IPC, the engine really started (dist/engine/utility.mjs in the stand-in's
 * utility process), the page connected to it through the real preload and the renderer's own
 * connection code, and what happens on a crash, a closed window and quit.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, IPC } from '../../../shared/desktop-ipc';
import { APP_ENTRY_URL, APP_SCHEME, SECURITY_HEADERS, secureWebPreferences } from '../../../electron/main/security';
import { settingsFile } from '../../../electron/main/settings';
import { bootMain, findMenuItem, openNodePage, type BootedMain, type NodePage } from '../../helpers/electron-stand-in';
import { startDesktopRenderer, type DesktopRenderer } from '../../helpers/desktop-renderer';
import { tempDir } from '../../helpers/temp';
import { until } from '../../helpers/until';

const tmp = tempDir('kequn-main-boot-');
afterAll(() => tmp.cleanup());
const userData = (name: string): string => join(tmp.dir, name);

describe('main process boot', () => {
  it('a second instance only hands over and quits: no window, no engine', () => {
    const b = bootMain({ userData: userData('second'), lock: false });
    expect(b.calls).toEqual(['enableSandbox', `registerSchemes:${APP_SCHEME}:true:true`, 'requestSingleInstanceLock', 'quit']);
    expect(b.windows).toHaveLength(0);
    expect(b.engines).toHaveLength(0);
  });

  describe('first instance', () => {
    let b: BootedMain;
    let page: NodePage;
    let r: DesktopRenderer;

    beforeAll(async () => {
      b = bootMain({ userData: userData('first'), platform: 'linux' });
    });
    afterAll(async () => {
      r?.stop();
      await b?.quit();
    });

    it('before ready: sandbox and the app scheme only', () => {
      expect(b.calls).toEqual(['enableSandbox', `registerSchemes:${APP_SCHEME}:true:true`, 'requestSingleInstanceLock']);
      expect(b.windows).toHaveLength(0);
      expect(b.engines).toHaveLength(0);
    });

    it('at ready: session policies, the app protocol, every IPC channel, the menu, the engine, one secure window', async () => {
      await b.becomeReady();
      expect(b.calls).toEqual(
        expect.arrayContaining(['setPermissionRequestHandler', 'setPermissionCheckHandler', 'onHeadersReceived', `protocol.handle:${APP_SCHEME}`]),
      );
      expect([...b.ipcHandlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
      // The session handlers main really installed deny what a page asks for.
      let granted: boolean | undefined;
      b.sessionHandlers.permissionRequest?.({}, 'media', (g) => (granted = g), {});
      expect(granted).toBe(false);
      expect(b.sessionHandlers.permissionCheck?.(null, 'clipboard-read', APP_ENTRY_URL, {})).toBe(false);

      // The menu (Chinese by default) with every file command.
      const menu = b.menus.at(-1)!;
      expect(menu.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
      const fileIds = findMenuItem(menu, 'file')!.submenu!.map((i) => i.id).filter(Boolean);
      expect(fileIds).toEqual(['new-project', 'open-project', 'recent-projects', 'save-project-as', 'import-data', 'export-report', 'quit']);
      expect(findMenuItem(menu, 'import-data')).toMatchObject({ label: '导入数据…', accelerator: 'CmdOrCtrl+I' });

      // The engine: the bundle next to main's, with the app data folder as its home, really running.
      expect(b.engines).toHaveLength(1);
      expect(b.engine().modulePath).toBe(b.paths.engine);
      expect(existsSync(b.paths.engine)).toBe(true);
      expect(b.engine().options.env).toMatchObject({ KEQUN_HOME: b.userData });
      await b.engine().ready();

      // One window: secure options, hidden until ready to show, our page from the app scheme.
      expect(b.windows).toHaveLength(1);
      const win = b.windows[0]!;
      expect(win.options.webPreferences).toEqual(secureWebPreferences(b.paths.preload, true));
      expect(win.options.show).toBe(false);
      expect(win.loadedUrl).toBe(APP_ENTRY_URL);
      await until(() => win.shown, 'the window shown on ready-to-show');
      expect(win.webContents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
      let prevented = false;
      win.webContents.emit('will-navigate', { url: 'https://evil.example/', preventDefault: () => (prevented = true) });
      expect(prevented).toBe(true);
    });

    it('the app protocol serves the built page with the security headers, and nothing outside it', async () => {
      const handler = b.protocolHandlers.get(APP_SCHEME)!;
      const index = await handler(new Request(APP_ENTRY_URL));
      const renderer = existsSync(join(b.paths.renderer, 'index.html'));
      // The renderer is built by `npm run test:e2e`; without it the page is a 404 like any missing file.
      expect(index.status).toBe(renderer ? 200 : 404);
      if (renderer) expect(index.headers.get('Content-Security-Policy')).toBe(SECURITY_HEADERS['Content-Security-Policy']);
      expect((await handler(new Request(`${APP_SCHEME}://app/..%2f..%2fpackage.json`))).status).toBe(404);
    });

    it('the page: the preload exposes the bridge, the renderer gets its engine port and the real engine answers', async () => {
      page = openNodePage(b);
      expect(page.electron.exposed).toEqual(['kequnDesktop']);
      r = await startDesktopRenderer(page);
      await r.connected();
      expect(r.connection.mode).toBe('desktop');
      const info = await r.client.call('engine.info', {});
      expect(info.project).toBeNull();
      // The port came through main's own channel, once, after the page asked.
      expect(b.windows[0]!.webContents.posted.map(([c]) => c)).toEqual([IPC.enginePort]);
      expect(b.engine().received).toEqual([{ type: 'connect' }]);
    });

    it('the UI language reaches the native menu and is kept for the next start', async () => {
      await page.bridge.setLanguage('en');
      expect(b.menus.at(-1)!.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
      expect(JSON.parse(readFileSync(settingsFile(b.userData), 'utf8'))).toMatchObject({ language: 'en' });
      const again = bootMain({ userData: b.userData });
      await again.becomeReady();
      expect(again.menus.at(-1)!.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
      await again.quit();
    });

    it('an engine crash: the page hears "restarting", main starts a new engine and the page reconnects to it', async () => {
      const epoch = r.connection.epoch();
      b.engine().crash(3);
      await until(() => r.connection.state() === 'reconnecting', 'the page to show reconnecting');
      await r.connected(epoch + 1);
      expect(b.engines).toHaveLength(2);
      expect((await r.client.call('engine.info', {})).project).toBeNull();
      expect(b.windows[0]!.webContents.sent).toContainEqual([IPC.menuCommand, { type: 'engineState', state: 'restarting' }]);
    });

    it('a closed window gets no engine port again; activate opens a new one; quit stops the engine for good', async () => {
      const first = b.windows[0]!;
      const postedBefore = first.webContents.posted.length;
      first.close();
      b.appEvents.emit('window-all-closed');
      expect(b.calls.filter((c) => c === 'quit')).toHaveLength(1);
      b.appEvents.emit('activate');
      expect(b.windows).toHaveLength(2);
      const second = b.windows[1]!;
      expect(second.webContents.id).not.toBe(first.webContents.id);
      // After a restart every window main still has gets a port unasked; the closed one does not.
      b.engine().crash(4);
      await until(() => b.engines.length === 3 && second.webContents.posted.length === 1, 'a new engine and a port for the new window');
      expect(first.webContents.posted).toHaveLength(postedBefore);
      const engine = b.engine();
      await b.quit();
      expect(engine.killed).toBe(true);
      await new Promise((res) => setTimeout(res, 400));
      expect(b.engines).toHaveLength(3);
    });
  });
});
