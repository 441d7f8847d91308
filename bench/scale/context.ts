import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { summariseProfiles, type ProfileSummary } from './profile';
import { ensureDir, lastJson, runNode, type ProcessRun } from './measure';

/** One line of the readable table: our figure, the reference's, and the target it is held to. */
export interface TableRow {
  size: string;
  what: string;
  oursMs: number | null;
  refMs: number | null;
  ref: string;
  /** ours ÷ reference (or ours ÷ the target's bound for absolute targets). */
  ratio: number | null;
  target: string;
  met: boolean | null;
  peakMb: number | null;
  refPeakMb: number | null;
  /** Memory target for our process, when the issue sets one (MB). */
  memBoundMb?: number;
  note?: string;
}

/** What later steps need from earlier ones (kept beside the data, so `--only` can reuse a kept run). */
export interface SizeState {
  project?: string;
  ordersId?: string;
  rfmId?: string;
  segmentationId?: string;
  duckDb?: string;
}

export interface Paths {
  root: string;
  cli: string;
  duckChild: string;
  engineChild: string;
  exceljsChild: string;
}

export interface SizeContext {
  paths: Paths;
  label: string;
  rows: number;
  dir: string;
  /** KEQUN_HOME of every CLI run: its own app folder, shared with nobody else's engines. */
  home: string;
  csvUtf8: string;
  csvGb18030: string;
  xlsx: string;
  state: SizeState;
  /** Steps whose CLI run is repeated under --cpu-prof (after the timed run). */
  profile: Set<string>;
  /** --duck-kmeans (or --all): also run DuckDB's SQL k-means, minutes at 1M rows (many small scans). */
  duckKmeans: boolean;
  figures: Record<string, unknown>;
  table: TableRow[];
}

export function loadState(dir: string): SizeState {
  const file = join(dir, 'state.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SizeState) : {};
}

export function saveState(ctx: SizeContext): void {
  writeFileSync(join(ctx.dir, 'state.json'), JSON.stringify(ctx.state, null, 2));
}

/** Figures of one process run, as stored in the JSON results. */
export function processFigures(run: ProcessRun): Record<string, unknown> {
  return { ok: run.ok, ms: round(run.ms), cpuMs: run.cpuMs, peakMb: run.peakMb, ...(run.error ? { error: run.error } : {}) };
}

export interface CliOutcome<T> {
  run: ProcessRun;
  result: T | null;
}

/** Runs `kequn <args> --json` as a whole process, as the user does. */
export async function cli<T>(ctx: SizeContext, args: string[], nodeFlags: string[] = []): Promise<CliOutcome<T>> {
  const run = await runNode(ctx.paths.cli, [...args, '--json'], { env: { ...process.env, KEQUN_HOME: ctx.home }, nodeFlags });
  if (!run.ok) return { run, result: null };
  try {
    const result = lastJson<T & { error?: { code: string; message: string } }>(run);
    if (result.error) {
      run.ok = false;
      run.error = `${result.error.code}: ${result.error.message}`;
      return { run, result: null };
    }
    return { run, result };
  } catch (e) {
    run.ok = false;
    run.error = e instanceof Error ? e.message : String(e);
    return { run, result: null };
  }
}

/**
 * Repeats a CLI run under --cpu-prof (not the timed run: profiling slows it) and summarises the
 * top self-time functions. `args` may differ from the timed run (e.g. a throwaway project).
 */
export async function profileCli(ctx: SizeContext, step: string, args: string[]): Promise<ProfileSummary & { ms: number; error?: string }> {
  const dir = join(ctx.dir, 'profiles', step);
  rmSync(dir, { recursive: true, force: true });
  ensureDir(dir);
  const { run } = await cli(ctx, args, ['--cpu-prof', '--cpu-prof-dir', dir]);
  const summary = summariseProfiles(dir, ctx.paths.root);
  return { ms: round(run.ms), ...(run.error ? { error: run.error } : {}), ...summary };
}

/** Runs one of the bench's child scripts (DuckDB, engine, ExcelJS) and reads its RESULT line. */
export async function child<T>(script: string, args: string[]): Promise<{ run: ProcessRun; result: (T & { error?: string }) | null }> {
  const run = await runNode(script, args);
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  const result = line ? (JSON.parse(line.slice(7)) as T & { error?: string }) : null;
  if (result?.error) {
    run.ok = false;
    run.error = result.error;
  } else if (!result && run.ok) {
    run.ok = false;
    run.error = `no result: ${run.stderr.slice(-400)}`;
  }
  return { run, result };
}

export const round = (ms: number): number => Math.round(ms * 10) / 10;

/** A row comparing two timed things; the ratio is ours over the reference (bound null: the issue sets no target). */
export function compareRow(ctx: SizeContext, what: string, ours: ProcessRun | number | null, ref: ProcessRun | number | null, refLabel: string, bound: number | null, extra: Partial<TableRow> = {}): TableRow {
  const oursMs = ours === null ? null : typeof ours === 'number' ? ours : ours.ok ? ours.ms : null;
  const refMs = ref === null ? null : typeof ref === 'number' ? ref : ref.ok ? ref.ms : null;
  const ratio = oursMs !== null && refMs !== null && refMs > 0 ? Math.round((oursMs / refMs) * 100) / 100 : null;
  const row: TableRow = {
    size: ctx.label,
    what,
    oursMs: oursMs === null ? null : round(oursMs),
    refMs: refMs === null ? null : round(refMs),
    ref: refLabel,
    ratio,
    target: bound === null ? '—' : `≤ ${bound}×`,
    met: ratio === null || bound === null ? null : ratio <= bound,
    peakMb: typeof ours === 'object' && ours !== null ? ours.peakMb : null,
    refPeakMb: typeof ref === 'object' && ref !== null ? ref.peakMb : null,
    ...extra,
  };
  if (typeof ours === 'object' && ours !== null && !ours.ok) row.note = `FAILED: ${ours.error ?? 'unknown'}`;
  ctx.table.push(row);
  return row;
}

/** A row held to an absolute bound (milliseconds or MB) with no reference engine. */
export function boundRow(ctx: SizeContext, what: string, value: number | null, bound: number | null, unit: 'ms' | 'MB', extra: Partial<TableRow> = {}): TableRow {
  const row: TableRow = {
    size: ctx.label,
    what,
    oursMs: unit === 'ms' ? value : null,
    refMs: null,
    ref: '—',
    ratio: null,
    target: bound === null ? '—' : `< ${bound} ${unit}`,
    met: bound === null || value === null ? null : value < bound,
    peakMb: unit === 'MB' ? value : null,
    refPeakMb: null,
    ...extra,
  };
  ctx.table.push(row);
  return row;
}
