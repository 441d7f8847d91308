import { join } from 'node:path';
import { cellsOf, rowsOf } from '../helpers/store-access';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/host/engine';
import type { ProjectStore } from '../../electron/engine/store/project-store';
import type { EngineClient } from '../../shared/rpc/client';
import { hasSharedData, sharedFile } from '../helpers/shared-data';
import { tempDir } from '../helpers/temp';

/**
 * A recipe recorded on one real file replays on the "next month" file: the Mall_Customers
 * variant has the same value columns but unpadded ids, a renamed Genre→Gender header and a gap.
 */
describe.skipIf(!hasSharedData)('cleaning recipe across two real CSV files', () => {
  const tmp = tempDir('kequn-recipe-');
  let engine: Engine;
  let store: ProjectStore;
  let client: EngineClient;
  let first: string;
  let second: string;

  const column = (datasetId: string, name: string): unknown[] => {
    const ds = store.getDataset(datasetId);
    const key = ds.columns.find((c) => c.name === name)!.key;
    return cellsOf(store, ds.id, key);
  };

  beforeAll(async () => {
    engine = new Engine({ dataDir: join(tmp.dir, 'home') });
    store = await engine.openProject(join(tmp.dir, 'p.kequn'), { create: true });
    client = engine.createClient();
    first = (await client.call('import.run', { path: sharedFile('mall-customers', 'Mall_Customers.csv') })).datasets[0]!.id;
    second = (await client.call('import.run', { path: sharedFile('mall-customers', 'Mall_Customers__variant_Gender_header_unpadded_ids.csv') })).datasets[0]!.id;
  });
  afterAll(() => {
    engine?.dispose();
    tmp.cleanup();
  });

  it('records steps on the first file and replays them on the second by column name', async () => {
    await client.call('clean.apply', { datasetId: first, operation: { op: 'changeType', column: 'CustomerID', type: 'integer' } });
    await client.call('clean.apply', { datasetId: first, operation: { op: 'missing', columns: ['Age'], action: 'median' } });
    const flag = await client.call('clean.apply', { datasetId: first, operation: { op: 'outliers', column: 'Annual Income (k$)', action: 'flag' } });
    const recipe = await client.call('clean.recipes.save', { datasetId: first, name: '商场客户' });
    const out = await client.call('clean.recipes.apply', { datasetId: second, recipeId: recipe.id });
    expect(out.steps.map((s) => s.operation.op)).toEqual(['changeType', 'missing', 'outliers']);
    const ids = column(second, 'CustomerID');
    expect(ids).toEqual(column(first, 'CustomerID'));
    expect(ids.slice(0, 3)).toEqual([1, 2, 3]);
    expect(column(second, 'Age').filter((v) => v === null)).toHaveLength(0);
    expect(out.dataset.columns.find((c) => c.name === 'Age')!.missingCount).toBe(0);
    // Same incomes in both files: the same customers are flagged.
    expect(column(second, 'Annual Income (k$)·异常')).toEqual(column(first, 'Annual Income (k$)·异常'));
    expect(out.steps[2]!.affectedRows).toBe(flag.step.affectedRows);
  });

  it('a recipe naming a column the second file lacks is refused and rolled back', async () => {
    await client.call('clean.apply', {
      datasetId: first,
      operation: { op: 'mapValues', column: 'Genre', mapping: [{ from: 'Male', to: '男' }, { from: 'Female', to: '女' }] },
    });
    const genders = column(first, 'Genre');
    expect(genders.filter((g) => g === '女')).toHaveLength(112);
    expect(genders.filter((g) => g === '男')).toHaveLength(88);
    const recipe = await client.call('clean.recipes.save', { datasetId: first, name: '含性别映射' });
    const third = (await client.call('import.run', { path: sharedFile('mall-customers', 'Mall_Customers__variant_Gender_header_unpadded_ids.csv') })).datasets[0]!.id;
    const before = rowsOf(store, third);
    await expect(client.call('clean.recipes.apply', { datasetId: third, recipeId: recipe.id })).rejects.toMatchObject({ code: 'COLUMN_NOT_FOUND' });
    expect(rowsOf(store, third)).toEqual(before);
  });
});
