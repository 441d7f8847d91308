import type { KequnDesktop } from '../../../shared/desktop-bridge';
import { PAGE_MESSAGES } from '../../../shared/desktop-ipc';

export type { KequnDesktop };

/** `window.kequnDesktop` from the Electron preload; null in browser mode. */
export function desktopBridge(): KequnDesktop | null {
  const w = window as unknown as { kequnDesktop?: KequnDesktop };
  return w.kequnDesktop ?? null;
}

/** The preload posts this (with the port transferred) each time an engine starts. */
export const ENGINE_PORT_MESSAGE = PAGE_MESSAGES.enginePort;
/** The page posts this once its listener is installed, so no port is posted into the void. */
export const ENGINE_PORT_WANTED_MESSAGE = PAGE_MESSAGES.enginePortWanted;
