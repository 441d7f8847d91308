import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../shared/contract/json';
import { countDistinctPerGroup } from '../../../electron/engine/rows/distinct-per-group';
import { GLOBAL_DICT_LIMIT } from '../../../electron/engine/store/column-codec';
import type { DistinctKeys } from '../../../electron/engine/store/distinct-keys';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { tempDir } from '../../helpers/temp';

/** The plain answer: distinct cells per group through a Set of their texts. */
function naiveDistinct(cells: readonly CellValue[], groupOf: Int32Array, groups: number): number[] {
  const sets = Array.from({ length: groups }, () => new Set<string>());
  cells.forEach((c, i) => {
    if (groupOf[i]! >= 0 && c !== null && c !== '') sets[groupOf[i]!]!.add(String(c));
  });
  return sets.map((s) => s.size);
}

describe('distinct keys of a high-cardinality column', () => {
  const tmp = tempDir('kequn-distinct-keys-');
  let store: ProjectStore;
  let id: string;
  // Past the global dictionary limit so later chunks carry their own dictionaries; ids repeat
  // across chunk boundaries, numbers and their text ("5" and 5) are one value, some cells missing.
  const N = GLOBAL_DICT_LIMIT + 200_000;
  const valueOf = (i: number): number => (i % 10 === 1 ? i - 1 : i % 65_536 === 0 && i > 0 ? i - 65_531 : i);
  const cells: CellValue[] = Array.from({ length: N }, (_, i) => {
    if (i % 997 === 0) return null;
    if (i % 101 === 0) return i % 2 === 0 ? 5 : '5';
    return ` C${valueOf(i)}`;
  });
  const groups = 1000;
  const groupOf = Int32Array.from({ length: N }, (_, i) => (i % 13 === 0 ? -1 : i % 101 === 0 ? 7 : valueOf(i) % groups));
  beforeAll(() => {
    store = ProjectStore.open(join(tmp.dir, 'p.kequn'), { create: true });
    id = store.createDataset({ name: 'o', kind: 'import', source: null, columns: [{ name: '订单', originalHeader: null, type: 'text' }] }, cells.map((c) => [c])).id;
  }, 120_000);
  afterAll(() => {
    store.close();
    tmp.cleanup();
  });

  it('counts the same distinct values per group as a set of texts', () => {
    // The case this guards: chunks past the limit carry their own dictionaries.
    expect(store.snapshot(id).source('订单').info.localChunks).toBeGreaterThan(0);
    const keys = store.snapshot(id).distinctKeys('订单');
    expect(Number.isNaN(keys.hash[0])).toBe(true);
    expect(Array.from(countDistinctPerGroup(groupOf, groups, keys))).toEqual(naiveDistinct(cells, groupOf, groups));
  });

  it('flags labels by a test of their text, numbers and missing cells never', () => {
    const flags = store.snapshot(id).labelFlags('订单', (text, s) => text[s] === ' ');
    expect(flags[1]).toBe(1);
    expect(flags[0]).toBe(0);
    expect(flags[101]).toBe(0);
    expect(flags[N - 1]).toBe(cells[N - 1] === null ? 0 : 1);
  });
});

describe('countDistinctPerGroup', () => {
  it('stays exact when different values share a hash', () => {
    const values = ['a', 'b', 'a', 'c', 'b', 'a', 'd'];
    // Every value hashes alike: only the exact comparison can tell them apart.
    const keys: DistinctKeys = { hash: new Float64Array(values.length).fill(7), ident: Int32Array.from(values, () => -1), same: (i, j) => values[i] === values[j] };
    const groupOf = Int32Array.from([0, 0, 0, 0, 1, 1, -1]);
    expect(Array.from(countDistinctPerGroup(groupOf, 2, keys))).toEqual([3, 2]);
  });

  it('tells apart values whose hashes agree in the low 32 bits only', () => {
    // Buckets sort on the hash's low 32 bits: 5 and 5 + 2^32 tie there but are different numbers.
    const big = 5 + 2 ** 32;
    const numbers = Float64Array.from([5, big, 5, big + 2 ** 33, 7]);
    const exact: DistinctKeys = { hash: numbers, ident: null, same: () => true };
    expect(Array.from(countDistinctPerGroup(new Int32Array(5), 1, exact))).toEqual([4]);
    // Texts with dictionary entries: same entry = same value, whatever the short hash says.
    const ids = Int32Array.from([0, 1, 0, 2]);
    const texts: DistinctKeys = { hash: Float64Array.from([11, 11 + 2 ** 40, 11, 11]), ident: ids, same: (i, j) => ids[i] === ids[j] };
    expect(Array.from(countDistinctPerGroup(new Int32Array(4), 1, texts, [4]))).toEqual([3]);
  });
});
