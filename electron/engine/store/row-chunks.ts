import type { CellValue } from '../../../shared/contract/json';
import type { DatasetSnapshot } from './dataset-snapshot';

/**
 * Reads rows of a snapshot in chunks, for streaming writers (exports, customer lists): all rows
 * in row order, or the given positions in their order (a sorted, filtered view). Nothing is held
 * open between chunks, so writers may await between them; callers that do should pin the
 * snapshot's data (`store.pin`) so it survives a concurrent clean-up.
 */
export function* rowChunks(snapshot: DatasetSnapshot, keys: readonly string[], positions: ArrayLike<number> | null, chunkSize = 5000): Generator<CellValue[][]> {
  const n = positions ? positions.length : snapshot.rowCount;
  for (let start = 0; start < n; start += chunkSize) {
    const end = Math.min(n, start + chunkSize);
    const slice = new Int32Array(end - start);
    for (let i = 0; i < slice.length; i++) slice[i] = positions ? positions[start + i]! : start + i;
    yield snapshot.rows(slice, keys);
  }
}

/** The data objects a snapshot reads for these columns (to pin while streaming). */
export function dataIdsOf(snapshot: DatasetSnapshot, keys: readonly string[]): number[] {
  const ids = keys.map((k) => snapshot.dataIdOf(k));
  if (snapshot.state.rowIds !== null) ids.push(snapshot.state.rowIds);
  return ids;
}
