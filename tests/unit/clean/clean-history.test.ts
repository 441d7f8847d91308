import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cellsOf, rowArrays } from '../../helpers/store-access';
import { addColumns } from '../../../electron/engine/store/column-writer';
import type { CleanOperationIn } from '../../../shared/contract/clean';
import { cleanFixture, COLUMNS, makeDataset, snapshot, type CleanFixture } from './clean-fixture';

let f: CleanFixture;
beforeEach(async () => {
  f = await cleanFixture();
});
afterEach(() => f.cleanup());

const STEPS: CleanOperationIn[] = [
  { op: 'text', columns: ['城市', '备注'] },
  { op: 'changeType', column: '金额', type: 'decimal' },
  { op: 'dedupe', keys: ['客户'] },
  { op: 'outliers', column: '金额', action: 'flag' },
  { op: 'mapValues', column: '城市', mapping: [{ from: '北京市', to: '北京' }] },
];

async function applyAll(datasetId: string): Promise<void> {
  for (const operation of STEPS) await f.client.call('clean.apply', { datasetId, operation });
}

describe('cleaning history', () => {
  it('undo of every step returns the exact imported original (full table and metadata); redo returns the result', async () => {
    const original = snapshot(f.store, f.datasetId);
    await applyAll(f.datasetId);
    const cleaned = snapshot(f.store, f.datasetId);
    expect(cleaned).not.toEqual(original);
    let h = await f.client.call('clean.history', { datasetId: f.datasetId });
    expect(h.steps.map((s) => s.operation.op)).toEqual(['text', 'changeType', 'dedupe', 'outliers', 'mapValues']);
    for (let i = 0; i < STEPS.length; i++) h = await f.client.call('clean.undo', { datasetId: f.datasetId });
    expect(h).toMatchObject({ canUndo: false, canRedo: true });
    expect(snapshot(f.store, f.datasetId)).toEqual(original);
    expect(f.store.getDataset(f.datasetId).rowCount).toBe(8);
    for (let i = 0; i < STEPS.length; i++) h = await f.client.call('clean.redo', { datasetId: f.datasetId });
    expect(h).toMatchObject({ canUndo: true, canRedo: false });
    expect(snapshot(f.store, f.datasetId)).toEqual(cleaned);
  });

  it('revert to a step undoes the later ones; a new step drops the redo branch and its tables', async () => {
    await applyAll(f.datasetId);
    const h = await f.client.call('clean.revert', { datasetId: f.datasetId, toSeq: 2 });
    expect(h.steps.map((s) => s.state)).toEqual(['applied', 'applied', 'undone', 'undone', 'undone']);
    expect(f.store.getDataset(f.datasetId).rowCount).toBe(8);
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'missing', columns: ['城市'], action: 'constant', value: '未知' } });
    const after = await f.client.call('clean.history', { datasetId: f.datasetId });
    expect(after.steps.map((s) => s.seq)).toEqual([1, 2, 3]);
    // The states of the two steps dropped by the new one are gone with them: no data is kept that
    // no dataset or step refers to (the project file passes its structure check).
    const steps = await f.client.call('clean.history', { datasetId: f.datasetId });
    expect(steps.steps).toHaveLength(3);
    expect(f.store.contents().stagedData).toBe(0);
    expect(f.store.collectGarbage()).toBe(0);
  });

  it('keeps columns added outside cleaning (segment labels) when a step is undone', async () => {
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'dedupe', keys: ['客户'] } });
    addColumns(f.store, f.datasetId, [{ name: '细分', originalHeader: null, type: 'text' }], (i) => [`S${i}`]);
    await f.client.call('clean.undo', { datasetId: f.datasetId });
    const ds = f.store.getDataset(f.datasetId);
    expect(ds.rowCount).toBe(8);
    const key = ds.columns.find((c) => c.name === '细分')!.key;
    const labels = cellsOf(f.store, ds.id, key);
    // Row 4 was the removed duplicate: it has no label; the others keep theirs.
    expect(labels).toEqual(['S0', 'S1', 'S2', null, 'S3', 'S4', 'S5', 'S6']);
    await expect(f.client.call('clean.redo', { datasetId: f.datasetId })).rejects.toMatchObject({ code: 'CLEAN_FAILED' });
  });

  it('a failing step changes nothing', async () => {
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: STEPS[0]! });
    const before = snapshot(f.store, f.datasetId);
    await expect(f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'outliers', column: '城市' } })).rejects.toMatchObject({
      code: 'CLEAN_FAILED',
    });
    await expect(f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'dedupe', keys: ['不存在'] } })).rejects.toMatchObject({
      code: 'COLUMN_NOT_FOUND',
    });
    expect(snapshot(f.store, f.datasetId)).toEqual(before);
    expect((await f.client.call('clean.history', { datasetId: f.datasetId })).steps).toHaveLength(1);
  });

  it('a recipe replays on next month’s import with the same layout (columns by name, other order)', async () => {
    await applyAll(f.datasetId);
    const recipe = await f.client.call('clean.recipes.save', { datasetId: f.datasetId, name: '月度订单清洗' });
    expect(recipe.operations).toHaveLength(5);
    expect(recipe.operations[1]).toEqual({ op: 'changeType', column: '金额', type: 'decimal' });
    // Next month: same headers in another column order, new rows.
    const cols = [
      { name: '金额', originalHeader: '金额', type: 'decimal' as const },
      { name: '客户', originalHeader: '客户', type: 'text' as const },
      { name: '城市', originalHeader: '城市', type: 'text' as const },
      { name: '下单日期', originalHeader: '下单日期', type: 'date' as const },
      { name: '备注', originalHeader: '备注', type: 'text' as const },
    ];
    const second = makeDataset(
      f.store,
      '二月订单',
      [
        ['2,000', '甲', '北京市 ', 0, null],
        [30, '乙', '上海', 0, 'Ｘ'],
        [30, '甲', '北京市', 0, null],
        [45, '丙', '广州', 0, null],
      ],
      cols,
    );
    const out = await f.client.call('clean.recipes.apply', { datasetId: second, recipeId: recipe.id });
    expect(out.steps).toHaveLength(5);
    expect(out.dataset.rowCount).toBe(3);
    const rows = rowArrays(f.store, second, ['c0', 'c1', 'c2', 'c4']);
    expect(rows).toEqual([
      [2000, '甲', '北京', null],
      [30, '乙', '上海', 'X'],
      [45, '丙', '广州', null],
    ]);
    expect((await f.client.call('clean.recipes.list', {})).map((r) => r.name)).toEqual(['月度订单清洗']);
  });

  it('a recipe that does not fit is rolled back completely', async () => {
    await applyAll(f.datasetId);
    const recipe = await f.client.call('clean.recipes.save', { datasetId: f.datasetId, name: 'r' });
    const other = makeDataset(f.store, '别的表', [['甲', '北京市 ', 1, 0, 'x']], [
      { name: '客户', originalHeader: null, type: 'text' },
      { name: '城市', originalHeader: null, type: 'text' },
      { name: '数量', originalHeader: null, type: 'integer' },
      { name: '下单日期', originalHeader: null, type: 'date' },
      { name: '备注', originalHeader: null, type: 'text' },
    ]);
    const before = snapshot(f.store, other);
    await expect(f.client.call('clean.recipes.apply', { datasetId: other, recipeId: recipe.id })).rejects.toMatchObject({ code: 'COLUMN_NOT_FOUND' });
    expect(snapshot(f.store, other)).toEqual(before);
    expect((await f.client.call('clean.history', { datasetId: other })).steps.every((s) => s.state === 'undone')).toBe(true);
  });

  it('removing a dataset leaves none of its column data behind', async () => {
    await applyAll(f.datasetId);
    const before = f.store.contents();
    f.store.removeDataset(f.datasetId);
    const other = makeDataset(f.store, 'x');
    await f.client.call('clean.apply', { datasetId: other, operation: STEPS[0]! });
    const after = f.store.contents();
    expect(after.steps).toBe(1);
    // Only the new dataset's columns and its one step's rewritten column are left.
    expect(after.columnData).toBeLessThan(before.columnData);
    expect(after.columnData).toBeLessThanOrEqual(COLUMNS.length + 2);
    expect(f.store.collectGarbage()).toBe(0);
  });
});

describe('cancelling a step', () => {
  it('a cancelled apply reports CANCELLED and leaves the dataset as it was', async () => {
    const before = snapshot(f.store, f.datasetId);
    const controller = new AbortController();
    const pending = f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'dedupe', keys: ['客户'] } }, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    // The engine may still be finishing the call: wait for it to settle, then compare.
    await new Promise((r) => setTimeout(r, 50));
    expect(snapshot(f.store, f.datasetId)).toEqual(before);
    expect((await f.client.call('clean.history', { datasetId: f.datasetId })).steps).toHaveLength(0);
  });
});

describe('undo after rows were appended outside cleaning', () => {
  it('is refused instead of silently dropping the new rows', async () => {
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'dedupe', keys: ['客户'] } });
    const csv = join(f.dir, 'more.csv');
    writeFileSync(csv, '客户\n新客户\n');
    await f.client.call('import.append', { datasetId: f.datasetId, path: csv });
    await expect(f.client.call('clean.undo', { datasetId: f.datasetId })).rejects.toMatchObject({ code: 'CLEAN_FAILED' });
    expect(f.store.getDataset(f.datasetId).rowCount).toBe(8);
  });
});
