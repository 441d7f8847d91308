import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { boundRow, cli, processFigures, round, type SizeContext } from './context';
import { RFM_CLI } from './queries';
import { removeProject } from './steps-import';

/**
 * The "done when": the order file goes import → RFM → RFM-8 → report through the CLI
 * and through the UI, each into its own new project file, every stage timed, and the two runs
 * must agree (same rows, customers and segment counts). Independent of the other steps (no
 * DuckDB), so `--only pipeline` runs it alone on a generated file.
 */
interface Segments {
  segmentation: { id: string };
  segments: { name: string; count: number }[];
}

interface CliFlow {
  ok: boolean;
  stages: Record<string, ReturnType<typeof processFigures>>;
  rows?: number;
  customers?: number;
  segments?: Record<string, number>;
  reportCustomers?: number;
  reportBytes?: number | null;
  error?: string;
}

async function cliFlow(ctx: SizeContext): Promise<CliFlow> {
  const project = join(ctx.dir, 'pipeline-cli.kequn');
  const out = join(ctx.dir, 'pipeline-cli-report.xlsx');
  removeProject(project);
  const flow: CliFlow = { ok: false, stages: {} };
  const imp = await cli<{ datasets: { id: string; rows: number }[] }>(ctx, ['import', ctx.csvUtf8, '--project', project]);
  flow.stages.import = processFigures(imp.run);
  const orders = imp.result?.datasets[0];
  if (!orders) return { ...flow, error: `import: ${imp.run.error ?? 'no dataset'}` };
  flow.rows = orders.rows;
  const rfm = await cli<{ dataset: { id: string; rows: number } }>(ctx, ['rfm', '--project', project, '--dataset', orders.id, ...RFM_CLI]);
  flow.stages.rfm = processFigures(rfm.run);
  if (!rfm.result) return { ...flow, error: `rfm: ${rfm.run.error ?? ''}` };
  flow.customers = rfm.result.dataset.rows;
  const seg = await cli<Segments>(ctx, ['segment', 'rfm8', '--project', project, '--dataset', rfm.result.dataset.id]);
  flow.stages.rfm8 = processFigures(seg.run);
  if (!seg.result) return { ...flow, error: `segment rfm8: ${seg.run.error ?? ''}` };
  flow.segments = Object.fromEntries(seg.result.segments.map((s) => [s.name, s.count]));
  const rep = await cli<{ customers: number }>(ctx, ['report', '--project', project, '--segmentation', seg.result.segmentation.id, '--out', out]);
  flow.stages.report = processFigures(rep.run);
  if (!rep.result) return { ...flow, error: `report: ${rep.run.error ?? ''}` };
  flow.reportCustomers = rep.result.customers;
  flow.reportBytes = existsSync(out) ? statSync(out).size : null;
  return { ...flow, ok: true };
}

const sameCounts = (a: Record<string, number> | undefined, b: Record<string, number> | undefined): boolean =>
  a !== undefined && b !== undefined && JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

export async function pipeline(ctx: SizeContext): Promise<void> {
  const c = await cliFlow(ctx);
  const cliTotal = Object.values(c.stages).reduce((s, r) => s + (r.ms as number), 0);
  const peak = Math.max(0, ...Object.values(c.stages).map((r) => (r.peakMb as number | null) ?? 0));
  const stageNote = (stages: Record<string, object>): string =>
    Object.entries(stages)
      .map(([k, r]) => `${k} ${(Number((r as { ms?: unknown }).ms) / 1000).toFixed(1)} s`)
      .join(', ');
  boundRow(ctx, 'Pipeline via CLI: import → rfm → segment rfm8 → report (4 processes)', c.ok ? round(cliTotal) : null, null, 'ms', {
    peakMb: peak || null,
    note: c.ok ? `${stageNote(c.stages)}; ${c.customers} customers` : `FAILED: ${c.error ?? ''}`,
  });

  // The UI run: the engine's browser mode in Chromium, its own project file.
  (globalThis as { __dirname?: string }).__dirname ??= join(ctx.paths.root, 'tests', 'e2e');
  const { runUiPipeline } = await import('./pipeline-ui');
  const project = join(ctx.dir, 'pipeline-ui.kequn');
  removeProject(project);
  let ui: Awaited<ReturnType<typeof runUiPipeline>> | null = null;
  let uiError: string | undefined;
  try {
    ui = await runUiPipeline(project, ctx.csvUtf8, join(ctx.dir, 'pipeline-ui-report.xlsx'));
  } catch (e) {
    uiError = e instanceof Error ? e.message.split('\n').slice(0, 3).join(' ') : String(e);
  }
  const agree = ui && c.ok ? ui.rows === c.rows && ui.customers === c.customers && sameCounts(ui.segments, c.segments) : null;
  ctx.figures.pipeline = { cli: c, ui: ui ?? { error: uiError }, agree };
  const uiTotal = ui ? Object.values(ui.stages).reduce((s, st) => s + st.ms, 0) : null;
  boundRow(ctx, 'Pipeline via the UI (Chromium): import → RFM → RFM-8 → report', uiTotal, null, 'ms', {
    note: ui
      ? `${stageNote(ui.stages)}; longest progress silence ${Math.max(...Object.values(ui.stages).map((s) => s.longestSilenceMs))} ms; same rows, customers and segment counts as the CLI: ${agree === null ? 'n/a' : agree ? 'yes' : 'NO'}`
      : `FAILED: ${uiError ?? ''}`,
  });
}
