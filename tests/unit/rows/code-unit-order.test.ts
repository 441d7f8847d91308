import { describe, expect, it } from 'vitest';
import { codeUnitOrder } from '../../../electron/engine/rows/code-unit-order';

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** The order the comparator sort it replaces gave: `<` on strings, equal labels by index. */
function expected(labels: readonly string[]): number[] {
  return labels.map((_, i) => i).sort((a, b) => (labels[a]! < labels[b]! ? -1 : labels[a]! > labels[b]! ? 1 : a - b));
}

describe('code-unit order of many labels', () => {
  it('orders ids, prefixes, empty and repeated labels, CJK and astral text as `<` does, ties by index', () => {
    const rnd = seeded(17);
    const pieces = ['', 'a', 'ab', 'b', 'C0', '广东', '广', '😀', '\uffff', 'Z', '0', '9'];
    const labels: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const parts = Math.floor(rnd() * 4);
      let s = '';
      for (let k = 0; k < parts; k++) s += pieces[Math.floor(rnd() * pieces.length)]!;
      labels.push(s);
    }
    for (let i = 0; i < 20_000; i++) labels.push(`C${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}`);
    expect(Array.from(codeUnitOrder(labels))).toEqual(expected(labels));
  });

  it('handles sorted, reversed, single and empty inputs', () => {
    const sorted = Array.from({ length: 5_000 }, (_, i) => `C${String(i).padStart(7, '0')}`);
    expect(Array.from(codeUnitOrder(sorted))).toEqual(expected(sorted));
    const reversed = sorted.slice().reverse();
    expect(Array.from(codeUnitOrder(reversed))).toEqual(expected(reversed));
    const same = Array.from({ length: 100 }, () => 'x');
    expect(Array.from(codeUnitOrder(same))).toEqual(expected(same));
    expect(Array.from(codeUnitOrder(['only']))).toEqual([0]);
    expect(Array.from(codeUnitOrder([]))).toEqual([]);
  });
});
