// Runs a TypeScript entry under this Node (22): `node scripts/run-ts.mjs <file.ts> [args]`.
// Bundles with esbuild into dist/run/ (dependencies stay external) and runs it with the args.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args]');
  process.exit(2);
}
const out = join(root, 'dist', 'run', basename(entry).replace(/\.ts$/, '.mjs'));
await build({ absWorkingDir: root, entryPoints: [resolve(entry)], bundle: true, platform: 'node', target: 'node22', format: 'esm', packages: 'external', outfile: out, sourcemap: true, logLevel: 'warning', banner: { js: "import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);" } });
const r = spawnSync(process.execPath, ['--enable-source-maps', out, ...rest], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
