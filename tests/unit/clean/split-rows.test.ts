import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewColumn } from '../../../electron/engine/store/project-store';
import type { CellValue } from '../../../shared/contract/json';
import { rowArrays, rowsOf } from '../../helpers/store-access';
import { cleanFixture, makeDataset, type CleanFixture } from './clean-fixture';

let f: CleanFixture;
beforeEach(async () => {
  f = await cleanFixture();
});
afterEach(() => f.cleanup());

const COLS: NewColumn[] = [
  { name: '订单号', originalHeader: '订单号', type: 'text' },
  { name: '宝贝标题', originalHeader: '宝贝标题', type: 'text' },
  { name: '金额', originalHeader: '金额', type: 'decimal' },
];
const ROWS: CellValue[][] = [
  ['A1', '词典；  Java 入门 ;Python', 30],
  ['A2', 'C 语言', 10],
  ['A3', null, 5],
  ['A4', 'x||y，，z', 7],
  ['A5', '；；', 1],
  ['A6', ' 空格 ', 2],
];

/** The table's rows as [订单号, 宝贝标题, 金额, …], in row order. */
function table(datasetId: string): CellValue[][] {
  const ds = f.store.getDataset(datasetId);
  return rowArrays(f.store, datasetId, ds.columns.map((c) => c.key));
}

describe('split into rows (cleaning step)', () => {
  it('one row per item, other columns repeated, previewed with rows before → after', async () => {
    const id = makeDataset(f.store, '多件', ROWS, COLS);
    const operation = { op: 'splitRows' as const, column: '宝贝标题', itemNumber: '第几件' };
    const preview = await f.client.call('clean.preview', { datasetId: id, operation });
    expect(preview.report.figures).toEqual({ rowsBefore: 6, rowsAfter: 10, splitCells: 2, maxItems: 3 });
    expect(preview.report.split).toEqual([
      { row: 1, before: '词典；  Java 入门 ;Python', items: ['词典', 'Java 入门', 'Python'] },
      { row: 4, before: 'x||y，，z', items: ['x', 'y', 'z'] },
    ]);
    await f.client.call('clean.apply', { datasetId: id, operation });
    expect(table(id)).toEqual([
      ['A1', '词典', 30, 1],
      ['A1', 'Java 入门', 30, 2],
      ['A1', 'Python', 30, 3],
      ['A2', 'C 语言', 10, 1],
      ['A3', null, 5, 1],
      ['A4', 'x', 7, 1],
      ['A4', 'y', 7, 2],
      ['A4', 'z', 7, 3],
      ['A5', null, 1, 1],
      ['A6', '空格', 2, 1],
    ]);
    expect(f.store.getDataset(id).rowCount).toBe(10);
  });

  it('keeps the first item on the original row id (undo carries later columns back) and undo/redo switch states', async () => {
    const id = makeDataset(f.store, '多件', ROWS, COLS);
    const before = table(id);
    await f.client.call('clean.apply', { datasetId: id, operation: { op: 'splitRows', column: '宝贝标题' } });
    const ids = rowsOf(f.store, id).map((r) => r['_row']);
    // Source rows keep their ids; the new rows are numbered after the largest.
    expect(ids).toEqual([1, 7, 8, 2, 3, 4, 9, 10, 5, 6]);
    const after = table(id);
    let h = await f.client.call('clean.undo', { datasetId: id });
    expect(h.canRedo).toBe(true);
    expect(table(id)).toEqual(before);
    h = await f.client.call('clean.redo', { datasetId: id });
    expect(table(id)).toEqual(after);
    expect(h.steps.map((s) => [s.operation.op, s.rowsBefore, s.rowsAfter])).toEqual([['splitRows', 6, 10]]);
  });

  it('custom delimiters are literal; keep empty items when asked; no trimming when asked', async () => {
    const id = makeDataset(f.store, '多件', [['B1', 'a.b..c', 1], ['B2', ' d ', 2]], COLS);
    await f.client.call('clean.apply', { datasetId: id, operation: { op: 'splitRows', column: '宝贝标题', delimiters: ['.'], dropEmpty: false, trim: false } });
    // Empty items are stored as missing (the store's rule for empty text).
    expect(table(id).map((r) => r[1])).toEqual(['a', 'b', null, 'c', ' d ']);
  });

  it('refuses a column that is not text, with a coded zh/en error, before anything is written', async () => {
    const id = makeDataset(f.store, '多件', ROWS, COLS);
    const err = await f.client.call('clean.apply', { datasetId: id, operation: { op: 'splitRows', column: '金额' } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CLEAN_FAILED' });
    expect(String((err as Error).message)).toMatch(/text column/);
    expect((err as { messageZh: string }).messageZh).toMatch(/文本列/);
    await expect(f.client.call('clean.apply', { datasetId: id, operation: { op: 'splitRows', column: '没有这列' } })).rejects.toMatchObject({ code: 'COLUMN_NOT_FOUND' });
    expect(f.store.getDataset(id).rowCount).toBe(6);
  });

  it('a recipe replays the split on next month’s file by column name', async () => {
    const id = makeDataset(f.store, '一月', ROWS, COLS);
    const key = f.store.getDataset(id).columns.find((c) => c.name === '宝贝标题')!.key;
    await f.client.call('clean.apply', { datasetId: id, operation: { op: 'splitRows', column: key } });
    const recipe = await f.client.call('clean.recipes.save', { datasetId: id, name: '拆分' });
    const next = makeDataset(f.store, '二月', [['C1', '甲;乙', 3]], COLS);
    await f.client.call('clean.recipes.apply', { datasetId: next, recipeId: recipe.id });
    expect(table(next)).toEqual([
      ['C1', '甲', 3],
      ['C1', '乙', 3],
    ]);
  });
});
