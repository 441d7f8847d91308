import { describe, expect, it } from 'vitest';
import { cutScores, quintileScores, validateCuts } from '../../../electron/engine/segment/quintile';

describe('quintile scores', () => {
  it('gives ten distinct values two per score', () => {
    const s = quintileScores(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), false);
    expect(Array.from(s.scores)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(s.cuts).toEqual([2, 4, 6, 8]);
    expect(s.distribution).toEqual([2, 2, 2, 2, 2]);
  });

  it('keeps ties in one bin: the lower bin of a tie group straddling a boundary', () => {
    // Positions 0–5 hold the six 1s; by position they would span scores 1–3, but all get 1.
    const f = Float64Array.from([1, 1, 1, 1, 1, 1, 2, 2, 3, 9]);
    const s = quintileScores(f, false);
    expect(Array.from(s.scores)).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    expect(s.distribution).toEqual([6, 0, 0, 2, 2]);
  });

  it('reverses recency: fewest days scores 5, and tied days share the lower score', () => {
    const r = Float64Array.from([30, 20, 10, 5, 5]);
    const s = quintileScores(r, true);
    // Worst first: 30 → 1, 20 → 2, 10 → 3, then both 5s start at position 3 → 4 (no 5 given).
    expect(Array.from(s.scores)).toEqual([1, 2, 3, 4, 4]);
    const distinct = quintileScores(Float64Array.from([50, 40, 30, 20, 10]), true);
    expect(Array.from(distinct.scores)).toEqual([1, 2, 3, 4, 5]);
    expect(distinct.cuts).toEqual([10, 20, 30, 40]);
  });

  it('leaves missing values unscored', () => {
    const s = quintileScores(Float64Array.from([NaN, 1, 2, NaN, 3, 4, 5]), false);
    expect(Array.from(s.scores)).toEqual([0, 1, 2, 0, 3, 4, 5]);
  });

  it('applies custom upper-inclusive cut points, reversed for recency', () => {
    const v = Float64Array.from([0, 10, 11, 50, 100, 101, NaN]);
    expect(Array.from(cutScores(v, [10, 50, 100, 200], false).scores)).toEqual([1, 1, 2, 2, 3, 4, 0]);
    expect(Array.from(cutScores(v, [10, 50, 100, 200], true).scores)).toEqual([5, 5, 4, 4, 3, 2, 0]);
    expect(validateCuts([1, 2, 2, 3])).toMatch(/strictly increasing/);
    expect(validateCuts([1, 2, 3, 4])).toBeNull();
  });
});
