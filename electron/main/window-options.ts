import type { BrowserWindowConstructorOptions } from 'electron';
import { secureWebPreferences } from './security';
import { MIN_HEIGHT, MIN_WIDTH, type WindowState } from './window-state';

/** BrowserWindow options for the main window: saved bounds plus the secure webPreferences. */
export function mainWindowOptions(state: WindowState, preloadPath: string, isPackaged: boolean): BrowserWindowConstructorOptions {
  return {
    ...state.bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: '客群 Kequn',
    backgroundColor: '#ffffff',
    // Shown on 'ready-to-show', so the user never sees a blank white frame.
    show: false,
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(preloadPath, isPackaged),
  };
}
