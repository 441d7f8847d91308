import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { KequnError } from '../../../shared/contract/errors';

const resolved = new Map<string, string>();

/**
 * Where a worker's code is. Built engine: dist/engine/workers/<folder>-<name>.mjs next to the
 * bundle (scripts/build.mjs makes one per *.worker.ts). TypeScript sources (vitest, benchmarks):
 * the source bundled with esbuild into a temp file named by the hash of its folder's sources, so
 * a stale build is never used.
 *
 * @param callerUrl import.meta.url of the module asking (it sits next to the worker source, or
 *   in dist/engine when bundled)
 * @param folder the capability folder under electron/engine ('import', 'cluster', …)
 * @param name the worker's base name ('sheetjs-read' for sheetjs-read.worker.ts)
 */
export function workerScript(callerPath: string, folder: string, name: string): string {
  const key = `${folder}/${name}`;
  const hit = resolved.get(key);
  if (hit && existsSync(hit)) return hit;
  const here = dirname(callerPath);
  const sourceName = `${name}.worker.ts`;
  const candidates = [join(here, sourceName), join(process.cwd(), 'electron', 'engine', folder, sourceName)];
  const built = join(here, 'workers', `${folder}-${name}.mjs`);
  let file: string;
  if (callerPath.endsWith('.ts') && existsSync(candidates[0]!)) file = transpile(candidates[0]!, `${folder}-${name}`);
  else if (existsSync(built)) file = built;
  else if (existsSync(candidates[1]!)) file = transpile(candidates[1]!, `${folder}-${name}`);
  else throw new KequnError('INTERNAL', `Worker ${key} not found next to ${callerPath}`, { zh: `找不到计算模块 ${key}` });
  resolved.set(key, file);
  return file;
}

function transpile(source: string, bundleName: string): string {
  const dir = join(tmpdir(), 'kequn-workers');
  mkdirSync(dir, { recursive: true });
  const folder = dirname(source);
  const hash = createHash('sha256');
  for (const f of readdirSync(folder).filter((n) => n.endsWith('.ts')).sort()) hash.update(f).update(readFileSync(join(folder, f)));
  const out = join(dir, `${bundleName}-${hash.digest('hex').slice(0, 16)}.mjs`);
  if (existsSync(out)) return out;
  const tmp = `${out}.${process.pid}.tmp.mjs`;
  // esbuild is a dev dependency: only source runs (tests, benchmarks) get here. Dependencies are
  // bundled in, because the temp folder cannot resolve node_modules. A child process keeps
  // esbuild's service out of the engine process.
  const script = `require('esbuild').buildSync({ entryPoints: [${JSON.stringify(source)}], bundle: true, platform: 'node', format: 'esm', target: 'node22', outfile: ${JSON.stringify(tmp)}, logLevel: 'error' })`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new KequnError('INTERNAL', `Could not build worker ${basename(source)}`, { zh: `无法编译计算模块 ${basename(source)}` });
  renameSync(tmp, out);
  return out;
}
