import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describe as describeFigures } from '../../../electron/engine/metrics/stats';
import { CHUNK_ROWS, GLOBAL_DICT_LIMIT } from '../../../electron/engine/store/column-codec';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { cellsOf } from '../../helpers/store-access';
import { tempDir } from '../../helpers/temp';

const tmp = tempDir('kequn-new-text-');
afterAll(() => tmp.cleanup());

describe('ColumnBuilder.appendNewText (distinct keys written without a map lookup)', () => {
  it('mixes with appendText across chunks and past the global dictionary limit and reads back the same cells', () => {
    const store = ProjectStore.open(join(tmp.dir, 'p.kequn'), { create: true });
    try {
      const n = GLOBAL_DICT_LIMIT + CHUNK_ROWS + 77;
      // Mostly new keys; every 7th row repeats an earlier key through appendText, which must
      // find the code appendNewText gave it (a wrong lazy map would add a second entry).
      const expected: (string | null)[] = [];
      const info = store.createDatasetFrom({ name: 't', kind: 'derived', source: 'test', columns: [{ name: 'k', originalHeader: null, type: 'text' }] }, ([b]) => {
        for (let i = 0; i < n; i++) {
          if (i % 7 === 6) {
            const again = `K${i - 3}`;
            b!.appendText(again);
            expected.push(again);
          } else if (i % 1000 === 999) {
            b!.appendNewText('');
            expected.push(null);
          } else {
            b!.appendNewText(`K${i}`);
            expected.push(`K${i}`);
          }
        }
        return n;
      });
      const cells = cellsOf(store, info.id, 'k');
      expect(cells.length).toBe(n);
      let diff = 0;
      for (let i = 0; i < n; i++) if (cells[i] !== expected[i]) diff++;
      expect(diff).toBe(0);
      // Repeats share their code: the column's category has one label per distinct text.
      const cat = store.snapshot(info.id).category('k');
      expect(cat.codes[6]).toBe(cat.codes[3]);
      expect(new Set(cat.labels).size).toBe(cat.labels.length);
    } finally {
      store.close();
    }
  });
});

describe('describe (summary figures by selection)', () => {
  it('gives the median of odd and even counts, with ties, as a sort would', () => {
    const seeded = (n: number, seed: number): Float64Array => {
      let s = seed;
      return Float64Array.from({ length: n }, () => {
        s = (s * 1103515245 + 12345) % 2147483648;
        return Math.floor((s / 2147483648) * 50);
      });
    };
    for (const n of [1, 2, 3, 10, 11, 1000, 1001, 20_000]) {
      const v = seeded(n, n);
      const sorted = Float64Array.from(v).sort();
      const mid = n >> 1;
      const median = n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
      const d = describeFigures(v);
      expect(d.median).toBe(median);
      expect(d.min).toBe(sorted[0]);
      expect(d.max).toBe(sorted[n - 1]);
    }
  });
});
