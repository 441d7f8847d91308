import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/engine/cli/run-cli';
import { Engine } from '../../electron/engine/host/engine';
import type { ProjectStore } from '../../electron/engine/store/project-store';
import type { EngineClient } from '../../shared/rpc/client';
import { hasSharedData, sharedFile } from '../helpers/shared-data';
import { tempDir } from '../helpers/temp';
import { columnValues } from '../helpers/import-project';

const COLUMNS = { customer: '买家会员名', date: '订单付款时间', amount: '买家实际支付金额' };

/**
 * Customer value on the real Taobao exports (days as unit). The customer table must agree with
 * the RFM preset on the same columns — same customers, same R, F (purchase days) and M — since
 * both read the same transactions by the same rules.
 */
describe.skipIf(!hasSharedData)('CLV on the cn-orders files', () => {
  const tmp = tempDir('kequn-clv-shared-');
  let engine: Engine;
  let store: ProjectStore;
  let client: EngineClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
    store = await engine.openProject(join(tmp.dir, 'p.kequn'), { create: true });
    client = engine.createClient();
    for (const f of ['2018.xlsx', 'TB.xls', 'mingribooks.xls']) {
      const imported = await client.call('import.run', { path: sharedFile('cn-orders', f) });
      ids[f] = imported.datasets[0]!.id;
    }
  });
  afterAll(() => {
    engine?.dispose();
    tmp.cleanup();
  });

  it('2018.xlsx: the customer table agrees with RFM, the fit converges, the tiers report has the CLV sheet', async () => {
    const fit = await client.call('clv.fit', { datasetId: ids['2018.xlsx']!, ...COLUMNS });
    const rfm = await client.call('metrics.rfm', { datasetId: ids['2018.xlsx']!, ...COLUMNS });
    const m = fit.model;
    // 1,784 rows, 317 unpaid (no payment time): the same rows left out as in RFM.
    expect(m.data.excluded.missingDate).toBe(rfm.excluded.missingDate);
    expect(m.data.customers).toBe(rfm.dataset.rows);
    // RFM's analysis date is the day after the last purchase; calibration ends on that purchase day.
    expect(Date.parse(m.inputs.calibrationEnd) + 86_400_000).toBe(Date.parse(rfm.asOf));
    const clvCustomers = columnValues(store, fit.dataset.id, '买家会员名');
    const rfmCustomers = columnValues(store, rfm.dataset.id, '买家会员名');
    expect(clvCustomers).toEqual(rfmCustomers);
    for (const [clvCol, rfmCol] of [
      ['R(天)', 'R'],
      ['F', 'F'],
      ['M', 'M'],
    ] as const) {
      const a = columnValues(store, fit.dataset.id, clvCol) as number[];
      const b = columnValues(store, rfm.dataset.id, rfmCol) as number[];
      a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 2));
    }
    expect(m.bgnbd.converged).toBe(true);
    expect(m.bgnbd.agreeingStarts).toBeGreaterThanOrEqual(2);
    expect(m.data.repeatCustomers).toBeGreaterThan(50);
    expect(m.summary.clvTotal).toBeGreaterThan(0);
    const path = join(tmp.dir, 'clv-2018.xlsx');
    const report = await client.call('exports.report', { segmentationId: fit.segmentation.id, path, sheets: ['overview', 'clv'] });
    expect(report.sheets).toEqual(['概览', '客户价值预测']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.getWorksheet('客户价值预测')!.getImages().length).toBe(3);
  }, 180_000);

  it('TB.xls and mingribooks.xls from the command line: a degenerate fit is flagged, a file without repeat buyers refused', async () => {
    engine.dispose();
    const out: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: () => undefined };
    const project = join(tmp.dir, 'p.kequn');
    const args = (d: string): string[] => ['clv', 'fit', '--project', project, '--dataset', d, '--customer', COLUMNS.customer, '--date', COLUMNS.date, '--amount', COLUMNS.amount, '--unit', 'day', '--json'];
    const tb = await runCli(args('TB'), io);
    expect(tb.exitCode).toBe(0);
    const r = JSON.parse(out.pop()!) as { customers: number; warnings: { code: string }[]; tiers: { customers: number }[] };
    expect(r.customers).toBeGreaterThan(3000);
    // Almost nobody buys twice in TB.xls: the fit runs to the edge of the parameter space and says so.
    expect(r.warnings.map((w) => w.code)).toContain('BGNBD_BOUNDARY');
    expect(r.tiers.reduce((s, t) => s + t.customers, 0)).toBe(r.customers);
    const none = await runCli(args('mingribooks'), io);
    expect(none.exitCode).toBe(2);
    expect(JSON.parse(out.pop()!)).toMatchObject({ error: { code: 'CLV_INVALID', messageZh: expect.stringContaining('重复购买') } });
  }, 180_000);
});
