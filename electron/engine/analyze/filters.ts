import type { DatasetInfo } from '../../../shared/contract/datasets';
import type { FilterSpec } from '../../../shared/contract/rows';
import { resolveDataset } from '../rows/dataset-ref';
import { buildWhere } from '../rows/filter-sql';
import type { ProjectStore } from '../store/project-store';

/**
 * Evaluates a filter list into a row mask (1 = keep, in _row order like the typed columns), or
 * null when nothing is filtered, so the common unfiltered pivot pays nothing. The filters go
 * through the grid's own SQL builder: a drill-down shows in the grid exactly the rows the pivot
 * counted, by construction.
 */
export function filterMask(store: ProjectStore, ds: DatasetInfo, filters: readonly FilterSpec[]): Uint8Array | null {
  if (filters.length === 0) return null;
  const ref = resolveDataset(store, ds.id);
  const where = buildWhere(ref, filters);
  const positions = rowPositions(store, ds);
  const mask = new Uint8Array(ds.rowCount);
  const stmt = store.db.prepare(`SELECT _row FROM ${ref.sqlTable} WHERE ${where.sql}`).pluck();
  for (const r of stmt.iterate(...where.params)) {
    const i = positions(Number(r));
    if (i >= 0) mask[i] = 1;
  }
  return mask;
}

const rowMaps = new WeakMap<ProjectStore, Map<string, { version: string; map: (row: number) => number }>>();

/** _row id → position in _row order; a plain offset when ids are contiguous (the usual case). */
function rowPositions(store: ProjectStore, ds: DatasetInfo): (row: number) => number {
  let cache = rowMaps.get(store);
  if (!cache) rowMaps.set(store, (cache = new Map()));
  const hit = cache.get(ds.id);
  if (hit && hit.version === ds.updatedAt) return hit.map;
  const table = store.tableOf(ds.id);
  const bounds = store.db.prepare(`SELECT min(_row) AS lo, max(_row) AS hi, count(*) AS n FROM ${table}`).get() as { lo: number | null; hi: number | null; n: number };
  let map: (row: number) => number;
  if (bounds.lo !== null && bounds.hi !== null && bounds.hi - bounds.lo + 1 === bounds.n) {
    const lo = bounds.lo;
    map = (row) => row - lo;
  } else {
    const index = new Map<number, number>();
    let i = 0;
    for (const r of store.db.prepare(`SELECT _row FROM ${table} ORDER BY _row`).pluck().iterate()) index.set(Number(r), i++);
    map = (row) => index.get(row) ?? -1;
  }
  cache.set(ds.id, { version: ds.updatedAt, map });
  return map;
}

export function countMask(mask: Uint8Array | null, n: number): number {
  if (!mask) return n;
  let c = 0;
  for (let i = 0; i < n; i++) c += mask[i]!;
  return c;
}
