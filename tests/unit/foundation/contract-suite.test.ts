import { MessageChannel } from 'node:worker_threads';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { KequnError } from '../../../shared/contract/errors';
import { rpcProtocols } from '../../../shared/rpc/browser-credentials';
import { EngineClient } from '../../../shared/rpc/client';
import { isClientFrame, isEngineFrame, type ClientToEngineFrame, type EngineToClientFrame } from '../../../shared/rpc/frames';
import { createPortTransport, type PortLike } from '../../../shared/rpc/port-transport';
import { createWebSocketTransport, type WebSocketLike } from '../../../shared/rpc/websocket-transport';
import { Engine } from '../../../electron/engine/host/engine';
import { startBrowserHost, type BrowserHost } from '../../../electron/engine/host/ws-host';
import { tempDir } from '../../helpers/temp';

/** Wraps a worker_threads MessagePort (structured clone) into the shared PortLike. */
function nodePort(port: import('node:worker_threads').MessagePort): PortLike {
  return {
    postMessage: (d) => port.postMessage(d),
    subscribe: (l) => {
      const fn = (d: unknown): void => l(d);
      port.on('message', fn);
      return () => port.off('message', fn);
    },
    onClose: (l) => port.on('close', l),
    close: () => port.close(),
  };
}

interface Harness {
  client: EngineClient;
  close: () => Promise<void> | void;
}

const tmp = tempDir();
const engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
let host: BrowserHost;

beforeAll(async () => {
  host = await startBrowserHost({ engine, staticDir: tmp.dir, port: 0 });
});
afterAll(async () => {
  await host.close();
  engine.dispose();
  tmp.cleanup();
});

const transports: Record<string, () => Promise<Harness>> = {
  'in-process': async () => {
    const client = engine.createClient();
    return { client, close: () => client.close() };
  },
  websocket: async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc`, rpcProtocols(host.token), { origin: `http://127.0.0.1:${host.port}` });
    const client = new EngineClient(
      createWebSocketTransport<EngineToClientFrame, ClientToEngineFrame>(ws as unknown as WebSocketLike, isEngineFrame),
    );
    await new Promise((ok, fail) => {
      ws.once('open', ok);
      ws.once('error', fail);
    });
    return { client, close: () => client.close() };
  },
  'message-port': async () => {
    const { port1, port2 } = new MessageChannel();
    engine.connect(createPortTransport<ClientToEngineFrame, EngineToClientFrame>(nodePort(port1), isClientFrame));
    const client = new EngineClient(createPortTransport<EngineToClientFrame, ClientToEngineFrame>(nodePort(port2), isEngineFrame));
    return { client, close: () => client.close() };
  },
};

for (const [name, make] of Object.entries(transports)) {
  describe(`contract over ${name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await make();
    });
    afterAll(async () => {
      await h.close();
    });

    it('opens a project and lists its datasets', async () => {
      const info = await h.client.call('project.open', { path: join(tmp.dir, `${name}.kequn`), create: true });
      expect(info.datasetCount).toBe(0);
      expect(info.schemaVersion).toBeGreaterThanOrEqual(1);
      expect(await h.client.call('datasets.list', {})).toEqual([]);
    });

    it('rejects malformed params with a coded validation error', async () => {
      const bad = h.client.call('project.open', { path: 42 } as never);
      await expect(bad).rejects.toBeInstanceOf(KequnError);
      await expect(bad).rejects.toMatchObject({ code: 'VALIDATION' });
      await expect(h.client.call('engine.selfTest', { steps: 1, stepMs: 0, extra: true } as never)).rejects.toMatchObject({
        code: 'VALIDATION',
      });
    });

    it('rejects an unknown method with UNKNOWN_METHOD', async () => {
      await expect(h.client.call('no.such' as never, {} as never)).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
    });

    it('delivers progress frames to the caller', async () => {
      const seen: number[] = [];
      const result = await h.client.call('engine.selfTest', { steps: 5, stepMs: 60 }, { onProgress: (p) => seen.push(p.done) });
      expect(result.completed).toBe(5);
      expect(seen.length).toBeGreaterThanOrEqual(3);
      expect(seen.at(-1)).toBe(5);
    });

    it('rejects a cancelled call with CANCELLED and the engine stops the work', async () => {
      const controller = new AbortController();
      const seen: number[] = [];
      const call = h.client.call('engine.selfTest', { steps: 200, stepMs: 20 }, { signal: controller.signal, onProgress: (p) => seen.push(p.done) });
      setTimeout(() => controller.abort(), 150);
      await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
      const count = seen.length;
      await new Promise((r) => setTimeout(r, 200));
      expect(seen.length).toBe(count);
      // The connection is still usable after a cancel.
      expect((await h.client.call('engine.info', {})).appVersion).toMatch(/\d+\.\d+\.\d+/);
    });

    it('maps engine errors to stable codes in both languages', async () => {
      const err = await h.client.call('datasets.get', { datasetId: 'nope' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KequnError);
      expect((err as KequnError).code).toBe('DATASET_NOT_FOUND');
      expect((err as KequnError).messageZh).toContain('数据集');
    });

    it('pushes events to connected clients', async () => {
      const events: string[] = [];
      const off = h.client.on('project.changed', (p) => events.push(p.project?.name ?? 'none'));
      await h.client.call('project.open', { path: join(tmp.dir, `${name}-2.kequn`), create: true });
      await new Promise((r) => setTimeout(r, 50));
      off();
      expect(events).toContain(`${name}-2`);
    });
  });
}

describe('client lifecycle', () => {
  it('fails pending calls with ENGINE_UNAVAILABLE when the transport closes', async () => {
    const client = engine.createClient();
    const call = client.call('engine.selfTest', { steps: 50, stepMs: 20 });
    setTimeout(() => client.close(), 50);
    await expect(call).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
  });
});
