import { join } from 'node:path';

/**
 * Where the bundles are, from the folder of dist/main/main.cjs (inside app.asar when packaged).
 * The packaging test checks these exist after a build.
 */
export function appPaths(mainDir: string): { root: string; engine: string; preload: string; renderer: string } {
  const root = join(mainDir, '..', '..');
  return {
    root,
    engine: join(root, 'dist', 'engine', 'utility.mjs'),
    preload: join(root, 'dist', 'preload', 'preload.cjs'),
    renderer: join(root, 'dist', 'renderer'),
  };
}
