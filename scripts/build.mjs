// Builds every bundle: engine (Node ESM), main and preload (Electron CJS), renderer (browser).
// Usage: node scripts/build.mjs [--engine] [--renderer] [--electron] [--out DIR]   (no flag = all)
// --out writes the bundles somewhere else than dist/ (the packaging test builds into a temp dir);
// --no-maps skips source maps.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const outAt = argv.indexOf('--out');
const dist = outAt >= 0 && argv[outAt + 1] ? resolve(argv[outAt + 1]) : join(root, 'dist');
const args = new Set(argv.filter((a, i) => !(outAt >= 0 && (i === outAt || i === outAt + 1))));
const all = !args.has('--engine') && !args.has('--renderer') && !args.has('--electron');
const production = process.env.NODE_ENV === 'production' || args.has('--production');
const maps = !args.has('--no-maps');

function findFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? findFiles(full, suffix) : full.endsWith(suffix) ? [full] : [];
  });
}

// Production dependencies ship in node_modules (the installer includes exactly those), so they stay
// external; anything else the engine or main uses at run time (e.g. a devDependency) is bundled.
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const runtimeExternals = [...Object.keys(pkg.dependencies ?? {}), 'electron'];

const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  external: runtimeExternals,
  sourcemap: maps,
  logLevel: 'warning',
  absWorkingDir: root,
};

// zod is pure JS of many small modules: bundled into the engine, a command starts without resolving
// each of them (a tenth of a second per process).
const engineExternals = runtimeExternals.filter((name) => name !== 'zod');

async function buildEngine() {
  const workers = Object.fromEntries(
    findFiles(join(root, 'electron', 'engine'), '.worker.ts').map((f) => [
      `workers/${relative(join(root, 'electron', 'engine'), f).replace(/\\/g, '/').replace(/\//g, '-').replace(/\.worker\.ts$/, '')}`,
      f,
    ]),
  );
  await build({
    ...nodeCommon,
    external: engineExternals,
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
    entryPoints: { main: 'electron/main/main.ts' },
    outdir: join(dist, 'main'),
    outExtension: { '.js': '.cjs' },
  });
  // A sandboxed preload is one CommonJS file that may require only 'electron'.
  await build({
    ...nodeCommon,
    platform: 'browser',
    format: 'cjs',
    external: ['electron'],
    entryPoints: { preload: 'electron/preload/preload.ts' },
    outdir: join(dist, 'preload'),
    outExtension: { '.js': '.cjs' },
  });
}

async function buildRenderer() {
  // Build beside the live folder and swap at the end: a page being served from dist/renderer
  // (npm run serve, e2e tests) never sees a half-written or missing bundle.
  const live = join(dist, 'renderer');
  const out = join(dist, `.renderer-${process.pid}`);
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
    sourcemap: maps && !production,
    loader: { '.woff2': 'file', '.ttf': 'file', '.png': 'file', '.svg': 'file' },
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
    logLevel: 'warning',
  }).catch((e) => {
    rmSync(out, { recursive: true, force: true });
    throw e;
  });
  cpSync(join(root, 'renderer', 'index.html'), join(out, 'index.html'));
  const old = join(dist, `.renderer-old-${process.pid}`);
  if (existsSync(live)) renameSync(live, old);
  try {
    renameSync(out, live);
  } catch {
    // Another build swapped its copy in meanwhile: ours is as fresh, replace it.
    rmSync(live, { recursive: true, force: true });
    renameSync(out, live);
  }
  rmSync(old, { recursive: true, force: true });
}

const started = Date.now();
const jobs = [];
if (all || args.has('--engine')) jobs.push(buildEngine());
if (all || args.has('--electron')) jobs.push(buildElectron());
if (all || args.has('--renderer')) jobs.push(buildRenderer());
await Promise.all(jobs);
console.log(`build: ${[...(all ? ['all'] : args)].join(' ')} in ${Date.now() - started} ms`);
