import type { CellValue } from '../../shared/contract/json';
import { CancelToken } from '../../shared/rpc/cancel';
import { Work } from '../../electron/engine/host/work';
import type { ProjectStore } from '../../electron/engine/store/project-store';

/** A Work on a store for direct calls (no progress, never cancelled unless the token is). */
export function workOf(store: ProjectStore, cancel = new CancelToken()): Work {
  return new Work(store, cancel, () => undefined);
}

/** Every stored cell of one column (by key or display name), in row order. */
export function cellsOf(store: ProjectStore, datasetId: string, column: string): CellValue[] {
  return store.snapshot(datasetId).cells(column);
}

/** Every row of a dataset as an object keyed by column key, with `_row` (the stable row id). */
export function rowsOf(store: ProjectStore, datasetId: string): Record<string, CellValue>[] {
  const snap = store.snapshot(datasetId);
  const keys = snap.info.columns.map((c) => c.key);
  const rows = snap.rows(Int32Array.from({ length: snap.rowCount }, (_, i) => i), keys);
  return rows.map((r, i) => ({ _row: snap.rowIdAt(i), ...Object.fromEntries(keys.map((k, j) => [k, r[j]!])) }));
}

/** Rows as arrays of the given column keys, in row order. */
export function rowArrays(store: ProjectStore, datasetId: string, keys: string[]): CellValue[][] {
  const snap = store.snapshot(datasetId);
  return snap.rows(Int32Array.from({ length: snap.rowCount }, (_, i) => i), keys);
}
