import type { ColumnInfo } from '../../../shared/contract/datasets';
import type { ColumnStats, FilterSpec, HistogramBin } from '../../../shared/contract/rows';
import type { EngineContext } from '../host/context';
import { isInvalidSql, isNumericSql } from './cell-sql';
import { columnSql, type DatasetRef } from './dataset-ref';
import { buildWhere, type SqlParam } from './filter-sql';
import { ensureIndex } from './index-manager';
import { toCell } from './page-reader';

interface Totals {
  rows: number;
  count: number;
  empty: number;
  invalid: number;
  dist: number;
  n: number;
  lo: number | null;
  hi: number | null;
  total: number | null;
}

const STEPS = 5;

/**
 * Column statistics over the rows a set of filters leaves. Numeric figures use the valid
 * numeric cells only (dates as epoch ms, booleans as 0/1); text columns get counts and top
 * values. Each step is one SQL pass; between steps the call reports progress and can be
 * cancelled.
 */
export async function columnStats(
  ctx: EngineContext,
  ref: DatasetRef,
  key: string,
  filters: readonly FilterSpec[],
  bins: number,
  top: number,
): Promise<ColumnStats> {
  const db = ctx.store().db;
  const col = ref.column(key);
  const q = columnSql(ref, key);
  const t = ref.sqlTable;
  const where = buildWhere(ref, filters);
  const w = `(${where.sql})`;
  const p = where.params;
  const numeric = col.type !== 'text';

  ctx.progress(0, STEPS, 'stats');
  ensureIndex(db, ref.table, col.key);
  await ctx.checkpoint();

  const num = isNumericSql(q);
  const totals = db
    .prepare(
      `SELECT count(*) AS rows, count(${q}) AS count, coalesce(sum(${q} = ''), 0) AS empty,
              coalesce(sum(${isInvalidSql(col, q)}), 0) AS invalid, count(DISTINCT ${q}) AS dist,
              count(CASE WHEN ${num} THEN 1 END) AS n, min(CASE WHEN ${num} THEN ${q} END) AS lo,
              max(CASE WHEN ${num} THEN ${q} END) AS hi, total(CASE WHEN ${num} THEN ${q} END) AS total
         FROM ${t} WHERE ${w}`,
    )
    .get(...p) as Totals;
  ctx.progress(1, STEPS, 'stats');
  await ctx.checkpoint();

  const hasNumbers = numeric && totals.n > 0;
  const median = hasNumbers ? medianOf(ctx, t, q, `${w} AND ${num}`, p, totals.n) : null;
  ctx.progress(2, STEPS, 'stats');
  await ctx.checkpoint();

  const topValues =
    top === 0
      ? []
      : (
          db
            .prepare(`SELECT ${q} AS v, count(*) AS n FROM ${t} WHERE ${w} AND ${q} IS NOT NULL GROUP BY ${q} ORDER BY n DESC, ${q} LIMIT ?`)
            .all(...p, top) as { v: unknown; n: number }[]
        ).map((r) => ({ value: toCell(r.v, col), count: r.n }));
  ctx.progress(3, STEPS, 'stats');
  await ctx.checkpoint();

  const histogram = hasNumbers ? histogramOf(ctx, col, t, q, `${w} AND ${num}`, p, totals.lo!, totals.hi!, bins) : [];
  ctx.progress(STEPS, STEPS, 'stats');

  return {
    column: col.key,
    rows: totals.rows,
    count: totals.count,
    missing: totals.rows - totals.count,
    empty: totals.empty,
    invalid: totals.invalid,
    distinct: totals.dist,
    min: hasNumbers ? totals.lo : null,
    max: hasNumbers ? totals.hi : null,
    mean: hasNumbers ? totals.total! / totals.n : null,
    median,
    sum: hasNumbers ? totals.total : null,
    topValues,
    histogram,
  };
}

/** The middle value (mean of the two middle values for an even count), read off the index. */
function medianOf(ctx: EngineContext, t: string, q: string, w: string, p: SqlParam[], n: number): number {
  const take = n % 2 === 1 ? 1 : 2;
  const vals = ctx
    .store()
    .db.prepare(`SELECT ${q} FROM ${t} WHERE ${w} ORDER BY ${q} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...p, take, Math.floor((n - 1) / 2)) as number[];
  return vals.length === 2 ? (vals[0]! + vals[1]!) / 2 : vals[0]!;
}

/**
 * Equal-width bins over [lo, hi]; integer columns with a narrow range get one bin per value so
 * bars sit on whole numbers. The top bin includes hi.
 */
function histogramOf(ctx: EngineContext, col: ColumnInfo, t: string, q: string, w: string, p: SqlParam[], lo: number, hi: number, bins: number): HistogramBin[] {
  let k = bins;
  let width: number;
  if (hi === lo) {
    k = 1;
    width = 1;
  } else if ((col.type === 'integer' || col.type === 'boolean') && Number.isInteger(lo) && Number.isInteger(hi) && hi - lo + 1 <= bins) {
    k = hi - lo + 1;
    width = 1;
  } else {
    width = (hi - lo) / k;
  }
  const counts = new Array<number>(k).fill(0);
  const rows = ctx
    .store()
    .db.prepare(`SELECT min(CAST((${q} - ?) / ? AS INTEGER), ?) AS b, count(*) AS n FROM ${t} WHERE ${w} GROUP BY b`)
    .all(lo, width, k - 1, ...p) as { b: number; n: number }[];
  for (const r of rows) counts[Math.max(0, Math.min(k - 1, r.b))]! += r.n;
  return counts.map((count, i) => ({ from: lo + i * width, to: i === k - 1 && width !== 1 ? hi : lo + (i + 1) * width, count }));
}
