import type { ProgressLabel } from '../../../shared/contract/progress';
import type { CrosstabMeasure } from '../../../shared/contract/analyze';
import type { Checkpoint } from './aggregate';
import { UNMATCHED } from './join';

/** What the aggregation reads: per fact row its row code, column code, mask, amount and customer. */
export interface CountInput {
  rowOf: Int32Array;
  colOf: Int32Array;
  mask: Uint8Array | null;
  amount: Float64Array | null;
  distinctKey: Int32Array | null;
  distinctLabels: number;
}

export interface CrosstabCounts {
  /** Fact rows per cell. */
  counts: number[][];
  /** The measure per cell: rows, distinct customers or the amount. */
  values: number[][];
  rowTotals: number[];
  colTotals: number[];
  total: number;
  excluded: { missingRow: number; missingCol: number; unmatched: number };
}

export function grid(R: number, C: number): number[][] {
  return Array.from({ length: R }, () => new Array<number>(C).fill(0));
}

/**
 * Counts fact rows and sums the measure into an R × C table. Totals of distinct customers are
 * distinct too (a customer buying in two categories counts once in the row total).
 */
export async function countCells(
  f: CountInput,
  measure: CrosstabMeasure,
  R: number,
  C: number,
  checkpoint: Checkpoint,
  progress: (done: number, total: number, label: ProgressLabel) => void,
): Promise<CrosstabCounts> {
  const counts = grid(R, C);
  const values = grid(R, C);
  const excluded = { missingRow: 0, missingCol: 0, unmatched: 0 };
  const { rowOf, colOf, mask, amount } = f;
  const n = rowOf.length;
  for (let i = 0; i < n; i++) {
    if (mask && mask[i] === 0) continue;
    const r = rowOf[i]!;
    const c = colOf[i]!;
    if (r === UNMATCHED) excluded.unmatched++;
    else if (r < 0) excluded.missingRow++;
    else if (c < 0) excluded.missingCol++;
    else {
      counts[r]![c]! += 1;
      if (amount) {
        const v = amount[i]!;
        if (v === v) values[r]![c]! += v;
      }
    }
    if ((i & 0x3ffff) === 0x3ffff) {
      progress(i, n, 'crosstab');
      await checkpoint();
    }
  }
  const distinctKey = measure.kind === 'customers' ? f.distinctKey : null;
  if (distinctKey) {
    const d = distinctCounts(f, distinctKey, R, C);
    return { counts, values: d.cells, rowTotals: d.rowTotals, colTotals: d.colTotals, total: d.total, excluded };
  }
  // Customers without a key column: each row is one customer, so the measure is the row count.
  const source = measure.kind === 'sum' ? values : counts.map((row) => [...row]);
  const rowTotals = source.map((row) => row.reduce((s, v) => s + v, 0));
  const colTotals = Array.from({ length: C }, (_, c) => source.reduce((s, row) => s + row[c]!, 0));
  return { counts, values: source, rowTotals, colTotals, total: rowTotals.reduce((s, v) => s + v, 0), excluded };
}

/** "Seen" flags for packed (group, customer) keys: a bitset when it fits, else a hash set. */
interface SeenSet {
  /** Marks the key; true when it was not marked before. */
  add(key: number): boolean;
}

/** Keys up to 2^30 (128 MB of bits at most) are flagged in a bitset: no hashing per fact row. */
const BITSET_LIMIT = 2 ** 30;

function seenSet(size: number): SeenSet {
  if (size <= BITSET_LIMIT) {
    const bits = new Uint32Array(Math.ceil(size / 32));
    return {
      add: (key) => {
        const word = key >>> 5;
        const bit = 1 << (key & 31);
        if ((bits[word]! & bit) !== 0) return false;
        bits[word] = bits[word]! | bit;
        return true;
      },
    };
  }
  const set = new Set<number>();
  return {
    add: (key) => {
      if (set.has(key)) return false;
      set.add(key);
      return true;
    },
  };
}

/** Distinct customers per cell and per total (totals are distinct too: a customer counts once). */
function distinctCounts(f: CountInput, key: Int32Array, R: number, C: number): { cells: number[][]; rowTotals: number[]; colTotals: number[]; total: number } {
  const cells = grid(R, C);
  const rowTotals = new Array<number>(R).fill(0);
  const colTotals = new Array<number>(C).fill(0);
  const K = f.distinctLabels;
  // (group, customer) pairs packed into one number: group * K + customer code.
  const cellSeen = seenSet(R * C * K);
  const rowSeen = seenSet(R * K);
  const colSeen = seenSet(C * K);
  const allSeen = seenSet(K);
  let total = 0;
  for (let i = 0; i < f.rowOf.length; i++) {
    if (f.mask && f.mask[i] === 0) continue;
    const r = f.rowOf[i]!;
    const c = f.colOf[i]!;
    const k = key[i]!;
    if (r < 0 || c < 0 || k < 0) continue;
    if (cellSeen.add((r * C + c) * K + k)) cells[r]![c]! += 1;
    if (rowSeen.add(r * K + k)) rowTotals[r]! += 1;
    if (colSeen.add(c * K + k)) colTotals[c]! += 1;
    if (allSeen.add(k)) total++;
  }
  return { cells, rowTotals, colTotals, total };
}
