import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/host/engine';
import type { ProjectStore } from '../../electron/engine/store/project-store';
import type { ImportedDataset } from '../../shared/contract/import';
import type { RfmStats } from '../../shared/contract/metrics';
import type { EngineClient } from '../../shared/rpc/client';
import { booleanText } from '../../shared/format/boolean-labels';
import { columnValues } from '../helpers/import-project';
import { hasSharedData, sharedFile } from '../helpers/shared-data';
import { tempDir } from '../helpers/temp';

/**
 * Issue 19: the engine agrees with figures computed without it. Two sources: the facts listed in
 * ../shared/data/README.md (stated to the README's precision), and pandas/scipy figures written by
 * scripts/fidelity-independent-figures.py into tests/fixtures/fidelity (RFM, group means, χ²).
 * Every figure here is computed by the engine's own methods (rows.stats, rows.distinct,
 * metrics.rfm, metrics.groupBy, crosstab.run), not by summing cells in the test.
 */
interface Figures {
  rfm_2018: RfmFigures;
  rfm_jan: RfmFigures;
  rfm_meal: RfmFigures;
  wholesale_by_channel: Record<string, Record<string, number>>;
  wholesale_chi2: Chi2Figures;
  bank_by_y: Record<string, Record<string, number>>;
  bank_chi2_job_y: Chi2Figures;
  mall_by_genre: Record<string, Record<string, number>>;
}
interface RfmFigures {
  asOf: string;
  usedRows: number;
  customers: number;
  R: RfmStats;
  F: RfmStats;
  M: RfmStats;
  totalM: number;
}
interface Chi2Figures {
  statistic: number;
  df: number;
  p: number;
}

const FIGURES = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'fidelity', 'independent-figures.json'), 'utf8')) as Figures;

describe.skipIf(!hasSharedData)('independent figures on ../shared/data', () => {
  const tmp = tempDir('kequn-figures-');
  let engine: Engine;
  let store: ProjectStore;
  let client: EngineClient;
  const imported = new Map<string, ImportedDataset>();

  beforeAll(async () => {
    engine = new Engine({ dataDir: join(tmp.dir, 'home') });
    store = await engine.openProject(join(tmp.dir, 'p.kequn'), { create: true });
    client = engine.createClient();
  });
  afterAll(() => {
    engine?.dispose();
    tmp.cleanup();
  });

  async function dataset(...parts: string[]): Promise<ImportedDataset> {
    const key = parts.join('/');
    if (!imported.has(key)) imported.set(key, (await client.call('import.run', { path: sharedFile(...parts) })).datasets[0]!);
    return imported.get(key)!;
  }
  const keyOf = (ds: ImportedDataset, name: string): string => store.getDataset(ds.id).columns.find((c) => c.name === name)!.key;
  async function stats(ds: ImportedDataset, name: string) {
    return client.call('rows.stats', { datasetId: ds.id, column: keyOf(ds, name), top: 20 });
  }
  /** Value counts by the value's text (yes/no columns in their words). */
  async function counts(ds: ImportedDataset, name: string): Promise<Record<string, number>> {
    const col = store.getDataset(ds.id).columns.find((c) => c.name === name)!;
    const r = await client.call('rows.distinct', { datasetId: ds.id, column: col.key });
    const text = (v: unknown): string => (col.type === 'boolean' && (typeof v === 'boolean' || typeof v === 'number') ? booleanText(v, col.labels) : String(v));
    return Object.fromEntries(r.values.map((v) => [text(v.value), v.count]));
  }

  describe('the facts in README.md', () => {
    it('Mall_Customers.csv: means of Age, income, score; Female 112 / Male 88', async () => {
      const ds = await dataset('mall-customers', 'Mall_Customers.csv');
      expect(ds.rows).toBe(200);
      expect((await stats(ds, 'Age')).mean).toBeCloseTo(38.85, 2);
      expect((await stats(ds, 'Annual Income (k$)')).mean).toBeCloseTo(60.56, 2);
      expect((await stats(ds, 'Spending Score (1-100)')).mean).toBeCloseTo(50.2, 2);
      expect(await counts(ds, 'Genre')).toEqual({ Female: 112, Male: 88 });
    });

    it('Wholesale customers: Channel 298/142, Region 77/47/316, the six category means', async () => {
      const ds = await dataset('wholesale-customers', 'Wholesale customers data.csv');
      expect(ds.rows).toBe(440);
      expect(await counts(ds, 'Channel')).toEqual({ 1: 298, 2: 142 });
      expect(await counts(ds, 'Region')).toEqual({ 1: 77, 2: 47, 3: 316 });
      const means = { Fresh: 12000.2977, Milk: 5796.2659, Grocery: 7951.2773, Frozen: 3071.9318, Detergents_Paper: 2881.4932, Delicassen: 1524.8705 };
      for (const [name, mean] of Object.entries(means)) expect((await stats(ds, name)).mean, name).toBeCloseTo(mean, 4);
    });

    it('bank.csv: 4,521 customers, y=yes 521', async () => {
      const ds = await dataset('bank-marketing', 'bank.csv');
      expect(ds.rows).toBe(4521);
      expect((await counts(ds, 'y')).yes).toBe(521);
    });

    it('online retail II excerpt: two sheets of 499 rows, the listed columns, C-invoices', async () => {
      const r = await client.call('import.run', { path: sharedFile('online-retail-ii-excerpt', 'online_retail_II__excerpt.xlsx'), allSheets: true });
      expect(r.datasets.map((d) => d.rows)).toEqual([499, 499]);
      expect(r.datasets.map((d) => d.name.replace(/^.*?(Year)/, '$1'))).toEqual(['Year 2009-2010', 'Year 2010-2011']);
      for (const d of r.datasets) {
        expect(d.columns.map((c) => c.name)).toEqual(['Invoice', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'Price', 'Customer ID', 'Country']);
        const cancelled = (await client.call('rows.count', { datasetId: d.id, filters: [{ kind: 'text', column: keyOf(d, 'Invoice'), op: 'startsWith', value: 'C', caseSensitive: true }] })).filteredRows;
        expect(cancelled, d.name).toBeGreaterThan(0);
      }
    });

    it('cn-orders/2018.xlsx: 1,784 rows, Σ 219,511.61, 1,439 buyers, 317 unpaid', async () => {
      const ds = await dataset('cn-orders', '2018.xlsx');
      expect(ds.rows).toBe(1784);
      expect((await stats(ds, '买家实际支付金额')).sum).toBeCloseTo(219_511.61, 2);
      expect((await stats(ds, '买家会员名')).distinct).toBe(1439);
      expect((await stats(ds, '订单付款时间')).missing).toBe(317);
      expect(store.getDataset(ds.id).columns.find((c) => c.name === '宝贝标题')!.originalHeader).toBe('宝贝标题 ');
    });

    it('cn-orders/TB.xls: 4,103 rows, Σ 556,866.33, 3,952 buyers, 3,131 + 972 dates in one column', async () => {
      const ds = await dataset('cn-orders', 'TB.xls');
      expect(ds.rows).toBe(4103);
      expect((await stats(ds, '买家实际支付金额')).sum).toBeCloseTo(556_866.33, 2);
      expect((await stats(ds, '买家会员名')).distinct).toBe(3952);
      const paid = await stats(ds, '订单付款时间');
      // Real date cells and text dates are one date column: every non-empty cell is a date.
      expect(paid.invalid).toBe(0);
      expect(paid.count).toBeGreaterThanOrEqual(3131 + 972);
    });

    it('cn-orders/mingribooks.xls: 704 rows, Σ 111,219.80, 交易成功 627', async () => {
      const ds = await dataset('cn-orders', 'mingribooks.xls');
      expect(ds.rows).toBe(704);
      expect((await stats(ds, '买家实际支付金额')).sum).toBeCloseTo(111_219.8, 2);
      expect((await counts(ds, '订单状态'))['交易成功']).toBe(627);
    });

    it('cn-orders/1月.csv: Σ 4,085.86', async () => {
      const ds = await dataset('cn-orders', '1月.csv');
      expect((await stats(ds, '买家实际支付金额')).sum).toBeCloseTo(4085.86, 2);
    });

    it('cn-restaurant/meal_order_info.csv: Σ 465,214, 649 names, order_status 933/9/3', async () => {
      const ds = await dataset('cn-restaurant', 'meal_order_info.csv');
      expect((await stats(ds, 'accounts_payable')).sum).toBe(465_214);
      expect((await stats(ds, 'name')).distinct).toBe(649);
      expect(await counts(ds, 'order_status')).toEqual({ 0: 9, 1: 933, 2: 3 });
    });
  });

  describe('pandas / scipy figures (scripts/fidelity-independent-figures.py)', () => {
    const closeStats = (got: RfmStats, want: RfmStats, what: string): void => {
      for (const k of ['min', 'max', 'mean', 'median'] as const) expect(got[k], `${what}.${k}`).toBeCloseTo(want[k], 5);
    };
    const rfmCases = [
      { name: '2018.xlsx', parts: ['cn-orders', '2018.xlsx'], customer: '买家会员名', date: '订单付款时间', amount: '买家实际支付金额', want: FIGURES.rfm_2018 },
      { name: '1月.csv', parts: ['cn-orders', '1月.csv'], customer: '买家会员名', date: '订单付款时间', amount: '买家实际支付金额', want: FIGURES.rfm_jan },
      { name: 'meal_order_info.csv', parts: ['cn-restaurant', 'meal_order_info.csv'], customer: 'name', date: 'use_start_time', amount: 'accounts_payable', want: FIGURES.rfm_meal },
    ];
    for (const c of rfmCases) {
      it(`RFM on ${c.name}: as-of, rows used, customers, R/F/M min, max, mean, median`, async () => {
        const ds = await dataset(...c.parts);
        const rfm = await client.call('metrics.rfm', { datasetId: ds.id, customer: c.customer, date: c.date, amount: c.amount });
        expect(rfm.asOf).toBe(c.want.asOf);
        expect(rfm.usedRows).toBe(c.want.usedRows);
        expect(rfm.dataset.rows).toBe(c.want.customers);
        closeStats(rfm.summary.R, c.want.R, 'R');
        closeStats(rfm.summary.F, c.want.F, 'F');
        closeStats(rfm.summary.M, c.want.M, 'M');
        const m = store.getDataset(rfm.dataset.id).columns.find((col) => col.name === 'M')!.key;
        expect((await client.call('rows.stats', { datasetId: rfm.dataset.id, column: m })).sum).toBeCloseTo(c.want.totalM, 4);
      });
    }

    const groupCases = [
      { name: 'wholesale means by Channel', parts: ['wholesale-customers', 'Wholesale customers data.csv'], key: 'Channel', want: FIGURES.wholesale_by_channel },
      { name: 'bank means by y', parts: ['bank-marketing', 'bank.csv'], key: 'y', want: FIGURES.bank_by_y },
      { name: 'mall means by Genre', parts: ['mall-customers', 'Mall_Customers.csv'], key: 'Genre', want: FIGURES.mall_by_genre },
    ];
    for (const c of groupCases) {
      it(`group means: ${c.name}`, async () => {
        const ds = await dataset(...c.parts);
        const measures = Object.keys(Object.values(c.want)[0]!);
        const out = await client.call('metrics.groupBy', {
          datasetId: ds.id,
          keys: [c.key],
          aggregations: measures.map((m) => ({ fn: 'mean' as const, column: m, name: `mean ${m}` })),
        });
        const info = store.getDataset(out.dataset.id);
        const keyCol = info.columns.find((col) => col.name === c.key)!;
        const keys = columnValues(store, out.dataset.id, c.key).map((v) => (keyCol.type === 'boolean' ? booleanText(v as number, keyCol.labels) : String(v)));
        expect(keys.sort()).toEqual(Object.keys(c.want).sort());
        for (const m of measures) {
          const values = columnValues(store, out.dataset.id, `mean ${m}`);
          const byKey = Object.fromEntries(columnValues(store, out.dataset.id, c.key).map((k, i) => [keyCol.type === 'boolean' ? booleanText(k as number, keyCol.labels) : String(k), values[i] as number]));
          for (const [k, want] of Object.entries(c.want)) expect(byKey[k], `${k} ${m}`).toBeCloseTo(want[m]!, 5);
        }
      });
    }

    const chi2Cases = [
      { name: 'wholesale Channel × Region', parts: ['wholesale-customers', 'Wholesale customers data.csv'], rows: 'Channel', cols: 'Region', want: FIGURES.wholesale_chi2 },
      { name: 'bank job × y', parts: ['bank-marketing', 'bank.csv'], rows: 'job', cols: 'y', want: FIGURES.bank_chi2_job_y },
    ];
    for (const c of chi2Cases) {
      it(`χ²: ${c.name}`, async () => {
        const ds = await dataset(...c.parts);
        const r = await client.call('crosstab.run', { datasetId: ds.id, rows: { column: c.rows }, cols: { column: c.cols } });
        expect(r.chi2.df).toBe(c.want.df);
        expect(r.chi2.statistic).toBeCloseTo(c.want.statistic, 4);
        expect(Math.abs(Math.log10(r.chi2.p!) - Math.log10(c.want.p))).toBeLessThan(1e-6);
      });
    }
  });
});
