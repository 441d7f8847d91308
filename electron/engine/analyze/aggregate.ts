import type { PivotAggregation } from '../../../shared/contract/analyze';
import type { AxisTree } from './axis';

/** One value of the pivot, prepared: its aggregation and the typed array it reads. */
export interface ValueInput {
  agg: PivotAggregation;
  /** Measure for sum/mean/min/max/median/count(column); null = count rows. */
  numbers: Float64Array | null;
  /** Dictionary codes for countDistinct (any column type). */
  codes: Int32Array | null;
  distinctLabels: number;
}

/** Aggregates per (row node × column node), flat: index = rowNode * colNodes + colNode. */
export interface NodeAggregates {
  rowsN: Float64Array;
  /** Per value: the aggregate (NaN = no data). */
  values: Float64Array[];
}

export type Checkpoint = () => Promise<void>;
const CHUNK = 1 << 18;

/** Per leaf cell (leafRow × leafCol, flat): rows, and the additive accumulators of each value (null = holistic). */
export interface LeafAggregates {
  leafN: Float64Array;
  acc: (Acc | null)[];
}

/**
 * Aggregates leaf cells in one pass over the rows (sum, count, min, max are additive and are
 * rolled up the trees afterwards), then computes median and distinct counts per node pair from
 * the rows grouped by leaf cell (they cannot be rolled up).
 */
export async function aggregate(
  leafRow: Int32Array,
  leafCol: Int32Array,
  rowTree: AxisTree,
  colTree: AxisTree,
  inputs: readonly ValueInput[],
  checkpoint: Checkpoint,
): Promise<NodeAggregates> {
  const LC = colTree.ancestors.length;
  const leaves = await accumulateLeaves(leafRow, leafCol, rowTree.ancestors.length, LC, inputs, checkpoint);
  const { rowsN, values } = rollUp(leaves, rowTree, colTree, inputs);
  const holistic = inputs.map((v, i) => (isHolistic(v) ? i : -1)).filter((i) => i >= 0);
  if (holistic.length > 0) {
    const grouped = groupRowsByCell(leafRow, leafCol, LC, rowTree.ancestors.length * LC);
    for (const v of holistic) await holisticValues(inputs[v]!, grouped, rowTree, colTree, LC, values[v]!, checkpoint);
  }
  return { rowsN, values };
}

/** Median and distinct counts need each node's rows; the others roll up from leaf cells. */
export function isHolistic(v: ValueInput): boolean {
  return v.agg === 'median' || v.agg === 'countDistinct';
}

async function accumulateLeaves(leafRow: Int32Array, leafCol: Int32Array, LR: number, LC: number, inputs: readonly ValueInput[], checkpoint: Checkpoint): Promise<LeafAggregates> {
  const n = leafRow.length;
  const leafCells = LR * LC;
  const leafN = new Float64Array(leafCells);
  const additive = inputs.map((v) => (isHolistic(v) ? null : newAcc(leafCells)));
  const plans = inputs.map((v, idx) => ({ acc: additive[idx] ?? null, numbers: v.numbers }));
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    for (let i = start; i < end; i++) {
      const r = leafRow[i]!;
      if (r < 0) continue;
      const c = leafCol[i]!;
      if (c < 0) continue;
      leafN[r * LC + c]! += 1;
    }
    for (const plan of plans) {
      const acc = plan.acc;
      const x = plan.numbers;
      if (!acc || !x) continue;
      const { cnt, sum, min, max } = acc;
      for (let i = start; i < end; i++) {
        const r = leafRow[i]!;
        const c = leafCol[i]!;
        if (r < 0 || c < 0) continue;
        const v = x[i]!;
        if (v !== v) continue; // NaN: missing or text in a number column
        const cell = r * LC + c;
        cnt[cell]! += 1;
        sum[cell]! += v;
        if (v < min[cell]!) min[cell] = v;
        if (v > max[cell]!) max[cell] = v;
      }
    }
    await checkpoint();
  }
  return { leafN, acc: additive };
}

/** Node aggregates from leaf cells: each leaf cell adds into every (row ancestor × column ancestor). */
export function rollUp(leaves: LeafAggregates, rowTree: AxisTree, colTree: AxisTree, inputs: readonly ValueInput[]): NodeAggregates {
  const { leafN, acc: additive } = leaves;
  const LR = rowTree.ancestors.length;
  const LC = colTree.ancestors.length;
  const NR = rowTree.nodes.length;
  const NC = colTree.nodes.length;
  const rowsN = new Float64Array(NR * NC);
  const nodeAcc = additive.map((a) => (a ? newAcc(NR * NC) : null));
  for (let r = 0; r < LR; r++) {
    const ra = rowTree.ancestors[r]!;
    for (let c = 0; c < LC; c++) {
      const leafCell = r * LC + c;
      const count = leafN[leafCell]!;
      if (count === 0) continue;
      const ca = colTree.ancestors[c]!;
      for (const a of ra) {
        for (const b of ca) {
          const node = a * NC + b;
          rowsN[node]! += count;
          additive.forEach((leafAcc, v) => {
            if (!leafAcc) return;
            const acc = nodeAcc[v]!;
            acc.cnt[node]! += leafAcc.cnt[leafCell]!;
            acc.sum[node]! += leafAcc.sum[leafCell]!;
            if (leafAcc.min[leafCell]! < acc.min[node]!) acc.min[node] = leafAcc.min[leafCell]!;
            if (leafAcc.max[leafCell]! > acc.max[node]!) acc.max[node] = leafAcc.max[leafCell]!;
          });
        }
      }
    }
  }
  const values = inputs.map((input, v) => {
    const acc = nodeAcc[v];
    if (!acc) return new Float64Array(NR * NC).fill(NaN);
    return finishAdditive(input, acc, rowsN);
  });
  return { rowsN, values };
}

export interface Acc {
  cnt: Float64Array;
  sum: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

export function newAcc(size: number): Acc {
  return {
    cnt: new Float64Array(size),
    sum: new Float64Array(size),
    min: new Float64Array(size).fill(Number.POSITIVE_INFINITY),
    max: new Float64Array(size).fill(Number.NEGATIVE_INFINITY),
  };
}

function finishAdditive(input: ValueInput, acc: Acc, rowsN: Float64Array): Float64Array {
  const out = new Float64Array(rowsN.length);
  for (let i = 0; i < out.length; i++) {
    const cnt = acc.cnt[i]!;
    switch (input.agg) {
      case 'count':
        // count without a column counts rows; with a column, its non-empty numbers.
        out[i] = input.numbers ? cnt : rowsN[i]!;
        if (rowsN[i] === 0) out[i] = NaN;
        break;
      case 'sum':
        out[i] = cnt > 0 ? acc.sum[i]! : rowsN[i]! > 0 ? 0 : NaN;
        break;
      case 'mean':
        out[i] = cnt > 0 ? acc.sum[i]! / cnt : NaN;
        break;
      case 'min':
        out[i] = cnt > 0 ? acc.min[i]! : NaN;
        break;
      case 'max':
        out[i] = cnt > 0 ? acc.max[i]! : NaN;
        break;
      default:
        out[i] = NaN;
    }
  }
  return out;
}

/** Row indices ordered by leaf cell (counting sort): rows of cell k are order[start[k]..start[k+1]). */
function groupRowsByCell(leafRow: Int32Array, leafCol: Int32Array, LC: number, cells: number): { order: Int32Array; start: Int32Array } {
  const start = new Int32Array(cells + 1);
  const n = leafRow.length;
  for (let i = 0; i < n; i++) {
    const r = leafRow[i]!;
    const c = leafCol[i]!;
    if (r >= 0 && c >= 0) start[r * LC + c + 1]! += 1;
  }
  for (let k = 0; k < cells; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, cells);
  const order = new Int32Array(start[cells]!);
  for (let i = 0; i < n; i++) {
    const r = leafRow[i]!;
    const c = leafCol[i]!;
    if (r >= 0 && c >= 0) order[fill[r * LC + c]!++] = i;
  }
  return { order, start };
}

async function holisticValues(
  input: ValueInput,
  grouped: { order: Int32Array; start: Int32Array },
  rowTree: AxisTree,
  colTree: AxisTree,
  LC: number,
  out: Float64Array,
  checkpoint: Checkpoint,
): Promise<void> {
  const NC = colTree.nodes.length;
  const { order, start } = grouped;
  const seen = input.codes ? new Int32Array(input.distinctLabels + 1) : null;
  let stamp = 0;
  let buffer = new Float64Array(1024);
  let work = 0;
  for (const rn of rowTree.nodes) {
    for (const cn of colTree.nodes) {
      stamp++;
      let distinct = 0;
      let m = 0;
      for (const r of rn.leaves) {
        for (const c of cn.leaves) {
          const k = r * LC + c;
          for (let j = start[k]!; j < start[k + 1]!; j++) {
            const i = order[j]!;
            if (seen && input.codes) {
              const code = input.codes[i]!;
              // Blank cells do not count as a distinct value (Excel's Distinct Count ignores them).
              if (code >= 0 && seen[code] !== stamp) {
                seen[code] = stamp;
                distinct++;
              }
            } else if (input.numbers) {
              const v = input.numbers[i]!;
              if (v !== v) continue;
              if (m === buffer.length) {
                const bigger = new Float64Array(buffer.length * 2);
                bigger.set(buffer);
                buffer = bigger;
              }
              buffer[m++] = v;
            }
          }
          work += start[k + 1]! - start[k]!;
        }
      }
      const idx = rn.id * NC + cn.id;
      if (seen) out[idx] = distinct > 0 || hasRows(rn.leaves, cn.leaves, start, LC) ? distinct : NaN;
      else out[idx] = m > 0 ? median(buffer.subarray(0, m)) : NaN;
      if (work > CHUNK) {
        work = 0;
        await checkpoint();
      }
    }
  }
}

function hasRows(rowLeaves: number[], colLeaves: number[], start: Int32Array, LC: number): boolean {
  for (const r of rowLeaves) for (const c of colLeaves) if (start[r * LC + c + 1]! > start[r * LC + c]!) return true;
  return false;
}

export function median(values: Float64Array): number {
  values.sort();
  const m = values.length;
  const h = m >> 1;
  return m % 2 === 1 ? values[h]! : (values[h - 1]! + values[h]!) / 2;
}
