import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/host/engine';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { rowsOf } from '../../helpers/store-access';
import type { CellValue } from '../../../shared/contract/json';
import type { EngineClient } from '../../../shared/rpc/client';
import { tempDir } from '../../helpers/temp';

const D = (s: string): number => Date.parse(`${s}Z`);

/** Online-retail style lines: invoice, customer, date, amount; C-invoices are cancellations. */
const LINES: CellValue[][] = [
  ['536365', 'A', D('2024-03-01T09:00:00'), 100],
  ['536365', 'A', D('2024-03-01T09:00:00'), 50],
  ['536400', 'A', D('2024-03-10T15:30:00'), 30],
  ['C536401', 'A', D('2024-03-11T10:00:00'), -30],
  ['536500', 'B', D('2024-03-05T08:00:00'), 200],
  ['C536501', 'B', D('2024-03-06T08:00:00'), 80],
  ['536600', null, D('2024-03-07T08:00:00'), 10],
  ['536601', 'C', null, 10],
  ['536602', 'C', D('2024-03-20T23:59:00'), '¥坏数'],
  ['536603', 'D', D('2024-03-31T12:00:00'), 40],
];

let tmp: ReturnType<typeof tempDir>;
let engine: Engine;
let client: EngineClient;
let store: ProjectStore;
let datasetId: string;

beforeEach(() => {
  tmp = tempDir('kequn-rfm-unit-');
  engine = new Engine({ dataDir: join(tmp.dir, 'home') });
  store = engine.useProject(ProjectStore.open(join(tmp.dir, 'p.kequn'), { create: true }));
  client = engine.createClient();
  datasetId = store.createDataset(
    {
      name: '流水',
      kind: 'import',
      source: null,
      columns: [
        { name: 'Invoice', originalHeader: null, type: 'text' },
        { name: 'Customer ID', originalHeader: null, type: 'text' },
        { name: 'InvoiceDate', originalHeader: null, type: 'datetime' },
        { name: '金额', originalHeader: null, type: 'currency' },
      ],
    },
    LINES,
  ).id;
});
afterEach(() => {
  engine.dispose();
  tmp.cleanup();
});

function table(id: string): Record<string, CellValue>[] {
  const ds = store.getDataset(id);
  return rowsOf(store, id).map((r) => Object.fromEntries(ds.columns.map((c) => [c.name, r[c.key] ?? null])));
}

describe('RFM preset', () => {
  it('excludes returns by default and counts every excluded row by reason', async () => {
    const r = await client.call('metrics.rfm', { datasetId, customer: 'Customer ID', date: 'InvoiceDate', amount: '金额', order: 'Invoice' });
    expect(r.asOf).toBe('2024-04-01');
    expect(r.excluded).toEqual({ missingCustomer: 1, missingDate: 1, invalidAmount: 1, returns: 2, afterAsOf: 0 });
    expect(r.usedRows).toBe(5);
    expect(table(r.dataset.id)).toEqual([
      { 'Customer ID': 'A', R: 22, F: 2, M: 180, 客单价: 90, 首次购买: D('2024-03-01T00:00:00'), 末次购买: D('2024-03-10T00:00:00'), '客龄(天)': 31 },
      { 'Customer ID': 'B', R: 27, F: 1, M: 200, 客单价: 200, 首次购买: D('2024-03-05T00:00:00'), 末次购买: D('2024-03-05T00:00:00'), '客龄(天)': 27 },
      { 'Customer ID': 'D', R: 1, F: 1, M: 40, 客单价: 40, 首次购买: D('2024-03-31T00:00:00'), 末次购买: D('2024-03-31T00:00:00'), '客龄(天)': 1 },
    ]);
    expect(r.summary.R).toEqual({ min: 1, max: 27, mean: 16.666667, median: 22 });
    expect(r.summary.M).toMatchObject({ min: 40, max: 200, median: 180 });
    const ds = await client.call('datasets.get', { datasetId: r.dataset.id });
    expect(ds).toMatchObject({ name: 'RFM-流水', kind: 'derived' });
    const origin = JSON.stringify(store.datasets.origin(r.dataset.id));
    expect(JSON.parse(origin)).toEqual({
      kind: 'rfm',
      sourceDatasetId: datasetId,
      customer: 'Customer ID',
      date: 'InvoiceDate',
      amount: '金额',
      order: 'Invoice',
      asOf: '2024-04-01',
      returnsRule: 'exclude',
      // The exclusions list travels with the dataset, so a report can say it later.
      exclusions: r.exclusions,
    });
    expect(r.exclusions.map((e) => [e.code, e.count])).toEqual([['missingCustomer', 1], ['missingDate', 1], ['invalidAmount', 1], ['returnsExcluded', 2]]);
  });

  it('nets returns against M with the net rule (a positive C-invoice counts negative)', async () => {
    const r = await client.call('metrics.rfm', { datasetId, customer: 'Customer ID', date: 'InvoiceDate', amount: '金额', order: 'Invoice', returns: 'net' });
    const rows = table(r.dataset.id);
    expect(rows.map((x) => [x['Customer ID'], x['F'], x['M'], x['R']])).toEqual([
      ['A', 2, 150, 22],
      ['B', 1, 120, 27],
      ['D', 1, 40, 1],
    ]);
    expect(r.excluded.returns).toBe(0);
  });

  it('uses purchase days for F without an order column, and honours an analysis date', async () => {
    const r = await client.call('metrics.rfm', { datasetId, customer: 'Customer ID', date: 'InvoiceDate', amount: '金额', asOf: '2024-03-20' });
    expect(r.asOf).toBe('2024-03-20');
    expect(r.excluded.afterAsOf).toBe(1);
    expect(table(r.dataset.id).map((x) => [x['Customer ID'], x['R'], x['F']])).toEqual([
      ['A', 10, 2],
      // Without an order column a C-invoice cannot be recognised: B's 80 counts as a purchase.
      ['B', 14, 2],
    ]);
  });

  it('refuses a text date column with a coded error and creates nothing', async () => {
    const before = store.listDatasets().length;
    await expect(client.call('metrics.rfm', { datasetId, customer: 'Customer ID', date: 'Invoice', amount: '金额' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(client.call('metrics.rfm', { datasetId, customer: '无此列', date: 'InvoiceDate', amount: '金额' })).rejects.toMatchObject({
      code: 'COLUMN_NOT_FOUND',
    });
    expect(store.listDatasets()).toHaveLength(before);
  });
});

describe('group-by builder', () => {
  it('builds one row per key with sum, count, count distinct, min, max, mean, first and last date', async () => {
    const out = await client.call('metrics.groupBy', {
      datasetId,
      keys: ['Customer ID'],
      aggregations: [
        { fn: 'sum', column: '金额' },
        { fn: 'count' },
        { fn: 'countDistinct', column: 'Invoice', name: '订单数' },
        { fn: 'min', column: '金额' },
        { fn: 'max', column: '金额' },
        { fn: 'mean', column: '金额' },
        { fn: 'firstDate', column: 'InvoiceDate' },
        { fn: 'lastDate', column: 'InvoiceDate' },
      ],
    });
    expect(out.groups).toBe(5);
    expect(out.dataset.kind).toBe('derived');
    expect(out.dataset.columns.map((c) => [c.name, c.type])).toEqual([
      ['Customer ID', 'text'],
      ['金额·合计', 'currency'],
      ['行数', 'integer'],
      ['订单数', 'integer'],
      ['金额·最小值', 'currency'],
      ['金额·最大值', 'currency'],
      ['金额·平均值', 'currency'],
      ['InvoiceDate·最早日期', 'datetime'],
      ['InvoiceDate·最晚日期', 'datetime'],
    ]);
    const rows = table(out.dataset.id);
    expect(Object.values(rows[0]!)).toEqual(['A', 150, 4, 3, -30, 100, 37.5, D('2024-03-01T09:00:00'), D('2024-03-11T10:00:00')]);
    expect(Object.values(rows[3]!)).toEqual(['C', 10, 2, 2, 10, 10, 10, D('2024-03-20T23:59:00'), D('2024-03-20T23:59:00')]);
    const origin = store.datasets.origin(out.dataset.id) as Record<string, unknown>;
    expect(origin).toMatchObject({ kind: 'groupBy', sourceDatasetId: datasetId, keys: ['Customer ID'] });
  });

  it('refuses a sum over a text column', async () => {
    await expect(
      client.call('metrics.groupBy', { datasetId, keys: ['Customer ID'], aggregations: [{ fn: 'sum', column: 'Invoice' }] }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
