import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../shared/contract/json';
import { CHUNK_ROWS, GLOBAL_DICT_LIMIT } from '../../../electron/engine/store/column-codec';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { tempDir } from '../../helpers/temp';

describe('cells at scattered positions (a sorted view’s page)', () => {
  const tmp = tempDir('kequn-scattered-cells-');
  const path = join(tmp.dir, 'p.kequn');
  let id: string;
  // Past the global dictionary limit, so later chunks of the id column carry their own dictionaries.
  const N = GLOBAL_DICT_LIMIT + 150_000;
  const ids: CellValue[] = Array.from({ length: N }, (_, i) => (i % 997 === 0 ? null : `订单${i}`));
  // ASCII ids: single strings are read straight from the chunk dictionary's bytes.
  const codes: CellValue[] = Array.from({ length: N }, (_, i) => (i % 499 === 0 ? null : `O${i * 3}`));
  // Numbers, a few texts that failed to convert, missing cells.
  const amounts: CellValue[] = Array.from({ length: N }, (_, i) => (i % 991 === 0 ? null : i % 113 === 0 ? `坏${i % 7}` : i / 100));
  // One position in many chunks (read raw), many in one chunk (decoded), missing (-1) ones too.
  const positions = Int32Array.from([
    ...Array.from({ length: 40 }, (_, k) => (k * 7919 * 31 + 113) % N),
    ...Array.from({ length: 60 }, (_, k) => 5 * CHUNK_ROWS + k * 3),
    -1,
    0,
    997 * 3,
    991 * 2,
    113 * 9,
    N - 1,
  ]);
  const expected = (col: readonly CellValue[]): CellValue[] => Array.from(positions, (p) => (p < 0 ? null : col[p]!));
  beforeAll(() => {
    const store = ProjectStore.open(path, { create: true });
    id = store.createDataset(
      { name: 'o', kind: 'import', source: null, columns: [{ name: '订单', originalHeader: null, type: 'text' }, { name: '金额', originalHeader: null, type: 'decimal' }, { name: '编号', originalHeader: null, type: 'text' }] },
      ids.map((c, i) => [c, amounts[i]!, codes[i]!]),
    ).id;
    store.close();
  }, 120_000);
  afterAll(() => tmp.cleanup());

  const read = (prepare: (store: ProjectStore) => void): CellValue[][] => {
    const store = ProjectStore.open(path);
    try {
      prepare(store);
      const rows = store.snapshot(id).rows(positions, ['订单', '金额', '编号']);
      return [0, 1, 2].map((j) => rows.map((r) => r[j]!));
    } finally {
      store.close();
    }
  };

  it('reads the same cells cold (raw reads), from decoded chunks and from whole columns', () => {
    const want = [expected(ids), expected(amounts), expected(codes)];
    const cold = read(() => {});
    expect(cold).toEqual(want);
    expect(read((s) => s.snapshot(id).cells('订单'))).toEqual(want);
    expect(
      read((s) => {
        s.snapshot(id).source('订单').texts();
        s.snapshot(id).source('金额').numbers();
        s.snapshot(id).source('金额').texts();
      }),
    ).toEqual(want);
    // Only the numbers in memory: texts of that column still come from its chunks.
    expect(read((s) => s.snapshot(id).source('金额').numbers())).toEqual(want);
    const store = ProjectStore.open(path);
    expect(store.snapshot(id).source('订单').info.localChunks).toBeGreaterThan(0);
    expect(store.snapshot(id).source('编号').info.localChunks).toBeGreaterThan(0);
    store.close();
  });
});
