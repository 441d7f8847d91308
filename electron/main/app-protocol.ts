/**
 * Serves dist/renderer under kequn://app/ with the security headers on every response. Only files
 * inside the renderer folder are reachable; `..` tricks and other hosts get 404.
 */
import type { Protocol } from 'electron';
import { extname, join, normalize, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_HOST, APP_SCHEME, SECURITY_HEADERS } from './security';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** The file a kequn://app/… URL maps to, or null when it is outside the renderer folder. */
export function resolveAppFile(rendererDir: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const file = normalize(join(rendererDir, pathname === '/' ? 'index.html' : pathname));
  const rel = relative(rendererDir, file);
  if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..')) return null;
  return file;
}

export function contentTypeOf(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Registers the handler; `fetchFile` is Electron's net.fetch (reads inside asar too). */
export function registerAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  rendererDir: string,
  fetchFile: (url: string) => Promise<Response>,
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await fetchFile(pathToFileURL(file).toString());
    if (!res.ok) return new Response('Not found', { status: 404 });
    const headers = new Headers(SECURITY_HEADERS);
    headers.set('Content-Type', contentTypeOf(file));
    return new Response(res.body, { status: 200, headers });
  });
}
