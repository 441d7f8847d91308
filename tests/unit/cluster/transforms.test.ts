import { describe, expect, it } from 'vitest';
import { applyChain, fitChain, quantile } from '../../../electron/engine/cluster/transforms';
import { KequnError } from '../../../shared/contract/errors';

const values = Float64Array.from([1, 2, 3, 4, 10]);

describe('feature transforms', () => {
  it('z-score uses the population sd (as StandardScaler)', () => {
    const fitted = fitChain('x', ['zscore'], values);
    expect(fitted[0]!.mean).toBe(4);
    expect(fitted[0]!.sd).toBeCloseTo(Math.sqrt((9 + 4 + 1 + 0 + 36) / 5), 12);
    expect(applyChain(['zscore'], fitted, 10)).toBeCloseTo(6 / Math.sqrt(10), 12);
  });

  it('min-max maps the training range to 0..1', () => {
    const fitted = fitChain('x', ['minmax'], values);
    expect(applyChain(['minmax'], fitted, 1)).toBe(0);
    expect(applyChain(['minmax'], fitted, 10)).toBe(1);
    expect(applyChain(['minmax'], fitted, 5.5)).toBe(0.5);
  });

  it('robust scaling uses the median and the interpolated IQR (numpy linear)', () => {
    expect(quantile(Float64Array.from([1, 2, 3, 4, 10]), 0.25)).toBe(2);
    expect(quantile(Float64Array.from([1, 2, 3, 4]), 0.25)).toBe(1.75);
    const fitted = fitChain('x', ['robust'], values);
    expect(fitted[0]).toEqual({ median: 3, iqr: 2 });
    expect(applyChain(['robust'], fitted, 7)).toBe(2);
  });

  it('chains log1p then z-score, fitting z-score on the logged values', () => {
    const fitted = fitChain('x', ['log1p', 'zscore'], values);
    const logged = Array.from(values, (v) => Math.log1p(v));
    const mean = logged.reduce((a, b) => a + b, 0) / logged.length;
    expect(fitted[1]!.mean).toBeCloseTo(mean, 12);
    expect(applyChain(['log1p', 'zscore'], fitted, 3)).toBeCloseTo((Math.log1p(3) - mean) / fitted[1]!.sd!, 12);
  });

  it('rejects a constant column by name, in English and Chinese', () => {
    try {
      fitChain('Region', ['zscore'], Float64Array.from([3, 3, 3]));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KequnError);
      const err = e as KequnError;
      expect(err.code).toBe('KMEANS_INVALID');
      expect(err.message).toContain('Region');
      expect(err.messageZh).toContain('Region');
      expect(err.details).toEqual({ column: 'Region' });
    }
  });

  it('rejects log1p of values at or below −1 and a zero IQR', () => {
    expect(() => fitChain('Profit', ['log1p'], Float64Array.from([5, -2]))).toThrow(/Profit/);
    expect(() => fitChain('Flag', ['robust'], Float64Array.from([0, 0, 0, 0, 1]))).toThrow(/interquartile/);
  });
});
