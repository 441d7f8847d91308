#!/usr/bin/env node
// The `kequn` command: runs the built engine CLI (dist/engine/cli.mjs), building it first when a
// fresh checkout has not been built yet.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// The engine needs Node 22+ (better-sqlite3 13). On an older system Node, hand over to the
// Node 22 that the project pins as a dev dependency.
const major = Number(process.versions.node.split('.')[0]);
const pinned = join(root, 'node_modules', 'node', 'bin', 'node');
if (major < 22 && existsSync(pinned)) {
  const r = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
const entry = join(root, 'dist', 'engine', 'cli.mjs');
if (!existsSync(entry)) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--engine'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// Compiling the 4 MB engine bundle is most of a command's start-up; Node keeps the compiled code
// in its cache folder (the OS temp dir, or NODE_COMPILE_CACHE) so later calls skip it.
module.enableCompileCache?.();
await import(pathToFileURL(entry).href);
