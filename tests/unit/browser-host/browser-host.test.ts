import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EngineClient } from '../../../shared/rpc/client';
import { isEngineFrame, type ClientToEngineFrame, type EngineToClientFrame } from '../../../shared/rpc/frames';
import { createWebSocketTransport, type WebSocketLike } from '../../../shared/rpc/websocket-transport';
import { Engine } from '../../../electron/engine/host/engine';
import { startBrowserHost, type BrowserHost } from '../../../electron/engine/host/ws-host';
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
      socket.write(`GET ${rawPath} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${headers.join('\r\n')}\r\nConnection: close\r\n\r\n`);
    });
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (text += c));
    socket.on('end', () => ok(text));
    socket.on('error', fail);
  });
}

/** Opens a socket; resolves 'open' or the refusal's HTTP status. */
function tryWebSocket(url: string, options: WebSocket.ClientOptions): Promise<{ ws: WebSocket | null; status: number | 'open' }> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(url, options);
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

describe('browser host: token', () => {
  it('prints a 127.0.0.1 URL with a random token on a random port', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.port).toBeGreaterThan(0);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses requests without a token with 403', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js']) {
      const r = await get(host.port, path);
      expect(r.status).toBe(403);
      expect(r.body).not.toContain('客群');
    }
  });

  it('refuses a wrong token in the query or the cookie with 403', async () => {
    const wrong = host.token.slice(0, -1) + (host.token.endsWith('a') ? 'b' : 'a');
    expect((await get(host.port, `/?token=${wrong}`)).status).toBe(403);
    expect((await get(host.port, '/?token=')).status).toBe(403);
    expect((await get(host.port, '/', { cookie: `kequn_token=${wrong}` })).status).toBe(403);
    // A correct cookie does not rescue a wrong query token: the query, when present, decides.
    expect((await get(host.port, `/?token=${wrong}`, { cookie: `kequn_token=${host.token}` })).status).toBe(403);
  });

  it('refuses another Host name even with the token (DNS rebinding)', async () => {
    const r = await get(host.port, `/?token=${host.token}`, { host: `evil.example:${host.port}` });
    expect(r.status).toBe(403);
  });
});

describe('browser host: cookie flow', () => {
  it('sets an HttpOnly SameSite=Strict cookie on the first load, which then authorises requests', async () => {
    const first = await get(host.port, `/?token=${host.token}`);
    expect(first.status).toBe(200);
    expect(first.body).toContain('客群');
    expect(first.headers['content-type']).toContain('text/html');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toContain(`kequn_token=${host.token}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = setCookie.split(';')[0] ?? '';
    const asset = await get(host.port, '/assets/app.js', { cookie });
    expect(asset.status).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    expect(asset.headers['set-cookie']).toBeUndefined();
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
  });

  it('opens the engine socket with the cookie alone and serves the contract over it', async () => {
    const { ws, status } = await tryWebSocket(`ws://127.0.0.1:${host.port}/rpc`, {
      origin,
      headers: { cookie: `kequn_token=${host.token}` },
    });
    expect(status).toBe('open');
    const client = new EngineClient(
      createWebSocketTransport<EngineToClientFrame, ClientToEngineFrame>(ws as unknown as WebSocketLike, isEngineFrame),
    );
    const info = await client.call('engine.info', {});
    expect(info.project).toBeNull();
    expect(info.nodeVersion).toMatch(/^v\d+/);
    client.close();
  });
});

describe('browser host: WebSocket guards', () => {
  it('refuses a socket from another Origin, even with the right token', async () => {
    const r = await tryWebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`, { origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    const sameHostOtherPort = await tryWebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`, {
      origin: `http://127.0.0.1:${host.port + 1}`,
    });
    expect(sameHostOtherPort.status).toBe(403);
  });

  it('refuses a socket without a token or on another path', async () => {
    expect((await tryWebSocket(`ws://127.0.0.1:${host.port}/rpc`, { origin })).status).toBe(403);
    expect((await tryWebSocket(`ws://127.0.0.1:${host.port}/other?token=${host.token}`, { origin })).status).toBe(403);
  });
});

describe('browser host: static files', () => {
  const cookie = (): string => `Cookie: kequn_token=${host.token}`;

  it('never serves a file outside the built UI folder', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      const reply = await rawGet(host.port, path, [cookie()]);
      expect(reply).not.toContain(SECRET);
      expect(reply).toMatch(/^HTTP\/1\.1 (400|403|404)/);
    }
  });

  it('answers 404 for a missing file and refuses NUL bytes and bad escapes', async () => {
    expect(await rawGet(host.port, '/nope.js', [cookie()])).toMatch(/^HTTP\/1\.1 404/);
    expect(await rawGet(host.port, '/index.html%00.js', [cookie()])).toMatch(/^HTTP\/1\.1 (400|404)/);
    expect(await rawGet(host.port, '/%E0%A4%A', [cookie()])).toMatch(/^HTTP\/1\.1 (400|404)/);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const status = await new Promise<number>((ok, fail) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: host.port, path: '/', method: 'POST', headers: { cookie: `kequn_token=${host.token}` } },
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
