import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyOperation } from '../../../electron/engine/clean/clean-service';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { workOf } from '../../helpers/store-access';
import { tempDir } from '../../helpers/temp';

describe('two cleaning steps computed from one state (found by the interleaving harness)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: ProjectStore;
  let id: string;
  beforeEach(() => {
    tmp = tempDir('kequn-concurrent-steps-');
    store = ProjectStore.open(join(tmp.dir, 'p.kequn'), { create: true });
    const rows = Array.from({ length: 50_000 }, (_, i) => [`KH${i % 900}`, (i % 97) + 0.5]);
    id = store.createDataset({ name: 'orders', kind: 'import', source: null, columns: [{ name: '客户', originalHeader: null, type: 'text' }, { name: '金额', originalHeader: null, type: 'decimal' }] }, rows).id;
  });
  afterEach(() => {
    store.close();
    tmp.cleanup();
  });

  it('never lets the second drop the column the first added: it is refused with STALE_INPUT instead', async () => {
    const results = await Promise.allSettled([
      applyOperation(workOf(store), id, { op: 'formula', formula: '[金额]*2', name: '双倍' }),
      applyOperation(workOf(store), id, { op: 'formula', formula: '[金额]*3', name: '三倍' }),
    ]);
    const names = store.getDataset(id).columns.map((c) => c.name);
    const added = ['双倍', '三倍'];
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') expect(names).toContain(added[i]);
      else expect(r.reason).toMatchObject({ code: 'STALE_INPUT' });
    });
    // The two ran over each other here: one was refused (before the fix both "succeeded" and one column was lost).
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });
});
