/**
 * Desktop entry: the engine as an Electron utility process. Main sends one MessagePort per window
 * through `process.parentPort`; each port becomes a connection. Plain Node APIs only: the
 * `parentPort` object is provided by the utility process runtime, not imported from electron.
 */
import { isClientFrame, type ClientToEngineFrame, type EngineToClientFrame } from '../../../shared/rpc/frames';
import { createPortTransport } from '../../../shared/rpc/port-transport';
import { Engine } from './engine';

interface UtilityPort {
  postMessage(data: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  start(): void;
  close(): void;
}
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown; ports: UtilityPort[] }) => void): void;
  postMessage(data: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) {
  process.stderr.write('utility-entry must run as an Electron utility process\n');
  process.exit(1);
}

const engine = new Engine();

parentPort.on('message', (e) => {
  const msg = e.data as { type?: string; projectPath?: string } | null;
  if (msg?.type === 'connect') {
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
  }
});
parentPort.postMessage({ type: 'ready' });
