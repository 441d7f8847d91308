import { rmSync } from 'node:fs';

/** Removes a project file this process created and could not finish setting up. */
export function removeProjectFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}
