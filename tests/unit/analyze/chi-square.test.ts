import { describe, expect, it } from 'vitest';
import { chiSquareTail, formatP, independenceTest, lnGamma } from '../../../electron/engine/analyze/chi-square';

/** Closed form for even df = 2k: Q = e^(−x/2) Σ_{i<k} (x/2)^i / i!  (exact reference). */
function evenDfTail(x: number, df: number): number {
  const h = x / 2;
  let term = 1;
  let sum = 1;
  for (let i = 1; i < df / 2; i++) {
    term *= h / i;
    sum += term;
  }
  return Math.exp(-h) * sum;
}

describe('χ² tail (regularized upper incomplete gamma)', () => {
  it('matches the textbook critical values', () => {
    expect(chiSquareTail(3.841458820694124, 1).p).toBeCloseTo(0.05, 12);
    expect(chiSquareTail(3.84, 1).p).toBeCloseTo(0.05004352124870509, 12);
    expect(chiSquareTail(5.991464547107979, 2).p).toBeCloseTo(0.05, 12);
    expect(chiSquareTail(6.634896601021214, 1).p).toBeCloseTo(0.01, 12);
    expect(chiSquareTail(18.307038053275146, 10).p).toBeCloseTo(0.05, 12);
    expect(chiSquareTail(0, 3).p).toBe(1);
  });

  it('stays accurate deep in the tail (relative error, not absolute)', () => {
    // df = 1: Q = erfc(√(x/2)); erfc(√50) = 1.5239706048320995e-23.
    expect(chiSquareTail(100, 1).p / 1.5239706048320995e-23).toBeCloseTo(1, 10);
    expect(chiSquareTail(1000, 2).p / Math.exp(-500)).toBeCloseTo(1, 10);
    expect(chiSquareTail(200, 10).p / evenDfTail(200, 10)).toBeCloseTo(1, 10);
    for (const [x, df] of [[30, 4], [75, 6], [12, 8], [400, 20]] as const) {
      expect(chiSquareTail(x, df).p / evenDfTail(x, df)).toBeCloseTo(1, 10);
    }
    // Beyond double range the log still says how small p is: ln Q ≈ −x/2 for df = 2.
    const huge = chiSquareTail(5000, 2);
    expect(huge.p).toBe(0);
    expect(huge.log10P).toBeCloseTo(-2500 / Math.LN10, 8);
  });

  it('lnGamma agrees with factorials and Γ(½) = √π', () => {
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(lnGamma(171)).toBeCloseTo(706.5730622457874, 9);
  });

  it('formats tiny p-values as "p < 1e-15", never 0', () => {
    expect(formatP(0)).toBe('p < 1e-15');
    expect(formatP(3e-40)).toBe('p < 1e-15');
    expect(formatP(0.0312345)).toBe('p = 0.0312');
    expect(formatP(2.3e-7)).toBe('p = 2.3e-7');
  });
});

describe('test of independence on hand-computed tables', () => {
  it('2 × 3 table: statistic, df, p, adjusted residuals', () => {
    // Rows 60 / 40, columns 30 / 40 / 30, N = 100; χ² = 30.5556 by hand, df = 2, p = e^(−χ²/2).
    const t = independenceTest([
      [10, 20, 30],
      [20, 20, 0],
    ]);
    expect(t.statistic).toBeCloseTo(30.555555555555554, 10);
    expect(t.df).toBe(2);
    expect(t.p).toBeCloseTo(2.3171034047584566e-7, 18);
    expect(t.residuals[0]![0]).toBeCloseTo(-3.5634832254989917, 10);
    expect(t.residuals[0]![2]).toBeCloseTo(5.3452248382484875, 10);
    expect(t.residuals[1]![1]).toBeCloseTo(1.6666666666666667, 10);
    expect(t.cramersV).toBeCloseTo(Math.sqrt(30.555555555555554 / 100), 10);
  });

  it('a zero row and a zero column are left out of the test, not turned into NaN', () => {
    const t = independenceTest([
      [10, 20, 0, 30],
      [0, 0, 0, 0],
      [20, 20, 0, 0],
    ]);
    expect(t.keptRows).toEqual([true, false, true]);
    expect(t.keptCols).toEqual([true, true, false, true]);
    expect(t.df).toBe(2);
    expect(t.statistic).toBeCloseTo(30.555555555555554, 10);
    expect(t.residuals[1]!.every((r) => r === null)).toBe(true);
    expect(t.residuals[0]![2]).toBeNull();
    expect(Number.isNaN(t.p!)).toBe(false);
  });

  it('a table with one non-empty row has df 0 and no p-value', () => {
    const t = independenceTest([
      [5, 6],
      [0, 0],
    ]);
    expect(t.df).toBe(0);
    expect(t.statistic).toBeNull();
    expect(t.p).toBeNull();
  });
});
