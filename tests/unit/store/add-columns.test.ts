import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addColumns } from '../../../electron/engine/store/column-writer';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { tempDir } from '../../helpers/temp';

describe('addColumns (staged write)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: ProjectStore;
  let datasetId: string;
  const N = 1_000;
  beforeEach(() => {
    tmp = tempDir('kequn-add-columns-');
    store = ProjectStore.open(join(tmp.dir, 'p.kequn'), { create: true });
    const rows = Array.from({ length: N }, (_, i) => [`C${i}`, i]);
    datasetId = store.createDataset({ name: 'd', kind: 'import', source: null, columns: [{ name: '客户', originalHeader: null, type: 'text' }, { name: 'n', originalHeader: null, type: 'integer' }] }, rows).id;
    // Gaps in _row, as after a dedupe: the values follow the remaining rows in order.
    store.db.exec(`DELETE FROM ${store.tableOf(datasetId)} WHERE _row % 7 = 3`);
    store.db.prepare('UPDATE datasets SET row_count = (SELECT count(*) FROM ' + store.tableOf(datasetId) + ') WHERE id = ?').run(datasetId);
  });
  afterEach(() => {
    store.close();
    tmp.cleanup();
  });

  const column = (key: string): unknown[] => store.db.prepare(`SELECT "${key}" FROM ${store.tableOf(datasetId)} ORDER BY _row`).pluck().all();

  it('writes every value to its row, across batches and the remainder, and counts missing cells', () => {
    const nKey = store.getDataset(datasetId).columns.find((c) => c.name === 'n')!.key;
    const remaining = store.db.prepare(`SELECT "${nKey}" FROM ${store.tableOf(datasetId)} ORDER BY _row`).pluck().all() as number[];
    expect(remaining.length).toBeLessThan(N);
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
    expect(column(keys[0]!)).toEqual(remaining.map((n, i) => (i % 5 === 0 ? null : `L${n}`)));
    expect(column(keys[1]!)).toEqual(remaining.map((n, i) => (i % 4 === 0 ? null : n / 2)));
    expect(column(keys[2]!)).toEqual(remaining.map((_, i) => (i % 2 === 0 ? 1 : 0)));
    const info = store.getDataset(datasetId).columns;
    expect(info.find((c) => c.key === keys[0])?.missingCount).toBe(Math.ceil(remaining.length / 5));
    expect(info.find((c) => c.key === keys[1])?.missingCount).toBe(Math.ceil(remaining.length / 4));
  });

  it('changes nothing when a value cannot be computed, and leaves no staging table behind', () => {
    const before = store.getDataset(datasetId).columns.length;
    expect(() =>
      addColumns(store, datasetId, [{ name: 'x', originalHeader: null, type: 'text' }], (i) => {
        if (i === 800) throw new Error('boom');
        return ['v'];
      }),
    ).toThrow('boom');
    expect(store.getDataset(datasetId).columns).toHaveLength(before);
    expect(store.db.prepare("SELECT count(*) FROM temp.sqlite_master WHERE name = 'kequn_stage_columns'").pluck().get()).toBe(0);
    // And the next add works.
    const [key] = addColumns(store, datasetId, [{ name: 'y', originalHeader: null, type: 'text' }], () => ['ok']);
    expect(new Set(column(key!))).toEqual(new Set(['ok']));
  });
});
