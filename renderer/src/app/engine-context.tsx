import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { EngineClient } from '../../../shared/rpc/client';
import type { EngineConnection, EngineState } from './engine-connection';

const EngineContext = createContext<EngineConnection | null>(null);

/**
 * Provides the window's one engine connection. It is created once outside React (see main.tsx)
 * because StrictMode runs initialisers and effects twice, which would open two sockets.
 */
export function EngineProvider({ connection, children }: { connection: EngineConnection; children: ReactNode }) {
  return <EngineContext.Provider value={connection}>{children}</EngineContext.Provider>;
}

function useConnection(): EngineConnection {
  const conn = useContext(EngineContext);
  if (!conn) throw new Error('useEngine() outside <EngineProvider>');
  return conn;
}

/** The typed engine client (shared/rpc/client): `useEngine().call('datasets.list', {})`. */
export function useEngine(): EngineClient {
  return useConnection().client;
}

/** Connection state for the status bar, and an epoch that changes on every (re)connect. */
export function useEngineState(): { state: EngineState; epoch: number; mode: 'browser' | 'desktop' } {
  const conn = useConnection();
  const state = useSyncExternalStore(conn.onChange, conn.state);
  const epoch = useSyncExternalStore(conn.onChange, conn.epoch);
  return { state, epoch, mode: conn.mode };
}
