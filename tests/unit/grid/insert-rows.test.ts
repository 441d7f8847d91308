import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/engine/cli/run-cli';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { cellsOf, rowsOf } from '../../helpers/store-access';
import { tempDir } from '../../helpers/temp';
import { cleanFixture, makeDataset, snapshot, type CleanFixture } from '../clean/clean-fixture';

let f: CleanFixture;
beforeEach(async () => {
  f = await cleanFixture();
});
afterEach(() => f.cleanup());

const ids = (): unknown[] => rowsOf(f.store, f.datasetId).map((r) => r['_row']);

describe('insert rows (Excel 在上方插入行 / 在下方插入行) as a cleaning step', () => {
  it('inserts empty rows above a row, with new row ids, recorded in history; undo restores the exact original', async () => {
    const original = snapshot(f.store, f.datasetId);
    const p = await f.client.call('clean.preview', { datasetId: f.datasetId, operation: { op: 'insertRows', at: 3, position: 'above', count: 2 } });
    expect(p).toMatchObject({ affectedRows: 2, removedRows: 0, report: { figures: { rowsBefore: 8, rowsAfter: 10, inserted: 2, besideRow: 3 } } });
    const out = await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'insertRows', at: 3, position: 'above', count: 2 } });
    expect(out.dataset.rowCount).toBe(10);
    expect(out.step).toMatchObject({ affectedRows: 2, rowsBefore: 8, rowsAfter: 10, operation: { op: 'insertRows', at: 3, position: 'above', count: 2 } });
    expect(ids()).toEqual([1, 2, 9, 10, 3, 4, 5, 6, 7, 8]);
    expect(cellsOf(f.store, f.datasetId, '客户').slice(0, 5)).toEqual(['张三', '李四', null, null, '王五']);
    expect(cellsOf(f.store, f.datasetId, '金额')[2]).toBeNull();
    // The new row takes typing like any other (the grid names it by its new id).
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'editCells', columns: ['客户', '金额'], rows: [9], values: [['新客', '12.5']] } });
    expect(cellsOf(f.store, f.datasetId, '客户')[2]).toBe('新客');
    expect(cellsOf(f.store, f.datasetId, '金额')[2]).toBe(12.5);
    await f.client.call('clean.undo', { datasetId: f.datasetId });
    await f.client.call('clean.undo', { datasetId: f.datasetId });
    expect(snapshot(f.store, f.datasetId)).toEqual(original);
    await f.client.call('clean.redo', { datasetId: f.datasetId });
    expect(ids()).toEqual([1, 2, 9, 10, 3, 4, 5, 6, 7, 8]);
  });

  it('inserts below a row (one row by default), also below the last one, and refuses a row that is gone', async () => {
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'insertRows', at: 8, position: 'below' } });
    expect(ids()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(cellsOf(f.store, f.datasetId, '客户')[8]).toBeNull();
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'insertRows', at: 1, position: 'below' } });
    expect(ids()).toEqual([1, 10, 2, 3, 4, 5, 6, 7, 8, 9]);
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'deleteRows', rows: [5] } });
    await expect(f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'insertRows', at: 5, position: 'above' } })).rejects.toMatchObject({ code: 'CLEAN_FAILED' });
    const h = await f.client.call('clean.history', { datasetId: f.datasetId });
    expect(h.steps.map((s) => s.operation.op)).toEqual(['insertRows', 'insertRows', 'deleteRows']);
  });
});

describe('kequn clean insert-rows', () => {
  const tmp = tempDir('kequn-insert-cli-');
  const project = join(tmp.dir, 'p.kequn');
  beforeEach(() => {
    const store = ProjectStore.open(project, { create: true });
    makeDataset(store, '订单', [['张三'], ['李四']], [{ name: '客户', originalHeader: '客户', type: 'text' }]);
    store.close();
  });
  afterEach(() => tmp.cleanup());

  it('inserts rows from the command line and undoes them', async () => {
    let out = '';
    const cli = (...argv: string[]) => runCli([...argv, '--project', project, '--json'], { stdout: (t) => (out = t), stderr: () => undefined });
    expect((await cli('clean', 'insert-rows', '--dataset', '订单', '--at', '2', '--count', '3')).exitCode).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ step: { operation: { op: 'insertRows', at: 2, position: 'above', count: 3 } }, dataset: { rows: 5 } });
    expect((await cli('clean', 'insert-rows', '--dataset', '订单', '--at', '1', '--below')).exitCode).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ step: { operation: { position: 'below', count: 1 } }, dataset: { rows: 6 } });
    expect((await cli('clean', 'insert-rows', '--dataset', '订单', '--at', 'x')).exitCode).toBe(2);
    expect((await cli('clean', 'undo', '--dataset', '订单')).exitCode).toBe(0);
    const store = ProjectStore.open(project);
    try {
      expect(store.snapshot('订单').cells('客户')).toEqual(['张三', null, null, null, '李四']);
    } finally {
      store.close();
    }
  });
});
