import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Engine } from '../../../electron/engine/host/engine';
import { sanitizeSheetName } from '../../../electron/engine/report/sheet-names';
import { displayWidth } from '../../../electron/engine/report/column-width';
import { tempDir } from '../../helpers/temp';
import { INJECTIONS, reportFixture } from './report-fixture';

const tmp = tempDir();
let engine: Engine;
let segmentationId: string;
let datasetId: string;

beforeAll(async () => {
  ({ engine, segmentationId, datasetId } = await reportFixture(tmp.dir));
});
afterAll(() => {
  engine.dispose();
  tmp.cleanup();
});

describe('segmentation report', () => {
  it('writes every sheet in Chinese with KPIs, formats, charts and a customer list', async () => {
    const client = engine.createClient();
    const path = join(tmp.dir, 'out', '报告.xlsx');
    const progress: number[] = [];
    const result = await client.call('exports.report', { segmentationId, path }, { onProgress: (p) => progress.push(p.done) });
    // No orders and no usable category column: the cross-tab sheet stays and says why.
    expect(result.sheets).toEqual(['概览', '细分画像', '执行建议', '客户名单', '偏好交叉表', '方法说明']);
    expect(result.charts).toBe(6);
    expect(result.images).toBe(0);
    expect(result.warnings.join('')).toMatch(/没有生成偏好交叉表/);
    expect(result.customers).toBe(40);
    expect(progress.length).toBeGreaterThan(0);

    const wb = XLSX.read(readFileSync(path), { cellNF: true });
    expect(wb.SheetNames).toEqual(result.sheets);
    const overview = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['概览']!, { header: 1, raw: true });
    const kpiHeader = overview.findIndex((r) => r[0] === '细分');
    expect(kpiHeader).toBeGreaterThan(0);
    const kpis = overview.slice(kpiHeader + 1, kpiHeader + 5);
    expect(kpis.map((r) => r[0])).toEqual(['重要价值客户', '一般发展客户', '重要挽留客户', '一般挽留客户']);
    expect(kpis.reduce((a, r) => a + Number(r[1]), 0)).toBe(40);
    // Revenue shares of all segments add up to 1; the share cell carries a percent format.
    expect(kpis.reduce((a, r) => a + Number(r[4]), 0)).toBeCloseTo(1, 9);
    const shareCell = wb.Sheets['概览']![XLSX.utils.encode_cell({ r: kpiHeader + 1, c: 2 })];
    expect(shareCell?.z).toBe('0.0%');
    const revenueCell = wb.Sheets['概览']![XLSX.utils.encode_cell({ r: kpiHeader + 1, c: 3 })];
    expect(String(revenueCell?.z)).toContain('¥');

    const customers = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets['客户名单']!, { raw: true });
    expect(customers).toHaveLength(40);
    expect(customers[0]).toMatchObject({ 客户编号: 'KH001', 细分: '重要价值客户', 建议行动: '重要价值客户的建议行动' });
    // The rows are streamed into the sheet ExcelJS started: filter and dimension cover all of
    // them, and money and dates keep their formats.
    const list = wb.Sheets['客户名单']!;
    expect(list['!autofilter']?.ref).toBe('A1:H41');
    expect(list['!ref']).toBe('A1:H41');
    expect(String(list['E2']?.z)).toContain('¥');
    expect(list['F2']?.t).toBe('n');
    expect(String(list['F2']?.z)).toMatch(/yy/);
    expect(list['A1']?.v).toBe('客户编号');
    // Profiles carry each segment's description card in the seeds' order, then the action.
    const profiles = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['细分画像']!, { header: 1 });
    const texts = profiles.map((r) => String(r[1] ?? ''));
    const statusAt = texts.findIndex((x) => x.startsWith('基本状况：'));
    expect(statusAt).toBeGreaterThan(0);
    const needsAt = texts.findIndex((x) => x.startsWith('需求：'));
    expect(needsAt).toBeGreaterThan(statusAt);
    expect(texts.some((x) => x === '建议行动：重要价值客户的建议行动')).toBe(true);

    // A second reader opens the package with the chart parts and sees the frozen header.
    const ex = new ExcelJS.Workbook();
    await ex.xlsx.readFile(path);
    expect(ex.getWorksheet('客户名单')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ex.getWorksheet('概览')!.pageSetup.orientation).toBe('landscape');
  });

  it('writes English sheet names and labels when asked', async () => {
    const client = engine.createClient();
    const path = join(tmp.dir, 'report-en.xlsx');
    const result = await client.call('exports.report', { segmentationId, path, lang: 'en', sheets: ['overview', 'method'] });
    expect(result.sheets).toEqual(['Overview', 'Method']);
    const wb = XLSX.read(readFileSync(path));
    const method = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Method']!, { header: 1 }).map((r) => String(r[0] ?? ''));
    // The parameters in words: threshold 'mean' reads as a sentence.
    expect(method.some((r) => r.includes('compared with the mean of all customers'))).toBe(true);
  });

  it('never turns a data value into a formula (xlsx report, xlsx export, csv export)', async () => {
    const client = engine.createClient();
    const report = join(tmp.dir, 'inj-report.xlsx');
    await client.call('exports.report', { segmentationId, path: report, sheets: ['customers'] });
    const xlsxOut = join(tmp.dir, 'inj.xlsx');
    await client.call('exports.dataset', { datasetId, path: xlsxOut });
    for (const file of [report, xlsxOut]) {
      const wb = XLSX.read(readFileSync(file), { cellFormula: true });
      const ws = wb.Sheets[wb.SheetNames[0]!]!;
      const cells = Object.keys(ws).filter((k) => !k.startsWith('!')).map((k) => ws[k] as XLSX.CellObject);
      expect(cells.filter((c) => c.f !== undefined)).toEqual([]);
      const texts = cells.map((c) => c.v);
      for (const inj of INJECTIONS) expect(texts).toContain(inj);
    }
    const csvOut = join(tmp.dir, 'inj.csv');
    await client.call('exports.dataset', { datasetId, path: csvOut });
    const csv = readFileSync(csvOut, 'utf8');
    for (const line of csv.split('\r\n').slice(1, INJECTIONS.length + 1)) {
      const field = line.split(',')[1] ?? '';
      expect(field.replace(/^"/, '').startsWith("'")).toBe(true);
    }
  });

  it('fails with a coded error for an unknown segmentation and writes nothing', async () => {
    const client = engine.createClient();
    const path = join(tmp.dir, 'never.xlsx');
    await expect(client.call('exports.report', { segmentationId: 's999', path })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(() => readFileSync(path)).toThrow();
  });
});

describe('dataset export', () => {
  it('writes CSV as UTF-8 with BOM by default and as GB18030 on request, Chinese intact', async () => {
    const client = engine.createClient();
    const utf8 = join(tmp.dir, 'a.csv');
    const gb = join(tmp.dir, 'b.csv');
    const r1 = await client.call('exports.dataset', { datasetId, path: utf8 });
    await client.call('exports.dataset', { datasetId, path: gb, encoding: 'gb18030' });
    expect(r1.rows).toBe(40);
    const bytes = readFileSync(utf8);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('客户编号,客户名称,R,F,M,首次购买');
    const gbBytes = readFileSync(gb);
    expect(gbBytes.includes(Buffer.from('客户编号', 'utf8'))).toBe(false);
    expect(new TextDecoder('gb18030').decode(gbBytes)).toContain('客户编号,客户名称');
    expect(bytes.toString('utf8')).toMatch(/\r\nKH007,客户7,42,1,325,2024-07-07,重要挽留客户\r\n/);
  });

  it('splits sheets past the per-sheet row limit and keeps dates and formats', async () => {
    const client = engine.createClient();
    const store = engine.currentProject!;
    const path = join(tmp.dir, 'split.xlsx');
    const { exportDataset } = await import('../../../electron/engine/report/dataset-export');
    const res = await exportDataset(store, { datasetId, path, format: 'xlsx', rowsPerSheet: 15 }, { progress: () => undefined, checkpoint: async () => undefined }, { openProject: store.path, dataDir: tmp.dir });
    expect(res.sheets).toBe(3);
    const wb = XLSX.read(readFileSync(path), { cellDates: true, cellNF: true });
    expect(wb.SheetNames).toEqual(['RFM-测试', 'RFM-测试 2', 'RFM-测试 3']);
    const rows = wb.SheetNames.flatMap((n) => XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[n]!));
    expect(rows).toHaveLength(40);
    expect(wb.Sheets['RFM-测试']!['F2']!.z).toBe('yyyy-mm-dd');
    expect(wb.Sheets['RFM-测试']!['E2']!.z).toContain('¥');
    void client;
  });
});

describe('report helpers', () => {
  it('sanitises sheet names', () => {
    const taken = new Set<string>();
    expect(sanitizeSheetName('a/b:c*d?[e]\\f', taken)).toBe('a_b_c_d__e__f');
    expect(sanitizeSheetName('x'.repeat(40), taken)).toHaveLength(31);
    expect(sanitizeSheetName('X'.repeat(40), taken)).toBe(`${'X'.repeat(27)} (2)`);
    expect(sanitizeSheetName("''", taken)).toBe('Sheet');
  });
  it('counts CJK characters as double width', () => {
    expect(displayWidth('客户abc')).toBe(7);
  });
});

describe('report analysis sheets', () => {
  it('adds the preference cross-tab with TGI colour scale, and the migration matrix', async () => {
    const store = engine.currentProject!;
    const cats = ['办公用品', '家具', '电子产品'];
    const facts = store.createDataset(
      {
        name: '订单',
        kind: 'import',
        source: 'test',
        columns: [
          { name: '客户编号', originalHeader: '客户编号', type: 'text' },
          { name: '产品类别', originalHeader: '产品类别', type: 'text' },
        ],
      },
      Array.from({ length: 120 }, (_, i) => [`KH${String((i % 40) + 1).padStart(3, '0')}`, cats[(i * 7) % 3]!]),
    );
    const { saveSegmentation } = await import('../../../electron/engine/store/segmentation-store');
    const later = saveSegmentation(store, {
      datasetId,
      method: 'rules',
      name: '第二期',
      columnName: '细分2',
      labels: Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? '重要价值客户' : '一般发展客户')),
      definition: { rules: [] },
      segments: [
        { name: '重要价值客户', count: 14, share: 0.35, revenueShare: null, means: {}, action: null },
        { name: '一般发展客户', count: 26, share: 0.65, revenueShare: null, means: {}, action: null },
      ],
    });
    const client = engine.createClient();
    const path = join(tmp.dir, 'full.xlsx');
    const result = await client.call('exports.report', {
      segmentationId: later.id,
      path,
      crosstab: { cols: { column: '产品类别' }, facts: { datasetId: facts.id, key: '客户编号' }, measure: { kind: 'count' } },
      compareWith: segmentationId,
    });
    // Two schemes of the same customers: compared as schemes, not as periods.
    expect(result.sheets).toEqual(['概览', '细分画像', '执行建议', '客户名单', '偏好交叉表', '方案对比', '方法说明']);
    const wb = XLSX.read(readFileSync(path));
    const xt = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['偏好交叉表']!, { header: 1 });
    expect(xt.some((r) => r[0] === 'TGI（整体 = 100）')).toBe(true);
    expect(xt.some((r) => r[0] === '订单数')).toBe(true);
    expect(xt.some((r) => typeof r[0] === 'string' && r[0].startsWith('χ²'))).toBe(true);
    const mig = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['方案对比']!, { header: 1 });
    const totalRow = mig.find((r) => r[0] === '合计');
    expect(totalRow?.at(-1)).toBe(40);
    expect(mig.some((r) => r[0] === '方案「RFM 八类」 \\ 方案「第二期」')).toBe(true);
    expect(JSON.stringify(mig)).not.toMatch(/上期|本期|row/);
    // TGI cells carry the screen's colours as fills (white at 100, red above, blue below).
    const ex = new ExcelJS.Workbook();
    await ex.xlsx.readFile(path);
    const sheet = ex.getWorksheet('偏好交叉表')!;
    const tgiTitle = xt.findIndex((r) => r[0] === 'TGI（整体 = 100）');
    const cell = sheet.getCell(tgiTitle + 3, 2);
    expect(typeof cell.value).toBe('number');
    expect((cell.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toMatch(/^FF[0-9A-F]{6}$/);
  });
});
