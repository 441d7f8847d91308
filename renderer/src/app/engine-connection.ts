import { EngineClient } from '../../../shared/rpc/client';
import { rpcProtocols } from '../../../shared/rpc/browser-credentials';
import { isEngineFrame, type ClientToEngineFrame, type EngineToClientFrame } from '../../../shared/rpc/frames';
import { createPortTransport, type PortLike } from '../../../shared/rpc/port-transport';
import { Listeners } from '../../../shared/rpc/transport';
import { createWebSocketTransport, type WebSocketLike } from '../../../shared/rpc/websocket-transport';
import { browserToken } from './browser-token';
import { ENGINE_PORT_MESSAGE, ENGINE_PORT_WANTED_MESSAGE, desktopBridge } from './desktop-bridge';
import { onDesktopCommand } from './desktop-commands';

/** Shown in the status bar: connected, first connect, lost and retrying, or given up (desktop). */
export type EngineState = 'connecting' | 'connected' | 'reconnecting' | 'failed';

export interface EngineConnection {
  readonly client: EngineClient;
  readonly mode: 'browser' | 'desktop';
  state(): EngineState;
  /** Bumps each time a (new) transport connects, so data views can reload after a restart. */
  epoch(): number;
  onChange(listener: () => void): () => void;
  dispose(): void;
}

const BACKOFF_MS = [250, 500, 1000, 2000, 4000];
const GIVE_UP_AFTER = 10;

/** Browser mode talks WebSocket; the desktop shell hands over a MessagePort per engine start. */
export function connectEngine(): EngineConnection {
  return desktopBridge() ? connectDesktop() : connectBrowser();
}

function makeState(mode: 'browser' | 'desktop') {
  const client = new EngineClient();
  const changed = new Listeners<void>();
  let state: EngineState = 'connecting';
  let epoch = 0;
  return {
    client,
    changed,
    epoch: (): number => epoch,
    set(next: EngineState, bump = false): void {
      if (bump) epoch++;
      if (next === state && !bump) return;
      state = next;
      changed.emit();
    },
    base(dispose: () => void): EngineConnection {
      return {
        client,
        mode,
        state: () => state,
        epoch: () => epoch,
        onChange: (l) => changed.add(l),
        dispose,
      };
    },
  };
}

/** The engine socket's address; the token goes in the subprotocol list, never in the URL. */
export function rpcUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/rpc`;
}

/** Adapts the DOM WebSocket to the shared transport's structural type. */
function wrapSocket(ws: WebSocket): WebSocketLike {
  return {
    get readyState() {
      return ws.readyState;
    },
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
    addEventListener: ((type: 'message' | 'close' | 'open', listener: (ev: { data: unknown }) => void) => {
      ws.addEventListener(type, (ev) => listener({ data: (ev as MessageEvent).data }));
    }) as WebSocketLike['addEventListener'],
  };
}

function connectBrowser(): EngineConnection {
  const s = makeState('browser');
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let socket: WebSocket | null = null;
  let disposed = false;
  // Without a token the server refuses the socket: the retries below end in 'failed', which
  // the status bar explains (open the URL `kequn serve` printed).
  const token = browserToken(window);

  const open = (): void => {
    if (disposed) return;
    const ws = new WebSocket(rpcUrl(window.location), token ? rpcProtocols(token) : []);
    socket = ws;
    const transport = createWebSocketTransport<EngineToClientFrame, ClientToEngineFrame>(wrapSocket(ws), isEngineFrame);
    ws.addEventListener('open', () => {
      attempt = 0;
      s.client.attach(transport);
      s.set('connected', true);
    });
    ws.addEventListener('close', () => {
      if (socket !== ws || disposed) return;
      // The transport's own close handler has already failed calls in flight (ENGINE_UNAVAILABLE).
      // After ~30 s of refusals the server is gone or was restarted with a new token: say so,
      // but keep trying in case it comes back on the same address.
      s.set(attempt >= GIVE_UP_AFTER ? 'failed' : s.epoch() === 0 ? 'connecting' : 'reconnecting');
      const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 4000;
      attempt++;
      timer = setTimeout(open, delay);
    });
  };
  open();

  return s.base(() => {
    disposed = true;
    if (timer) clearTimeout(timer);
    s.client.close();
    socket?.close();
  });
}

function wrapPort(port: MessagePort): PortLike {
  return {
    postMessage: (data) => port.postMessage(data),
    subscribe: (listener) => {
      const onMessage = (e: MessageEvent): void => listener(e.data);
      port.addEventListener('message', onMessage);
      return () => port.removeEventListener('message', onMessage);
    },
    // Chromium fires 'close' on a MessagePort when the other side goes away (engine died).
    onClose: (listener) => port.addEventListener('close', () => listener()),
    close: () => port.close(),
  };
}

function connectDesktop(): EngineConnection {
  const s = makeState('desktop');
  const onMessage = (e: MessageEvent): void => {
    const data = e.data as { type?: unknown } | null;
    if (e.source !== window || data?.type !== ENGINE_PORT_MESSAGE) return;
    const port = e.ports[0];
    if (!port) return;
    const transport = createPortTransport<EngineToClientFrame, ClientToEngineFrame>(wrapPort(port), isEngineFrame);
    // attach() fails calls still in flight on the old port with ENGINE_RESTARTED.
    s.client.attach(transport);
    port.start();
    s.set('connected', true);
  };
  window.addEventListener('message', onMessage);
  // Handshake: the preload holds the port until the page says it is listening.
  window.postMessage({ type: ENGINE_PORT_WANTED_MESSAGE }, '*');
  const offState = s.client.onState((st) => {
    if (st === 'disconnected') s.set('reconnecting');
  });
  // Main restarts a crashed engine and says so; a new port follows, or 'failed' after retries.
  const offShell = onDesktopCommand('engineState', (c) => {
    if (c.state === 'restarting') s.set('reconnecting');
    else if (c.state === 'failed') s.set('failed');
  });
  return s.base(() => {
    window.removeEventListener('message', onMessage);
    offState();
    offShell();
    s.client.close();
  });
}
