import { join } from 'node:path';
import { boundRow, child, cli, compareRow, processFigures, profileCli, type SizeContext } from './context';
import type { DuckTask } from './duck-child';
import type { EngineTask } from './engine-child';
import type { GridOp, GridOpFigure } from '../grid-ops';
import { CROSSTAB, PIVOT } from './queries';

const WARM_REPEATS = 5;

interface TimedAnalysis {
  openMs: number;
  coldMs: number;
  warmMedianMs: number;
  warmMinMs: number;
  grandTotal: number[] | null;
}

type Analysis = 'pivot' | 'crosstab';

/**
 * One analysis, four ways: our CLI as a whole process right after import (what a first open
 * costs, process start included), the same inside a long-lived engine (first call after opening
 * the project = cold, repeats = warm), and DuckDB on its persisted table (new instance = cold,
 * same connection = warm; also as a whole process).
 */
export async function analysis(ctx: SizeContext, kind: Analysis): Promise<void> {
  const { project, ordersId, duckDb } = ctx.state;
  if (!project || !ordersId || !duckDb) throw new Error('needs the import step (run with --only import first, or without --only)');
  const spec = kind === 'pivot' ? PIVOT : CROSSTAB;
  const cliArgs = kind === 'pivot' ? ['pivot', '--project', project, '--dataset', ordersId, ...PIVOT.cli] : ['crosstab', '--project', project, '--rows-dataset', ordersId, ...CROSSTAB.cli];
  const ours = await cli<unknown>(ctx, cliArgs);
  const duckTask: DuckTask = { kind: 'query', db: duckDb, sql: spec.sql, repeats: WARM_REPEATS };
  const duck = await child<TimedAnalysis>(ctx.paths.duckChild, [JSON.stringify(duckTask)]);
  const engineTask: EngineTask =
    kind === 'pivot'
      ? { project, home: ctx.home, method: 'pivots.run', params: { datasetId: ordersId, spec: PIVOT.engineSpec }, repeats: WARM_REPEATS }
      : { project, home: ctx.home, method: 'crosstab.run', params: { datasetId: ordersId, ...CROSSTAB.engineParams }, repeats: WARM_REPEATS };
  const engine = await child<TimedAnalysis>(ctx.paths.engineChild, [JSON.stringify(engineTask)]);
  const e = engine.run.ok ? engine.result : null;
  const d = duck.run.ok ? duck.result : null;
  ctx.figures[kind] = {
    cli: processFigures(ours.run),
    engine: { process: processFigures(engine.run), ...engine.result },
    duckdb: { process: processFigures(duck.run), ...duck.result },
    totalsAgree: e?.grandTotal && d?.grandTotal ? totalsAgree(kind, e.grandTotal, d.grandTotal) : null,
  };
  const name = kind === 'pivot' ? 'Pivot 地区×品类 sum+count' : 'Cross-tab 渠道×品类 count';
  compareRow(ctx, `${name}: cold, whole process`, ours.run, duck.run, 'DuckDB new process: open + query', 2);
  const engineNote = e ? `project.open ${e.openMs} ms before it` : `FAILED: ${engine.run.error ?? ''}`;
  compareRow(ctx, `${name}: cold, first call in engine`, e?.coldMs ?? null, d ? d.coldMs : null, 'DuckDB new instance: open + query', 2, { note: engineNote });
  compareRow(ctx, `${name}: warm (median of ${WARM_REPEATS})`, e?.warmMedianMs ?? null, d?.warmMedianMs ?? null, 'DuckDB same connection', 1);
  if (ctx.profile.has(kind)) ctx.figures[`${kind}Profile`] = await profileCli(ctx, kind, cliArgs);
}

/** The pivot's grand total holds [sum, count]; the cross-tab's its total count. DuckDB's CUBE row holds the same. */
function totalsAgree(kind: Analysis, ours: number[], duck: number[]): boolean {
  const pairs = kind === 'pivot' ? [[ours[0], duck[0]], [ours[1], duck[1]]] : [[ours[0], duck[0]]];
  return pairs.every(([a, b]) => a !== undefined && b !== undefined && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)));
}

/**
 * Sorts and filters on a text, a number and a date column of the generated orders (column keys
 * follow ORDER_HEADERS: c1 客户编号 ~N/10 distinct ids, c2 下单时间, c3 金额, c4 数量, c5 品类,
 * c6 地区). Each is timed from the natural order.
 */
const ORDER_GRID_OPS: GridOp[] = [
  { name: 'sortText', column: 'c1', index: 1, kind: 'sort', dir: 'asc' },
  { name: 'sortTextPinyin', column: 'c5', index: 5, kind: 'sort', dir: 'asc' },
  { name: 'sortNumber', column: 'c3', index: 3, kind: 'sort', dir: 'desc' },
  { name: 'sortDate', column: 'c2', index: 2, kind: 'sort', dir: 'desc' },
  { name: 'filterTextEquals', column: 'c6', index: 6, kind: 'filter', condition: 'equals', text: '广东' },
  { name: 'filterTextContains', column: 'c1', index: 1, kind: 'filter', condition: 'contains', text: '0042' },
  { name: 'filterNumber', column: 'c4', index: 4, kind: 'filter', condition: 'numberRange', min: '10', max: '20' },
  { name: 'filterDate', column: 'c2', index: 2, kind: 'filter', condition: 'dateRange', min: '2024-01-01', max: '2024-03-31' },
];

const OP_LABELS: Record<string, string> = {
  sortText: 'sort text 客户编号 ↑',
  sortTextPinyin: 'sort text 品类 ↑ (pinyin)',
  sortNumber: 'sort number 金额 ↓',
  sortDate: 'sort date 下单时间 ↓',
  filterTextEquals: 'filter text 地区 = 广东',
  filterTextContains: 'filter text 客户编号 contains 0042',
  filterNumber: 'filter number 数量 10–20',
  filterDate: 'filter date 下单时间 2024-01-01…03-31',
};

/**
 * The grid in headless Chromium over the imported orders (the engine's browser mode on this
 * project, bench/grid-browser.ts): first paint after opening the dataset, frame times while
 * scrolling the whole height, Ctrl+End, and the sorts and filters above.
 */
export async function grid(ctx: SizeContext): Promise<void> {
  const { project, ordersId } = ctx.state;
  if (!project || !ordersId) throw new Error('needs the import step');
  // The e2e harness finds the repository from __dirname, which an ESM bundle lacks.
  (globalThis as { __dirname?: string }).__dirname ??= join(ctx.paths.root, 'tests', 'e2e');
  const { runBrowserBench } = await import('../grid-browser');
  const g = await runBrowserBench(project, ctx.rows, { datasetId: ordersId, ops: ORDER_GRID_OPS });
  ctx.figures.grid = g;
  const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
  boundRow(ctx, 'Grid: open dataset → first paint', num(g.openToFirstPaintMs), 1500, 'ms', { note: `app start → grid ready ${String(g.appStartToGridReadyMs)} ms` });
  boundRow(ctx, 'Grid: p95 frame scrolling the whole height (best of 3 rounds)', num(g.scrollFrameP95Ms), 25, 'ms', { note: `all rounds p95 ${String(g.scrollFrameP95AllRoundsMs)} ms; the same frames not scrolling p95 ${String(g.idleFrameP95Ms)} ms` });
  for (const op of (g.ops as GridOpFigure[] | undefined) ?? []) {
    boundRow(ctx, `Grid: ${OP_LABELS[op.name] ?? op.name} → rows shown`, op.ms, 1000, 'ms', {
      note: `${op.filteredRows.toLocaleString('en-US')} rows, first ${op.firstValue}; menu values ${op.menuMs} ms; clear ${op.resetMs} ms`,
    });
  }
  boundRow(ctx, 'Grid: Ctrl+End to the last row', num(g.jumpToLastRowMs), null, 'ms');
}
