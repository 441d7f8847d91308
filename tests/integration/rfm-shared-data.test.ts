import { readFileSync } from 'node:fs';
import { rowsOf } from '../helpers/store-access';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { Engine } from '../../electron/engine/host/engine';
import type { ProjectStore } from '../../electron/engine/store/project-store';
import type { EngineClient } from '../../shared/rpc/client';
import type { RfmResult } from '../../shared/contract/metrics';
import { hasSharedData, sharedFile } from '../helpers/shared-data';
import { tempDir } from '../helpers/temp';

/**
 * RFM on a real Taobao export (cn-orders/2018.xlsx). The workbook goes through the project's
 * importer; the expected figures are computed independently from a SheetJS read of the same file
 * (and three customers by hand from their rows). Only paid rows count: unpaid orders have no
 * payment time, so they are excluded as "missing date".
 */
describe.skipIf(!hasSharedData)('RFM on cn-orders/2018.xlsx', () => {
  const tmp = tempDir('kequn-rfm-');
  let engine: Engine;
  let store: ProjectStore;
  let client: EngineClient;
  let datasetId: string;
  let rfm: RfmResult;
  let raw: Record<string, unknown>[];

  beforeAll(async () => {
    engine = new Engine({ dataDir: join(tmp.dir, 'home') });
    store = await engine.openProject(join(tmp.dir, 'p.kequn'), { create: true });
    client = engine.createClient();
    const file = sharedFile('cn-orders', '2018.xlsx');
    const imported = await client.call('import.run', { path: file });
    datasetId = imported.datasets[0]!.id;
    rfm = await client.call('metrics.rfm', { datasetId, customer: '买家会员名', date: '订单付款时间', amount: '买家实际支付金额' });
    const wb = XLSX.read(readFileSync(file), { cellDates: true });
    raw = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]!]!, { defval: null });
  });
  afterAll(() => {
    engine?.dispose();
    tmp.cleanup();
  });

  it('the file has the documented facts', () => {
    expect(raw).toHaveLength(1784);
    const total = raw.reduce((s, r) => s + Number(r['买家实际支付金额']), 0);
    expect(total).toBeCloseTo(219_511.61, 2);
    expect(new Set(raw.map((r) => r['买家会员名'])).size).toBe(1439);
    expect(raw.filter((r) => r['订单付款时间'] === null)).toHaveLength(317);
  });

  it('counts customers and totals over the paid rows', () => {
    const paid = raw.filter((r) => r['订单付款时间'] !== null);
    expect(rfm.excluded).toEqual({ missingCustomer: 0, missingDate: 317, invalidAmount: 0, returns: 0, afterAsOf: 0 });
    expect(rfm.usedRows).toBe(paid.length);
    expect(rfm.dataset).toMatchObject({ name: 'RFM-2018', rows: new Set(paid.map((r) => r['买家会员名'])).size });
    expect(rfm.dataset.rows).toBe(1122);
    expect(rfm.asOf).toBe('2019-01-01');
    const paidTotal = paid.reduce((s, r) => s + Number(r['买家实际支付金额']), 0);
    expect(rfm.summary.M.mean * rfm.dataset.rows).toBeCloseTo(paidTotal, 1);
    expect(rfm.summary.F).toMatchObject({ min: 1, max: 7, median: 1 });
  });

  it('matches hand-computed customers', async () => {
    const rows = readRfmRows(store, rfm.dataset.id);
    const day = (s: string): number => Date.parse(`${s}T00:00:00Z`);
    expect(rows.get('mr1725')).toEqual({ R: 297, F: 3, M: 372.72, 客单价: 124.24, 首次购买: day('2018-01-02'), 末次购买: day('2018-03-10'), '客龄(天)': 364 });
    // Two identical rows on 2018-03-09 are one purchase day.
    expect(rows.get('mr0740')).toEqual({ R: 51, F: 5, M: 877.11, 客单价: 175.422, 首次购买: day('2018-01-15'), 末次购买: day('2018-11-11'), '客龄(天)': 351 });
    expect(rows.get('mr0719')).toMatchObject({ R: 178, F: 6, M: 382.02, '客龄(天)': 361 });
  });

  it('records how the dataset was made and keeps the agreed column names', async () => {
    const ds = await client.call('datasets.get', { datasetId: rfm.dataset.id });
    expect(ds.kind).toBe('derived');
    expect(ds.columns.map((c) => c.name)).toEqual(['买家会员名', 'R', 'F', 'M', '客单价', '首次购买', '末次购买', '客龄(天)']);
  });
});

/** The RFM table keyed by customer, values by column name. */
function readRfmRows(store: ProjectStore, datasetId: string): Map<string, Record<string, unknown>> {
  const ds = store.getDataset(datasetId);
  const out = new Map<string, Record<string, unknown>>();
  for (const row of rowsOf(store, ds.id)) {
    const named: Record<string, unknown> = {};
    for (const c of ds.columns.slice(1)) named[c.name] = row[c.key];
    out.set(String(row[ds.columns[0]!.key]), named);
  }
  return out;
}
