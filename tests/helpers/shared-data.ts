import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The real-data folder beside the repository (../shared/data). A user's clone does not have it,
 * so tests that need it skip with this message.
 */
export const SHARED_DATA = resolve(__dirname, '..', '..', '..', 'shared', 'data');
export const hasSharedData = existsSync(SHARED_DATA);
export const SKIP_MESSAGE = `skipped: ../shared/data is absent (real test workbooks live there)`;

export function sharedFile(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}

if (!hasSharedData) console.warn(SKIP_MESSAGE);
