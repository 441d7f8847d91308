import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { child, cli, compareRow, processFigures, profileCli, saveState, type SizeContext } from './context';
import type { DuckTask } from './duck-child';
import { RFM_CLI } from './queries';

interface RfmResult {
  dataset: { id: string; rows: number };
  asOf: string;
  summary: Record<'R' | 'F' | 'M', { mean: number }>;
}

interface DuckRfm {
  ms: number;
  customers: number;
  meanR: number;
  meanF: number;
  meanM: number;
}

/** RFM from the order lines: our CLI (new customer dataset) vs DuckDB GROUP BY into a persisted table. */
export async function rfm(ctx: SizeContext): Promise<void> {
  const { project, ordersId, duckDb } = ctx.state;
  if (!project || !ordersId || !duckDb) throw new Error('needs the import step');
  const args = ['rfm', '--project', project, '--dataset', ordersId, ...RFM_CLI];
  const ours = await cli<RfmResult>(ctx, args);
  if (ours.result) {
    ctx.state.rfmId = ours.result.dataset.id;
    delete ctx.state.segmentationId;
    saveState(ctx);
  }
  const duck = await child<DuckRfm>(ctx.paths.duckChild, [JSON.stringify({ kind: 'rfm', db: duckDb } satisfies DuckTask)]);
  const o = ours.result;
  const d = duck.run.ok ? duck.result : null;
  const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(b));
  const agree = o && d ? o.dataset.rows === d.customers && close(o.summary.R.mean, d.meanR) && close(o.summary.F.mean, d.meanF) && close(o.summary.M.mean, d.meanM) : null;
  ctx.figures.rfm = {
    ours: { ...processFigures(ours.run), customers: o?.dataset.rows, asOf: o?.asOf, means: o ? { R: o.summary.R.mean, F: o.summary.F.mean, M: o.summary.M.mean } : null },
    duckdb: { process: processFigures(duck.run), ...duck.result },
    resultsAgree: agree,
  };
  compareRow(ctx, 'RFM from order lines (whole process)', ours.run, duck.run, 'DuckDB GROUP BY → persisted table (process)', 2, {
    memBoundMb: 1024,
    note: `${d ? `DuckDB statement ${d.ms} ms; ` : ''}same customers and R/F/M means: ${agree === null ? 'n/a' : agree ? 'yes' : 'NO'}`,
  });
  if (ctx.profile.has('rfm')) ctx.figures.rfmProfile = await profileCli(ctx, 'rfm', [...args, '--name', 'RFM-profile']);
}

/** RFM-8 on the RFM customers (the rule segmentation step of the user's path). */
export async function rfm8(ctx: SizeContext): Promise<void> {
  const { project, rfmId } = ctx.state;
  if (!project || !rfmId) throw new Error('needs the rfm step');
  const args = ['segment', 'rfm8', '--project', project, '--dataset', rfmId];
  const ours = await cli<{ segmentation: { id: string } }>(ctx, args);
  if (ours.result) {
    ctx.state.segmentationId = ours.result.segmentation.id;
    saveState(ctx);
  }
  const duck = ctx.state.duckDb ? await child<{ ms: number; cells: Record<string, number> }>(ctx.paths.duckChild, [JSON.stringify({ kind: 'rfm8', db: ctx.state.duckDb } satisfies DuckTask)]) : null;
  ctx.figures.rfm8 = { ...processFigures(ours.run), duckdb: duck ? { process: processFigures(duck.run), ...duck.result } : null };
  compareRow(ctx, 'RFM-8 segmentation (whole process)', ours.run, duck?.run ?? null, 'DuckDB CASE on the means → persisted table (process)', null);
  if (ctx.profile.has('rfm8')) ctx.figures.rfm8Profile = await profileCli(ctx, 'rfm8', args);
}

/** The Excel report of the RFM-8 segmentation (auto-picked cross-tab over the order lines). */
export async function report(ctx: SizeContext): Promise<void> {
  const { project, segmentationId } = ctx.state;
  if (!project || !segmentationId) throw new Error('needs the rfm8 step');
  const out = join(ctx.dir, 'report.xlsx');
  rmSync(out, { force: true });
  const args = ['report', '--project', project, '--segmentation', segmentationId, '--out', out];
  const ours = await cli<{ sheets: string[]; customers: number; choices: string[] }>(ctx, args);
  const duckDir = join(ctx.dir, 'duck-report');
  rmSync(duckDir, { recursive: true, force: true });
  mkdirSync(duckDir, { recursive: true });
  const duck = ctx.state.duckDb ? await child<{ ms: number }>(ctx.paths.duckChild, [JSON.stringify({ kind: 'report', db: ctx.state.duckDb, dir: duckDir } satisfies DuckTask)]) : null;
  ctx.figures.report = { ...processFigures(ours.run), sheets: ours.result?.sheets, customers: ours.result?.customers, choices: ours.result?.choices, duckdb: duck ? processFigures(duck.run) : null };
  compareRow(ctx, 'Excel report of the RFM-8 segmentation (whole process)', ours.run, duck?.run ?? null, 'DuckDB profile + customer list + cross-tab → CSV files (process)', null, {
    note: 'DuckDB writes the report\'s tables as CSV (no workbook, charts or texts): a floor, not a like-for-like',
  });
  if (ctx.profile.has('report')) ctx.figures.reportProfile = await profileCli(ctx, 'report', [...args.slice(0, -1), join(ctx.dir, 'report-profile.xlsx')]);
}

/** import → RFM → RFM-8 → report as a user runs it from the CLI: the sum of the four timed processes. */
export function endToEnd(ctx: SizeContext): void {
  type Run = { ms?: number; ok?: boolean; peakMb?: number | null };
  const f = ctx.figures as Record<string, (Run & { ours?: Run; duckdb?: Run & { process?: Run } }) | undefined>;
  const sum = (parts: (Run | undefined)[]): { ok: boolean; ms: number; peakMb: number } | null => {
    if (parts.some((p) => p === undefined)) return null;
    const ok = parts.every((p) => p?.ok === true);
    return { ok, ms: Math.round(parts.reduce((s, p) => s + (p?.ms ?? 0), 0)), peakMb: Math.max(...parts.map((p) => p?.peakMb ?? 0)) };
  };
  const ours = sum([f.importUtf8?.ours, f.rfm?.ours, f.rfm8, f.report]);
  if (!ours) return;
  const duck = sum([f.importUtf8?.duckdb?.process, f.rfm?.duckdb?.process, f.rfm8?.duckdb?.process, f.report?.duckdb]);
  ctx.figures.endToEnd = { ours, duckdb: duck, steps: ['import', 'rfm', 'segment rfm8', 'report'] };
  compareRow(ctx, 'End to end via CLI: import → RFM → RFM-8 → report', ours.ok ? ours.ms : null, duck?.ok ? duck.ms : null, 'DuckDB, the same four processes', null, {
    peakMb: ours.peakMb,
    refPeakMb: duck?.peakMb ?? null,
    note: ours.ok ? 'sum of the four processes (peak = the largest)' : 'a step failed',
  });
}
