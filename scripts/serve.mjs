// Browser mode: `npm run serve [-- --project P --port N --host H]`. Builds what is missing or
// stale (renderer from renderer/src + shared, engine from electron/engine + shared), then runs the
// CLI's `serve` under the pinned Node 22 and passes its output (the URL) through.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function stale(output, sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((s) => newestMtime(join(root, s)) > built);
}

// better-sqlite3 13 needs Node 22+: prefer the pinned binary even when started by an older node.
const pinned = join(root, 'node_modules', 'node', 'bin', 'node');
const node = existsSync(pinned) ? pinned : process.execPath;

const flags = [];
if (stale(join(root, 'dist', 'renderer', 'assets', 'app.js'), ['renderer', 'shared'])) flags.push('--renderer');
if (stale(join(root, 'dist', 'engine', 'cli.mjs'), ['electron/engine', 'shared'])) flags.push('--engine');
if (flags.length > 0) {
  // Build chatter goes to stderr so that stdout stays the one JSON line with --json.
  const r = spawnSync(node, [join(root, 'scripts', 'build.mjs'), ...flags], { stdio: ['ignore', 2, 'inherit'], cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const child = spawn(node, [join(root, 'dist', 'engine', 'cli.mjs'), 'serve', ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
