import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { columnValues, importInto } from '../helpers/import-project';
import { hasSharedData, sharedFile } from '../helpers/shared-data';
import { tempDir } from '../helpers/temp';
import type { ProjectStore } from '../../electron/engine/store/project-store';

const sum = (xs: unknown[]): number => xs.reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
const round2 = (n: number): number => Math.round(n * 100) / 100;
const count = (xs: unknown[], v: unknown): number => xs.filter((x) => x === v).length;

describe.skipIf(!hasSharedData)('importing every file in ../shared/data', () => {
  let dir: string;
  let cleanup: () => void;
  let store: ProjectStore | null = null;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => {
    store?.close();
    store = null;
    cleanup();
  });

  it('Mall_Customers.csv: CRLF, no final newline, zero-padded ids stay text', async () => {
    const r = await importInto(dir, sharedFile('mall-customers', 'Mall_Customers.csv'));
    store = r.store;
    const d = r.result.datasets[0]!;
    expect(d.rows).toBe(200);
    const cols = Object.fromEntries(d.columns.map((c) => [c.name, c.type]));
    expect(cols.CustomerID).toBe('text');
    const ids = columnValues(store, d.id, 'CustomerID');
    expect(ids[0]).toMatch(/^0+1$/);
    expect(sum(columnValues(store, d.id, 'Age')) / 200).toBeCloseTo(38.85, 2);
    expect(sum(columnValues(store, d.id, 'Annual Income (k$)')) / 200).toBeCloseTo(60.56, 2);
    expect(sum(columnValues(store, d.id, 'Spending Score (1-100)')) / 200).toBeCloseTo(50.2, 2);
    const genre = columnValues(store, d.id, 'Genre');
    expect([count(genre, 'Female'), count(genre, 'Male')]).toEqual([112, 88]);
  });

  it('Mall_Customers variant: Gender header, unpadded ids are integers', async () => {
    const r = await importInto(dir, sharedFile('mall-customers', 'Mall_Customers__variant_Gender_header_unpadded_ids.csv'));
    store = r.store;
    const d = r.result.datasets[0]!;
    expect(d.rows).toBe(200);
    expect(d.columns[0]!.type).toBe('integer');
    // This copy has blank genders (the README calls the values identical; they are not quite).
    const gender = columnValues(store, d.id, 'Gender');
    expect([count(gender, 'Female'), count(gender, 'Male'), count(gender, null)]).toEqual([102, 81, 17]);
  });

  it('Wholesale customers: counts and means', async () => {
    const r = await importInto(dir, sharedFile('wholesale-customers', 'Wholesale customers data.csv'));
    store = r.store;
    const d = r.result.datasets[0]!;
    expect(d.rows).toBe(440);
    expect(d.columns.every((c) => c.type === 'integer')).toBe(true);
    const channel = columnValues(store, d.id, 'Channel');
    expect([count(channel, 1), count(channel, 2)]).toEqual([298, 142]);
    const region = columnValues(store, d.id, 'Region');
    expect([count(region, 1), count(region, 2), count(region, 3)]).toEqual([77, 47, 316]);
    expect(sum(columnValues(store, d.id, 'Fresh')) / 440).toBeCloseTo(12000.2977, 3);
    expect(sum(columnValues(store, d.id, 'Delicassen')) / 440).toBeCloseTo(1524.8705, 3);
  });

  it('bank.csv: semicolon-separated, quoted', async () => {
    const r = await importInto(dir, sharedFile('bank-marketing', 'bank.csv'));
    store = r.store;
    const d = r.result.datasets[0]!;
    expect(d.rows).toBe(4521);
    expect(d.columns).toHaveLength(17);
    // yes/no columns are booleans (stored 1/0).
    expect(d.columns.find((c) => c.name === 'y')?.type).toBe('boolean');
    expect(count(columnValues(store, d.id, 'y'), 1)).toBe(521);
    expect(count(columnValues(store, d.id, 'job'), 'unemployed')).toBeGreaterThan(0);
    expect(d.columns.find((c) => c.name === 'age')?.type).toBe('integer');
  });

  it('online retail II excerpt: both sheets, dates from serials, cancelled invoices kept as text', async () => {
    const r = await importInto(dir, sharedFile('online-retail-ii-excerpt', 'online_retail_II__excerpt.xlsx'), { allSheets: true });
    store = r.store;
    expect(r.result.datasets.map((d) => d.rows)).toEqual([499, 499]);
    const d = r.result.datasets[0]!;
    expect(d.name).toContain('Year 2009-2010');
    expect(d.columns.map((c) => c.name)).toEqual(['Invoice', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'Price', 'Customer ID', 'Country']);
    expect(d.columns.find((c) => c.name === 'InvoiceDate')?.type).toBe('datetime');
    // Cancelled invoices ("C489449") make Invoice an id column: text, nothing flagged.
    expect(d.columns.find((c) => c.name === 'Invoice')).toEqual({ name: 'Invoice', type: 'text', invalid: 0 });
    expect(columnValues(store, d.id, 'Invoice').filter((v) => String(v).startsWith('C')).length).toBeGreaterThan(0);
    const first = columnValues(store, d.id, 'InvoiceDate')[0] as number;
    expect(new Date(first).toISOString()).toBe('2009-12-01T07:45:00.000Z');
  });

  it('2018.xlsx: Chinese headers intact, trailing space reported, unpaid rows empty', async () => {
    const r = await importInto(dir, sharedFile('cn-orders', '2018.xlsx'));
    store = r.store;
    const d = r.result.datasets[0]!;
    expect(d.rows).toBe(1784);
    expect(d.columns.map((c) => c.name)).toEqual(['买家会员名', '买家实际支付金额', '宝贝总数量', '宝贝标题', '订单付款时间']);
    const info = store.getDataset(d.id);
    expect(info.columns[3]!.originalHeader).toBe('宝贝标题 ');
    expect(round2(sum(columnValues(store, d.id, '买家实际支付金额')))).toBe(219511.61);
    expect(new Set(columnValues(store, d.id, '买家会员名')).size).toBe(1439);
    expect(info.columns[4]!.type).toBe('datetime');
    expect(info.columns[4]!.missingCount).toBe(317);
    // The amount is money (its header says so), the count is not.
    expect(info.columns[1]!).toMatchObject({ type: 'currency', format: '¥#,##0.00' });
    expect(info.columns[2]!.type).toBe('integer');
    expect(r.result.warnings.some((w) => w.code === 'HEADER_TRIMMED')).toBe(true);
  });

  it('TB.xls (BIFF8): real and text dates in one column become dates', async () => {
    const r = await importInto(dir, sharedFile('cn-orders', 'TB.xls'));
    store = r.store;
    const d = r.result.datasets[0]!;
    expect(d.rows).toBe(4103);
    expect(round2(sum(columnValues(store, d.id, '买家实际支付金额')))).toBe(556866.33);
    expect(new Set(columnValues(store, d.id, '买家会员名')).size).toBe(3952);
    const time = store.getDataset(d.id).columns.find((c) => c.name === '订单付款时间')!;
    expect(time.type).toBe('datetime');
    const values = columnValues(store, d.id, '订单付款时间');
    const numbers = values.filter((v) => typeof v === 'number').length;
    expect(numbers + time.missingCount + time.invalidCount).toBe(4103);
    expect(numbers).toBeGreaterThanOrEqual(3131 + 900);
  });

  it('mingribooks.xls: empty first header, space-only duplicate, literal null, empty column', async () => {
    const r = await importInto(dir, sharedFile('cn-orders', 'mingribooks.xls'));
    store = r.store;
    const d = r.result.datasets[0]!;
    expect(d.rows).toBe(704);
    const names = d.columns.map((c) => c.name);
    expect(names[0]).toBe('列1');
    expect(names).toContain('宝贝种类');
    expect(names).toContain('宝贝种类 (2)');
    expect(names).toHaveLength(16);
    expect(r.result.warnings.some((w) => w.code === 'DUPLICATE_HEADER' && w.column === '宝贝种类 (2)')).toBe(true);
    const info = store.getDataset(d.id);
    expect(info.columns.find((c) => c.name === '宝贝种类 (2)')!.originalHeader).toBe('宝贝种类 ');
    expect(round2(sum(columnValues(store, d.id, '买家实际支付金额')))).toBe(111219.8);
    expect(count(columnValues(store, d.id, '订单状态'), '交易成功')).toBe(627);
    const memo = info.columns.find((c) => c.name === '订单备注')!;
    expect(memo.missingCount).toBeGreaterThan(0);
    expect(columnValues(store, d.id, '订单备注')).not.toContain("'null");
  });

  it('1月.csv: GBK without BOM, non-ASCII file name, 2018/5/16 9:41 dates', async () => {
    const r = await importInto(dir, sharedFile('cn-orders', '1月.csv'));
    store = r.store;
    const d = r.result.datasets[0]!;
    expect(d.name).toBe('1月');
    expect(d.rows).toBe(50);
    expect(d.columns.map((c) => c.name)).toContain('买家实际支付金额');
    expect(round2(sum(columnValues(store, d.id, '买家实际支付金额')))).toBe(4085.86);
    const paid = columnValues(store, d.id, '订单付款时间')[0] as number;
    expect(new Date(paid).toISOString()).toBe('2018-05-16T09:41:00.000Z');
  });

  it('meal_order_info.csv: GBK, CRLF, NA is missing', async () => {
    const r = await importInto(dir, sharedFile('cn-restaurant', 'meal_order_info.csv'));
    store = r.store;
    const d = r.result.datasets[0]!;
    expect(d.rows).toBe(945);
    expect(sum(columnValues(store, d.id, 'accounts_payable'))).toBe(465214);
    expect(new Set(columnValues(store, d.id, 'name')).size).toBe(649);
    const status = columnValues(store, d.id, 'order_status');
    expect([count(status, 1), count(status, 0), count(status, 2)]).toEqual([933, 9, 3]);
    const info = store.getDataset(d.id);
    expect(info.columns.find((c) => c.name === 'mode')!.missingCount).toBe(945);
    expect(columnValues(store, d.id, 'mode')).not.toContain('NA');
  });
});
