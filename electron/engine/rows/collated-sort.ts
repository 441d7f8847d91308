import type { ProjectStore } from '../store/project-store';
import type { SqlFragment } from './filter-sql';

/**
 * Text sorts the way Excel sorts it for Chinese users: Han characters by pinyin (李 < 王 < 张),
 * Latin letters case-insensitively, digits by value; numbers stored in a text column stay before
 * text, as SQLite orders them.
 */
export const textCollator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });

/** Above this many distinct values the column keeps SQLite's code-point order (collating a million ids would stall). */
export const MAX_COLLATED_VALUES = 50_000;

export function compareCells(a: unknown, b: unknown): number {
  const ta = typeof a === 'string';
  const tb = typeof b === 'string';
  if (ta && tb) return textCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
  if (ta !== tb) return ta ? 1 : -1;
  return (a as number) - (b as number);
}

/**
 * The present (non-missing) rows of a view sorted by a text column in collation order. The
 * index scan yields rows grouped by value in code-point order (later sort keys and row id
 * ordering each group); the groups are then laid out in collation order, reversed for a
 * descending sort, so ties keep their order in both directions. Returns null when the column
 * has too many distinct values, leaving the caller to SQLite's order.
 */
export function collatedIds(
  store: ProjectStore,
  table: string,
  q: string,
  dir: 'asc' | 'desc',
  where: SqlFragment,
  tailOrder: string,
): Int32Array | null {
  const groups = store.db
    .prepare(`SELECT ${q} AS v, count(*) AS n FROM ${table} WHERE (${where.sql}) AND ${q} IS NOT NULL GROUP BY ${q} ORDER BY ${q} LIMIT ?`)
    .all(...where.params, MAX_COLLATED_VALUES + 1) as { v: unknown; n: number }[];
  if (groups.length > MAX_COLLATED_VALUES) return null;
  const ids = Int32Array.from(
    store.db
      .prepare(`SELECT _row FROM ${table} WHERE (${where.sql}) AND ${q} IS NOT NULL ORDER BY ${q}, ${tailOrder}`)
      .pluck()
      .all(...where.params) as number[],
  );
  const starts = new Array<number>(groups.length);
  let at = 0;
  groups.forEach((g, i) => {
    starts[i] = at;
    at += g.n;
  });
  const order = groups.map((_, i) => i).sort((a, b) => compareCells(groups[a]!.v, groups[b]!.v) || a - b);
  if (dir === 'desc') order.reverse();
  const out = new Int32Array(ids.length);
  let n = 0;
  for (const g of order) {
    const s = starts[g]!;
    out.set(ids.subarray(s, s + groups[g]!.n), n);
    n += groups[g]!.n;
  }
  return out;
}
