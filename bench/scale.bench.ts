// Scale benchmark (issue 17's targets): `npm run bench -- scale [--rows 1m|10m|both|200k] [--only a,b]
// [--all] [--duck-kmeans] [--profile [a,b]] [--keep] [--dir DIR] [--no-build] [--project FILE --dataset ID]`; the size also
// from KEQUN_SCALE_ROWS (default 1m, a few minutes). --project runs the steps on an imported project of that size
// (a copy: the grid step writes to it) without generating or importing (for steps like grid that need nothing else).
// Generates seeded order lines (UTF-8 and GB18030 CSV, plus a 1M-row xlsx for the xlsx step), then
// measures what the user waits for, end to end and cold, each step a fresh process: the built
// `kequn` CLI next to DuckDB (@duckdb/node-api) doing the same work in its own process on the same
// data in the same run, peak RSS from GNU time. Default steps: import, pivot, crosstab, window
// (grid sort/filter window), rfm, rfm8, kmeans (also against scikit-learn), report. With --all or
// --only also: grid (the real grid in Chromium), pipeline (import → RFM → RFM-8 → report through
// the CLI and through the UI in Chromium, each into a new project, results compared), gb18030, xlsx; --duck-kmeans (or --all) adds DuckDB's
// SQL k-means, which takes minutes at 1M. A failing step is recorded with its
// error and the run goes on. Writes bench/results/scale.json and scale.md.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadState, saveState, type Paths, type SizeContext, type TableRow } from './scale/context';
import { ensureDir } from './scale/measure';
import { analysis, grid } from './scale/steps-analyze';
import { gridWindow, kmeans } from './scale/steps-model';
import { generateData, importGb18030, importUtf8, importXlsx } from './scale/steps-import';
import { pipeline } from './scale/steps-flow';
import { endToEnd, report, rfm, rfm8 } from './scale/steps-pipeline';
import { renderTable } from './scale/table';

const STEPS = ['import', 'pivot', 'crosstab', 'window', 'grid', 'rfm', 'rfm8', 'kmeans', 'report', 'pipeline', 'gb18030', 'xlsx'] as const;
type Step = (typeof STEPS)[number];
const DEFAULT_STEPS: Step[] = ['import', 'pivot', 'crosstab', 'window', 'rfm', 'rfm8', 'kmeans', 'report'];

/** "1m" → 1,000,000, "10m", "200k" (small sizes are for trying the harness out quickly). */
function sizeRows(label: string): number {
  const m = /^(\d+)([km])$/.exec(label);
  if (!m) throw new Error(`sizes look like 1m, 10m or 200k (got ${label})`);
  return Number(m[1]) * (m[2] === 'm' ? 1_000_000 : 1_000);
}

interface Args {
  sizes: string[];
  only: Set<Step>;
  /** --only: the other steps' figures of the run before stay. */
  partial: boolean;
  duckKmeans: boolean;
  profile: Set<string>;
  keep: boolean;
  dir: string;
  build: boolean;
  /** An imported project (and its order dataset) to run the steps on instead of generating and importing. */
  project: { file: string; dataset: string } | null;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 && i + 1 < argv.length && !argv[i + 1]!.startsWith('--') ? argv[i + 1] : undefined;
  };
  // Default 1M (a few minutes); 10M takes most of an hour and about 4 GB of disk.
  const rows = value('--rows') ?? process.env.KEQUN_SCALE_ROWS ?? '1m';
  const sizes = rows === 'both' ? ['1m', '10m'] : rows.split(',');
  for (const s of sizes) sizeRows(s);
  const only = value('--only')?.split(',') ?? (argv.includes('--all') ? [...STEPS] : DEFAULT_STEPS);
  for (const s of only) if (!STEPS.includes(s as Step)) throw new Error(`--only takes ${STEPS.join(',')} (got ${s})`);
  const profile = argv.includes('--profile') ? new Set(value('--profile')?.split(',') ?? ['import', 'gb18030', 'xlsx', 'pivot', 'crosstab', 'window', 'rfm', 'rfm8', 'kmeans', 'report']) : new Set<string>();
  const projectFile = value('--project');
  if (projectFile && (sizes.length !== 1 || !value('--dataset'))) throw new Error('--project takes one --rows size and a --dataset id');
  const project = projectFile ? { file: projectFile, dataset: value('--dataset')! } : null;
  return { project, sizes, only: new Set(only as Step[]), partial: argv.includes('--only'), duckKmeans: argv.includes('--duck-kmeans') || argv.includes('--all'), profile, keep: argv.includes('--keep'), dir: value('--dir') ?? join(tmpdir(), 'kequn-scale-bench'), build: !argv.includes('--no-build') };
}

async function buildAll(root: string, withRenderer: boolean): Promise<Paths> {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--engine', ...(withRenderer ? ['--renderer'] : [])], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
  // Children are bundled apart so each process loads only what it measures (DuckDB, ExcelJS, the engine).
  const out = join(root, 'dist', 'bench', 'scale');
  const names = ['duck-child', 'engine-child', 'exceljs-child'];
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(names.map((n) => [n, join(root, 'bench', 'scale', `${n}.ts`)])),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    packages: 'external',
    outdir: out,
    outExtension: { '.js': '.mjs' },
    sourcemap: true,
    logLevel: 'warning',
  });
  return { root, cli: join(root, 'dist', 'engine', 'cli.mjs'), duckChild: join(out, 'duck-child.mjs'), engineChild: join(out, 'engine-child.mjs'), exceljsChild: join(out, 'exceljs-child.mjs') };
}

async function runSize(paths: Paths, args: Args, label: string, prior: Record<string, unknown> | undefined, save: (ctx: SizeContext) => void): Promise<SizeContext> {
  const rows = sizeRows(label);
  const dir = ensureDir(join(args.dir, label));
  const ctx: SizeContext = {
    paths,
    label,
    rows,
    dir,
    home: ensureDir(join(dir, 'home')),
    csvUtf8: join(args.dir, `orders-${label}-utf8.csv`),
    csvGb18030: join(args.dir, `orders-${label}-gb18030.csv`),
    xlsx: join(args.dir, `orders-${label}.xlsx`),
    state: args.project ? { project: args.project.file, ordersId: args.project.dataset } : loadState(dir),
    profile: args.profile,
    duckKmeans: args.duckKmeans,
    // With --only, the other steps' figures of the run before stay (and feed the end-to-end sum).
    figures: { ...(args.partial ? prior : {}), rows, loadAverage: {} as Record<string, number[]> },
    table: [],
  };
  const wantXlsx = label === '1m' && args.only.has('xlsx');
  console.log(`\n== ${label} (${rows.toLocaleString('en-US')} rows) in ${dir}`);
  if (!args.project) await step(ctx, 'generate', () => generateData(ctx, wantXlsx), save);
  // DuckDB's UTF-8 import (this run's, or a kept earlier run's) is the GB18030 fallback reference.
  const utf8Reference = (): number | null => {
    const p = (ctx.figures.importUtf8 as { duckdb?: { process?: { ok?: boolean; ms?: number } } } | undefined)?.duckdb?.process;
    return p?.ok ? (p.ms ?? null) : null;
  };
  const plan: [Step, () => Promise<void>][] = [
    ['import', () => importUtf8(ctx)],
    ['pivot', () => analysis(ctx, 'pivot')],
    ['crosstab', () => analysis(ctx, 'crosstab')],
    ['window', () => gridWindow(ctx)],
    ['grid', () => grid(ctx)],
    ['rfm', () => rfm(ctx)],
    ['rfm8', () => rfm8(ctx)],
    ['kmeans', () => kmeans(ctx)],
    ['report', () => report(ctx)],
    ['pipeline', () => pipeline(ctx)],
    ['gb18030', () => importGb18030(ctx, utf8Reference())],
    ['xlsx', () => (wantXlsx ? importXlsx(ctx) : Promise.resolve())],
  ];
  for (const [name, fn] of plan) {
    if (!args.only.has(name) || (args.project && name === 'import')) continue;
    await step(ctx, name, fn, save);
  }
  endToEnd(ctx);
  saveState(ctx);
  save(ctx);
  return ctx;
}

async function step(ctx: SizeContext, name: string, fn: () => Promise<void>, save: (ctx: SizeContext) => void): Promise<void> {
  (ctx.figures.loadAverage as Record<string, number[]>)[name] = loadavg().map((x) => Math.round(x * 10) / 10);
  const t0 = performance.now();
  process.stdout.write(`-- ${ctx.label} ${name} … `);
  const before = ctx.table.length;
  try {
    await fn();
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n').slice(0, 3).join(' ') : String(e);
    ctx.figures[`${name}Error`] = message;
    ctx.table.push({ size: ctx.label, what: name, oursMs: null, refMs: null, ref: '—', ratio: null, target: '—', met: null, peakMb: null, refPeakMb: null, note: `FAILED: ${message}` });
  }
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
  for (const row of ctx.table.slice(before)) console.log(`   ${row.what}: ${row.oursMs ?? '—'} ms vs ${row.refMs ?? '—'} ms${row.ratio !== null ? ` (${row.ratio}×)` : ''}${row.peakMb !== null ? `, peak ${row.peakMb} MB` : ''}${row.note ? ` — ${row.note}` : ''}`);
  save(ctx);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = process.cwd();
  ensureDir(args.dir);
  const fs = statfsSync(args.dir);
  const freeGb = (fs.bavail * fs.bsize) / 1024 ** 3;
  console.log(`data in ${args.dir} (${freeGb.toFixed(1)} GB free); 10M rows need about 4 GB`);
  const paths = args.build ? await buildAll(root, args.only.has('grid') || args.only.has('pipeline')) : noBuildPaths(root);

  const resultsDir = ensureDir(join(root, 'bench', 'results'));
  const jsonPath = join(resultsDir, 'scale.json');
  const previous = existsSync(jsonPath) ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as { sizes?: Record<string, SizeRecord> }) : {};
  const sizes: Record<string, SizeRecord> = previous.sizes ?? {};
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGb: Math.round(totalmem() / 1024 ** 3), node: process.version, loadAverageAtStart: loadavg() };
  const save = (ctx: SizeContext): void => {
    // A size run with --only keeps the other steps' figures from the run before.
    const prior = sizes[ctx.label];
    const keepRows = prior && args.partial ? prior.table.filter((r) => !ctx.table.some((n) => n.what === r.what)) : [];
    sizes[ctx.label] = { at: new Date().toISOString(), figures: ctx.figures, table: [...keepRows, ...ctx.table] };
    writeResults(jsonPath, machine, sizes);
  };
  for (const label of args.sizes) {
    await runSize(paths, args, label, sizes[label]?.figures, save);
    if (!args.keep) rmSync(join(args.dir, label), { recursive: true, force: true });
  }
  const all = Object.values(sizes).flatMap((s) => s.table);
  writeResults(jsonPath, machine, sizes);
  const header = [
    '# Scale benchmark (issue 17)',
    '',
    `Machine: ${machine.cpus} cores (${machine.cpuModel ?? '?'}), ${machine.memGb} GB, Node ${machine.node}; load average at start ${machine.loadAverageAtStart.map((x) => x.toFixed(1)).join(' ')}.`,
    'Every figure is a fresh process unless the row says "in engine" or "warm"; ratios are kequn ÷ reference, measured in the same run.',
  ];
  const md = renderTable(all, header);
  writeFileSync(join(resultsDir, 'scale.md'), md);
  console.log(`\n${md}`);
  console.log(`results: ${jsonPath} and scale.md`);
  if (!args.keep) rmSync(args.dir, { recursive: true, force: true });
}

interface SizeRecord {
  at: string;
  figures: Record<string, unknown>;
  table: TableRow[];
}

function writeResults(path: string, machine: Record<string, unknown>, sizes: Record<string, SizeRecord>): void {
  const table = Object.values(sizes).flatMap((s) => s.table);
  writeFileSync(path, JSON.stringify({ name: 'scale', at: new Date().toISOString(), machine, sizes, table }, null, 2));
}

function noBuildPaths(root: string): Paths {
  const out = join(root, 'dist', 'bench', 'scale');
  return { root, cli: join(root, 'dist', 'engine', 'cli.mjs'), duckChild: join(out, 'duck-child.mjs'), engineChild: join(out, 'engine-child.mjs'), exceljsChild: join(out, 'exceljs-child.mjs') };
}

await main();
