import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { excelNumFmt } from '../../../electron/engine/report/excel-formats';
import { expandRuns, toRuns } from '../../../shared/contract/grid-edits';
import { cellsOf } from '../../helpers/store-access';
import { cleanFixture, snapshot, type CleanFixture } from '../clean/clean-fixture';

let f: CleanFixture;
beforeEach(async () => {
  f = await cleanFixture();
});
afterEach(() => f.cleanup());

const D = (s: string): number => Date.parse(`${s}T00:00:00Z`);

describe('grid edits as cleaning steps', () => {
  it('a typed cell converts to the column type, is one step in history, and undo restores the exact original', async () => {
    const original = snapshot(f.store, f.datasetId);
    const out = await f.client.call('clean.apply', {
      datasetId: f.datasetId,
      operation: { op: 'editCells', columns: ['金额', '城市'], rows: [[1, 2]], values: [['2,000', '深圳'], ['', '上海']] },
    });
    expect(out.step.affectedRows).toBe(2);
    expect(cellsOf(f.store, f.datasetId, '金额').slice(0, 3)).toEqual([2000, null, '¥1,234.00']);
    expect(cellsOf(f.store, f.datasetId, '城市').slice(0, 2)).toEqual(['深圳', '上海']);
    const h = await f.client.call('clean.history', { datasetId: f.datasetId });
    expect(h.steps.map((s) => s.operation.op)).toEqual(['editCells']);
    await f.client.call('clean.undo', { datasetId: f.datasetId });
    expect(snapshot(f.store, f.datasetId)).toEqual(original);
    await f.client.call('clean.redo', { datasetId: f.datasetId });
    expect(cellsOf(f.store, f.datasetId, '金额')[0]).toBe(2000);
  });

  it('reports pasted text that does not fit the column, keeps it as an invalid cell, and refuses a block of the wrong shape', async () => {
    const p = await f.client.call('clean.preview', { datasetId: f.datasetId, operation: { op: 'editCells', columns: ['下单日期'], rows: [3], values: [['下周']] } });
    expect(p.report.failedCells).toBe(1);
    const ok = await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'editCells', columns: ['下单日期'], rows: [3], values: [['2024/3/5']] } });
    expect(ok.step.affectedRows).toBe(1);
    expect(cellsOf(f.store, f.datasetId, '下单日期')[2]).toBe(D('2024-03-05'));
    await expect(f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'editCells', columns: ['城市'], rows: [[1, 2]], values: [['x']] } })).rejects.toMatchObject({
      code: 'CLEAN_FAILED',
    });
  });

  it('fills down the first row of the block into the rows below (unchanged rows are not counted)', async () => {
    const out = await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'fillDown', columns: ['城市'], rows: [[1, 4]] } });
    expect(cellsOf(f.store, f.datasetId, '城市').slice(0, 5)).toEqual(['北京市', '北京市', '北京市', '北京市', null]);
    expect(out.step.affectedRows).toBe(2);
    await expect(f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'fillDown', columns: ['城市'], rows: [5] } })).rejects.toMatchObject({ code: 'CLEAN_FAILED' });
  });

  it('deletes rows by row id, undo brings them back, and a step naming a deleted row fails whole', async () => {
    const before = snapshot(f.store, f.datasetId);
    const out = await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'deleteRows', rows: [2, [4, 5]] } });
    expect(out.dataset.rowCount).toBe(5);
    expect(cellsOf(f.store, f.datasetId, '客户')).toEqual(['张三', '王五', '钱七', '孙八', '周九']);
    await expect(f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'editCells', columns: ['客户'], rows: [4], values: [['x']] } })).rejects.toMatchObject({
      code: 'CLEAN_FAILED',
    });
    await f.client.call('clean.undo', { datasetId: f.datasetId });
    expect(snapshot(f.store, f.datasetId)).toEqual(before);
  });

  it('row runs round-trip (ascending runs, single ids, descending ranges)', () => {
    expect(toRuns([1, 2, 3, 7, 9, 10])).toEqual([[1, 3], 7, [9, 10]]);
    expect([...expandRuns([[3, 1], 5])]).toEqual([3, 2, 1, 5]);
  });
});

describe('selection figures over the view', () => {
  it('row ids of a sorted view as runs', async () => {
    const r = await f.client.call('rows.ids', { datasetId: f.datasetId, sort: [{ column: 'c0', dir: 'asc' }], offset: 0, limit: 8 });
    expect(r.count).toBe(8);
    const page = await f.client.call('rows.page', { datasetId: f.datasetId, sort: [{ column: 'c0', dir: 'asc' }], offset: 0, limit: 8 });
    expect([...expandRuns(r.runs)]).toEqual(page.rowIds);
  });

  it("sums numbers as Excel's status bar does: dates and text are cells, not numbers; overlapping blocks count once", async () => {
    const amounts = cellsOf(f.store, f.datasetId, '金额');
    const numbers = amounts.filter((v): v is number => typeof v === 'number');
    const a = await f.client.call('rows.aggregate', {
      datasetId: f.datasetId,
      blocks: [
        { from: 0, to: 8, columns: ['c2', 'c3'] },
        { from: 2, to: 5, columns: ['c2'] },
      ],
    });
    expect(a.cells).toBe(16);
    expect(a.numericCount).toBe(numbers.length);
    expect(a.sum).toBeCloseTo(numbers.reduce((s, v) => s + v, 0), 9);
    expect(a.mean).toBeCloseTo(a.sum! / numbers.length, 9);
    expect(a.count).toBe(amounts.filter((v) => v !== null).length + 7);
    expect(a.max).toBe(Math.max(...numbers));
    const filtered = await f.client.call('rows.aggregate', {
      datasetId: f.datasetId,
      filters: [{ kind: 'oneOf', column: 'c1', values: ['北京市'] }],
      blocks: [{ from: 0, to: 100, columns: ['c2'] }],
    });
    expect(filtered).toMatchObject({ cells: 2, numericCount: 2, sum: 200 });
  });

  it('lists dates as a year/month/day tree and filters by the parts picked in it', async () => {
    const tree = await f.client.call('rows.dateTree', { datasetId: f.datasetId, column: 'c3' });
    expect(tree.missing).toBe(1);
    expect(tree.years).toEqual([
      {
        year: 2024,
        count: 7,
        months: [
          { month: 1, count: 4, days: [{ day: 5, count: 2 }, { day: 6, count: 1 }, { day: 7, count: 1 }] },
          { month: 2, count: 3, days: [{ day: 1, count: 1 }, { day: 3, count: 1 }, { day: 4, count: 1 }] },
        ],
      },
    ]);
    const c = await f.client.call('rows.count', { datasetId: f.datasetId, filters: [{ kind: 'dateParts', column: 'c3', parts: ['2024-01-05', '2024-02'], missing: true }] });
    expect(c.filteredRows).toBe(6);
  });
});

describe('column number formats', () => {
  it('saves an Excel code with the dataset, keeps it through undo, uses it for .xlsx, and refuses a code that does not fit', async () => {
    const info = await f.client.call('datasets.setColumnFormat', { datasetId: f.datasetId, column: '金额', format: '0!.0,"万"' });
    const col = info.columns.find((c) => c.name === '金额')!;
    expect(col.format).toBe('0!.0,"万"');
    expect(excelNumFmt(col.type, col.format)).toBe('0!.0,"万"');
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'fillDown', columns: ['城市'], rows: [[1, 2]] } });
    await f.client.call('clean.undo', { datasetId: f.datasetId });
    expect(f.store.getDataset(f.datasetId).columns.find((c) => c.name === '金额')!.format).toBe('0!.0,"万"');
    await expect(f.client.call('datasets.setColumnFormat', { datasetId: f.datasetId, column: '金额', format: 'yyyy-mm-dd' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const reset = await f.client.call('datasets.setColumnFormat', { datasetId: f.datasetId, column: '金额', format: null });
    expect(reset.columns.find((c) => c.name === '金额')!.format).toBeNull();
  });
});
