import { Listeners, type Transport } from './transport';

/** The part of the browser's WebSocket (and of the `ws` package's) that we use. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (ev: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: () => void): void;
  addEventListener(type: 'open', listener: () => void): void;
}

const OPEN = 1;

/** Frames as JSON text over a WebSocket. Frames sent before the socket opens are queued. */
export function createWebSocketTransport<In, Out>(ws: WebSocketLike, accept: (v: unknown) => v is In): Transport<In, Out> {
  const frames = new Listeners<In>();
  const closed = new Listeners<string>();
  const queue: string[] = [];
  let open = true;
  ws.addEventListener('open', () => {
    for (const text of queue.splice(0)) ws.send(text);
  });
  ws.addEventListener('message', (ev) => {
    if (typeof ev.data !== 'string') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(ev.data);
    } catch {
      return;
    }
    if (accept(parsed)) frames.emit(parsed);
  });
  ws.addEventListener('close', () => {
    if (!open) return;
    open = false;
    closed.emit('socket closed');
  });
  return {
    send: (frame) => {
      if (!open) return;
      const text = JSON.stringify(frame);
      if (ws.readyState === OPEN) ws.send(text);
      else queue.push(text);
    },
    onFrame: (l) => frames.add(l),
    onClose: (l) => closed.add(l),
    close: () => ws.close(1000, 'closed'),
  };
}
