import type { ClientToEngineFrame, EngineToClientFrame } from './frames';
import { Listeners, type Transport } from './transport';

export type ClientTransport = Transport<EngineToClientFrame, ClientToEngineFrame>;
export type EngineTransport = Transport<ClientToEngineFrame, EngineToClientFrame>;

/**
 * Two linked in-process ends. Frames are delivered asynchronously and copied through JSON, so
 * that code tested in-process behaves as it will over a socket (no shared object references,
 * no non-JSON values slipping through).
 */
export function createInProcessPair(): { client: ClientTransport; engine: EngineTransport } {
  const toClient = new Listeners<EngineToClientFrame>();
  const toEngine = new Listeners<ClientToEngineFrame>();
  const closed = new Listeners<string>();
  let open = true;
  const deliver = <T>(target: Listeners<T>, frame: T): void => {
    if (!open) return;
    const copy = JSON.parse(JSON.stringify(frame)) as T;
    void Promise.resolve().then(() => {
      if (open) target.emit(copy);
    });
  };
  const close = (): void => {
    if (!open) return;
    open = false;
    closed.emit('closed');
  };
  return {
    client: {
      send: (f) => deliver(toEngine, f),
      onFrame: (l) => toClient.add(l),
      onClose: (l) => closed.add(l),
      close,
    },
    engine: {
      send: (f) => deliver(toClient, f),
      onFrame: (l) => toEngine.add(l),
      onClose: (l) => closed.add(l),
      close,
    },
  };
}
