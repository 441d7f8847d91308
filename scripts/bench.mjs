// Runs benchmarks: `npm run bench -- <name> [args]` bundles bench/<name>.bench.ts and runs it under
// this Node (22) with --expose-gc. Without a name it lists what exists. Results are printed and
// written to bench/results/<name>.json by each benchmark.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...rest] = process.argv.slice(2);
const available = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, ''));
if (!name || !available.includes(name)) {
  console.log(`usage: npm run bench -- <name> [args]\navailable: ${available.join(', ') || '(none)'}`);
  process.exit(name ? 2 : 0);
}
const out = join(root, 'dist', 'bench', `${name}.mjs`);
await build({
  absWorkingDir: root,
  entryPoints: [join(root, 'bench', `${name}.bench.ts`)],
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  packages: 'external',
  outfile: out,
  sourcemap: true,
  logLevel: 'warning',
});
if (!existsSync(out)) process.exit(1);
const r = spawnSync(process.execPath, ['--expose-gc', '--enable-source-maps', out, ...rest], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
