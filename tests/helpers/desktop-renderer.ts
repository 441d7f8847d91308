/**
 * The renderer's own desktop code, run under Node on a page of the electron stand-in: the engine
 * connection (port handshake with the preload, re-attach after restarts) and the subscribers the
 * app mounts for the shell's commands (desktop-shell-commands.ts, desktop-import.ts). Only the
 * React parts are left out (Chromium tests cover them, tests/e2e/desktop-mode.e2e.ts).
 */
import type { UiLanguage } from '../../shared/desktop-bridge';
import type { EngineClient } from '../../shared/rpc/client';
import { loadRendererModule, type NodePage } from './electron-stand-in';
import { until } from './until';

type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'failed';

interface EngineConnection {
  readonly client: EngineClient;
  readonly mode: 'browser' | 'desktop';
  state(): ConnectionState;
  epoch(): number;
  onChange(listener: () => void): () => void;
  dispose(): void;
}

interface ShellActions {
  openProject: (path: string, create: boolean) => void;
  saveProjectAs: (path: string) => void;
  exportReport: () => void;
  setLanguage: (language: UiLanguage) => void;
}

/** What the subscribers received, in order; each entry is what the UI would act on. */
export interface ShellCommandsSeen {
  openProject: { path: string; create: boolean }[];
  saveProjectAs: string[];
  exportReport: number;
  setLanguage: UiLanguage[];
  /** Paths handed to the import view (menu, OS, drops), one per file. */
  imports: string[];
}

export interface DesktopRenderer {
  connection: EngineConnection;
  client: EngineClient;
  seen: ShellCommandsSeen;
  /** Resolves once the engine connection is (again) connected, at epoch `atLeast` or later. */
  connected(atLeast?: number): Promise<void>;
  stop(): void;
}

/** Starts the renderer's desktop code on `page` (its window becomes the global `window`). */
export async function startDesktopRenderer(page: NodePage): Promise<DesktopRenderer> {
  const restore = page.installWindow();
  const { connectEngine } = await loadRendererModule<{ connectEngine(): EngineConnection }>('app/engine-connection.ts');
  const { subscribeDesktopShell } = await loadRendererModule<{ subscribeDesktopShell(a: () => ShellActions): () => void }>('shell/desktop-shell-commands.ts');
  const { subscribeDesktopImport } = await loadRendererModule<{ subscribeDesktopImport(open: (path: string) => void): () => void }>('features/import/desktop-import.ts');
  const seen: ShellCommandsSeen = { openProject: [], saveProjectAs: [], exportReport: 0, setLanguage: [], imports: [] };
  const connection = connectEngine();
  const actions: ShellActions = {
    openProject: (path, create) => seen.openProject.push({ path, create }),
    saveProjectAs: (path) => seen.saveProjectAs.push(path),
    exportReport: () => seen.exportReport++,
    setLanguage: (language) => seen.setLanguage.push(language),
  };
  const offShell = subscribeDesktopShell(() => actions);
  const offImport = subscribeDesktopImport((path) => seen.imports.push(path));
  return {
    connection,
    client: connection.client,
    seen,
    connected: (atLeast = 1) => until(() => connection.state() === 'connected' && connection.epoch() >= atLeast, `the engine connection (epoch ${atLeast})`),
    stop: () => {
      offShell();
      offImport();
      connection.dispose();
      restore();
    },
  };
}
