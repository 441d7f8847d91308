import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Protocol, WebContents } from 'electron';
import { afterAll, describe, expect, it } from 'vitest';
import { contentTypeOf, registerAppProtocol, resolveAppFile } from '../../../electron/main/app-protocol';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  CSP_DIRECTIVES,
  applySessionSecurity,
  devToolsAllowed,
  hardenWebContents,
  isAllowedExternalUrl,
  isAppUrl,
  secureWebPreferences,
  withSecurityHeaders,
} from '../../../electron/main/security';
import { mainWindowOptions } from '../../../electron/main/window-options';
import { defaultWindowState } from '../../../electron/main/window-state';
import { createElectronStandIn, type BrowserWindowClass } from '../../helpers/electron-stand-in';
import { tempDir } from '../../helpers/temp';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('BrowserWindow options', () => {
  const prefs = secureWebPreferences('/app/dist/preload/preload.cjs', true);

  it('isolate and sandbox the page, with no Node and no remote module', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      preload: '/app/dist/preload/preload.cjs',
    });
    expect(Object.keys(prefs)).not.toContain('enableRemoteModule');
    expect(Object.keys(prefs)).not.toContain('enableBlinkFeatures');
  });

  it('disable devtools in packaged builds only', () => {
    expect(prefs.devTools).toBe(false);
    expect(secureWebPreferences('/p', false).devTools).toBe(true);
    expect(devToolsAllowed(true)).toBe(false);
    expect(devToolsAllowed(false)).toBe(true);
  });

  it('the main window uses exactly these webPreferences and starts hidden', () => {
    const state = defaultWindowState({ x: 0, y: 0, width: 1920, height: 1080 });
    const options = mainWindowOptions(state, '/p/preload.cjs', true);
    expect(options.webPreferences).toEqual(secureWebPreferences('/p/preload.cjs', true));
    expect(options.show).toBe(false);
    expect(options).toMatchObject({ width: 1280, height: 820, x: 320, y: 130 });
  });

  it('the main process turns the sandbox on for every renderer and holds the single-instance lock', () => {
    const main = readFileSync(join(root, 'electron/main/main.ts'), 'utf8');
    expect(main).toMatch(/app\.enableSandbox\(\)/);
    expect(main).toMatch(/app\.requestSingleInstanceLock\(\)/);
    expect(main).toMatch(/applySessionSecurity\(session\.defaultSession\)/);
    expect(main).not.toMatch(/@electron\/remote|enableRemoteModule/);
  });
});

describe('content security policy', () => {
  it('allows scripts only from the app, never inline or eval', () => {
    expect(CSP_DIRECTIVES['default-src']).toBe("'none'");
    expect(CSP_DIRECTIVES['script-src']).toBe("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("base-uri 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("form-action 'none'");
    // No remote hosts anywhere in the policy.
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });

  it('replaces any CSP a response brought with ours (case-insensitively)', () => {
    const out = withSecurityHeaders({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] });
    expect(out['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(out['content-security-policy']).toBeUndefined();
    expect(out['Content-Type']).toEqual(['text/html']);
    expect(out['X-Content-Type-Options']).toEqual(['nosniff']);
  });

  it('the app scheme is secure and standard, and cannot bypass the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, bypassCSP: false, allowServiceWorkers: false });
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('kequn://other/index.html')).toBe(false);
    expect(isAppUrl('file:///app/dist/renderer/index.html')).toBe(false);
    expect(isAppUrl('https://app/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('session policies', () => {
  // The stand-in's default session keeps the handlers main gives it; they are called as Chromium would.
  const standIn = createElectronStandIn({ userData: '/nowhere' });
  applySessionSecurity((standIn.electron.session as { defaultSession: unknown }).defaultSession as Parameters<typeof applySessionSecurity>[0]);
  const recorded = standIn.sessionHandlers;

  it('deny every permission request and check', () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen'] as const) {
      let granted: boolean | undefined;
      recorded.permissionRequest?.({}, permission, (g) => (granted = g), {});
      expect(granted).toBe(false);
      expect(recorded.permissionCheck?.(null, permission, 'kequn://app', {})).toBe(false);
    }
  });

  it('put the CSP on every response, file:// included', () => {
    let headers: Record<string, string | string[]> | undefined;
    recorded.headersReceived?.({ url: 'file:///x/index.html', responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});

describe('navigation, new windows and external links', () => {
  const standIn = createElectronStandIn({ userData: '/nowhere' });
  const contents = new (standIn.electron.BrowserWindow as BrowserWindowClass)({}).webContents;
  const opened: string[] = [];
  hardenWebContents(contents as unknown as Pick<WebContents, 'on' | 'setWindowOpenHandler'>, (url) => opened.push(url));
  const openHandler = contents.openHandler ?? undefined;

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('%s is prevented', (name) => {
    let prevented = false;
    expect(contents.listenerCount(name)).toBeGreaterThan(0);
    contents.emit(name, { preventDefault: () => (prevented = true), url: 'https://github.com/' });
    expect(prevented).toBe(true);
  });

  it('denies every new window; only allow-listed https links reach the browser', () => {
    for (const url of ['https://github.com/kequn', 'http://github.com/', 'https://evil.example/', 'javascript:alert(1)', 'file:///etc/passwd']) {
      expect(openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://github.com/kequn']);
  });

  it('the allow-list matches whole host names over https only', () => {
    expect(isAllowedExternalUrl('https://github.com/a')).toBe(true);
    expect(isAllowedExternalUrl('https://github.com.evil.example/a')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@github.com/a')).toBe(false);
    expect(isAllowedExternalUrl('http://github.com/a')).toBe(false);
    expect(isAllowedExternalUrl('kequn://app/index.html')).toBe(false);
    expect(isAllowedExternalUrl('::nonsense')).toBe(false);
  });
});

describe('app scheme file server', () => {
  const tmp = tempDir();
  const rendererDir = join(tmp.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>客群</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmp.dir, 'secret.txt'), 'secret');
  afterAll(() => tmp.cleanup());

  it('maps app URLs into the renderer folder and nothing outside it', () => {
    expect(resolveAppFile(rendererDir, 'kequn://app/')).toBe(join(rendererDir, 'index.html'));
    expect(resolveAppFile(rendererDir, 'kequn://app/assets/app.js')).toBe(join(rendererDir, 'assets', 'app.js'));
    // The URL parser folds plain dot segments, so they stay inside the folder.
    for (const dotted of ['kequn://app/../secret.txt', 'kequn://app/%2e%2e/secret.txt', 'kequn://app/assets/../../../secret.txt']) {
      expect(resolveAppFile(rendererDir, dotted), dotted).toBe(join(rendererDir, 'secret.txt'));
    }
    for (const bad of [
      'kequn://app/assets/..%2f..%2fsecret.txt',
      'kequn://app/..%5c..%5csecret.txt',
      'kequn://app/%00',
      'kequn://other/index.html',
      'file:///etc/passwd',
      'kequn://app/%E0%A4%A',
    ]) {
      expect(resolveAppFile(rendererDir, bad), bad).toBeNull();
    }
    expect(contentTypeOf('a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a.bin')).toBe('application/octet-stream');
  });

  it('serves files with the security headers and 404s everything else', async () => {
    // The stand-in's net.fetch reads file:// URLs from disk, as Electron's does.
    const standIn = createElectronStandIn({ userData: '/nowhere' });
    const net = standIn.electron.net as { fetch(url: string): Promise<Response> };
    registerAppProtocol(standIn.electron.protocol as unknown as Pick<Protocol, 'handle'>, rendererDir, (url) => net.fetch(url));
    const handler = standIn.protocolHandlers.get(APP_SCHEME);
    const ok = await handler!(new Request('kequn://app/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(ok.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await ok.text()).toContain('客群');
    expect((await handler!(new Request('kequn://app/%2e%2e/secret.txt'))).status).toBe(404);
    expect((await handler!(new Request('kequn://app/missing.js'))).status).toBe(404);
  });
});
