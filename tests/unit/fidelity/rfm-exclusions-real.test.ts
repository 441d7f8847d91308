import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { Engine } from '../../../electron/engine/host/engine';
import type { RfmResult } from '../../../shared/contract/metrics';
import type { EngineClient } from '../../../shared/rpc/client';
import { hasSharedData, sharedFile } from '../../helpers/shared-data';
import { tempDir } from '../../helpers/temp';

/**
 * Issue 19, case 7 on real files: the Online Retail II excerpt (cancelled "C" invoices, rows without
 * a customer) with returns netted, and a Taobao export whose unpaid orders have no payment time.
 * The expected exclusions come from a SheetJS read of the same files, not from the engine.
 */
describe.skipIf(!hasSharedData)('issue 19 case 7: RFM exclusions on ../shared/data', () => {
  const tmp = tempDir('kequn-rfm-exclusions-real-');
  let engine: Engine;
  let client: EngineClient;

  beforeAll(async () => {
    engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
    await engine.openProject(join(tmp.dir, 'p.kequn'), { create: true });
    client = engine.createClient();
  });
  afterAll(() => {
    engine?.dispose();
    tmp.cleanup();
  });

  const byCode = (r: RfmResult): Record<string, { count: number; amount: number | null }> => Object.fromEntries(r.exclusions.map((e) => [e.code, { count: e.count, amount: e.amount }]));

  it('Online Retail II with --returns net: netted return rows, returns-only customers and rows without a customer, with amounts', async () => {
    const file = sharedFile('online-retail-ii-excerpt', 'online_retail_II__excerpt.xlsx');
    const datasetId = (await client.call('import.run', { path: file })).datasets[0]!.id;
    await client.call('metrics.addFormulaColumn', { datasetId, formula: '[Quantity]*[Price]', name: '金额' });
    const r = await client.call('metrics.rfm', { datasetId, customer: 'Customer ID', date: 'InvoiceDate', amount: '金额', order: 'Invoice', returns: 'net' });

    const wb = XLSX.read(readFileSync(file), { cellDates: true });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[wb.SheetNames[0]!]!, { defval: null });
    const amount = (x: Record<string, unknown>): number => Number(x.Quantity) * Number(x.Price);
    const noCustomer = rows.filter((x) => x['Customer ID'] === null);
    const used = rows.filter((x) => x['Customer ID'] !== null && x.InvoiceDate !== null);
    const isReturn = (x: Record<string, unknown>): boolean => String(x.Invoice).trim().toUpperCase().startsWith('C') || amount(x) < 0;
    const returns = used.filter(isReturn);
    const net = new Map<string, { m: number; buys: boolean }>();
    for (const x of used) {
      const c = net.get(String(x['Customer ID'])) ?? { m: 0, buys: false };
      c.m += isReturn(x) ? -Math.abs(amount(x)) : amount(x);
      c.buys ||= !isReturn(x);
      net.set(String(x['Customer ID']), c);
    }
    const onlyReturns = [...net.values()].filter((c) => !c.buys);
    expect(returns.length).toBeGreaterThan(0);

    const got = byCode(r);
    expect(got.missingCustomer?.count).toBe(noCustomer.length);
    expect(got.missingCustomer?.amount).toBeCloseTo(noCustomer.reduce((s, x) => s + amount(x), 0), 2);
    expect(got.returnsNetted?.count).toBe(returns.length);
    expect(got.returnsNetted?.amount).toBeCloseTo(returns.reduce((s, x) => s - Math.abs(amount(x)), 0), 2);
    expect(got.returnsOnlyCustomers?.count ?? 0).toBe(onlyReturns.length);
    if (onlyReturns.length > 0) expect(got.returnsOnlyCustomers?.amount).toBeCloseTo(onlyReturns.reduce((s, c) => s + c.m, 0), 2);
    // The old counters still say no row was *left out* as a return: the list is what says they were netted.
    expect(r.excluded.returns).toBe(0);
    expect(r.dataset.rows).toBe([...net.values()].filter((c) => c.buys).length);
  });

  it('cn-orders/2018.xlsx: the unpaid orders (no payment time) are listed with their count and amount', async () => {
    const file = sharedFile('cn-orders', '2018.xlsx');
    const datasetId = (await client.call('import.run', { path: file })).datasets[0]!.id;
    const r = await client.call('metrics.rfm', { datasetId, customer: '买家会员名', date: '订单付款时间', amount: '买家实际支付金额' });
    const wb = XLSX.read(readFileSync(file), { cellDates: true });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[wb.SheetNames[0]!]!, { defval: null });
    const unpaid = rows.filter((x) => x['订单付款时间'] === null);
    expect(unpaid).toHaveLength(317);
    // Paid orders of 0 (free items): those buyers stay in the table with M = 0, and the list says how many.
    const spend = new Map<string, number>();
    for (const x of rows.filter((y) => y['订单付款时间'] !== null)) spend.set(String(x['买家会员名']).trim(), (spend.get(String(x['买家会员名']).trim()) ?? 0) + Number(x['买家实际支付金额']));
    const zero = [...spend.values()].filter((m) => m <= 0);
    expect(r.exclusions.map((e) => e.code)).toEqual(zero.length > 0 ? ['missingDate', 'nonPositiveM'] : ['missingDate']);
    expect(byCode(r).nonPositiveM?.count ?? 0).toBe(zero.length);
    expect(byCode(r).missingDate).toEqual({ count: 317, amount: unpaid.reduce((s, x) => s + Number(x['买家实际支付金额']), 0) });
    expect(r.exclusions[0]!.zh).toBe('缺日期，如未付款订单（未计入）：317 行，金额合计 0.00');
  });
});
