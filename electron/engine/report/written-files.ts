import { resolve } from 'node:path';

/**
 * Files this engine process wrote for the user (exports, reports). Browser mode serves a download
 * only for a path in this set, so the download route can never read an arbitrary file.
 */
const written = new Set<string>();

export function recordWrittenFile(path: string): void {
  written.add(resolve(path));
}

export function isWrittenFile(path: string): boolean {
  return written.has(resolve(path));
}
