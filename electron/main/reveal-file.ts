import { statSync } from 'node:fs';
import { extname, isAbsolute } from 'node:path';

/** Kinds of file the app writes: reports and exports, charts, projects. */
const REVEALABLE = new Set(['.xlsx', '.csv', '.kequn', '.svg', '.png']);

/**
 * Whether "show in folder" may reveal `path`: an absolute path to an existing regular file of a
 * kind the app writes. The page can only ask; main decides, so a compromised page cannot use the
 * file manager to probe or open arbitrary places.
 */
export function isRevealable(path: string): boolean {
  if (!isAbsolute(path) || !REVEALABLE.has(extname(path).toLowerCase())) return false;
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
