import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { isClientFrame, type ClientToEngineFrame, type EngineToClientFrame } from '../../../shared/rpc/frames';
import { createWebSocketTransport } from '../../../shared/rpc/websocket-transport';
import type { Engine } from './engine';
import { serveDownload } from './download-route';
import { readStatic } from './static-files';

export interface BrowserHostOptions {
  engine: Engine;
  /** Built renderer folder (index.html + assets). */
  staticDir: string;
  /** Default 127.0.0.1; any other interface only when the user asks for it. */
  host?: string;
  /** 0 = a random free port. */
  port?: number;
  /** Fixed token (tests); default a random one per start. */
  token?: string;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const COOKIE = 'kequn_token';
const MAX_FRAME_BYTES = 8 * 1024 * 1024;

/**
 * Browser mode: the built UI and the engine's WebSocket from one local server. Every request must
 * carry the per-start token (query on first load, then an HttpOnly SameSite=Strict cookie); the
 * socket also checks Host and Origin so another site open in the same browser cannot drive the
 * engine (DNS rebinding, cross-site WebSocket).
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.staticDir);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let port = 0;

  const hostAllowed = (req: IncomingMessage): boolean => {
    const h = req.headers.host ?? '';
    if (host !== '127.0.0.1' && host !== 'localhost') return true; // explicit interface: token is the guard
    return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
  };

  const server = createServer((req, res) => {
    void handleHttp(req, res);
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    if (!hostAllowed(req) || !hasToken(req, url, token)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('403 需要有效的访问令牌 / a valid token is required\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (url.pathname === '/download') {
      serveDownload(url.searchParams.get('path') ?? '', req, res);
      return;
    }
    const file = await readStatic(root, url.pathname);
    const headers: Record<string, string> = {
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    };
    if (url.searchParams.get('token') === token) {
      headers['set-cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    }
    if (!file) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      res.end('404\n');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': file.type });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const origin = req.headers.origin;
    const originOk = origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}` || (host !== '127.0.0.1' && origin === `http://${req.headers.host ?? ''}`);
    if (url.pathname !== '/rpc' || !hostAllowed(req) || !originOk || !hasToken(req, url, token)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const transport = createWebSocketTransport<ClientToEngineFrame, EngineToClientFrame>(ws, isClientFrame);
      options.engine.connect(transport);
    });
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => ok());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((ok) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

function hasToken(req: IncomingMessage, url: URL, token: string): boolean {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null) return safeEqual(fromQuery, token);
  const cookies = req.headers.cookie ?? '';
  for (const part of cookies.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE && v !== undefined) return safeEqual(v, token);
  }
  return false;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
