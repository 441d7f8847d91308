import { desktopBridge } from '../../app/desktop-bridge';

/** The last part of a path, whichever separator the engine's platform uses. */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/**
 * Where to write. Browser mode: the path on screen (the token holder may name any path).
 * Desktop: the engine writes only where the user chose in the native Save dialog (main grants
 * that path to the engine), so unless the path on screen came from that dialog, it is asked now
 * with the on-screen name as the suggestion. Null when the user cancelled.
 */
export async function placeToWrite(path: string, chosenInDialog: string | null, format: 'xlsx' | 'csv'): Promise<string | null> {
  const bridge = desktopBridge();
  if (!bridge) return path;
  if (chosenInDialog !== null && chosenInDialog === path) return path;
  return bridge.saveReportDialog({ defaultName: fileNameOf(path) || `kequn.${format}`, format });
}
