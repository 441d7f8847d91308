import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describe as describeFigures } from '../../../electron/engine/metrics/stats';
import { countDistinctPerGroup } from '../../../electron/engine/rows/distinct-per-group';
import { filterMask, countMask } from '../../../electron/engine/rows/filter-eval';
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

describe('a column whose values hardly repeat (chunk dictionaries without the map)', () => {
  it('keeps equal texts equal for every reader when a chunk dictionary lists a text twice', () => {
    const store = ProjectStore.open(join(tmp.dir, 'unique.kequn'), { create: true });
    try {
      // Unique ids past the global dictionary limit, each order's lines adjacent (O7, O7), and
      // every 5,000th row repeating an id from far back (not adjacent: a duplicate dictionary entry).
      const n = GLOBAL_DICT_LIMIT + 3 * CHUNK_ROWS;
      const idAt = (i: number): string => (i % 5000 === 4999 ? 'O42' : i % 20 === 19 ? `O${i - 1}` : `O${i}`);
      const info = store.createDatasetFrom({ name: 'orders', kind: 'derived', source: 'test', columns: [{ name: 'id', originalHeader: null, type: 'text' }] }, ([b]) => {
        for (let i = 0; i < n; i++) b!.appendText(idAt(i));
        return n;
      });
      const snap = store.snapshot(info.id);
      // The case under test happened: a chunk dictionary lists O42 more than once.
      const src = snap.source('id');
      const lastChunk = src.chunkCount - 1;
      expect(src.localDict(lastChunk).filter((l) => l === 'O42').length).toBeGreaterThan(1);
      const cat = snap.category('id');
      expect(new Set(cat.labels).size).toBe(cat.labels.length);
      const o42 = cat.labels.indexOf('O42');
      let o42Rows = 0;
      for (let i = 0; i < n; i++) if (idAt(i) === 'O42') o42Rows++;
      expect(cat.codes.filter((c) => c === o42).length).toBe(o42Rows);
      const mask = filterMask(snap, [{ kind: 'oneOf', column: 'c0', values: ['O42'], negate: false }]);
      expect(countMask(mask, n)).toBe(o42Rows);
      const distinct = new Set(Array.from({ length: n }, (_, i) => idAt(i))).size;
      expect(countDistinctPerGroup(new Int32Array(n), 1, snap.distinctKeys('id'))[0]).toBe(distinct);
    } finally {
      store.close();
    }
  }, 60_000);
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

describe('ColumnBuilder.appendCode (a text repeated by the code appendTextCode gave it)', () => {
  it('reads back the same cells across chunks and past the global dictionary limit, when callers follow codeEpoch', () => {
    const store = ProjectStore.open(join(tmp.dir, 'codes.kequn'), { create: true });
    try {
      // A caller that remembers codes the way the byte import does: a code is reused only while
      // the builder's codeEpoch is the one it was given in.
      const n = Math.ceil(GLOBAL_DICT_LIMIT * 1.5) + 3 * CHUNK_ROWS + 5;
      const keyAt = (i: number): string => (i % 3 === 0 ? `R${i % 5000}` : `K${i}`);
      const remembered = new Map<string, { code: number; epoch: number }>();
      let reused = 0;
      let epochs = 0;
      const info = store.createDatasetFrom({ name: 'c', kind: 'derived', source: 'test', columns: [{ name: 'k', originalHeader: null, type: 'text' }] }, ([b]) => {
        let lastEpoch = b!.codeEpoch;
        for (let i = 0; i < n; i++) {
          const key = keyAt(i);
          const r = remembered.get(key);
          if (r && r.epoch === b!.codeEpoch) {
            b!.appendCode(r.code);
            reused++;
          } else {
            const epoch = b!.codeEpoch;
            remembered.set(key, { code: b!.appendTextCode(key), epoch });
          }
          if (b!.codeEpoch !== lastEpoch) {
            epochs++;
            lastEpoch = b!.codeEpoch;
          }
        }
        return n;
      });
      expect(reused).toBeGreaterThan(n / 4);
      expect(epochs).toBeGreaterThan(1);
      const cells = cellsOf(store, info.id, 'k');
      let diff = 0;
      for (let i = 0; i < n; i++) if (cells[i] !== keyAt(i)) diff++;
      expect(diff).toBe(0);
      const cat = store.snapshot(info.id).category('k');
      expect(cat.codes[3000]).toBe(cat.codes[3000 + 3 * 5000]);
    } finally {
      store.close();
    }
  });
});
