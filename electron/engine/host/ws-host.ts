import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { isClientFrame, type ClientToEngineFrame, type EngineToClientFrame } from '../../../shared/rpc/frames';
import { createWebSocketTransport } from '../../../shared/rpc/websocket-transport';
import { RPC_PROTOCOL, tokenFromProtocols } from '../../../shared/rpc/browser-credentials';
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
  /** Protocol errors of single sockets (bad frames); default: ignored, the socket is closed. */
  log?: (message: string) => void;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

/** Frames above this are refused (the socket closes with 1009); uploads send ≤ 2 MiB per frame. */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

const BASE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const;

/**
 * Browser mode: the built UI and the engine's WebSocket from one local server.
 *
 * The UI's files are public code and need no credential. The engine does: the per-start token
 * reaches the page only in the URL fragment (never sent to any server), the page keeps it in
 * sessionStorage (scoped to this origin, port included) and presents it as a WebSocket
 * subprotocol, which the browser sends to this socket only. Downloads use one-time tickets asked
 * for over that socket. There is no cookie: cookies are not port-scoped, so every other server on
 * 127.0.0.1 would receive one. Host and Origin are checked as well (DNS rebinding, cross-site
 * WebSocket). A malformed frame closes its own socket, never the server.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.staticDir);
  const log = options.log ?? (() => undefined);
  // Loaded here, not at start: only `kequn serve` and the desktop's browser mode need a socket server.
  const { WebSocketServer } = await import('ws');
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    // The token rides in the offered list too; the answer names only the protocol.
    handleProtocols: (offered) => (offered.has(RPC_PROTOCOL) ? RPC_PROTOCOL : false),
  });
  wss.on('error', (e) => log(`[browser-host] ${e.message}`));
  let port = 0;

  const hostAllowed = (req: IncomingMessage): boolean => {
    const h = req.headers.host ?? '';
    if (host !== '127.0.0.1' && host !== 'localhost') return true; // explicit interface: the token is the guard
    return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
  };

  const server = createServer((req, res) => {
    void handleHttp(req, res).catch(() => res.destroy());
  });
  // A connection that breaks mid-request must not surface as an unhandled error.
  server.on('clientError', (_e, socket: Duplex) => socket.destroy());

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    if (!hostAllowed(req)) {
      res.writeHead(403, { ...BASE_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end('403 主机名不符 / wrong Host\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, BASE_HEADERS).end();
      return;
    }
    if (url.pathname === '/download') {
      const path = options.engine.downloads.take(url.searchParams.get('ticket') ?? '');
      serveDownload(path, req, res);
      return;
    }
    const file = await readStatic(root, url.pathname);
    if (!file) {
      res.writeHead(404, { ...BASE_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end('404\n');
      return;
    }
    res.writeHead(200, { ...BASE_HEADERS, 'content-type': file.type });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Errors on the raw socket (a reset during the handshake) close that socket only.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://local');
    const origin = req.headers.origin;
    const originOk =
      origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}` || (host !== '127.0.0.1' && origin === `http://${req.headers.host ?? ''}`);
    const presented = tokenFromProtocols(req.headers['sec-websocket-protocol']);
    if (url.pathname !== '/rpc' || !hostAllowed(req) || !originOk || presented === null || !safeEqual(presented, token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      // Bad UTF-8, a bad opcode, an unmasked or oversized frame: `ws` reports it here and
      // destroys this socket. Without a listener the error would end the whole process.
      ws.on('error', (e) => log(`[browser-host] socket closed: ${e.message}`));
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
    url: `http://${shownHost}:${port}/#token=${token}`,
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

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
