import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../shared/contract/json';
import { runCli } from '../../../electron/engine/cli/run-cli';
import { simulateTransactions } from '../../../electron/engine/clv/simulate';
import { addDataset, columnByName, openTestProject, type TestProject } from '../cluster/engine-helpers';

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };
const START = Date.UTC(1997, 0, 1) / 86_400_000;
const DAY_MS = 86_400_000;

/** CDNOW-like transactions: first purchases in the first 12 weeks of 1997, observed 78 weeks. */
function transactions(customers: number, seed: number): CellValue[][] {
  const rows: CellValue[][] = [];
  simulateTransactions({ customers, bgnbd: BG, gammaGamma: GG, seed, unitDays: 7, acquisitionDays: 84, endDay: 546 }, (c, d, a) => {
    rows.push([`C${String(c).padStart(5, '0')}`, (START + d) * DAY_MS, a, `O${rows.length}`]);
  });
  return rows;
}

describe('clv.fit through the engine', () => {
  let t: TestProject;
  let ds: string;
  beforeAll(async () => {
    t = await openTestProject();
    const rows = transactions(4000, 3);
    // A cancelled invoice and an unpaid order (no date), as RFM sees them in shop exports.
    rows.push(['C00001', (START + 30) * DAY_MS, 50, 'C999'], ['C00002', null, 20, 'O-unpaid']);
    ds = addDataset(
      t.store,
      '订单',
      [
        ['客户', 'text'],
        ['下单日期', 'date'],
        ['金额', 'decimal'],
        ['订单号', 'text'],
      ],
      rows,
    );
  });
  afterAll(() => t.close());

  it('fits, writes the customer dataset, the tiers segmentation and the model, reporting progress', async () => {
    const labels = new Set<string>();
    const r = await t.client.call(
      'clv.fit',
      { datasetId: ds, customer: '客户', date: '下单日期', amount: '金额', order: '订单号', unit: 'week', calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' },
      { onProgress: (p) => labels.add(p.label) },
    );
    // Progress frames are throttled, so short stages may not show; the fit reports every iteration.
    expect([...labels]).toContain('clvFit');
    expect([...labels].every((l) => ['read', 'clvSummary', 'clvFit', 'clvPredict', 'save'].includes(l))).toBe(true);
    const m = r.model;
    expect(m.data.excluded).toMatchObject({ returns: 1, missingDate: 1 });
    expect(m.data.customers).toBe(4000);
    expect(m.inputs).toMatchObject({ unit: 'week', unitDays: 7, calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', predictPeriods: 52, tiers: 5 });
    // Parameters within three standard errors of the ones the data were drawn from.
    const se = m.bgnbd.standardErrors!;
    expect(Math.abs(m.bgnbd.r - BG.r)).toBeLessThan(3 * se.r);
    expect(Math.abs(m.bgnbd.alpha - BG.alpha)).toBeLessThan(3 * se.alpha);
    expect(Math.abs(m.bgnbd.a - BG.a)).toBeLessThan(3 * se.a);
    expect(Math.abs(m.bgnbd.b - BG.b)).toBeLessThan(3 * se.b);
    expect(m.bgnbd.converged).toBe(true);
    expect(m.gammaGamma!.independenceWarning).toBe(false);
    // Holdout: predicted repeat purchases within 10% of what happened.
    expect(Math.abs(m.holdout!.relativeError!)).toBeLessThan(0.1);
    expect(m.holdout!.byFrequency).toHaveLength(8);
    expect(m.tracking.dates[0]).toBe('1997-01-01');
    expect(m.tracking.dates.at(-1)).toBe('1998-06-30');
    expect(m.tracking.actual.at(-1)).toBe(m.data.repeatPurchases + m.holdout!.actualTotal);
    // Tiers: five, 20% each (ties aside), top tier holding the most value.
    expect(m.tiers.map((x) => x.name)).toEqual(['T1 前20%', 'T2 20–40%', 'T3 40–60%', 'T4 60–80%', 'T5 后20%']);
    expect(m.tiers.reduce((s, x) => s + x.customers, 0)).toBe(4000);
    expect(m.tiers[0]!.clvShare).toBeGreaterThan(m.tiers[4]!.clvShare);
    expect(m.rfmCross.rows).toHaveLength(8);

    const out = t.store.getDataset(r.dataset.id);
    expect(out.rowCount).toBe(4000);
    expect(out.columns.map((c) => c.name)).toEqual([
      '客户',
      '首次购买',
      '末次购买',
      '重复购买次数',
      '首末间隔(周)',
      '观察期(周)',
      '重复购买均额',
      '活跃概率',
      '预计购买次数(未来52周)',
      '预计客单价',
      'CLV(12个月)',
      'R(天)',
      'F',
      'M',
      'RFM细分',
      '验证期实际购买',
      '验证期预测购买',
      'CLV分层',
    ]);
    const x = columnByName(t.store, out.id, '重复购买次数') as number[];
    const f = columnByName(t.store, out.id, 'F') as number[];
    expect(x.every((v, i) => f[i] === v + 1)).toBe(true);
    const tiers = columnByName(t.store, out.id, 'CLV分层') as string[];
    expect(new Set(tiers).size).toBe(5);
    const seg = await t.client.call('segmentations.get', { segmentationId: r.segmentation.id });
    expect(seg).toMatchObject({ method: 'clv', name: 'CLV分层', datasetId: out.id });
    expect(seg.segments.map((s) => s.count)).toEqual(m.tiers.map((x) => x.customers));

    // Stored and listed, from both datasets.
    expect(await t.client.call('clv.get', { modelId: m.id })).toEqual(m);
    expect((await t.client.call('clv.list', { datasetId: ds })).map((i) => i.id)).toEqual([m.id]);
    expect((await t.client.call('clv.list', { datasetId: out.id })).map((i) => i.id)).toEqual([m.id]);
  });

  it('is cancellable and then writes nothing', async () => {
    const before = t.store.listDatasets().length;
    const controller = new AbortController();
    const run = t.client.call(
      'clv.fit',
      { datasetId: ds, customer: '客户', date: '下单日期', amount: '金额', unit: 'day' },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.label === 'clvFit') controller.abort();
        },
      },
    );
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(t.store.listDatasets()).toHaveLength(before);
  });

  it('refuses data it cannot fit with a coded bilingual error', async () => {
    const tiny = addDataset(
      t.store,
      '小',
      [
        ['客户', 'text'],
        ['日期', 'date'],
        ['金额', 'decimal'],
      ],
      [
        ['a', Date.UTC(2024, 0, 1), 10],
        ['b', Date.UTC(2024, 0, 2), 10],
      ],
    );
    await expect(t.client.call('clv.fit', { datasetId: tiny, customer: '客户', date: '日期', amount: '金额' })).rejects.toMatchObject({ code: 'CLV_INVALID' });
    await expect(t.client.call('clv.fit', { datasetId: ds, customer: '客户', date: '下单日期', amount: '金额', holdoutEnd: '1998-01-01' })).rejects.toMatchObject({
      code: 'CLV_INVALID',
      messageZh: expect.stringContaining('校准期'),
    });
    await expect(t.client.call('clv.fit', { datasetId: ds, customer: '客户', date: '客户', amount: '金额' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('a stored model this build cannot read is left out of the list and reported by clv.get', async () => {
    const r = await t.client.call('clv.fit', { datasetId: ds, customer: '客户', date: '下单日期', amount: '金额', unit: 'week', name: '坏记录' });
    // Another program (or a later version) leaves a record this build cannot read.
    const other = new Database(t.store.path);
    other.prepare('UPDATE clv_models SET model_json = ? WHERE id = ?').run(JSON.stringify({ id: r.model.id }), r.model.id);
    other.close();
    expect((await t.client.call('clv.list', {})).map((m) => m.id)).not.toContain(r.model.id);
    await expect(t.client.call('clv.get', { modelId: r.model.id })).rejects.toMatchObject({ code: 'CLV_INVALID', messageZh: expect.stringContaining('已损坏') });
    await t.client.call('datasets.remove', { datasetId: r.dataset.id });
  });

  it('removing the customer dataset removes its model', async () => {
    const r = await t.client.call('clv.fit', { datasetId: ds, customer: '客户', date: '下单日期', amount: '金额', unit: 'month', name: '临时' });
    expect(r.model.inputs.predictPeriods).toBe(12);
    await t.client.call('datasets.remove', { datasetId: r.dataset.id });
    await expect(t.client.call('clv.get', { modelId: r.model.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('CLI: clv fit prints the agreed JSON; --help states the conventions in both languages', async () => {
    t.engine.dispose();
    const out: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: () => undefined };
    const project = join(t.dir, 'test.kqn');
    const run = await runCli(['clv', 'fit', '--project', project, '--dataset', '订单', '--customer', '客户', '--date', '下单日期', '--amount', '金额', '--unit', 'week', '--calibration-end', '1997-09-30', '--json'], io);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(out.pop()!) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['model', 'dataset', 'segmentation', 'customers', 'repeatCustomers', 'calibrationEnd', 'holdoutEnd', 'unit', 'bgnbd', 'gammaGamma', 'holdout', 'clv', 'tiers', 'warnings']);
    expect(json).toMatchObject({ calibrationEnd: '1997-09-30', holdoutEnd: null, unit: 'week', holdout: null });
    const bad = await runCli(['clv', 'fit', '--project', project, '--dataset', '订单', '--customer', '客户', '--date', '下单日期', '--amount', '金额', '--unit', 'year', '--json'], io);
    expect(bad.exitCode).toBe(2);
    expect(JSON.parse(out.pop()!)).toMatchObject({ error: { code: 'VALIDATION' } });
    await runCli(['clv', '--help', '--lang', 'zh'], io);
    const zh = out.pop()!;
    expect(zh).toContain('同一客户同一天的多笔订单算一次购买');
    expect(zh).toContain('38.86 周');
    await runCli(['clv', '--help', '--lang', 'en'], io);
    const en = out.pop()!;
    expect(en).toContain('A purchase is a purchase DAY');
    expect(en).toContain('30.4375 days');
  });
});
