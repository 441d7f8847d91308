import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlTarget } from '../../../shared/contract/sql';
import { hasSharedData, sharedFile } from '../../helpers/shared-data';
import { openHarness, type SegmentHarness } from '../segment/segment-harness';
import { agreement } from './agreement';
import { duckdbEngine, postgresBin, postgresEngine, POSTGRES_SKIP, sqliteEngine, type SqlEngine } from './sql-engines';

/**
 * The models of issue 22 as SQL, executed on SQLite, DuckDB and PostgreSQL over the real files of
 * ../shared/data: decision-tree explanations (numeric, date and text splits, missing values
 * stopping at a node), k-prototypes (text modes and transformed numbers) and PCA / factor scores
 * (numbers, within the check's relative 1e-9) agree with the app customer by customer.
 */
const pgBin = postgresBin();
if (!pgBin) console.warn(POSTGRES_SKIP);

interface Case {
  name: string;
  target: SqlTarget;
}

describe.skipIf(!hasSharedData)('generated SQL of trees, k-prototypes and factor models agrees with the app on ../shared/data', () => {
  let h: SegmentHarness;
  const cases: Case[] = [];

  async function importFile(path: string): Promise<string> {
    const r = await h.client.call('import.run', { path, allSheets: false });
    return r.datasets[0]!.id;
  }

  const seg = (id: string): SqlTarget => ({ kind: 'segmentation', segmentationId: id });
  const model = (id: string): SqlTarget => ({ kind: 'model', modelId: id });

  beforeAll(async () => {
    h = openHarness('sqlgen-models');
    const c = h.client;
    // 2018 orders → RFM → RFM-8; a tree explaining it on R, F, M and the last-purchase date.
    const orders = await importFile(sharedFile('cn-orders', '2018.xlsx'));
    const rfm = (await c.call('metrics.rfm', { datasetId: orders, customer: '买家会员名', date: '订单付款时间', amount: '买家实际支付金额' })).dataset.id;
    const rfm8 = (await c.call('segment.rfm8', { datasetId: rfm })).segmentation!.id;
    const tree2018 = await c.call('tree.fit', { segmentationId: rfm8, columns: ['F', 'M', '末次购买'], maxDepth: 5, minLeaf: 10 });
    cases.push({ name: '2018 tree on F, M and a date', target: model(tree2018.model.id) });
    // Bank marketing: text columns with many levels, k-prototypes and a tree on mixed columns.
    const bank = await importFile(sharedFile('bank-marketing', 'bank.csv'));
    const kp = await c.call('kproto.run', { datasetId: bank, k: 4, numeric: ['age', 'balance', 'duration'], categorical: ['job', 'marital', 'education', 'contact'] });
    cases.push({ name: 'bank k-prototypes (3 numeric, 4 text)', target: seg(kp.segmentation.id) });
    const kpLog = await c.call('kproto.run', { datasetId: bank, k: 3, numeric: ['duration', 'campaign'], categorical: ['month', 'poutcome'], transforms: ['log1p', 'zscore'], gamma: 0.75, name: 'k-原型 log' });
    cases.push({ name: 'bank k-prototypes log1p + z-score, γ given', target: seg(kpLog.segmentation.id) });
    const treeBank = await c.call('tree.fit', { segmentationId: kp.segmentation.id, columns: ['job', 'education', 'age', 'balance', 'month'], maxDepth: 6, minLeaf: 15 });
    cases.push({ name: 'bank tree on text and numbers', target: model(treeBank.model.id) });
    const treeY = await c.call('tree.fit', { datasetId: bank, target: 'y', columns: ['poutcome', 'duration', 'contact', 'pdays'], maxDepth: 4 });
    cases.push({ name: 'bank tree explaining a label column', target: model(treeY.model.id) });
    // Mall customers: k-prototypes with the one text column.
    const mall = await importFile(sharedFile('mall-customers', 'Mall_Customers.csv'));
    const mallCols = h.store.getDataset(mall).columns.map((col) => col.name);
    const kpMall = await c.call('kproto.run', { datasetId: mall, k: 5, numeric: mallCols.slice(2), categorical: [mallCols[1]!] });
    cases.push({ name: 'mall k-prototypes', target: seg(kpMall.segmentation.id) });
    // Wholesale: PCA and maximum-likelihood factor analysis on the six spend columns.
    const wholesale = await importFile(sharedFile('wholesale-customers', 'Wholesale customers data.csv'));
    const spend = h.store.getDataset(wholesale).columns.slice(2).map((col) => col.name);
    const pca = await c.call('factor.run', { datasetId: wholesale, columns: spend, method: 'pca', factors: 3 });
    cases.push({ name: 'wholesale PCA, 3 components', target: model(pca.model.id) });
    const pcaRot = await c.call('factor.run', { datasetId: wholesale, columns: spend, method: 'pca', factors: 2, rotation: 'varimax', name: 'PCA varimax' });
    cases.push({ name: 'wholesale PCA varimax', target: model(pcaRot.model.id) });
    const fa = await c.call('factor.run', { datasetId: wholesale, columns: spend, method: 'fa', factors: 2 });
    cases.push({ name: 'wholesale factor analysis, varimax', target: model(fa.model.id) });
    const faBank = await c.call('factor.run', { datasetId: bank, columns: ['age', 'balance', 'duration', 'campaign', 'pdays', 'previous'], method: 'fa', factors: 2, rotation: 'none' });
    cases.push({ name: 'bank factor analysis, unrotated', target: model(faBank.model.id) });
  }, 180_000);

  afterAll(() => h?.close());

  async function checkAll(engine: SqlEngine): Promise<void> {
    try {
      expect(cases.length).toBe(10);
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

  it('sql.check agrees through the contract, and sql.targets lists the models', async () => {
    const listed = await h.client.call('sql.targets', {});
    for (const c of cases) {
      expect(listed.some((t) => JSON.stringify(t.target) === JSON.stringify(c.target)), c.name).toBe(true);
      const r = await h.client.call('sql.check', { target: c.target });
      expect(r.compared, c.name).toBeGreaterThan(0);
      expect(r.agree, `${c.name}: ${JSON.stringify(r.mismatches.slice(0, 3))}`).toBe(r.compared);
    }
  }, 120_000);
});
