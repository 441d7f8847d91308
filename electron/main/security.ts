/**
 * The app's security policy (Electron security checklist) as data and small pure functions, so a
 * unit test can assert it without an Electron binary. Only type imports from electron here.
 */
import type { Session, WebContents, WebPreferences } from 'electron';

/** Custom scheme serving the renderer: no file:// access for the page (checklist item 18). */
export const APP_SCHEME = 'kequn';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Privileges of the app scheme: standard + secure so 'self' and origin checks behave like https. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  stream: false,
  bypassCSP: false,
  allowServiceWorkers: false,
} as const;

/**
 * Strict CSP. Scripts only from the app itself (no inline, no eval); styles allow inline because
 * the grid and chart libraries inject <style> elements; no network at all (the engine is reached
 * over a MessagePort, not a socket).
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'worker-src': "'self' blob:",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-src': "'none'",
  'frame-ancestors': "'none'",
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([k, v]) => `${k} ${v}`)
  .join('; ');

/** Headers added to every response the window loads. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** webPreferences of every window. `devTools` only in development builds. */
export function secureWebPreferences(preloadPath: string, isPackaged: boolean): WebPreferences {
  return {
    preload: preloadPath,
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
    safeDialogs: true,
    spellcheck: false,
    devTools: !isPackaged,
  };
}

/**
 * https pages the app itself links to (help, licence) may open in the user's browser. Everything
 * else a page tries to open is dropped.
 */
export const EXTERNAL_URL_ALLOWLIST: readonly string[] = ['github.com', 'www.electronjs.org', 'docs.sheetjs.com'];

export function isAllowedExternalUrl(raw: string, allowlist: readonly string[] = EXTERNAL_URL_ALLOWLIST): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && allowlist.includes(url.hostname);
}

/** True only for pages the app itself serves (the IPC sender check uses it too). */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Navigation away from the loaded page is never allowed; in-page (hash) changes do not fire it. */
export function allowNavigation(_url: string): boolean {
  return false;
}

/** Every permission (camera, notifications, clipboard-read, geolocation, …) is refused. */
export function allowPermission(_permission: string): boolean {
  return false;
}

/** Adds the security headers to a response-headers map (webRequest.onHeadersReceived). */
export function withSecurityHeaders(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (!Object.keys(SECURITY_HEADERS).some((h) => h.toLowerCase() === k.toLowerCase())) out[k] = v;
  }
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) out[k] = [v];
  return out;
}

type SessionPolicySurface = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

/** Session policies: permissions denied, CSP on every response (file:// and the app scheme). */
export function applySessionSecurity(session: SessionPolicySurface): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(allowPermission(permission)));
  session.setPermissionCheckHandler((_contents, permission) => allowPermission(permission));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) });
  });
}

/**
 * Per-window policies: no navigation, no redirects, no <webview>, no new windows. A link the app
 * shows to an allow-listed https page goes to the user's browser through `openExternal`.
 */
export function hardenWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event) => {
    if (!allowNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!allowNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/** DevTools may open only in development builds. */
export function devToolsAllowed(isPackaged: boolean): boolean {
  return !isPackaged;
}
