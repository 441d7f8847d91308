import { Listeners, type Transport } from './transport';

/**
 * The minimal surface of a message port: DOM MessagePort, Node's worker_threads MessagePort and
 * Electron's MessagePortMain are each wrapped into this by their own side.
 */
export interface PortLike {
  postMessage(data: unknown): void;
  subscribe(listener: (data: unknown) => void): () => void;
  onClose?(listener: () => void): void;
  close(): void;
}

/**
 * Frames over a message port (structured clone). `accept` filters what arrives, because a port
 * is an untrusted boundary on the engine side.
 */
export function createPortTransport<In, Out>(port: PortLike, accept: (v: unknown) => v is In): Transport<In, Out> {
  const closed = new Listeners<string>();
  let open = true;
  const finish = (reason: string): void => {
    if (!open) return;
    open = false;
    closed.emit(reason);
  };
  port.onClose?.(() => finish('port closed'));
  return {
    send: (frame) => {
      if (open) port.postMessage(frame);
    },
    onFrame: (listener) =>
      port.subscribe((data) => {
        if (accept(data)) listener(data);
      }),
    onClose: (l) => closed.add(l),
    close: () => {
      port.close();
      finish('closed');
    },
  };
}
