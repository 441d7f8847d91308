import { describe, expect, it } from 'vitest';
import { sortByFloat, sortByNumber, sortByRank } from '../../../electron/engine/rows/radix-sort';

/** The order a stable comparison sort gives: by key, ties in incoming order. */
function expected(keys: ArrayLike<number>, desc: boolean): number[] {
  const idx = Array.from({ length: keys.length }, (_, i) => i);
  return idx.sort((a, b) => (desc ? keys[b]! - keys[a]! : keys[a]! - keys[b]!) || a - b);
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('radix sorts of row positions', () => {
  it('sorts doubles (negative, fractional, repeated, wide and narrow ranges) stably both ways', () => {
    const rnd = seeded(3);
    const samples: Float64Array[] = [
      Float64Array.from({ length: 5_000 }, () => Math.round((rnd() - 0.1) * 2_000_000) / 100),
      Float64Array.from({ length: 5_000 }, () => Math.floor(rnd() * 7)),
      Float64Array.from({ length: 5_000 }, () => (rnd() - 0.5) * 10 ** Math.floor(rnd() * 30 - 15)),
      Float64Array.from({ length: 3 }, () => 42),
    ];
    for (const keys of samples) {
      for (const desc of [false, true]) {
        const perm = Int32Array.from({ length: keys.length }, (_, i) => i);
        const before = Float64Array.from(keys);
        sortByFloat(perm, keys, desc);
        expect(Array.from(perm)).toEqual(expected(keys, desc));
        expect(keys).toEqual(before);
      }
    }
  });

  it('sorts ranks below and above 2^16 stably both ways', () => {
    const rnd = seeded(9);
    for (const range of [1, 300, 70_000, 4_000_000_000]) {
      const ranks = Uint32Array.from({ length: 4_000 }, () => Math.floor(rnd() * range));
      for (const desc of [false, true]) {
        const perm = Int32Array.from({ length: ranks.length }, (_, i) => i);
        sortByRank(perm, ranks, desc);
        expect(Array.from(perm)).toEqual(expected(ranks, desc));
      }
    }
  });

  it('sorts amounts in cents, counts and dates on compact integer keys, and anything else on the doubles, with the same order', () => {
    const rnd = seeded(11);
    const day0 = Date.UTC(2023, 0, 1);
    const samples: Float64Array[] = [
      Float64Array.from({ length: 5_000 }, () => Math.round((rnd() - 0.05) * 2_000_000) / 100),
      Float64Array.from({ length: 5_000 }, () => Math.floor(rnd() * 40)),
      Float64Array.from({ length: 5_000 }, () => day0 + Math.floor(rnd() * 63_000_000) * 1000),
      Float64Array.from({ length: 5_000 }, () => day0 + Math.floor(rnd() * 700) * 86_400_000),
      Float64Array.from({ length: 5_000 }, () => rnd() * 1e6),
      Float64Array.from({ length: 5_000 }, (_, i) => (i % 2 ? 1e300 : -1e300) * rnd()),
    ];
    for (const keys of samples) {
      for (const desc of [false, true]) {
        const perm = Int32Array.from({ length: keys.length }, (_, i) => i);
        sortByNumber(perm, keys, desc);
        expect(Array.from(perm)).toEqual(expected(keys, desc));
      }
    }
  });
});
