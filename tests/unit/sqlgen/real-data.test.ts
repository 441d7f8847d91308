import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlTarget } from '../../../shared/contract/sql';
import type { TagSet } from '../../../shared/contract/segment-schemes';
import { hasSharedData, sharedFile } from '../../helpers/shared-data';
import { openHarness, type SegmentHarness } from '../segment/segment-harness';
import { agreement } from './agreement';
import { duckdbEngine, postgresBin, postgresEngine, POSTGRES_SKIP, sqliteEngine, type SqlEngine } from './sql-engines';

/**
 * Issue 23's acceptance test: the generated SQL, executed on SQLite, DuckDB and PostgreSQL over
 * the real files of ../shared/data, gives every customer the same label as the app (RFM, RFM-8
 * with mean/median/score thresholds and cut points, Pareto, lifecycle, rule schemes, tags and
 * k-means, from transactions and from customer tables).
 */
const pgBin = postgresBin();
if (!pgBin) console.warn(POSTGRES_SKIP);

interface Case {
  name: string;
  target: SqlTarget;
}

const RULES = {
  name: '价值规则',
  defaultSegment: '其他',
  rules: [
    { segment: '高价值活跃', when: [{ column: 'M', op: 'gte' as const, value: 300 }, { column: 'R', op: 'lte' as const, value: 120 }] },
    { segment: '多次购买', when: [{ column: 'F', op: 'gt' as const, value: 1 }] },
    { segment: '中等金额', when: [{ column: 'M', op: 'between' as const, min: 100, max: 299.99 }] },
    { segment: '很久未买', when: [{ column: '末次购买', op: 'lt' as const, value: '2018-04-01' }] },
  ],
};

const TAGS: TagSet = {
  name: '客户标签',
  groups: [
    { group: '活跃度', rules: [{ tag: '近期活跃', when: [{ column: 'R', op: 'lte', value: 60 }] }, { tag: '沉睡', when: [{ column: 'R', op: 'gt', value: 200 }] }] },
    { group: '价值', rules: [{ tag: '高消费', when: [{ column: 'M', op: 'gte', value: 500 }] }, { tag: '复购', when: [{ column: 'F', op: 'gte', value: 2 }] }] },
  ],
};

describe.skipIf(!hasSharedData)('generated SQL agrees label for label with the app on ../shared/data', () => {
  let h: SegmentHarness;
  const cases: Case[] = [];

  async function importFile(path: string, allSheets = false): Promise<string[]> {
    const r = await h.client.call('import.run', { path, allSheets });
    return r.datasets.map((d) => d.id);
  }

  async function rfm(datasetId: string, customer: string, date: string, amount: string, extra: { order?: string; returns?: 'exclude' | 'net'; name?: string } = {}): Promise<string> {
    const r = await h.client.call('metrics.rfm', { datasetId, customer, date, amount, ...extra });
    return r.dataset.id;
  }

  const seg = (id: string | undefined): SqlTarget => ({ kind: 'segmentation', segmentationId: id! });

  beforeAll(async () => {
    h = openHarness('sqlgen');
    const c = h.client;
    // cn-orders/2018.xlsx: every rule model from the transactions (F = distinct purchase days).
    const [orders] = await importFile(sharedFile('cn-orders', '2018.xlsx'));
    const r2018 = await rfm(orders!, '买家会员名', '订单付款时间', '买家实际支付金额');
    cases.push({ name: '2018 RFM', target: { kind: 'rfm', datasetId: r2018 } });
    cases.push({ name: '2018 RFM-8 mean', target: seg((await c.call('segment.rfm8', { datasetId: r2018 })).segmentation?.id) });
    cases.push({ name: '2018 RFM-8 median', target: seg((await c.call('segment.rfm8', { datasetId: r2018, name: '中位数', definition: { threshold: 'median' } })).segmentation?.id) });
    cases.push({ name: '2018 RFM-8 quintile score ≥ 4', target: seg((await c.call('segment.rfm8', { datasetId: r2018, name: '五分位', definition: { threshold: 'score', scoreThreshold: 4 } })).segmentation?.id) });
    cases.push({
      name: '2018 RFM-8 cut points',
      target: seg((await c.call('segment.rfm8', { datasetId: r2018, name: '分段点', definition: { threshold: 'score', cuts: { r: [30, 90, 180, 270], m: [50, 100, 200, 500] } } })).segmentation?.id),
    });
    cases.push({ name: '2018 Pareto on M', target: seg((await c.call('segment.pareto', { datasetId: r2018 })).segmentation?.id) });
    cases.push({
      name: '2018 Pareto on F (ties)',
      target: seg((await c.call('segment.pareto', { datasetId: r2018, name: '频次分层', definition: { valueColumn: 'F', shares: [50, 30, 20], labels: ['高', '中', '低'] } })).segmentation?.id),
    });
    cases.push({ name: '2018 lifecycle', target: seg((await c.call('segment.lifecycle', { datasetId: r2018 })).segmentation?.id) });
    cases.push({
      name: '2018 lifecycle with spend trend from the orders',
      target: seg(
        (
          await c.call('segment.lifecycle', {
            datasetId: r2018,
            name: '生命周期（趋势）',
            definition: { trend: { transactionsDatasetId: orders!, customerColumn: '买家会员名', keyColumn: '买家会员名', dateColumn: '订单付款时间', amountColumn: '买家实际支付金额', periodDays: 120 } },
          })
        ).segmentation?.id,
      ),
    });
    cases.push({ name: '2018 rule scheme', target: seg((await c.call('segment.rules', { datasetId: r2018, scheme: RULES })).segmentation?.id) });
    await c.call('segment.tags.apply', { datasetId: r2018, tagSet: TAGS });
    cases.push({ name: '2018 tags', target: { kind: 'tags', datasetId: r2018, tagSet: TAGS.name } });
    const km = await c.call('cluster.run', { datasetId: r2018, k: 4, features: [{ column: 'R' }, { column: 'F', transforms: ['log1p', 'zscore'] }, { column: 'M', transforms: ['log1p', 'zscore'] }] });
    cases.push({ name: '2018 k-means on R, F, M from the orders', target: seg(km.segmentation.id) });
    // TB.xls: text dates among real dates (left out as invalid), 3,952 buyers.
    const [tb] = await importFile(sharedFile('cn-orders', 'TB.xls'));
    const rtb = await rfm(tb!, '买家会员名', '订单付款时间', '买家实际支付金额');
    cases.push({ name: 'TB RFM', target: { kind: 'rfm', datasetId: rtb } });
    cases.push({ name: 'TB RFM-8 mean', target: seg((await c.call('segment.rfm8', { datasetId: rtb })).segmentation?.id) });
    cases.push({ name: 'TB Pareto', target: seg((await c.call('segment.pareto', { datasetId: rtb })).segmentation?.id) });
    // mingribooks.xls and 1月.csv (GBK).
    const [books] = await importFile(sharedFile('cn-orders', 'mingribooks.xls'));
    const rbooks = await rfm(books!, '买家会员名', '订单付款时间', '买家实际支付金额');
    cases.push({ name: 'mingribooks RFM-8 median', target: seg((await c.call('segment.rfm8', { datasetId: rbooks, definition: { threshold: 'median' } })).segmentation?.id) });
    const [jan] = await importFile(sharedFile('cn-orders', '1月.csv'));
    const rjan = await rfm(jan!, '买家会员名', '订单付款时间', '买家实际支付金额');
    cases.push({ name: '1月 RFM-8 score', target: seg((await c.call('segment.rfm8', { datasetId: rjan, definition: { threshold: 'score' } })).segmentation?.id) });
    // cn-restaurant: order ids (F = distinct orders), integer amounts.
    const [meals] = await importFile(sharedFile('cn-restaurant', 'meal_order_info.csv'));
    const rmeals = await rfm(meals!, 'name', 'use_start_time', 'accounts_payable', { order: 'order_id' });
    cases.push({ name: 'restaurant RFM (orders)', target: { kind: 'rfm', datasetId: rmeals } });
    cases.push({ name: 'restaurant RFM-8 mean', target: seg((await c.call('segment.rfm8', { datasetId: rmeals })).segmentation?.id) });
    cases.push({ name: 'restaurant lifecycle', target: seg((await c.call('segment.lifecycle', { datasetId: rmeals, definition: { newDays: 10, decliningDays: 15, churnDays: 25 } })).segmentation?.id) });
    // Online Retail II: cancelled "C" invoices, numeric customer ids, amount = Quantity × Price, both returns rules.
    const [retail] = await importFile(sharedFile('online-retail-ii-excerpt', 'online_retail_II__excerpt.xlsx'));
    await c.call('metrics.addFormulaColumn', { datasetId: retail!, formula: '[Quantity]*[Price]', name: '金额' });
    const rnet = await rfm(retail!, 'Customer ID', 'InvoiceDate', '金额', { order: 'Invoice', returns: 'net' });
    cases.push({ name: 'retail RFM, returns net', target: { kind: 'rfm', datasetId: rnet } });
    cases.push({ name: 'retail RFM-8 (net) median', target: seg((await c.call('segment.rfm8', { datasetId: rnet, definition: { threshold: 'median' } })).segmentation?.id) });
    const rex = await rfm(retail!, 'Customer ID', 'InvoiceDate', '金额', { order: 'Invoice', returns: 'exclude', name: 'RFM-零售-剔除退货' });
    cases.push({ name: 'retail RFM-8 (excluded) score', target: seg((await c.call('segment.rfm8', { datasetId: rex, definition: { threshold: 'score' } })).segmentation?.id) });
    // Mall customers: a customer table (text one-hot, rules on text and numbers, tags from a column).
    const [mall] = await importFile(sharedFile('mall-customers', 'Mall_Customers.csv'));
    const mallDs = h.store.getDataset(mall!);
    const genre = mallDs.columns[1]!.name;
    const [age, income, score] = mallDs.columns.slice(2).map((col) => col.name);
    const kmMall = await c.call('cluster.run', { datasetId: mall!, k: 5, features: [{ column: genre }, { column: age! }, { column: income! }, { column: score! }] });
    cases.push({ name: 'mall k-means with one-hot Genre', target: seg(kmMall.segmentation.id) });
    cases.push({
      name: 'mall rule scheme',
      target: seg(
        (
          await c.call('segment.rules', {
            datasetId: mall!,
            scheme: {
              name: '商场规则',
              defaultSegment: '普通',
              rules: [
                { segment: '年轻高分女性', when: [{ column: genre, op: 'eq', value: 'Female' }, { column: age!, op: 'lt', value: 30 }, { column: score!, op: 'gte', value: 60 }] },
                { segment: '高收入', when: [{ column: income!, op: 'between', min: 70, max: 200 }] },
                { segment: '男性中年', when: [{ column: genre, op: 'in', values: ['Male'] }, { column: age!, op: 'gte', value: 40 }] },
                { segment: '非女性', when: [{ column: genre, op: 'ne', value: 'Female' }] },
              ],
            },
          })
        ).segmentation?.id,
      ),
    });
    cases.push({ name: 'mall Pareto on spending score', target: seg((await c.call('segment.pareto', { datasetId: mall!, definition: { valueColumn: score!, shares: [60, 30, 10], labels: ['A', 'B', 'C'] } })).segmentation?.id) });
    const mallTags: TagSet = { name: '画像', groups: [{ group: '性别', rules: [{ fromColumn: genre, map: { Female: '女', Male: '男' }, prefix: '性别:' }] }, { group: '年龄', rules: [{ tag: '青年', when: [{ column: age!, op: 'lte', value: 30 }] }] }] };
    await c.call('segment.tags.apply', { datasetId: mall!, tagSet: mallTags });
    cases.push({ name: 'mall tags', target: { kind: 'tags', datasetId: mall!, tagSet: mallTags.name } });
    // Wholesale: log1p + z-score on six spend columns, k = 4; missing values imputed by the mean policy.
    const [wholesale] = await importFile(sharedFile('wholesale-customers', 'Wholesale customers data.csv'));
    const spend = h.store.getDataset(wholesale!).columns.slice(2).map((col) => ({ column: col.name, transforms: ['log1p', 'zscore'] as ('log1p' | 'zscore')[] }));
    const kmW = await c.call('cluster.run', { datasetId: wholesale!, k: 4, features: spend, missing: 'mean' });
    cases.push({ name: 'wholesale k-means log1p + z-score', target: seg(kmW.segmentation.id) });
  }, 120_000);

  afterAll(() => h?.close());

  async function checkAll(engine: SqlEngine): Promise<void> {
    try {
      expect(cases.length).toBe(28);
      for (const c of cases) {
        const a = await agreement(h.store, c.target, engine);
        expect(a.compared, `${engine.name} ${c.name}`).toBeGreaterThan(0);
        expect(`${a.agree} / ${a.compared} ${a.examples.join('; ')}`, `${engine.name} ${c.name}`).toBe(`${a.compared} / ${a.compared} `);
      }
    } finally {
      await engine.close();
    }
  }

  it('SQLite (better-sqlite3)', async () => checkAll(sqliteEngine()), 120_000);
  it('DuckDB (@duckdb/node-api)', async () => checkAll(await duckdbEngine()), 120_000);
  it.skipIf(!pgBin)('PostgreSQL (private server from Debian binaries, psql)', async () => checkAll(await postgresEngine(pgBin!)), 180_000);

  it('sql.check reports the same agreement through the contract', async () => {
    for (const c of cases.slice(0, 3)) {
      const r = await h.client.call('sql.check', { target: c.target });
      expect(r.compared).toBeGreaterThan(0);
      expect(r.agree, c.name).toBe(r.compared);
      expect(r.mismatches).toEqual([]);
    }
  }, 60_000);
});
