import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EngineClient } from '../../../shared/rpc/client';
import { isEngineFrame, type ClientToEngineFrame, type EngineToClientFrame } from '../../../shared/rpc/frames';
import { createWebSocketTransport, type WebSocketLike } from '../../../shared/rpc/websocket-transport';
import { RPC_PROTOCOL, rpcProtocols, tokenFromFragment } from '../../../shared/rpc/browser-credentials';
import { downloadHref } from '../../../shared/format/file-paths';
import { DownloadTickets } from '../../../electron/engine/host/download-tickets';
import { Engine } from '../../../electron/engine/host/engine';
import { MAX_FRAME_BYTES, startBrowserHost, type BrowserHost } from '../../../electron/engine/host/ws-host';
import { tempDir } from '../../helpers/temp';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A plain HTTP GET with full control of headers (Host, Cookie). */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Sends the request line byte for byte: http.request would normalise a path like /../x. */
function rawGet(port: number, rawPath: string, headers: string[]): Promise<string> {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write([`GET ${rawPath} HTTP/1.1`, `Host: 127.0.0.1:${port}`, ...headers, 'Connection: close', '', ''].join('\r\n'));
    });
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (text += c));
    socket.on('end', () => ok(text));
    socket.on('error', fail);
  });
}

/** Opens a socket; resolves 'open' or the refusal's HTTP status. */
function tryWebSocket(url: string, options: WebSocket.ClientOptions, protocols: string[] = []): Promise<{ ws: WebSocket | null; status: number | 'open' }> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(url, protocols, options);
    ws.once('open', () => ok({ ws, status: 'open' }));
    ws.once('unexpected-response', (_req, res) => {
      ok({ ws: null, status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', (e) => {
      if (ws.readyState !== WebSocket.CLOSED) fail(e);
    });
  });
}

const tmp = tempDir('kequn-browser-host-');
const staticDir = join(tmp.dir, 'renderer');
const SECRET = 'secret-outside-the-static-root';
const engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
let host: BrowserHost;
let origin: string;

beforeAll(async () => {
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>客群</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmp.dir, 'secret.txt'), SECRET);
  host = await startBrowserHost({ engine, staticDir, port: 0 });
  origin = `http://127.0.0.1:${host.port}`;
});

afterAll(async () => {
  await host.close();
  engine.dispose();
  tmp.cleanup();
});

/** A WebSocket client that offers the token as a subprotocol, as the page does. */
function rpcSocket(token: string | null, options: WebSocket.ClientOptions = {}, protocols = token === null ? [] : rpcProtocols(token)): Promise<{ ws: WebSocket | null; status: number | 'open' }> {
  return tryWebSocket(`ws://127.0.0.1:${host.port}/rpc`, { origin, ...options }, protocols);
}

function clientOver(ws: WebSocket): EngineClient {
  return new EngineClient(createWebSocketTransport<EngineToClientFrame, ClientToEngineFrame>(ws as unknown as WebSocketLike, isEngineFrame));
}

describe('browser host: token', () => {
  it('prints a 127.0.0.1 URL with a random token in the fragment (never sent to a server) on a random port', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.port).toBeGreaterThan(0);
    expect(host.token).toMatch(/^[\w-]{32,}$/);
    expect(tokenFromFragment(new URL(host.url).hash)).toBe(host.token);
  });

  it('serves the UI without a credential, and neither the page nor any header carries the token', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', `/?token=${host.token}`]) {
      const r = await get(host.port, path);
      expect(r.status).toBe(200);
      expect(r.headers['set-cookie']).toBeUndefined();
      expect(JSON.stringify(r.headers)).not.toContain(host.token);
      expect(r.body).not.toContain(host.token);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
    expect((await get(host.port, '/')).body).toContain('客群');
  });

  it('refuses another Host name (DNS rebinding)', async () => {
    const r = await get(host.port, '/', { host: `evil.example:${host.port}` });
    expect(r.status).toBe(403);
    expect(r.body).not.toContain('客群');
  });
});

describe('browser host: the engine socket', () => {
  it('opens with the token as a subprotocol, answers with the protocol alone, and serves the contract', async () => {
    const { ws, status } = await rpcSocket(host.token);
    expect(status).toBe('open');
    expect(ws!.protocol).toBe(RPC_PROTOCOL);
    const client = clientOver(ws!);
    const info = await client.call('engine.info', {});
    expect(info.project).toBeNull();
    expect(info.nodeVersion).toMatch(/^v\d+/);
    client.close();
  });

  it('refuses a wrong, missing or malformed token, and the token anywhere but the subprotocol (query, cookie)', async () => {
    const wrong = host.token.slice(0, -1) + (host.token.endsWith('a') ? 'b' : 'a');
    expect((await rpcSocket(wrong)).status).toBe(403);
    expect((await rpcSocket(null)).status).toBe(403);
    expect((await rpcSocket(null, {}, ['kequn.v1', 'kequn.token.'])).status).toBe(403);
    expect((await rpcSocket(null, {}, ['kequn.v1', `kequn.token.${host.token}!`])).status).toBe(403);
    // The token alone, without the protocol.
    expect((await rpcSocket(null, {}, [`kequn.token.${host.token}`])).status).toBe(403);
    expect((await tryWebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`, { origin })).status).toBe(403);
    expect((await tryWebSocket(`ws://127.0.0.1:${host.port}/rpc`, { origin, headers: { cookie: `kequn_token=${host.token}` } })).status).toBe(403);
    expect((await tryWebSocket(`ws://127.0.0.1:${host.port}/rpc`, { origin, headers: { authorization: `Bearer ${host.token}` } })).status).toBe(403);
  });

  it('refuses a socket from another Origin or on another path, even with the right token', async () => {
    expect((await rpcSocket(host.token, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await rpcSocket(host.token, { origin: `http://127.0.0.1:${host.port + 1}` })).status).toBe(403);
    const other = await tryWebSocket(`ws://127.0.0.1:${host.port}/other`, { origin }, rpcProtocols(host.token));
    expect(other.status).toBe(403);
  });

  it('a frame that breaks the protocol (bad UTF-8, too large) closes that socket only', async () => {
    const good = await rpcSocket(host.token);
    const client = clientOver(good.ws!);
    for (const send of [
      (ws: WebSocket) => ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }),
      (ws: WebSocket) => ws.send('x'.repeat(MAX_FRAME_BYTES + 1)),
    ]) {
      const bad = await rpcSocket(host.token);
      const closed = new Promise<number>((ok) => bad.ws!.once('close', (code) => ok(code)));
      bad.ws!.on('error', () => undefined);
      send(bad.ws!);
      expect([1007, 1009, 1006]).toContain(await closed);
      expect((await client.call('engine.info', {})).project).toBeNull();
    }
    client.close();
  });
});

describe('browser host: downloads by one-time ticket', () => {
  it('serves a written file once per ticket; unknown, reused and path-style requests get 404', async () => {
    const { ws } = await rpcSocket(host.token);
    const client = clientOver(ws!);
    try {
      const projectPath = join(tmp.dir, 'dl.kequn');
      await client.call('project.open', { path: projectPath, create: true });
      const csv = join(tmp.dir, 'in.csv');
      writeFileSync(csv, '客户,金额\n张三,1\n');
      const ds = (await client.call('import.run', { path: csv })).datasets[0]!;
      const out = join(tmp.dir, '导出 1.csv');
      await client.call('exports.dataset', { datasetId: ds.id, path: out, format: 'csv' });

      // A file this engine did not write gets no ticket.
      await expect(client.call('exports.downloadTicket', { path: join(tmp.dir, 'secret.txt') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const { ticket, expiresInMs } = await client.call('exports.downloadTicket', { path: out });
      expect(expiresInMs).toBeLessThanOrEqual(60_000);
      const first = await get(host.port, downloadHref(ticket));
      expect(first.status).toBe(200);
      expect(first.body).toContain('张三');
      expect(String(first.headers['content-disposition'])).toContain(encodeURIComponent('导出 1.csv'));
      expect((await get(host.port, downloadHref(ticket))).status).toBe(404);
      expect((await get(host.port, '/download')).status).toBe(404);
      expect((await get(host.port, `/download?path=${encodeURIComponent(out)}`)).status).toBe(404);
      expect((await get(host.port, downloadHref('made-up-ticket'))).status).toBe(404);
    } finally {
      client.close();
    }
  });

  it('tickets expire', () => {
    let now = 0;
    const tickets = new DownloadTickets(() => now);
    const a = tickets.issue('/a.csv');
    const b = tickets.issue('/b.csv');
    now = a.expiresInMs + 1;
    expect(tickets.take(a.ticket)).toBeNull();
    expect(tickets.take(b.ticket)).toBeNull();
    const c = tickets.issue('/c.csv');
    expect(tickets.take(c.ticket)).toBe('/c.csv');
    expect(tickets.take(c.ticket)).toBeNull();
  });
});

describe('browser host: static files', () => {

  it('never serves a file outside the built UI folder', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      const reply = await rawGet(host.port, path, []);
      expect(reply).not.toContain(SECRET);
      expect(reply).toMatch(/^HTTP\/1\.1 (400|403|404)/);
    }
  });

  it('answers 404 for a missing file and refuses NUL bytes and bad escapes', async () => {
    expect(await rawGet(host.port, '/nope.js', [])).toMatch(/^HTTP\/1\.1 404/);
    expect(await rawGet(host.port, '/index.html%00.js', [])).toMatch(/^HTTP\/1\.1 (400|404)/);
    expect(await rawGet(host.port, '/%E0%A4%A', [])).toMatch(/^HTTP\/1\.1 (400|404)/);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const status = await new Promise<number>((ok, fail) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: host.port, path: '/', method: 'POST' },
        (res) => {
          res.resume();
          ok(res.statusCode ?? 0);
        },
      );
      req.on('error', fail);
      req.end('x');
    });
    expect(status).toBe(405);
  });
});
