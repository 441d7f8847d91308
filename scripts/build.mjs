// Builds every bundle: engine (Node ESM), main and preload (Electron CJS), renderer (browser).
// Usage: node scripts/build.mjs [--engine] [--renderer] [--electron]   (no flag = all)
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const args = new Set(process.argv.slice(2));
const all = !args.has('--engine') && !args.has('--renderer') && !args.has('--electron');
const production = process.env.NODE_ENV === 'production' || args.has('--production');

function findFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? findFiles(full, suffix) : full.endsWith(suffix) ? [full] : [];
  });
}

const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

async function buildEngine() {
  const workers = Object.fromEntries(
    findFiles(join(root, 'electron', 'engine'), '.worker.ts').map((f) => [
      `workers/${relative(join(root, 'electron', 'engine'), f).replace(/\\/g, '/').replace(/\//g, '-').replace(/\.worker\.ts$/, '')}`,
      f,
    ]),
  );
  await build({
    ...nodeCommon,
    format: 'esm',
    outdir: join(dist, 'engine'),
    outExtension: { '.js': '.mjs' },
    entryPoints: {
      cli: 'electron/engine/cli/main.ts',
      utility: 'electron/engine/host/utility-entry.ts',
      ...workers,
    },
  });
}

async function buildElectron() {
  await build({
    ...nodeCommon,
    format: 'cjs',
    external: ['electron'],
    entryPoints: { main: 'electron/main/main.ts' },
    outdir: join(dist, 'main'),
    outExtension: { '.js': '.cjs' },
  });
  // A sandboxed preload is one CommonJS file that may require only 'electron'.
  await build({
    ...nodeCommon,
    packages: undefined,
    platform: 'browser',
    format: 'cjs',
    external: ['electron'],
    entryPoints: { preload: 'electron/preload/preload.ts' },
    outdir: join(dist, 'preload'),
    outExtension: { '.js': '.cjs' },
  });
}

async function buildRenderer() {
  const out = join(dist, 'renderer');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'assets'), { recursive: true });
  await build({
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: ['chrome120'],
    jsx: 'automatic',
    entryPoints: { app: 'renderer/src/main.tsx' },
    outdir: join(out, 'assets'),
    minify: production,
    sourcemap: !production,
    loader: { '.woff2': 'file', '.ttf': 'file', '.png': 'file', '.svg': 'file' },
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
    logLevel: 'warning',
  });
  cpSync(join(root, 'renderer', 'index.html'), join(out, 'index.html'));
}

const started = Date.now();
const jobs = [];
if (all || args.has('--engine')) jobs.push(buildEngine());
if (all || args.has('--electron')) jobs.push(buildElectron());
if (all || args.has('--renderer')) jobs.push(buildRenderer());
await Promise.all(jobs);
console.log(`build: ${[...(all ? ['all'] : args)].join(' ')} in ${Date.now() - started} ms`);
