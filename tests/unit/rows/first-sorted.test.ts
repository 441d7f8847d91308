import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../shared/contract/json';
import { firstSorted } from '../../../electron/engine/rows/first-sorted';
import { MAX_COLLATED_VALUES, sortPositions } from '../../../electron/engine/rows/sort-order';
import { FIRST_ROWS, getView } from '../../../electron/engine/rows/view-cache';
import { ProjectCache } from '../../../electron/engine/store/project-cache';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { tempDir } from '../../helpers/temp';

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('the first rows of a one-column sort', () => {
  const tmp = tempDir('kequn-first-sorted-');
  const path = join(tmp.dir, 'p.kequn');
  let id: string;
  const N = MAX_COLLATED_VALUES + 12_000;
  const rnd = seeded(5);
  const columns = ['金额', '混合', '地区', '编号', '稀疏'];
  // 金额: numbers with many ties, a few missing. 混合: numbers, failed conversions and missing in
  // one decimal column. 地区: few texts (collated). 编号: more texts than are collated, repeated.
  // 稀疏: mostly missing, so no class alone fills the first rows.
  const rows: CellValue[][] = Array.from({ length: N }, (_, i) => [
    i % 211 === 0 ? null : Math.round(rnd() * 500) / 10,
    i % 7 === 0 ? `坏${Math.floor(rnd() * 40)}` : i % 11 === 0 ? null : Math.floor(rnd() * 90) - 30,
    ['广州', '北京', '上海', 'Shenzhen', '重庆', '安徽'][Math.floor(rnd() * 6)]!,
    i % 13 === 0 ? null : `C${String(i % 17 === 0 ? Math.floor(rnd() * 900) : (i * 7919) % 1_000_003).padStart(7, '0')}`,
    i % 97 === 0 ? Math.floor(rnd() * 5) : i % 89 === 0 ? `t${Math.floor(rnd() * 3)}` : null,
  ]);
  beforeAll(() => {
    const store = ProjectStore.open(path, { create: true });
    id = store.createDataset(
      {
        name: 'o',
        kind: 'import',
        source: null,
        columns: [
          { name: '金额', originalHeader: null, type: 'decimal' },
          { name: '混合', originalHeader: null, type: 'decimal' },
          { name: '地区', originalHeader: null, type: 'text' },
          { name: '编号', originalHeader: null, type: 'text' },
          { name: '稀疏', originalHeader: null, type: 'decimal' },
        ],
      },
      rows,
    ).id;
    store.close();
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('are the full sort’s first rows, with and without a mask, both directions, before and after the ranks exist', () => {
    const masks: (Uint8Array | null)[] = [null, Uint8Array.from({ length: N }, () => (rnd() < 0.3 ? 1 : 0)), Uint8Array.from({ length: N }, (_, i) => (i % 5000 === 3 ? 1 : 0))];
    for (const column of columns) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const mask of masks) {
          // A fresh store each time: no ranks or column orders left over from another case.
          const store = ProjectStore.open(path);
          try {
            const snap = store.snapshot(id);
            const src = snap.source(column);
            if (column === '编号') expect(src.texts().labels.length).toBeGreaterThan(MAX_COLLATED_VALUES);
            const kept = mask ? mask.reduce((a, b) => a + b, 0) : N;
            const firstCold = [1, 9, 1000].map((k) => firstSorted(src, N, mask, dir, k, store.cache));
            const full = sortPositions(snap, mask, kept, [{ column, dir }], store.cache);
            [1, 9, 1000].forEach((k, j) => {
              const want = Array.from(full.subarray(0, Math.min(k, kept)));
              expect(Array.from(firstCold[j]!), `${column} ${dir} k=${k} kept=${kept}`).toEqual(want);
              expect(Array.from(firstSorted(src, N, mask, dir, k, store.cache)), `${column} ${dir} k=${k} warm`).toEqual(want);
            });
          } finally {
            store.close();
          }
        }
      }
    }
  }, 120_000);

  it('serve a view’s first pages, and the full order past them, jumps and finds', () => {
    const store = ProjectStore.open(path);
    try {
      const snap = store.snapshot(id);
      const sort = [{ column: '编号', dir: 'desc' as const }];
      const view = getView(store, snap, sort, []);
      const want = sortPositions(snap, null, N, sort, new ProjectCache(1 << 30));
      expect(view.length).toBe(N);
      expect(Array.from(view.slice(0, 200))).toEqual(Array.from(want.subarray(0, 200)));
      expect(view.positionAt(FIRST_ROWS - 1)).toBe(want[FIRST_ROWS - 1]);
      expect(Array.from(view.slice(FIRST_ROWS - 100, FIRST_ROWS + 100))).toEqual(Array.from(want.subarray(FIRST_ROWS - 100, FIRST_ROWS + 100)));
      expect(view.indexOfPosition(want[N - 1]!)).toBe(N - 1);
      // The full order now comes from the cache.
      expect(Array.from(getView(store, snap, sort, []).slice(N - 5, N))).toEqual(Array.from(want.subarray(N - 5, N)));
    } finally {
      store.close();
    }
  });
});
