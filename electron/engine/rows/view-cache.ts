import type { FilterSpec, SortSpec } from '../../../shared/contract/rows';
import type { DatasetSnapshot } from '../store/dataset-snapshot';
import type { ProjectStore } from '../store/project-store';
import { filterMask, maskPositions } from './filter-eval';
import { firstSorted } from './first-sorted';
import { hasColumnOrder, sortPositions } from './sort-order';

/**
 * A view = a dataset under a sort and filters, materialised as the ordered array of its row
 * positions. Building it costs one pass over the filtered columns and a radix sort; afterwards
 * any page, however deep, is a slice of the array. The unsorted, unfiltered view needs no array.
 */
export interface RowView {
  readonly length: number;
  /** True when view index i is row position i (natural order, nothing filtered). */
  readonly identity: boolean;
  positionAt(index: number): number;
  /** Row positions of view indexes [start, end). */
  slice(start: number, end: number): Int32Array;
  /** View index of a row position, or null when filtered out. */
  indexOfPosition(pos: number): number | null;
}

class IdentityView implements RowView {
  readonly identity = true;
  constructor(readonly length: number) {}
  positionAt(index: number): number {
    return index;
  }
  slice(start: number, end: number): Int32Array {
    const s = Math.max(0, start);
    const out = new Int32Array(Math.max(0, Math.min(end, this.length) - s));
    for (let i = 0; i < out.length; i++) out[i] = s + i;
    return out;
  }
  indexOfPosition(pos: number): number | null {
    return pos >= 0 && pos < this.length ? pos : null;
  }
}

class ArrayView implements RowView {
  readonly identity = false;
  private inverse: Int32Array | null = null;
  constructor(
    private readonly positions: Int32Array,
    private readonly rowCount: number,
  ) {}
  get length(): number {
    return this.positions.length;
  }
  positionAt(index: number): number {
    return this.positions[index]!;
  }
  slice(start: number, end: number): Int32Array {
    return this.positions.subarray(start, end);
  }
  indexOfPosition(pos: number): number | null {
    // Built on first use (jumps and find), then O(1).
    if (!this.inverse) {
      this.inverse = new Int32Array(this.rowCount).fill(-1);
      this.positions.forEach((p, i) => (this.inverse![p] = i));
    }
    const i = pos >= 0 && pos < this.inverse.length ? this.inverse[pos]! : -1;
    return i >= 0 ? i : null;
  }
}

/**
 * A one-column sort whose first rows are known (found in one pass, see firstSorted) and whose
 * full order is made only when something reaches past them: a deep scroll, a jump, a find.
 */
class FirstRowsView implements RowView {
  readonly identity = false;
  private full: RowView | null = null;
  constructor(
    readonly length: number,
    private readonly first: Int32Array,
    private readonly makeFull: () => RowView,
  ) {}
  private all(): RowView {
    return (this.full ??= this.makeFull());
  }
  positionAt(index: number): number {
    return index < this.first.length ? this.first[index]! : this.all().positionAt(index);
  }
  slice(start: number, end: number): Int32Array {
    return Math.min(end, this.length) <= this.first.length ? this.first.subarray(start, end) : this.all().slice(start, end);
  }
  indexOfPosition(pos: number): number | null {
    return this.all().indexOfPosition(pos);
  }
}

/** How many rows of a one-column sort are found before the full order (five grid pages). */
export const FIRST_ROWS = 1000;

function countKept(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) n++;
  return n;
}

/**
 * The view of a snapshot, cached in the project's cache under the dataset's version: any write
 * raises the version, so an old view can never be served for new data.
 */
export function getView(store: ProjectStore, snapshot: DatasetSnapshot, sort: readonly SortSpec[], filters: readonly FilterSpec[]): RowView {
  if (sort.length === 0 && filters.length === 0) return new IdentityView(snapshot.rowCount);
  for (const s of sort) snapshot.column(s.column);
  const key = `view:${snapshot.id}:${snapshot.version}:${JSON.stringify(sort)}:${JSON.stringify(filters)}`;
  const full = (mask: Uint8Array | null): RowView => {
    let positions: Int32Array;
    if (sort.length > 0) {
      const kept = mask ? countKept(mask) : snapshot.rowCount;
      positions = sortPositions(snapshot, mask, kept, sort, store.cache);
    } else if (mask) positions = maskPositions(mask);
    else {
      positions = new Int32Array(snapshot.rowCount);
      for (let i = 0; i < positions.length; i++) positions[i] = i;
    }
    return new ArrayView(positions, snapshot.rowCount);
  };
  return store.cache.get(key, () => {
    const mask = filterMask(snapshot, filters);
    const only = sort.length === 1 ? sort[0]! : null;
    // Counting the kept rows costs a pass: only a one-column sort needs it here.
    const kept = only && mask ? countKept(mask) : snapshot.rowCount;
    if (only && kept > 0 && !hasColumnOrder(snapshot.source(only.column), only.dir, store.cache)) {
      const first = firstSorted(snapshot.source(only.column), snapshot.rowCount, mask, only.dir, Math.min(kept, FIRST_ROWS), store.cache);
      // A filter that leaves few rows: their order is the whole view, no column order needed.
      if (kept <= FIRST_ROWS) return { value: new ArrayView(first, snapshot.rowCount), bytes: first.byteLength * 2 };
      const view = new FirstRowsView(kept, first, () => {
        const made = full(mask);
        // From now on the cache serves the full order (the mask is no longer needed).
        store.cache.put(key, made, made.length * 8);
        return made;
      });
      return { value: view, bytes: (mask?.byteLength ?? 0) + first.byteLength };
    }
    const value = full(mask);
    return { value, bytes: value.length * 8 };
  });
}
