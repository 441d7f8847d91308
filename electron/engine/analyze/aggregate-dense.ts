import { isHolistic, newAcc, type Checkpoint, type LeafAggregates, type ValueInput } from './aggregate';
import type { GroupedColumn } from './columns';

/** Dense (row combination × column combination) tables up to this many cells take the fused path. */
const MAX_CELLS = 1 << 18;
const CHUNK = 1 << 18;

export interface DenseLeaves {
  /** Each axis's leaves (their field codes) in order of first appearance, as axisKeys numbers them. */
  rowCodes: Int32Array[];
  colCodes: Int32Array[];
  leaves: LeafAggregates;
}

/**
 * The common pivot (a few fields per axis, additive values) in two tight passes: each row's cell
 * in the dense table of every (row combination × column combination) is computed once, counted,
 * and each value is summed into it. The axis keys, their leaf ids and the leaf table are then read
 * off the dense table. Numbering leaves by first appearance keeps the result identical to the
 * general path. Returns null when a value needs the rows themselves (median, distinct count) or
 * the dense table would be too big.
 */
export async function denseLeafAggregates(
  rowFields: readonly GroupedColumn[],
  colFields: readonly GroupedColumn[],
  n: number,
  mask: Uint8Array | null,
  inputs: readonly ValueInput[],
  checkpoint: Checkpoint,
): Promise<DenseLeaves | null> {
  if (inputs.some(isHolistic)) return null;
  const SR = spaceOf(rowFields);
  const SC = spaceOf(colFields);
  const cells = SR * SC;
  if (cells > MAX_CELLS) return null;
  const cellOf = new Int32Array(n);
  const count = new Float64Array(cells);
  const first = new Int32Array(cells);
  const fields = [...rowFields, ...colFields];
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    // The cell is the mixed-radix number of all fields, row fields first (= rowKey × SC + colKey),
    // built one field at a time in tight loops rather than with a call per row.
    cellKeys(fields, cellOf, start, end);
    if (mask !== null) for (let i = start; i < end; i++) if (mask[i] === 0) cellOf[i] = -1;
    for (let i = start; i < end; i++) {
      const cell = cellOf[i]!;
      if (cell < 0) continue;
      if (count[cell] === 0) first[cell] = i;
      count[cell]! += 1;
    }
    await checkpoint();
  }
  const accs = inputs.map(() => newAcc(cells));
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    inputs.forEach((input, v) => {
      const x = input.numbers;
      if (!x) return;
      const { cnt, sum, min, max } = accs[v]!;
      // Only what the aggregation reads: a sum needs no min or max.
      const extremes = input.agg === 'min' || input.agg === 'max';
      for (let i = start; i < end; i++) {
        const cell = cellOf[i]!;
        if (cell < 0) continue;
        const val = x[i]!;
        if (val !== val) continue; // NaN: missing or text in a number column
        cnt[cell]! += 1;
        if (extremes) {
          if (val < min[cell]!) min[cell] = val;
          if (val > max[cell]!) max[cell] = val;
        } else sum[cell]! += val;
      }
    });
    await checkpoint();
  }
  const rows = axisLeaves(rowFields, SR, (k) => lineFirst(count, first, k * SC, 1, SC));
  const cols = axisLeaves(colFields, SC, (k) => lineFirst(count, first, k, SC, SR));
  const LC = cols.keys.length;
  const leafCells = rows.keys.length * LC;
  const leafN = new Float64Array(leafCells);
  const acc = inputs.map(() => newAcc(leafCells));
  rows.keys.forEach((kr, r) => {
    cols.keys.forEach((kc, c) => {
      const cell = kr * SC + kc;
      const leaf = r * LC + c;
      leafN[leaf] = count[cell]!;
      accs.forEach((from, v) => {
        const to = acc[v]!;
        to.cnt[leaf] = from.cnt[cell]!;
        to.sum[leaf] = from.sum[cell]!;
        to.min[leaf] = from.min[cell]!;
        to.max[leaf] = from.max[cell]!;
      });
    });
  });
  return { rowCodes: rows.codes, colCodes: cols.codes, leaves: { leafN, acc } };
}

/** Mixed-radix size of an axis's key space: (labels + 1 for blank) per field. */
function spaceOf(fields: readonly GroupedColumn[]): number {
  let space = 1;
  for (const f of fields) space *= f.labels.length + 1;
  return space;
}

/** out[i] for i in start..end: the fields' codes (+1, blank = 0) as a mixed-radix number (Horner's rule). */
function cellKeys(fields: readonly GroupedColumn[], out: Int32Array, start: number, end: number): void {
  out.fill(0, start, end);
  for (const f of fields) {
    const codes = f.codes;
    const radix = f.labels.length + 1;
    for (let i = start; i < end; i++) out[i] = out[i]! * radix + codes[i]! + 1;
  }
}

/** The first row of any counted cell on one line of the dense table (-1 = the line is empty). */
function lineFirst(count: Float64Array, first: Int32Array, at: number, step: number, length: number): number {
  let best = -1;
  for (let j = 0, cell = at; j < length; j++, cell += step) {
    if (count[cell]! > 0 && (best < 0 || first[cell]! < best)) best = first[cell]!;
  }
  return best;
}

/** The keys of an axis that occur, in order of first appearance, with each one's field codes. */
function axisLeaves(fields: readonly GroupedColumn[], space: number, firstRow: (key: number) => number): { keys: number[]; codes: Int32Array[] } {
  // No fields: one leaf (the total), whether or not any row is kept, as axisKeys has it.
  if (fields.length === 0) return { keys: [0], codes: [new Int32Array(0)] };
  const present: { key: number; at: number }[] = [];
  for (let k = 0; k < space; k++) {
    const at = firstRow(k);
    if (at >= 0) present.push({ key: k, at });
  }
  present.sort((x, y) => x.at - y.at);
  const keys = present.map((p) => p.key);
  const codes = keys.map((key) => {
    const out = new Int32Array(fields.length);
    let k = key;
    for (let l = fields.length - 1; l >= 0; l--) {
      const radix = fields[l]!.labels.length + 1;
      out[l] = (k % radix) - 1;
      k = Math.floor(k / radix);
    }
    return out;
  });
  return { keys, codes };
}
