import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { tgiFill } from '../../../shared/analysis/tgi-colour';
import { runCli } from '../../../electron/engine/cli/run-cli';
import type { Engine } from '../../../electron/engine/host/engine';
import { startBrowserHost, type BrowserHost } from '../../../electron/engine/host/ws-host';
import type { FilterSpecIn } from '../../../shared/contract/rows';
import { downloadHref } from '../../../shared/format/file-paths';
import { tempDir } from '../../helpers/temp';
import { reportFixture } from './report-fixture';

const tmp = tempDir();
let engine: Engine;
let datasetId: string;
const key: Record<string, string> = {};

beforeAll(async () => {
  ({ engine, datasetId } = await reportFixture(tmp.dir));
  const ds = await engine.createClient().call('datasets.get', { datasetId });
  for (const c of ds.columns) key[c.name] = c.key;
});
afterAll(() => {
  engine.dispose();
  tmp.cleanup();
});

describe('exporting a grid view', () => {
  it('writes exactly the rows and order rows.page shows for the same sort and filters (xlsx and csv)', async () => {
    const client = engine.createClient();
    const sort = [
      { column: key['F']!, dir: 'desc' as const },
      { column: key['M']!, dir: 'asc' as const },
    ];
    const filters: FilterSpecIn[] = [
      { kind: 'numberRange', column: key['R']!, min: 10, max: null },
      { kind: 'text', column: key['细分']!, op: 'contains', value: '价值', negate: true },
    ];
    const columns = [key['客户编号']!, key['R']!, key['F']!, key['M']!, key['细分']!];
    const page = await client.call('rows.page', { datasetId, sort, filters, offset: 0, limit: 1000, columns });
    expect(page.rows.length).toBeGreaterThan(10);
    expect(page.rows.length).toBeLessThan(40);

    const xlsxPath = join(tmp.dir, 'view.xlsx');
    const res = await client.call('exports.dataset', { datasetId, path: xlsxPath, sort, filters, columns });
    expect(res).toMatchObject({ rows: page.rows.length, sheets: 1, format: 'xlsx' });
    const wb = XLSX.read(readFileSync(xlsxPath));
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: true });
    expect(sheet[0]).toEqual(['客户编号', 'R', 'F', 'M', '细分']);
    expect(sheet.slice(1)).toEqual(page.rows);

    const csvPath = join(tmp.dir, 'view.csv');
    await client.call('exports.dataset', { datasetId, path: csvPath, sort, filters, columns });
    const lines = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines.slice(1)).toEqual(page.rows.map((r) => r.map((v) => String(v)).join(',')));
  });

  it('streams awkward text intact: XML specials, control characters, CJK, over-long cells, booleans and empty views', async () => {
    const store = engine.currentProject!;
    const long = '长'.repeat(40_000);
    const ds = store.createDataset(
      {
        name: '特殊字符',
        kind: 'derived',
        source: 'test',
        columns: [
          { name: '文本 <&>"', originalHeader: null, type: 'text' },
          { name: '是否', originalHeader: null, type: 'boolean' },
          { name: '时间', originalHeader: null, type: 'datetime' },
        ],
      },
      [
        ['a & b <c> "d"', 1, Date.UTC(2024, 2, 5, 13, 45)],
        ['bell\u0007 tab\t', 0, '不是日期'],
        [long, null, null],
        ['  前后空格  ', 1, Date.UTC(1999, 11, 31)],
      ],
    );
    const path = join(tmp.dir, 'awkward.xlsx');
    await engine.createClient().call('exports.dataset', { datasetId: ds.id, path });
    const wb = XLSX.read(readFileSync(path), { cellDates: true, cellNF: true });
    const ws = wb.Sheets['特殊字符']!;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
    expect(rows[0]).toEqual(['文本 <&>"', '是否', '时间']);
    expect(rows[1]).toEqual(['a & b <c> "d"', true, new Date(Date.UTC(2024, 2, 5, 13, 45))]);
    expect(rows[2]![0]).toBe('bell\u0007 tab\t');
    expect(rows[2]![2]).toBe('不是日期');
    expect(String(rows[3]![0])).toHaveLength(32_767);
    expect(rows[4]![0]).toBe('  前后空格  ');
    expect(ws['C2']?.z).toBe('yyyy-mm-dd hh:mm');
    expect(ws['!autofilter']?.ref).toBe('A1:C5');

    const empty = join(tmp.dir, 'empty-view.xlsx');
    const r = await engine.createClient().call('exports.dataset', { datasetId: ds.id, path: empty, filters: [{ kind: 'text', column: ds.columns[0]!.key, op: 'equals', value: '没有这一行' }] });
    expect(r.rows).toBe(0);
    expect(XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(readFileSync(empty)).Sheets['特殊字符']!, { header: 1 })).toEqual([['文本 <&>"', '是否', '时间']]);
  });

  it('stops on cancel with CANCELLED and leaves no file behind', async () => {
    const store = engine.currentProject!;
    const big = store.createDataset(
      { name: '大表', kind: 'derived', source: 'test', columns: [{ name: '编号', originalHeader: null, type: 'text' }, { name: '金额', originalHeader: null, type: 'decimal' }] },
      Array.from({ length: 60_000 }, (_, i) => [`N${i}`, i * 1.25]),
    );
    const path = join(tmp.dir, 'cancelled.xlsx');
    const controller = new AbortController();
    const call = engine.createClient().call('exports.dataset', { datasetId: big.id, path }, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
    // The engine finishes unwinding after the client has given up: wait for the temp file to go.
    await expect.poll(() => readdirSync(tmp.dir).filter((f) => f.includes('cancelled')), { timeout: 5000 }).toEqual([]);
  });

  it('rejects a filter on an unknown column with a coded error and writes nothing', async () => {
    const client = engine.createClient();
    const path = join(tmp.dir, 'bad-view.csv');
    await expect(
      client.call('exports.dataset', { datasetId, path, filters: [{ kind: 'notEmpty', column: 'c999' }] }),
    ).rejects.toMatchObject({ code: 'COLUMN_NOT_FOUND' });
    expect(existsSync(path)).toBe(false);
  });
});

describe('kequn export with --sort and --filter', () => {
  it('writes the view given by column names, and fails with exit 2 on a bad filter', async () => {
    const out = join(tmp.dir, 'cli-view.csv');
    let stdout = '';
    const argv = ['export', '--project', join(tmp.dir, 'report.kequn'), '--dataset', 'RFM-测试', '--out', out, '--columns', '客户编号,F', '--sort', 'F:desc,客户编号', '--filter', '{"kind":"numberRange","column":"F","min":5,"max":null}', '--json'];
    const r = await runCli(argv, { stdout: (t) => (stdout += t), stderr: () => undefined });
    r.engine?.dispose();
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ rows: 12, format: 'csv' });
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['客户编号,F', 'KH006,6', 'KH012,6']);
    expect(lines).toHaveLength(13);
    expect(lines.at(-1)).toBe('KH035,5');

    let bad = '';
    const e = await runCli(['export', '--project', join(tmp.dir, 'report.kequn'), '--dataset', 'RFM-测试', '--out', join(tmp.dir, 'no.csv'), '--filter', '{"kind":"nope"}', '--json'], { stdout: (t) => (bad += t), stderr: () => undefined });
    e.engine?.dispose();
    expect(e.exitCode).toBe(2);
    expect(JSON.parse(bad)).toMatchObject({ error: { code: 'USAGE' } });
    expect(existsSync(join(tmp.dir, 'no.csv'))).toBe(false);
  });
});

describe('exporting a pivot and a cross-tab', () => {
  it('kequn pivot --out FILE.xlsx writes the styled pivot sheet', async () => {
    const out = join(tmp.dir, 'cli-pivot.xlsx');
    let stdout = '';
    const r = await runCli(['pivot', '--project', join(tmp.dir, 'report.kequn'), '--dataset', datasetId, '--rows', '细分', '--values', 'count', '--out', out, '--json'], { stdout: (t) => (stdout += t), stderr: () => undefined });
    r.engine?.dispose();
    expect(r.exitCode).toBe(0);
    expect((JSON.parse(stdout) as { exported: unknown }).exported).toMatchObject({ format: 'xlsx', rows: 5 });
    const table = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(readFileSync(out)).Sheets['透视表 RFM-测试']!, { header: 1 });
    expect(table.find((row) => row[0] === '总计')?.[1]).toBe(40);
  });

  it('writes a styled pivot sheet that a second reader sees with totals, and the same table as CSV', async () => {
    const client = engine.createClient();
    const spec = { rows: [{ column: key['细分']! }], values: [{ agg: 'count' as const }, { agg: 'sum' as const, column: key['M']! }] };
    const path = join(tmp.dir, 'pivot.xlsx');
    const res = await client.call('exports.pivot', { datasetId, spec, path });
    expect(res).toMatchObject({ format: 'xlsx', sheets: 1, rows: 5 });
    const wb = XLSX.read(readFileSync(path), { cellNF: true });
    expect(wb.SheetNames[0]).toBe('透视表 RFM-测试');
    const table = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: true });
    expect(table[0]![0]).toBe('行标签');
    const total = table.find((r) => r[0] === '总计');
    expect(total?.[1]).toBe(40);
    const rows = table.slice(1).filter((r) => r[0] !== '总计');
    expect(rows.reduce((a, r) => a + Number(r[1]), 0)).toBe(40);
    const ex = new ExcelJS.Workbook();
    await ex.xlsx.readFile(path);
    const ws = ex.worksheets[0]!;
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const csv = join(tmp.dir, 'pivot.csv');
    await client.call('exports.pivot', { datasetId, spec, path: csv, lang: 'en', encoding: 'gb18030' });
    const text = new TextDecoder('gb18030').decode(readFileSync(csv));
    expect(text.split('\r\n')[0]).toMatch(/^Row labels,/);
    expect(text).toMatch(/\r\nGrand total,40,/);
  });

  it('writes a cross-tab with counts, row %, TGI in the screen’s colours and the χ² line', async () => {
    const client = engine.createClient();
    const spec = { datasetId, rows: { column: key['细分']! }, cols: { column: key['F']! } };
    const path = join(tmp.dir, 'crosstab.xlsx');
    const run = await client.call('crosstab.run', spec);
    await client.call('exports.crosstab', { spec, path });
    const wb = XLSX.read(readFileSync(path));
    expect(wb.SheetNames).toEqual(['偏好交叉表']);
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['偏好交叉表']!, { header: 1, raw: true, defval: null });
    const first = sheet.map((r) => r[0]);
    // One row per customer here: the measure is named 客户数, as on the screen.
    expect(first).toContain('客户数');
    expect(first).toContain('行占比');
    expect(first).toContain('TGI（整体 = 100）');
    expect(first.some((x) => typeof x === 'string' && x.startsWith('χ² = '))).toBe(true);
    const countsAt = first.indexOf('客户数') + 2;
    expect(sheet[countsAt]![0]).toBe(run.rows[0]);
    expect(sheet[countsAt]!.slice(1, 1 + run.cols.length)).toEqual(run.cells[0]!.map((c) => c.value));
    const ex = new ExcelJS.Workbook();
    await ex.xlsx.readFile(path);
    const tgiAt = first.indexOf('TGI（整体 = 100）') + 3;
    const ws = ex.worksheets[0]!;
    run.cells[0]!.forEach((c, j) => {
      const cell = ws.getCell(tgiAt, j + 2);
      expect(cell.value).toBe(c.tgi === null ? null : Math.round(c.tgi));
      expect((cell.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe(`FF${tgiFill(c.tgi, c.lowBase).slice(1)}`);
    });

    const csv = join(tmp.dir, 'crosstab.csv');
    await client.call('exports.crosstab', { spec, path: csv });
    const lines = readFileSync(csv, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toContain('TGI（整体 = 100）');
    expect(lines[lines.indexOf('客户数') + 2]).toBe([run.rows[0], ...run.cells[0]!.map((c) => c.value)].join(','));
  });
});

describe('browser-mode download route', () => {
  let host: BrowserHost;
  beforeAll(async () => {
    host = await startBrowserHost({ engine, staticDir: tmp.dir });
  });
  afterAll(() => host.close());

  it('serves a file the engine exported for a one-time ticket, and nothing else', async () => {
    const path = join(tmp.dir, '下载 测试.csv');
    const client = engine.createClient();
    await client.call('exports.dataset', { datasetId, path });
    const { ticket } = await client.call('exports.downloadTicket', { path });
    const url = `http://127.0.0.1:${host.port}${downloadHref(ticket)}`;
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('下载 测试.csv')}`);
    expect(Buffer.from(await ok.arrayBuffer()).equals(readFileSync(path))).toBe(true);
    expect((await fetch(url)).status).toBe(404);
    // The old path-style route, even with a token, serves nothing.
    expect((await fetch(`http://127.0.0.1:${host.port}/download?path=${encodeURIComponent(path)}&token=${host.token}`)).status).toBe(404);
    await expect(client.call('exports.downloadTicket', { path: join(tmp.dir, 'report.kequn') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    client.close();
  });
});
