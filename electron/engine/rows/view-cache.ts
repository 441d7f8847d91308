import type { FilterSpec, SortSpec } from '../../../shared/contract/rows';
import type { ProjectStore } from '../store/project-store';
import { collatedIds } from './collated-sort';
import { columnSql, type DatasetRef } from './dataset-ref';
import { buildWhere, indexableFilterColumns, type SqlFragment } from './filter-sql';
import { ensureIndex } from './index-manager';

/**
 * A view = a dataset under a sort and filters, materialised as the ordered array of its row
 * ids. Building it costs one indexed query; afterwards any page, however deep, is a slice of
 * the array plus primary-key lookups (no OFFSET scans). The unsorted, unfiltered view of a
 * dataset whose row ids are contiguous needs no array at all.
 */
export interface RowView {
  readonly length: number;
  /** True when view position i is row id `first + i` (natural order, nothing filtered). */
  readonly identity: boolean;
  rowIdAt(index: number): number;
  /** Row ids of view positions [start, end). */
  slice(start: number, end: number): ArrayLike<number>;
  /** Position of a row id in the view, or null when filtered out or unknown. */
  positionOf(rowId: number): number | null;
}

class IdentityView implements RowView {
  readonly identity = true;
  constructor(
    private readonly first: number,
    readonly length: number,
  ) {}
  rowIdAt(index: number): number {
    return this.first + index;
  }
  slice(start: number, end: number): ArrayLike<number> {
    const out = new Int32Array(Math.max(0, Math.min(end, this.length) - start));
    for (let i = 0; i < out.length; i++) out[i] = this.first + start + i;
    return out;
  }
  positionOf(rowId: number): number | null {
    const p = rowId - this.first;
    return p >= 0 && p < this.length ? p : null;
  }
}

class ArrayView implements RowView {
  readonly identity = false;
  private inverse: Int32Array | null = null;
  constructor(private readonly ids: Int32Array) {}
  get length(): number {
    return this.ids.length;
  }
  rowIdAt(index: number): number {
    return this.ids[index]!;
  }
  slice(start: number, end: number): ArrayLike<number> {
    return this.ids.subarray(start, end);
  }
  positionOf(rowId: number): number | null {
    // Built on first use (jumps and find), then O(1).
    if (!this.inverse) {
      let max = 0;
      for (const id of this.ids) if (id > max) max = id;
      this.inverse = new Int32Array(max + 1).fill(-1);
      this.ids.forEach((id, i) => (this.inverse![id] = i));
    }
    const p = rowId < this.inverse.length ? this.inverse[rowId]! : -1;
    return p >= 0 ? p : null;
  }
}

/** Above this many filtered rows a sorted+filtered view is cut from the full sorted order. */
const INTERSECT_MIN_ROWS = 50_000;

/** The rows of `order` that are also in `kept`, in `order`'s order. */
function intersect(order: RowView, kept: RowView): RowView {
  const keptIds = kept.slice(0, kept.length);
  let max = 0;
  for (let i = 0; i < keptIds.length; i++) if (keptIds[i]! > max) max = keptIds[i]!;
  const bitmap = new Uint8Array(max + 1);
  for (let i = 0; i < keptIds.length; i++) bitmap[keptIds[i]!] = 1;
  const ids = order.slice(0, order.length);
  const out = new Int32Array(kept.length);
  let n = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id <= max && bitmap[id] === 1) out[n++] = id;
  }
  return new ArrayView(n === out.length ? out : out.slice(0, n));
}

/** Views kept per project; each holds up to 4 bytes per row. */
const MAX_VIEWS = 12;
const caches = new WeakMap<ProjectStore, Map<string, RowView>>();

export function viewKey(ref: DatasetRef, sort: readonly SortSpec[], filters: readonly FilterSpec[]): string {
  // updatedAt and rowCount change with every write to the dataset, which retires old views.
  return JSON.stringify([ref.info.id, ref.info.updatedAt, ref.info.rowCount, sort, filters]);
}

export function getView(store: ProjectStore, ref: DatasetRef, sort: readonly SortSpec[], filters: readonly FilterSpec[]): RowView {
  let cache = caches.get(store);
  if (!cache) {
    cache = new Map();
    caches.set(store, cache);
  }
  const key = viewKey(ref, sort, filters);
  const hit = cache.get(key);
  if (hit) {
    // Re-insert: Map order doubles as least-recently-used order.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const view = buildView(store, ref, sort, filters);
  cache.set(key, view);
  while (cache.size > MAX_VIEWS) cache.delete(cache.keys().next().value!);
  return view;
}

function buildView(store: ProjectStore, ref: DatasetRef, sort: readonly SortSpec[], filters: readonly FilterSpec[]): RowView {
  const db = store.db;
  const t = ref.sqlTable;
  for (const s of sort) ref.column(s.column);
  const where = buildWhere(ref, filters);
  if (sort.length === 0 && filters.length === 0) {
    const r = db.prepare(`SELECT min(_row) AS lo, max(_row) AS hi FROM ${t}`).get() as { lo: number | null; hi: number | null };
    const n = ref.info.rowCount;
    if (r.lo === null || r.hi === null) return new IdentityView(1, 0);
    if (r.hi - r.lo + 1 === n) return new IdentityView(r.lo, n);
  }
  for (const key of new Set([...sort.map((s) => s.column), ...indexableFilterColumns(filters)])) ensureIndex(db, ref.table, key);
  if (sort.length > 0 && filters.length > 0) {
    // Sorted and filtered: when the sorted order is cached (the user sorted, then filters) or
    // the filter keeps many rows, walking the sorted order through the filter's row set beats
    // letting SQLite sort the filtered rows again. Both parts stay cached for the next step.
    const sortedCached = caches.get(store)?.has(viewKey(ref, sort, [])) ?? false;
    const kept = getView(store, ref, [], filters);
    if (sortedCached || kept.length > INTERSECT_MIN_ROWS) return intersect(getView(store, ref, sort, []), kept);
  }
  if (sort.length === 0) return new ArrayView(pluckIds(store, `SELECT _row FROM ${t} WHERE ${where.sql} ORDER BY _row`, where));
  return new ArrayView(sortedIds(store, ref, sort, where));
}

/**
 * Missing cells sort last in both directions (as in Excel); ties keep the stored order. The
 * first sort column is split into its present and its missing part, so each part is a plain
 * index-ordered scan; later columns only order rows within ties. Text columns sort in Chinese
 * collation order (pinyin) unless they have too many distinct values.
 */
function sortedIds(store: ProjectStore, ref: DatasetRef, sort: readonly SortSpec[], where: SqlFragment): Int32Array {
  const [first, ...rest] = sort;
  const q = columnSql(ref, first!.column);
  const tail = rest.map((s) => {
    const c = columnSql(ref, s.column);
    return `${c} IS NULL, ${c} ${s.dir === 'desc' ? 'DESC' : 'ASC'}`;
  });
  const order = [`${q} ${first!.dir === 'desc' ? 'DESC' : 'ASC'}`, ...tail, '_row'].join(', ');
  const t = ref.sqlTable;
  const collated = ref.column(first!.column).type === 'text' ? collatedIds(store, t, q, first!.dir, where, [...tail, '_row'].join(', ')) : null;
  const present = collated ?? pluckIds(store, `SELECT _row FROM ${t} WHERE (${where.sql}) AND ${q} IS NOT NULL ORDER BY ${order}`, where);
  const missingOrder = [...tail, '_row'].join(', ');
  const missing = pluckIds(store, `SELECT _row FROM ${t} WHERE (${where.sql}) AND ${q} IS NULL ORDER BY ${missingOrder}`, where);
  if (missing.length === 0) return present;
  const all = new Int32Array(present.length + missing.length);
  all.set(present, 0);
  all.set(missing, present.length);
  return all;
}

/**
 * The view's order as one ORDER BY clause (missing cells last in both directions, ties by
 * import order) — the same order sortedIds produces, for readers that stream a view in SQL
 * (exports) instead of materialising its row ids.
 */
export function viewOrderSql(ref: DatasetRef, sort: readonly SortSpec[]): string {
  const parts = sort.map((s) => {
    const c = columnSql(ref, s.column);
    return `${c} IS NULL, ${c} ${s.dir === 'desc' ? 'DESC' : 'ASC'}`;
  });
  return [...parts, '_row'].join(', ');
}

function pluckIds(store: ProjectStore, sql: string, where: SqlFragment): Int32Array {
  const ids = store.db.prepare(sql).pluck().all(...where.params) as number[];
  return Int32Array.from(ids);
}
