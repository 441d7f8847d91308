import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyOperation } from '../../../electron/engine/clean/clean-service';
import { addColumns } from '../../../electron/engine/store/column-writer';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { cellsOf, workOf } from '../../helpers/store-access';
import { tempDir } from '../../helpers/temp';

describe('addColumns', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: ProjectStore;
  let datasetId: string;
  const N = 100_000;
  beforeEach(async () => {
    tmp = tempDir('kequn-add-columns-');
    store = ProjectStore.open(join(tmp.dir, 'p.kequn'), { create: true });
    // Every 7th row is a duplicate of the row before (same customer): a dedupe removes it, leaving
    // gaps in the row ids, as in real use; values added later follow the remaining rows in order.
    const rows = Array.from({ length: N }, (_, i) => [`C${i % 7 === 3 ? i - 1 : i}`, i % 7 === 3 ? i - 1 : i]);
    datasetId = store.createDataset({ name: 'd', kind: 'import', source: null, columns: [{ name: '客户', originalHeader: null, type: 'text' }, { name: 'n', originalHeader: null, type: 'integer' }] }, rows).id;
    await applyOperation(workOf(store), datasetId, { op: 'dedupe', keys: ['客户'], keep: 'first' });
  });
  afterEach(() => {
    store.close();
    tmp.cleanup();
  });

  it('writes every value to its row, across chunks, and counts missing cells', () => {
    const remaining = cellsOf(store, datasetId, 'n') as number[];
    expect(remaining.length).toBeLessThan(N);
    expect(Array.from(store.snapshot(datasetId).rowIds()).slice(0, 5)).toEqual([1, 2, 3, 5, 6]);
    const keys = addColumns(
      store,
      datasetId,
      [
        { name: '标签', originalHeader: null, type: 'text' },
        { name: '分数', originalHeader: null, type: 'decimal' },
        { name: '会员', originalHeader: null, type: 'boolean' },
      ],
      (i) => [i % 5 === 0 ? null : `L${remaining[i]}`, i % 4 === 0 ? '' : remaining[i]! / 2, i % 2 === 0],
    );
    expect(cellsOf(store, datasetId, keys[0]!)).toEqual(remaining.map((n, i) => (i % 5 === 0 ? null : `L${n}`)));
    expect(cellsOf(store, datasetId, keys[1]!)).toEqual(remaining.map((n, i) => (i % 4 === 0 ? null : n / 2)));
    expect(cellsOf(store, datasetId, keys[2]!)).toEqual(remaining.map((_, i) => (i % 2 === 0 ? 1 : 0)));
    const info = store.getDataset(datasetId).columns;
    expect(info.find((c) => c.key === keys[0])?.missingCount).toBe(Math.ceil(remaining.length / 5));
    expect(info.find((c) => c.key === keys[1])?.missingCount).toBe(Math.ceil(remaining.length / 4));
  });

  it('changes nothing when a value cannot be computed, and leaves no column data behind', () => {
    const before = store.getDataset(datasetId).columns.length;
    const contents = store.contents();
    expect(() =>
      addColumns(store, datasetId, [{ name: 'x', originalHeader: null, type: 'text' }], (i) => {
        if (i === 80_000) throw new Error('boom');
        return ['v'];
      }),
    ).toThrow('boom');
    expect(store.getDataset(datasetId).columns).toHaveLength(before);
    expect(store.contents()).toEqual(contents);
    // And the next add works.
    const [key] = addColumns(store, datasetId, [{ name: 'y', originalHeader: null, type: 'text' }], () => ['ok']);
    expect(new Set(cellsOf(store, datasetId, key!))).toEqual(new Set(['ok']));
  });

  it('refuses values computed for another row count (STALE_INPUT) and writes nothing', () => {
    const rows = store.getDataset(datasetId).rowCount;
    const contents = store.contents();
    expect(() => addColumns(store, datasetId, [{ name: 'z', originalHeader: null, type: 'text' }], () => ['v'], rows + 1)).toThrow(expect.objectContaining({ code: 'STALE_INPUT' }));
    expect(store.contents()).toEqual(contents);
  });
});
