/**
 * Mutational fuzzing of the importers: `npm run fuzz -- --seconds N [--seed S]`.
 * Seeds: the generated hostile corpus and tiny valid files, plus ../shared/data when present.
 * Cases run in a long-lived engine child process (so a hang or a crash is observed, not
 * suffered) through the real contract into a throw-away project. A crash = the child dying or an
 * uncoded/INTERNAL error; a hang = no answer within the time limit (the child is then restarted). Found cases
 * from generated seeds are copied into tests/fixtures/fuzz-found/ so they become regression tests
 * (cases mutated from ../shared/data go to the temp folder instead: that data is not committed).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { mutate } from './mutate';
import { fuzzSeeds } from './seeds';
import { SHARED_DATA } from '../helpers/shared-data';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const seconds = arg('seconds', 60);
const seedValue = arg('seed', Date.now() % 1_000_000);
const HANG_MS = arg('hang-ms', 30_000);
const PARALLEL = arg('parallel', 2);
const root = process.cwd();
const childBundle = join(root, 'dist', 'run', 'fuzz-child.mjs');
await build({ absWorkingDir: root, entryPoints: [join(root, 'tests', 'fuzz', 'fuzz-child.ts')], bundle: true, platform: 'node', target: 'node22', format: 'esm', packages: 'external', outfile: childBundle, logLevel: 'warning' });
if (!existsSync(childBundle)) throw new Error('could not build the fuzz child');

let s = seedValue >>> 0;
const random = (): number => {
  s = (s + 0x6d2b79f5) >>> 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const work = mkdtempSync(join(tmpdir(), 'kequn-fuzz-'));
const seeds = fuzzSeeds(join(work, 'seeds'));
const found = join(root, 'tests', 'fixtures', 'fuzz-found');
const codes = new Map<string, number>();
const failures: { kind: 'crash' | 'hang'; file: string; detail: string }[] = [];
let cases = 0;
let maxMs = 0;
const deadline = Date.now() + seconds * 1000;

/** One long-lived engine process per worker; restarted after a crash or a hang. */
class Child {
  private proc: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  start(): Promise<void> {
    this.proc = fork(childBundle, [], { execArgv: ['--max-old-space-size=1024'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const proc = this.proc;
    this.ready = new Promise((ok) => proc.once('message', () => ok()));
    return this.ready;
  }
  stop(): void {
    this.proc?.kill('SIGKILL');
    this.proc = null;
  }
  async run(file: string, project: string): Promise<{ code: string; detail: string; ms: number; hung: boolean; died: string | null; rss: number }> {
    if (!this.proc) await this.start();
    const proc = this.proc!;
    const t0 = Date.now();
    return new Promise((ok) => {
      let stderr = '';
      const onStderr = (d: Buffer): void => {
        stderr = (stderr + d.toString()).slice(-2000);
      };
      proc.stderr?.on('data', onStderr);
      const done = (r: { code: string; detail: string; hung: boolean; died: string | null; rss: number }): void => {
        clearTimeout(timer);
        proc.stderr?.off('data', onStderr);
        proc.removeAllListeners('message');
        proc.removeAllListeners('exit');
        if (r.hung || r.died) this.stop();
        ok({ ...r, ms: Date.now() - t0 });
      };
      const timer = setTimeout(() => done({ code: 'HANG', detail: '', hung: true, died: null, rss: 0 }), HANG_MS);
      proc.once('message', (m: { code: string; detail: string; rss: number }) => done({ code: m.code, detail: m.detail, hung: false, died: null, rss: m.rss }));
      proc.once('exit', (code, signal) => done({ code: 'DIED', detail: stderr, hung: false, died: `exit ${code} ${signal ?? ''}`, rss: 0 }));
      proc.send({ file, project });
    });
  }
}

let peakRssMb = 0;

async function worker(id: number): Promise<void> {
  const child = new Child();
  let n = 0;
  while (Date.now() < deadline) {
    const seed = seeds[Math.floor(random() * seeds.length)]!;
    const bytes = mutate(readFileSync(seed), random);
    const file = join(work, `case-${id}-${n}${extname(seed)}`);
    const project = join(work, `p-${id}-${n}.kequn`);
    writeFileSync(file, bytes);
    const r = await child.run(file, project);
    cases++;
    maxMs = Math.max(maxMs, r.ms);
    peakRssMb = Math.max(peakRssMb, r.rss / 1048576);
    codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
    const crashed = r.died ? `${r.died}: ${r.detail.slice(-800)}` : r.code === 'INTERNAL' || r.code === 'UNCODED' ? `${r.code}: ${r.detail}` : null;
    if (r.hung || crashed) {
      // Cases mutated from ../shared/data stay outside the repository (that data is not ours to commit).
      const folder = seed.startsWith(SHARED_DATA) ? join(tmpdir(), 'kequn-fuzz-found') : found;
      mkdirSync(folder, { recursive: true });
      const keep = join(folder, `${r.hung ? 'hang' : 'crash'}-${seedValue}-${cases}${extname(seed)}`);
      copyFileSync(file, keep);
      failures.push({ kind: r.hung ? 'hang' : 'crash', file: keep, detail: r.hung ? `no answer within ${HANG_MS} ms` : crashed! });
    }
    rmSync(file, { force: true });
    n++;
  }
  child.stop();
}

await Promise.all(Array.from({ length: PARALLEL }, (_, i) => worker(i)));
rmSync(work, { recursive: true, force: true });
const summary = {
  seconds,
  seed: seedValue,
  seeds: seeds.length,
  cases,
  crashes: failures.filter((f) => f.kind === 'crash').length,
  hangs: failures.filter((f) => f.kind === 'hang').length,
  slowestCaseMs: maxMs,
  peakChildRssMb: Math.round(peakRssMb),
  outcomes: Object.fromEntries([...codes.entries()].sort((a, b) => b[1] - a[1])),
  failures,
};
console.log(JSON.stringify(summary, null, 2));
process.exit(failures.length === 0 ? 0 : 1);
