/**
 * The desktop engine's side of the Electron utility process link: main sends one MessagePort per
 * window ('connect') and the paths the user chose ('grant'). Plain Node types only: the
 * `parentPort` object is provided by the utility process runtime, not imported from electron,
 * and tests drive this with worker_threads ports.
 */
import { isGrantMessage } from '../../../shared/file-grants';
import { isClientFrame, type ClientToEngineFrame, type EngineToClientFrame } from '../../../shared/rpc/frames';
import { createPortTransport } from '../../../shared/rpc/port-transport';
import type { Engine } from './engine';

export interface UtilityPort {
  postMessage(data: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  start(): void;
  close(): void;
}

export interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown; ports: UtilityPort[] }) => void): void;
  postMessage(data: unknown): void;
}

/**
 * Serves `engine` to the windows main connects and records main's file grants. Grants and
 * connects arrive in order on this one port, so a window never reaches the engine before the
 * grants made for it; a grant made later is answered ('granted') once it is in force.
 */
export function linkParentPort(parentPort: ParentPort, engine: Engine): void {
  parentPort.on('message', (e) => {
    const msg = e.data;
    if (isGrantMessage(msg)) {
      engine.grants.grant(msg.path, msg.access);
      if (msg.id > 0) parentPort.postMessage({ type: 'granted', id: msg.id });
      return;
    }
    if ((msg as { type?: unknown } | null)?.type !== 'connect') return;
    for (const port of e.ports) {
      const transport = createPortTransport<ClientToEngineFrame, EngineToClientFrame>(
        {
          postMessage: (d) => port.postMessage(d),
          subscribe: (listener) => {
            port.on('message', (ev) => listener(ev.data));
            return () => undefined;
          },
          onClose: (l) => port.on('close', l),
          close: () => port.close(),
        },
        isClientFrame,
      );
      engine.connect(transport);
      port.start();
    }
  });
  parentPort.postMessage({ type: 'ready' });
}
