import { join } from 'node:path';
import WebSocket from 'ws';
import { Engine } from '../../electron/engine/host/engine';
import { startBrowserHost, type BrowserHost } from '../../electron/engine/host/ws-host';
import { rpcProtocols } from '../../shared/rpc/browser-credentials';
import { EngineClient } from '../../shared/rpc/client';
import { isEngineFrame, type ClientToEngineFrame, type EngineToClientFrame } from '../../shared/rpc/frames';
import { createWebSocketTransport, type WebSocketLike } from '../../shared/rpc/websocket-transport';

export interface WsEngine {
  engine: Engine;
  host: BrowserHost;
  /** A new client over its own WebSocket (as a browser tab would connect). */
  connect(): Promise<EngineClient>;
  close(): Promise<void>;
}

/** A real engine behind the browser-mode WebSocket host, for tests of overlapping calls. */
export async function wsEngine(dir: string): Promise<WsEngine> {
  const engine = new Engine({ dataDir: join(dir, 'home'), log: () => undefined });
  const host = await startBrowserHost({ engine, staticDir: dir, port: 0 });
  const clients: EngineClient[] = [];
  return {
    engine,
    host,
    connect: () => connectClient(host.port, host.token).then((c) => (clients.push(c), c)),
    close: async () => {
      for (const c of clients) c.close();
      await host.close();
      engine.dispose();
    },
  };
}

export async function connectClient(port: number, token: string): Promise<EngineClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc`, rpcProtocols(token), { origin: `http://127.0.0.1:${port}` });
  const client = new EngineClient(createWebSocketTransport<EngineToClientFrame, ClientToEngineFrame>(ws as unknown as WebSocketLike, isEngineFrame));
  await new Promise((ok, fail) => {
    ws.once('open', ok);
    ws.once('error', fail);
  });
  return client;
}
