import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/engine/cli/run-cli';
import { openHarness, type SegmentHarness } from '../segment/segment-harness';

/**
 * `kequn sql` and the sql.* contract on a project built here (no ../shared/data): a transaction
 * dataset → RFM → RFM-8, a rule scheme on a customer table, renames after saving, --check,
 * --help in both languages, --dialect all, column maps and refusals.
 */
const DAY = 86_400_000;

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const outcome = await runCli(args, { stdout: (t) => (out += t), stderr: () => undefined });
  return { code: outcome.exitCode, out };
}

describe('kequn sql and sql.* on a small project', () => {
  let h: SegmentHarness;
  let path: string;
  let rfmId: string;
  let rfm8Id: string;
  let rulesId: string;

  beforeAll(async () => {
    h = openHarness('sql-cli');
    path = h.store.path;
    // 60 orders of 12 customers over 300 days; every 7th is a return, some without an order id.
    const start = Date.UTC(2024, 0, 1);
    const rows = Array.from({ length: 60 }, (_, i) => [`客户${(i * 7) % 12}`, start + ((i * 37) % 300) * DAY + (i % 5) * 3_600_000, i % 7 === 6 ? -(i % 5) * 10 - 5 : 20 + ((i * 13) % 90), i % 9 === 0 ? null : `SO${i >> 1}`]);
    const orders = h.store.createDataset(
      {
        name: '订单',
        kind: 'import',
        source: 'test',
        columns: [
          { name: '客户', originalHeader: null, type: 'text' },
          { name: '下单时间', originalHeader: null, type: 'datetime' },
          { name: '金额', originalHeader: null, type: 'decimal' },
          { name: '订单号', originalHeader: null, type: 'text' },
        ],
      },
      rows,
    ).id;
    rfmId = (await h.client.call('metrics.rfm', { datasetId: orders, customer: '客户', date: '下单时间', amount: '金额', order: '订单号', returns: 'net' })).dataset.id;
    rfm8Id = (await h.client.call('segment.rfm8', { datasetId: rfmId })).segmentation!.id;
    const customers = h.store.createDataset(
      {
        name: '会员',
        kind: 'import',
        source: 'test',
        columns: [
          { name: '编号', originalHeader: null, type: 'text' },
          { name: '等级', originalHeader: null, type: 'text' },
          { name: '积分', originalHeader: null, type: 'integer' },
        ],
      },
      Array.from({ length: 30 }, (_, i) => [`M${i}`, ['金', '银', '铜', null][i % 4]!, i % 6 === 5 ? null : i * 37]),
    ).id;
    rulesId = (
      await h.client.call('segment.rules', {
        datasetId: customers,
        scheme: { name: '会员分层', defaultSegment: '其他', rules: [{ segment: '金卡高积分', when: [{ column: '等级', op: 'eq', value: '金' }, { column: '积分', op: 'gte', value: 300 }] }, { segment: '无等级', when: [{ column: '等级', op: 'isEmpty' }] }] },
      })
    ).segmentation!.id;
  });
  afterAll(() => h?.close());

  it('sql.targets lists the RFM definition and both segmentations with their sources', async () => {
    const targets = await h.client.call('sql.targets', {});
    expect(targets.map((t) => [t.model, t.defaultFrom])).toEqual([
      ['rfm', 'transactions'],
      ['rfm8', 'transactions'],
      ['rules', 'customers'],
    ]);
    expect(targets[0]!.sourceColumns).toEqual(['客户', '下单时间', '金额', '订单号']);
    expect(targets[2]!.sourceColumns).toEqual(['编号', '等级', '积分']);
  });

  it('a rename after saving is in the SQL, and --check still agrees customer by customer', async () => {
    await h.client.call('segment.updateTexts', { segmentationId: rfm8Id, segments: [{ segment: '重要价值客户', name: '金牌客户' }] });
    const sql = await h.client.call('sql.export', { target: { kind: 'segmentation', segmentationId: rfm8Id }, dialect: 'postgres' });
    expect(sql.sql).toContain("'金牌客户'");
    expect(sql.sql).not.toContain("'重要价值客户'");
    const check = await h.client.call('sql.check', { target: { kind: 'segmentation', segmentationId: rfm8Id } });
    expect(check.compared).toBe(h.store.getDataset(rfmId).rowCount);
    expect(check.agree).toBe(check.compared);
    const rules = await h.client.call('sql.check', { target: { kind: 'segmentation', segmentationId: rulesId } });
    expect([rules.unit, rules.compared, rules.agree]).toEqual(['rows', 30, 30]);
  });

  it('--check prints the agreement in Chinese and English', async () => {
    const n = h.store.getDataset(rfmId).rowCount;
    const zh = await cli(['sql', '--project', path, '--segmentation', rfm8Id, '--check']);
    expect(zh.code).toBe(0);
    expect(zh.out.trim()).toBe(`${n} / ${n} 位客户一致`);
    const en = await cli(['sql', '--project', path, '--rfm', rfmId, '--check', '--lang', 'en']);
    expect(en.out.trim()).toBe(`${n} / ${n} customers agree`);
  });

  it('--help is complete in both languages', async () => {
    const zh = await cli(['sql', '--help']);
    const en = await cli(['sql', '--help', '--lang', 'en']);
    for (const d of ['sqlite', 'duckdb', 'postgres', 'mysql', 'clickhouse', 'spark']) {
      expect(zh.out).toContain(d);
      expect(en.out).toContain(d);
    }
    expect(zh.out).toContain('五分位按名次');
    expect(zh.out).toContain('join_use_nulls');
    expect(en.out).toContain('a customer at the median is low');
    expect(en.out).toContain('--check');
  });

  it('--dialect all --out writes one file per dialect; --map and --table rename the source', async () => {
    const dir = join(h.dir, 'sql-out');
    const all = await cli(['sql', '--project', path, '--segmentation', rfm8Id, '--dialect', 'all', '--out', dir, '--json']);
    expect(all.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['RFM细分.clickhouse.sql', 'RFM细分.duckdb.sql', 'RFM细分.mysql.sql', 'RFM细分.postgres.sql', 'RFM细分.spark.sql', 'RFM细分.sqlite.sql']);
    expect(readFileSync(join(dir, 'RFM细分.mysql.sql'), 'utf8')).toContain('`金牌客户`'.replace(/`/g, "'"));
    const mapped = await cli(['sql', '--project', path, '--rfm', rfmId, '--dialect', 'spark', '--table', 'dw.orders', '--map', '客户=cust_id,下单时间=order_time', '--map', '金额=pay_amount', '--as-of', 'latest']);
    expect(mapped.out).toContain('FROM `dw`.`orders` src');
    expect(mapped.out).toContain('src.`cust_id`');
    expect(mapped.out).toContain('src.`pay_amount`');
    expect(mapped.out).toContain('DATE_ADD(MAX(purchase_day), 1)');
  });

  it('templates, lifecycle from the first purchase, k-means with missing values dropped: --check agrees on every row', async () => {
    const day = (d: number): number => Date.UTC(2024, 0, 1) + d * DAY + (d % 3) * 3_600_000;
    const ds = h.store.createDataset(
      {
        name: '客户表',
        kind: 'import',
        source: 'test',
        columns: [
          { name: '客户', originalHeader: null, type: 'text' },
          { name: 'R', originalHeader: null, type: 'integer' },
          { name: 'F', originalHeader: null, type: 'integer' },
          { name: 'M', originalHeader: null, type: 'decimal' },
          { name: '首次购买', originalHeader: null, type: 'datetime' },
          { name: '渠道', originalHeader: null, type: 'text' },
        ],
      },
      Array.from({ length: 40 }, (_, i) => [`K${i}`, i % 11 === 3 ? null : (i * 23) % 400, i % 13 === 0 ? 0 : 1 + (i % 6), i % 17 === 4 ? null : 10 + ((i * 71) % 900), i % 19 === 7 ? null : day((i * 29) % 360), ['线上', '门店', null][i % 3]!]),
    ).id;
    const template = await h.client.call('segment.templates.apply', { datasetId: ds, templateId: 'rfm8' });
    const lifecycle = await h.client.call('segment.lifecycle', { datasetId: ds, name: '首购生命周期' });
    const km = await h.client.call('cluster.run', { datasetId: ds, k: 3, features: [{ column: 'M', transforms: ['log1p', 'zscore'] }, { column: 'R' }, { column: '渠道' }], missing: 'drop' });
    expect(km.missing.rowsDropped).toBeGreaterThan(0);
    for (const id of [template.segmentation!.id, lifecycle.segmentation!.id, km.segmentation.id]) {
      const r = await h.client.call('sql.check', { target: { kind: 'segmentation', segmentationId: id } });
      expect([r.from, r.compared, r.agree], id).toEqual(['customers', 40, 40]);
    }
    const sql = await h.client.call('sql.export', { target: { kind: 'segmentation', segmentationId: lifecycle.segmentation!.id }, dialect: 'duckdb' });
    expect(sql.sql).toContain('lifecycle_as_of');
  });

  it('refusals: transactions for a customer-table model, a bad dialect, no target', async () => {
    const r = await cli(['sql', '--project', path, '--segmentation', rulesId, '--from', 'transactions', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.code).toBe('VALIDATION');
    const d = await cli(['sql', '--project', path, '--segmentation', rulesId, '--dialect', 'oracle', '--json']);
    expect(JSON.parse(d.out).error.code).toBe('VALIDATION');
    const none = await cli(['sql', '--project', path, '--json']);
    expect(JSON.parse(none.out).error.messageZh).toContain('--segmentation');
  });
});
