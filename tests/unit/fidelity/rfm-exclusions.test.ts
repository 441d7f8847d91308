import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/host/engine';
import type { CellValue } from '../../../shared/contract/json';
import type { RfmExclusion, RfmResult } from '../../../shared/contract/metrics';
import { runCliOn, type CliRun } from '../../helpers/cli-run';
import { tempDir } from '../../helpers/temp';

/**
 * Issue 19, case 7 (RFM part): RFM states everything it left out or netted, with counts and
 * amounts, in one list the CLI (text and JSON), the screen and the report share. The figures are
 * checked against an independent pass over the fixture rows written here.
 */
const tmp = tempDir('kequn-rfm-exclusions-');
const project = join(tmp.dir, 'p.kequn');
let engine: Engine;

const day = (s: string): number => Date.parse(`${s}T10:00:00Z`);
type Row = [customer: string | null, order: string | null, date: number | null, amount: number | null];
/** Orders with every case: returns (negative and C-invoices), returns only, M ≤ 0, unpaid, blanks, after the analysis date. */
const ROWS: Row[] = [
  ['c1', 'A1', day('2024-01-10'), 100],
  ['c1', 'A2', day('2024-03-01'), 50],
  ['c1', 'A3', day('2024-03-05'), -30],
  ['c2', 'B1', day('2024-02-01'), 80],
  ['c2', 'C900', day('2024-02-03'), 20],
  ['c3', 'C901', day('2024-02-10'), -40],
  ['c4', 'D1', day('2024-02-11'), 10],
  ['c4', 'D2', day('2024-02-12'), -25],
  [null, 'E1', day('2024-02-13'), 70],
  ['c5', 'F1', null, 55.5],
  ['c1', 'F2', null, 0],
  ['c6', 'G1', day('2024-02-14'), null],
  ['c6', 'G2', day('2024-05-01'), 300],
];
const AS_OF = '2024-04-01';

/** The exclusions worked out from the rows alone: the rules of the RFM doc comment, applied by hand. */
function independent(rule: 'exclude' | 'net'): { code: string; count: number; amount: number | null }[] {
  const out: { code: string; count: number; amount: number | null }[] = [];
  const push = (code: string, rows: Row[], amount: number | null): void => {
    if (rows.length > 0) out.push({ code, count: rows.length, amount });
  };
  const sum = (rows: Row[], f: (r: Row) => number = (r) => r[3] ?? 0): number => rows.reduce((s, r) => s + f(r), 0);
  const noCustomer = ROWS.filter((r) => r[0] === null);
  const noDate = ROWS.filter((r) => r[0] !== null && r[2] === null);
  const badAmount = ROWS.filter((r) => r[0] !== null && r[2] !== null && r[3] === null);
  const valid = ROWS.filter((r) => r[0] !== null && r[2] !== null && r[3] !== null);
  const late = valid.filter((r) => r[2]! > Date.parse(`${AS_OF}T23:59:59Z`));
  const inRange = valid.filter((r) => !late.includes(r));
  const isReturn = (r: Row): boolean => r[3]! < 0 || r[1]!.startsWith('C');
  const returns = inRange.filter(isReturn);
  push('missingCustomer', noCustomer, sum(noCustomer));
  push('missingDate', noDate, sum(noDate));
  push('invalidAmount', badAmount, null);
  push('afterAsOf', late, sum(late));
  push(rule === 'net' ? 'returnsNetted' : 'returnsExcluded', returns, sum(returns, (r) => -Math.abs(r[3]!)));
  if (rule === 'net') {
    const customers = [...new Set(inRange.map((r) => r[0]!))];
    const net = (c: string): number => sum(inRange.filter((r) => r[0] === c), (r) => (isReturn(r) ? -Math.abs(r[3]!) : r[3]!));
    const buys = (c: string): boolean => inRange.some((r) => r[0] === c && !isReturn(r));
    const onlyReturns = customers.filter((c) => !buys(c));
    const nonPositive = customers.filter((c) => buys(c) && net(c) <= 0);
    if (onlyReturns.length) out.push({ code: 'returnsOnlyCustomers', count: onlyReturns.length, amount: onlyReturns.reduce((s, c) => s + net(c), 0) });
    if (nonPositive.length) out.push({ code: 'nonPositiveM', count: nonPositive.length, amount: nonPositive.reduce((s, c) => s + net(c), 0) });
  }
  return out;
}

beforeAll(async () => {
  engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
  const store = await engine.openProject(project, { create: true });
  store.createDataset(
    {
      name: '订单',
      kind: 'import',
      source: null,
      columns: [
        { name: '客户', originalHeader: null, type: 'text' },
        { name: '单号', originalHeader: null, type: 'text' },
        { name: '付款时间', originalHeader: null, type: 'datetime' },
        { name: '金额', originalHeader: null, type: 'decimal' },
      ],
    },
    ROWS as CellValue[][],
  );
  engine.closeProject();
});
afterAll(() => {
  engine.dispose();
  tmp.cleanup();
});

const cli = (json: boolean, ...argv: string[]): Promise<CliRun> => runCliOn(project, json, argv);
const RFM = ['rfm', '--dataset', '订单', '--customer', '客户', '--date', '付款时间', '--amount', '金额', '--order', '单号', '--as-of', AS_OF];
const brief = (e: RfmExclusion[]): { code: string; count: number; amount: number | null }[] => e.map(({ code, count, amount }) => ({ code, count, amount }));

describe('issue 19 case 7: RFM says what it left out or netted', () => {
  it('with --returns net, the return rows netted, the returns-only and M ≤ 0 customers are counted with amounts', async () => {
    const r = await cli(true, ...RFM, '--returns', 'net', '--name', 'RFM-净额');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as Pick<RfmResult, 'exclusions' | 'dataset'>;
    expect(brief(out.exclusions)).toEqual(independent('net'));
    // The hand-read figures, so the independent pass is itself checked.
    expect(brief(out.exclusions)).toEqual([
      { code: 'missingCustomer', count: 1, amount: 70 },
      { code: 'missingDate', count: 2, amount: 55.5 },
      { code: 'invalidAmount', count: 1, amount: null },
      { code: 'afterAsOf', count: 1, amount: 300 },
      { code: 'returnsNetted', count: 4, amount: -115 },
      { code: 'returnsOnlyCustomers', count: 1, amount: -40 },
      { code: 'nonPositiveM', count: 1, amount: -15 },
    ]);
    expect(out.dataset.rows).toBe(3);
    expect(out.exclusions.find((e) => e.code === 'returnsNetted')).toMatchObject({ effect: 'netted', unit: 'rows', zh: expect.stringContaining('4 行，金额合计 -115.00') });
  });

  it('with the default exclude rule the returns are left out, counted with their amount', async () => {
    const out = JSON.parse((await cli(true, ...RFM, '--name', 'RFM-剔除')).out) as Pick<RfmResult, 'exclusions'>;
    expect(brief(out.exclusions)).toEqual(independent('exclude'));
    expect(out.exclusions.find((e) => e.code === 'returnsExcluded')).toMatchObject({ count: 4, amount: -115, effect: 'leftOut' });
  });

  it('the human text lists each exclusion with its count and amount, in Chinese and English', async () => {
    const zh = (await cli(false, ...RFM, '--returns', 'net', '--name', 'RFM-中文', '--lang', 'zh')).out;
    expect(zh).toContain('未计入或冲减');
    expect(zh).toMatch(/returnsNetted\t退货\/取消.*从 M 中冲减）：4 行，金额合计 -115\.00/);
    expect(zh).toMatch(/returnsOnlyCustomers\t只有退货.*：1 位客户，金额合计 -40\.00/);
    expect(zh).toMatch(/missingDate\t缺日期，如未付款订单（未计入）：2 行，金额合计 55\.50/);
    const en = (await cli(false, ...RFM, '--returns', 'net', '--name', 'RFM-en', '--lang', 'en')).out;
    expect(en).toMatch(/returnsNetted\tReturns\/cancellations.*subtracted from M\): 4 rows, amount -115\.00/);
    expect(en).toMatch(/nonPositiveM\t.*: 1 customer, amount -15\.00/);
  });

  it('the RFM dataset records the list, and the report’s method sheet states it next to the data', async () => {
    const seg = JSON.parse((await cli(true, 'segment', 'rfm8', '--dataset', 'RFM-净额')).out) as { segmentation: { id: string } };
    const out = join(tmp.dir, '报告.xlsx');
    expect((await cli(true, 'report', '--segmentation', seg.segmentation.id, '--out', out, '--sheets', 'method')).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const lines: string[] = [];
    wb.getWorksheet('方法说明')!.eachRow((row) => lines.push(String(row.getCell(1).value ?? '')));
    const rule = lines.findIndex((l) => l.startsWith('RFM 的退货规则'));
    expect(lines[rule]).toMatch(/从 M 中冲减/);
    expect(lines[rule + 1]).toMatch(/^RFM 计算时未计入或冲减的部分/);
    const listed = lines.slice(rule + 2, rule + 2 + independent('net').length);
    independent('net').forEach((e, i) => {
      const amount = e.amount === null ? '' : `，金额合计 ${e.amount.toFixed(2)}`;
      expect(listed[i]).toMatch(new RegExp(`^· .*：${e.count} (行|位客户)${amount.replace(/[.()]/g, '\\$&')}$`));
    });
  });
});
