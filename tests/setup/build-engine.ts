import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Tests that start the engine as a child process (CLI, crash harness) need a fresh bundle of the
 * current sources: build it once before the run (esbuild, well under a second).
 */
export default function setup(): void {
  const root = join(__dirname, '..', '..');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--engine'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`engine build failed:\n${r.stdout}\n${r.stderr}`);
}
