import type { MixedMatrix } from './kprototypes';

/**
 * The hot loop of k-prototypes, specialised per (numeric columns, k):
 * - the categorical part of the cost is one table lookup: each row's level codes are packed into
 *   one number (mixed radix), and for every prototype a table holds γ × (mismatches with its
 *   modes) for every packed combination (used when there are at most 65,536 combinations);
 * - the numeric distance and the loop over prototypes are written out, the source generated from
 *   the integers p and k only (as the k-means pair loops are), which V8 runs about twice as fast
 *   as the generic loops.
 */
export const MAX_COMBINATIONS = 65_536;

export interface PackedCategories {
  /** Packed level combination of each row. */
  packed: Int32Array;
  /** Number of combinations (table width). */
  width: number;
  /** Multiplier of each categorical column in the packing. */
  radix: number[];
}

export function packCategories(m: MixedMatrix): PackedCategories | null {
  let width = 1;
  const radix: number[] = [];
  for (const l of m.levels) {
    radix.push(width);
    width *= Math.max(1, l);
    if (width > MAX_COMBINATIONS) return null;
  }
  const packed = new Int32Array(m.n);
  const { cat, pc } = m;
  for (let i = 0; i < m.n; i++) {
    let v = 0;
    for (let j = 0; j < pc; j++) v += cat[i * pc + j]! * radix[j]!;
    packed[i] = v;
  }
  return { packed, width, radix };
}

/** γ × mismatches for every (prototype, combination); `only` limits it to one prototype's row. */
export function mismatchTable(m: MixedMatrix, pack: PackedCategories, modes: Int32Array, k: number, gamma: number, out?: Float64Array, only?: number): Float64Array {
  const { width, radix } = pack;
  const table = out ?? new Float64Array(k * width);
  const { pc, levels } = m;
  for (let c = only ?? 0; c < (only === undefined ? k : only + 1); c++) {
    for (let v = 0; v < width; v++) {
      let miss = 0;
      for (let j = 0; j < pc; j++) {
        const code = Math.floor(v / radix[j]!) % levels[j]!;
        if (code !== modes[c * pc + j]) miss++;
      }
      table[c * width + v] = gamma * miss;
    }
  }
  return table;
}

/**
 * One bounded assignment pass (Hamerly): returns how many rows changed; their ids and former
 * labels go to `moved` (pairs).
 */
export type BoundedPass = (
  n: number,
  num: Float64Array,
  packed: Int32Array,
  table: Float64Array,
  width: number,
  centroids: Float64Array,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  moves: Float64Array,
  half: Float64Array,
  topC: number,
  top: number,
  second: number,
  moved: Int32Array,
) => number;

const passes = new Map<string, BoundedPass>();

export function boundedPassFor(p: number, k: number): BoundedPass {
  const key = `${p}:${k}`;
  const hit = passes.get(key);
  if (hit) return hit;
  const js = Array.from({ length: p }, (_, j) => j);
  const load = js.map((j) => `const x${j} = num[io + ${j}];`).join(' ');
  const dist = (target: string, c: string): string =>
    `${target} = table[${c} * width + pk]; ${js.map((j) => `t = x${j} - centroids[${c} * ${p} + ${j}]; ${target} += t * t;`).join(' ')}`;
  const clusters = Array.from(
    { length: k },
    (_, c) => `${dist('e', String(c))} if (e < best) { next = best; best = e; bestC = ${c}; } else if (e < next) next = e;`,
  ).join('\n');
  const body = `
    let changed = 0;
    let t = 0, d = 0, e = 0;
    for (let i = 0; i < n; i++) {
      const a = labels[i];
      let u = upper[i] + moves[a];
      const l = lower[i] - (a === topC ? second : top);
      const bound = half[a] > l ? half[a] : l;
      if (u > bound) {
        const io = i * ${p};
        const pk = packed[i];
        ${load}
        ${dist('d', 'a')}
        u = Math.sqrt(d);
        if (u > bound) {
          let best = Infinity, next = Infinity, bestC = 0;
          ${clusters}
          labels[i] = bestC;
          upper[i] = Math.sqrt(best);
          lower[i] = Math.sqrt(next);
          if (bestC !== a) { moved[2 * changed] = i; moved[2 * changed + 1] = a; changed++; }
          continue;
        }
      }
      upper[i] = u;
      lower[i] = l;
    }
    return changed;`;
  // Function() over generated text: built from the integers p and k only (see above).
  const fn = new Function('n', 'num', 'packed', 'table', 'width', 'centroids', 'labels', 'upper', 'lower', 'moves', 'half', 'topC', 'top', 'second', 'moved', body) as BoundedPass;
  passes.set(key, fn);
  return fn;
}
