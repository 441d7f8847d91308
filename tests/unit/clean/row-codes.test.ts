import { describe, expect, it } from 'vitest';
import { rowCodes } from '../../../electron/engine/clean/ops/dedupe';
import type { SqlCell } from '../../../electron/engine/clean/plan';

describe('row keys as integer codes', () => {
  it('keeps 1 and "1" apart and treats empty cells as equal', () => {
    const codes = rowCodes([[1, '1', null, null, 1]], 5);
    expect(codes[0]).not.toBe(codes[1]);
    expect(codes[2]).toBe(codes[3]);
    expect(codes[0]).toBe(codes[4]);
  });

  it('stays exact when the combined key space exceeds 2^53 (re-coding path)', () => {
    const n = 3000;
    // Six columns of 3,000 distinct values each: 3001^6 ≈ 7·10^20 combinations.
    const cols: SqlCell[][] = Array.from({ length: 6 }, (_, j) => Array.from({ length: n }, (_, i) => `v${j}-${i % 2999}`));
    const codes = rowCodes(cols, n);
    // Rows i and i + 2999 repeat each other; every other pair differs.
    expect(codes[0]).toBe(codes[2999]);
    expect(codes[1]).not.toBe(codes[2]);
    expect(new Set(codes).size).toBe(2999);
  });
});
