import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewColumn } from '../../../electron/engine/store/project-store';
import type { CellValue } from '../../../shared/contract/json';
import { rowArrays } from '../../helpers/store-access';
import { cleanFixture, makeDataset, type CleanFixture } from './clean-fixture';

let f: CleanFixture;
beforeEach(async () => {
  f = await cleanFixture();
});
afterEach(() => f.cleanup());

const D = (s: string): number => Date.parse(`${s}T00:00:00Z`);

const ORDER_COLS: NewColumn[] = [
  { name: '买家', originalHeader: '买家', type: 'text' },
  { name: '金额', originalHeader: '金额', type: 'decimal' },
  { name: '日期', originalHeader: '日期', type: 'date' },
];
const ORDERS: CellValue[][] = [
  ['amy', 10, D('2024-01-05')],
  [' Bob ', 20, D('2024-01-06')],
  ['carl', 30, D('2024-02-01')],
  [null, 40, D('2024-02-02')],
  ['amy', 50, D('2024-03-01')],
];
const CUSTOMER_COLS: NewColumn[] = [
  { name: '买家', originalHeader: '买家', type: 'text' },
  { name: '细分', originalHeader: '细分', type: 'text' },
  { name: '金额', originalHeader: '金额', type: 'currency' },
];
const CUSTOMERS: CellValue[][] = [
  ['amy', '重要价值', 60],
  ['Bob', '一般保持', 20],
  ['dora', '流失', 0],
];

function table(datasetId: string): CellValue[][] {
  const ds = f.store.getDataset(datasetId);
  return rowArrays(f.store, datasetId, ds.columns.map((c) => c.key));
}

describe('merge datasets (cleaning step)', () => {
  it('left join brings the other dataset’s columns by key; taken names get ·<dataset>; trimmed text keys', async () => {
    const orders = makeDataset(f.store, '销售', ORDERS, ORDER_COLS);
    makeDataset(f.store, '客户', CUSTOMERS, CUSTOMER_COLS);
    const operation = { op: 'merge' as const, with: '客户', on: [{ left: '买家' }] };
    const preview = await f.client.call('clean.preview', { datasetId: orders, operation });
    expect(preview.report.merge).toMatchObject({
      with: { name: '客户', version: expect.any(Number), rows: 3 },
      matchedRows: 3,
      unmatchedRows: 2,
      blankKeyRows: 1,
      multipleKeys: 0,
      rowsBefore: 5,
      rowsAfter: 5,
      unusedRows: 1,
      columns: [
        { from: '细分', to: '细分' },
        { from: '金额', to: '金额·客户' },
      ],
      unmatchedExamples: ['carl'],
    });
    await f.client.call('clean.apply', { datasetId: orders, operation });
    const ds = f.store.getDataset(orders);
    expect(ds.columns.map((c) => [c.name, c.type])).toEqual([
      ['买家', 'text'],
      ['金额', 'decimal'],
      ['日期', 'date'],
      ['细分', 'text'],
      ['金额·客户', 'currency'],
    ]);
    expect(table(orders).map((r) => r.slice(3))).toEqual([
      ['重要价值', 60],
      ['一般保持', 20],
      [null, null],
      [null, null],
      ['重要价值', 60],
    ]);
    await f.client.call('clean.undo', { datasetId: orders });
    expect(f.store.getDataset(orders).columns.map((c) => c.name)).toEqual(['买家', '金额', '日期']);
    const h = await f.client.call('clean.redo', { datasetId: orders });
    expect(h.steps[0]!.report.merge?.with.name).toBe('客户');
    expect(f.store.getDataset(orders).columns.map((c) => c.name)).toContain('细分');
  });

  it('inner join removes unmatched rows; ignore case; chosen columns only', async () => {
    const orders = makeDataset(f.store, '销售', ORDERS, ORDER_COLS);
    makeDataset(f.store, '客户', [['AMY', 'A', 1], ['bob', 'B', 2]], CUSTOMER_COLS);
    await f.client.call('clean.apply', { datasetId: orders, operation: { op: 'merge', with: '客户', on: [{ left: '买家', right: '买家' }], join: 'inner', ignoreCase: true, columns: ['细分'] } });
    expect(table(orders)).toEqual([
      ['amy', 10, D('2024-01-05'), 'A'],
      [' Bob ', 20, D('2024-01-06'), 'B'],
      ['amy', 50, D('2024-03-01'), 'A'],
    ]);
    const h = await f.client.call('clean.undo', { datasetId: orders });
    expect(h.steps[0]).toMatchObject({ rowsBefore: 5, rowsAfter: 3 });
    expect(table(orders)).toEqual(ORDERS.map((r) => [...r]));
  });

  it('a key on several rows of the other dataset: one row per match (stated in the preview), or the first match', async () => {
    const orders = makeDataset(f.store, '销售', ORDERS, ORDER_COLS);
    makeDataset(f.store, '标签', [['amy', '新客'], ['amy', '复购'], ['Bob', '高价值']], [CUSTOMER_COLS[0]!, { name: '标签', originalHeader: '标签', type: 'text' }]);
    const all = { op: 'merge' as const, with: '标签', on: [{ left: '买家' }] };
    const preview = await f.client.call('clean.preview', { datasetId: orders, operation: all });
    expect(preview.report.merge).toMatchObject({ multipleKeys: 1, addedRows: 2, rowsAfter: 7, multipleExamples: [{ key: 'amy', matches: 2 }] });
    const first = await f.client.call('clean.preview', { datasetId: orders, operation: { ...all, matches: 'first' } });
    expect(first.report.merge).toMatchObject({ multipleKeys: 1, addedRows: 0, rowsAfter: 5 });
    await f.client.call('clean.apply', { datasetId: orders, operation: all });
    expect(table(orders).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['amy', 10, '新客'],
      ['amy', 10, '复购'],
      [' Bob ', 20, '高价值'],
      ['carl', 30, null],
      [null, 40, null],
      ['amy', 50, '新客'],
      ['amy', 50, '复购'],
    ]);
    await f.client.call('clean.undo', { datasetId: orders });
    expect(table(orders)).toEqual(ORDERS.map((r) => [...r]));
  });

  it('numbers and text compare as values ("1001" matches 1001); several key pairs', async () => {
    const left = makeDataset(f.store, '左', [['1001', 'x'], ['1002', 'y'], ['1001', 'z']], [
      { name: '编号', originalHeader: '编号', type: 'text' },
      { name: '店', originalHeader: '店', type: 'text' },
    ]);
    makeDataset(f.store, '右', [[1001, 'x', '甲'], [1001, 'z', '乙'], [1002, 'x', '丙']], [
      { name: 'id', originalHeader: 'id', type: 'integer' },
      { name: 'shop', originalHeader: 'shop', type: 'text' },
      { name: '名', originalHeader: '名', type: 'text' },
    ]);
    await f.client.call('clean.apply', { datasetId: left, operation: { op: 'merge', with: '右', on: [{ left: '编号', right: 'id' }, { left: '店', right: 'shop' }] } });
    expect(table(left)).toEqual([
      ['1001', 'x', '甲'],
      ['1002', 'y', null],
      ['1001', 'z', '乙'],
    ]);
  });

  it('clear coded errors in both languages: key column missing on either side, key types that cannot match, unknown dataset', async () => {
    const orders = makeDataset(f.store, '销售', ORDERS, ORDER_COLS);
    makeDataset(f.store, '客户', CUSTOMERS, CUSTOMER_COLS);
    type Failure = { code: string; message: string; messageZh: string };
    const fail = (operation: object): Promise<Failure> =>
      f.client.call('clean.apply', { datasetId: orders, operation: operation as never }).then(
        () => ({ code: 'none', message: '', messageZh: '' }),
        (e: unknown) => e as Failure,
      );
    const missingHere = await fail({ op: 'merge', with: '客户', on: [{ left: '客户名' }] });
    expect(missingHere).toMatchObject({ code: 'COLUMN_NOT_FOUND', message: 'Key column "客户名" is not in dataset "销售"', messageZh: '合并键列“客户名”不在数据集“销售”中' });
    const missingThere = await fail({ op: 'merge', with: '客户', on: [{ left: '买家', right: '会员' }] });
    expect(missingThere).toMatchObject({ code: 'COLUMN_NOT_FOUND', messageZh: '合并键列“会员”不在数据集“客户”中' });
    const typeMismatch = await fail({ op: 'merge', with: '客户', on: [{ left: '日期', right: '金额' }] });
    expect(typeMismatch).toMatchObject({ code: 'CLEAN_FAILED' });
    expect(typeMismatch.message).toMatch(/Key types differ/);
    expect(typeMismatch.messageZh).toBe('合并键类型不一致：“日期”是日期，“客户”中的“金额”是金额；请先转换其中一列的类型');
    const noDataset = await fail({ op: 'merge', with: '没有', on: [{ left: '买家' }] });
    expect(noDataset).toMatchObject({ code: 'DATASET_NOT_FOUND' });
    const badColumn = await fail({ op: 'merge', with: '客户', on: [{ left: '买家' }], columns: ['等级'] });
    expect(badColumn).toMatchObject({ code: 'COLUMN_NOT_FOUND', messageZh: '要带入的列“等级”不在数据集“客户”中' });
    expect(f.store.getDataset(orders).columns).toHaveLength(3);
    expect((await f.client.call('clean.history', { datasetId: orders })).steps).toHaveLength(0);
  });

  it('the step records the other dataset’s version; a recipe replays it by name', async () => {
    const orders = makeDataset(f.store, '销售', ORDERS, ORDER_COLS);
    const customers = makeDataset(f.store, '客户', CUSTOMERS, CUSTOMER_COLS);
    await f.client.call('clean.apply', { datasetId: customers, operation: { op: 'text', columns: ['细分'] } });
    const step = (await f.client.call('clean.apply', { datasetId: orders, operation: { op: 'merge', with: customers, on: [{ left: '买家' }], columns: ['细分'] } })).step;
    expect(step.report.merge?.with).toMatchObject({ id: customers, name: '客户' });
    expect(step.report.merge!.with.version).toBeGreaterThan(0);
    const recipe = await f.client.call('clean.recipes.save', { datasetId: orders, name: '带细分' });
    const next = makeDataset(f.store, '订单2', [['Bob', 1, D('2024-04-01')]], ORDER_COLS);
    await f.client.call('clean.recipes.apply', { datasetId: next, recipeId: recipe.id });
    expect(table(next)).toEqual([['Bob', 1, D('2024-04-01'), '一般保持']]);
  });
});
