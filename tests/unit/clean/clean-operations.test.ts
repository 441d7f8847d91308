import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cellsOf } from '../../helpers/store-access';
import { cleanFixture, type CleanFixture } from './clean-fixture';

let f: CleanFixture;
beforeEach(async () => {
  f = await cleanFixture();
});
afterEach(() => f.cleanup());

function column(name: string): unknown[] {
  const ds = f.store.getDataset(f.datasetId);
  const key = ds.columns.find((c) => c.name === name)!.key;
  return cellsOf(f.store, ds.id, key);
}

describe('cleaning operations', () => {
  it('removes duplicates by key columns, keeping the first or the last row', async () => {
    const preview = await f.client.call('clean.preview', { datasetId: f.datasetId, operation: { op: 'dedupe', keys: ['客户', '金额'] } });
    expect(preview).toMatchObject({ totalRows: 8, affectedRows: 1, removedRows: 1 });
    expect(preview.sample[0]).toMatchObject({ row: 4, after: null });
    const { step, dataset } = await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'dedupe', keys: ['客户', '金额'], keep: 'last' } });
    expect(step).toMatchObject({ seq: 1, affectedRows: 1, rowsBefore: 8, rowsAfter: 7, state: 'applied' });
    expect(step.operation).toEqual({ op: 'dedupe', keys: ['客户', '金额'], keep: 'last' });
    expect(dataset.rowCount).toBe(7);
    const rows = Array.from(f.store.snapshot(f.datasetId).rowIds());
    expect(rows).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  it('trims spaces, converts full-width characters and changes case', async () => {
    const op = { op: 'text' as const, columns: ['城市', '备注'], case: 'lower' as const };
    const preview = await f.client.call('clean.preview', { datasetId: f.datasetId, operation: op });
    expect(preview.affectedRows).toBe(4); // rows 1, 2, 3 and 4 (Beijing → beijing)
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: op });
    expect(column('城市').slice(0, 3)).toEqual(['北京市', '上海', 'beijing']);
    expect(column('备注').slice(0, 2)).toEqual(['vip 客户', 'abc123']);
  });

  it('finds and replaces: exact, contains (case-insensitive) and regex with groups', async () => {
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'replace', columns: ['备注'], find: 'n/a', replace: '', mode: 'exact' } });
    expect(column('备注')[5]).toBeNull();
    await f.client.call('clean.apply', {
      datasetId: f.datasetId,
      operation: { op: 'replace', columns: ['城市'], find: 'BEIJING', replace: '北京', mode: 'contains', caseSensitive: false },
    });
    expect(column('城市')[2]).toBe('北京');
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'replace', columns: ['城市'], find: '^(北京|上海)市?$', replace: '$1', mode: 'regex' } });
    expect(column('城市')).toEqual(['北京', ' 上海', '北京', '北京', null, '广州', '北京', '上海']);
  });

  it('refuses a back-tracking regex instead of running it', async () => {
    await expect(
      f.client.call('clean.preview', { datasetId: f.datasetId, operation: { op: 'replace', columns: ['备注'], find: '(a)\\1', mode: 'regex' } }),
    ).rejects.toMatchObject({ code: 'CLEAN_FAILED' });
  });

  it('changes a type and reports the cells that fail; numbers stored as text are fixed', async () => {
    const preview = await f.client.call('clean.preview', { datasetId: f.datasetId, operation: { op: 'changeType', column: '金额', type: 'decimal' } });
    expect(preview.affectedRows).toBe(2);
    const { step, dataset } = await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'changeType', column: '城市', type: 'integer' } });
    expect(step.report.failedCells).toBe(7);
    expect(dataset.columns.find((c) => c.name === '城市')).toMatchObject({ type: 'integer', invalidCount: 7, missingCount: 1 });
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'changeType', column: '金额', type: 'currency' } });
    expect(column('金额')).toEqual([100, 1234, 1234, 100, null, 5000, 80, 90]);
  });

  it('fills missing values with mean, median, mode, previous or a constant, or drops the rows', async () => {
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'changeType', column: '金额', type: 'decimal' } });
    const mean = await f.client.call('clean.preview', { datasetId: f.datasetId, operation: { op: 'missing', columns: ['金额'], action: 'mean' } });
    expect(mean.report.figures?.['金额']).toBeCloseTo((100 + 1234 + 1234 + 100 + 5000 + 80 + 90) / 7, 6);
    const median = await f.client.call('clean.preview', { datasetId: f.datasetId, operation: { op: 'missing', columns: ['金额'], action: 'median' } });
    expect(median.report.figures?.['金额']).toBe(100);
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'missing', columns: ['城市'], action: 'previous' } });
    expect(column('城市')[4]).toBe('北京市');
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'missing', columns: ['备注'], action: 'mode' } });
    expect(column('备注')[2]).toBe(' VIP  客户 ');
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'missing', columns: ['金额'], action: 'constant', value: '0' } });
    expect(column('金额')[4]).toBe(0);
    const { dataset } = await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'missing', columns: ['下单日期'], action: 'drop' } });
    expect(dataset.rowCount).toBe(7);
  });

  it('rejects a constant that does not fit the column, changing nothing', async () => {
    const before = f.store.getDataset(f.datasetId);
    await expect(
      f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'missing', columns: ['下单日期'], action: 'constant', value: '不是日期' } }),
    ).rejects.toMatchObject({ code: 'CLEAN_FAILED' });
    expect(f.store.getDataset(f.datasetId)).toEqual(before);
    expect((await f.client.call('clean.history', { datasetId: f.datasetId })).steps).toHaveLength(0);
  });

  it('flags, caps or removes outliers by IQR or z-score', async () => {
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'changeType', column: '金额', type: 'decimal' } });
    const flag = await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'outliers', column: '金额', method: 'iqr', action: 'flag' } });
    // Values 80 90 100 100 1234 1234 5000: Q1 95, Q3 1234, IQR 1139 → upper 2942.5 → only 5000.
    expect(flag.step.affectedRows).toBe(1);
    expect(column('金额·异常')).toEqual([0, 0, 0, 0, 0, 1, 0, 0]);
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'outliers', column: '金额', method: 'iqr', action: 'cap' } });
    expect(column('金额')[5]).toBeCloseTo(2942.5, 6);
    const z = await f.client.call('clean.preview', { datasetId: f.datasetId, operation: { op: 'outliers', column: '金额', method: 'zscore', threshold: 1, action: 'remove' } });
    expect(z.removedRows).toBeGreaterThan(0);
  });

  it('maps categories with a user table, loosely (spaces, case)', async () => {
    const mapping = [
      { from: '北京市', to: '北京' },
      { from: 'beijing', to: '北京' },
      { from: '上海', to: '上海' },
    ];
    const { step } = await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'mapValues', column: '城市', mapping } });
    expect(step.affectedRows).toBe(4);
    expect(column('城市')).toEqual(['北京', '上海', '北京', '北京', null, '广州', '北京', '上海']);
  });

  it('summarises data quality per column', async () => {
    const q = await f.client.call('clean.quality', { datasetId: f.datasetId, keys: ['客户'] });
    expect(q.rows).toBe(8);
    expect(q.duplicateRows).toBe(1);
    const amount = q.columns.find((c) => c.name === '金额')!;
    expect(amount).toMatchObject({ missing: 1, invalid: 2 });
    expect(amount.missingPct).toBeCloseTo(1 / 8);
    expect(q.columns.find((c) => c.name === '备注')).toMatchObject({ untidyText: 3 });
  });
});
