import type { MixedMatrix } from './kprototypes';

/**
 * The categorical part of the k-prototypes cost as one table lookup: each row's level codes are
 * packed into one number (mixed radix), and for every prototype a table holds γ × (mismatches
 * with its modes) for every packed combination (used when there are at most 65,536
 * combinations). The bounded pass that uses it is WebAssembly (kproto-wasm.ts).
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
