import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The interleaving harness at benchmark size: 200 random schedules (INTERLEAVE_SCHEDULES to
 * change) of overlapping work, project switches, cancels and kill -9 over two projects.
 * Prints and keeps the outcome counts in bench/results/interleave.json.
 */
const root = process.cwd();
const report = join(root, 'bench', 'results', 'interleave.json');
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const r = spawnSync(join(root, 'node_modules', '.bin', 'vitest'), ['run', 'tests/interleave'], {
  stdio: 'inherit',
  env: { ...process.env, INTERLEAVE_SCHEDULES: process.env.INTERLEAVE_SCHEDULES ?? '200', INTERLEAVE_REPORT: report },
});
if (r.status === 0) console.log(readFileSync(report, 'utf8'));
process.exit(r.status ?? 1);
