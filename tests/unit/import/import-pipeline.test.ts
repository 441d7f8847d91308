import { workOf } from '../../helpers/store-access';
import iconv from 'iconv-lite';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import ExcelJS from 'exceljs';
import { KequnError } from '../../../shared/contract/errors';
import { runCli } from '../../../electron/engine/cli/run-cli';
import { Engine } from '../../../electron/engine/host/engine';
import { previewImport } from '../../../electron/engine/import/import-preview';
import { runImport } from '../../../electron/engine/import/import-run';
import { appendImport } from '../../../electron/engine/import/import-append';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { columnValues, projectSnapshot, quietTicker } from '../../helpers/import-project';
import { tempDir } from '../../helpers/temp';

function writeBook(path: string, sheets: Record<string, unknown[][]>, opts: { bookType?: XLSX.BookType; date1904?: boolean; merges?: XLSX.Range[] } = {}): string {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = XLSX.utils.aoa_to_sheet(rows, { cellDates: true });
    if (opts.merges) ws['!merges'] = opts.merges;
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  if (opts.date1904) wb.Workbook = { WBProps: { date1904: true } };
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: opts.bookType ?? 'xlsx' }) as Buffer);
  return path;
}

describe('import pipeline', () => {
  let dir: string;
  let cleanup: () => void;
  let store: ProjectStore;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    store = ProjectStore.open(join(dir, 'p.kequn'), { create: true });
  });
  afterEach(() => {
    store.close();
    cleanup();
  });

  const rows = [
    ['2018年订单明细'],
    [],
    ['客户编号', '金额', '下单时间', '会员'],
    ['00123', 12.5, new Date(Date.UTC(2024, 2, 5, 9, 41)), '是'],
    ['00124', 30, new Date(Date.UTC(2024, 2, 6)), '否'],
  ];

  for (const bookType of ['xlsx', 'xls', 'xlsb', 'ods'] as const) {
    it(`reads .${bookType}: title rows skipped, ids text, dates, booleans`, async () => {
      const path = writeBook(join(dir, `orders.${bookType}`), { 订单: rows }, { bookType: bookType === 'xls' ? 'biff8' : bookType });
      const r = await runImport(workOf(store), { path, allSheets: false, encoding: 'auto' }, quietTicker);
      const d = r.datasets[0]!;
      expect(d.name).toBe('orders');
      expect(d.rows).toBe(2);
      expect(d.columns.map((c) => [c.name, c.type])).toEqual([
        ['客户编号', 'text'],
        ['金额', 'currency'],
        ['下单时间', 'datetime'],
        ['会员', 'boolean'],
      ]);
      expect(columnValues(store, d.id, '客户编号')).toEqual(['00123', '00124']);
      expect(columnValues(store, d.id, '下单时间')).toEqual([Date.UTC(2024, 2, 5, 9, 41), Date.UTC(2024, 2, 6)]);
      expect(columnValues(store, d.id, '会员')).toEqual([1, 0]);
    });
  }

  it('the streaming xlsx reader gives the same table as SheetJS (ExcelJS-written file with styles)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('明细');
    ws.addRow(['客户', '金额', '日期', '占比']);
    ws.addRow(['张三', 1234.5, new Date(Date.UTC(2024, 2, 5)), 0.125]);
    ws.addRow(['李四', 20, new Date(Date.UTC(2024, 2, 6)), 0.5]);
    ws.getColumn(2).numFmt = '¥#,##0.00';
    ws.getColumn(3).numFmt = 'yyyy-mm-dd';
    ws.getColumn(4).numFmt = '0.0%';
    const path = join(dir, 'styled.xlsx');
    await wb.xlsx.writeFile(path);
    const results = [];
    for (const stream of [false, true]) {
      const r = await runImport(workOf(store), { path, allSheets: false, encoding: 'auto', stream }, quietTicker);
      const d = r.datasets[0]!;
      results.push({
        types: d.columns.map((c) => c.type),
        values: d.columns.map((c) => columnValues(store, d.id, c.name)),
      });
    }
    expect(results[0]!.types).toEqual(['text', 'currency', 'date', 'percent']);
    expect(results[1]).toEqual(results[0]);
    expect(results[0]!.values[2]).toEqual([Date.UTC(2024, 2, 5), Date.UTC(2024, 2, 6)]);
  });

  it('the streaming reader reports a sheet that ends before its declared dimension', async () => {
    const { minimalXlsx } = await import('../../helpers/hostile-files');
    const xml = '<?xml version="1.0"?><worksheet><dimension ref="A1:B5"/><sheetData><row r="1"><c t="inlineStr"><is><t>k</t></is></c></row><row r="2"><c><v>1</v></c></row></sheetData></worksheet>';
    const path = join(dir, 'short.xlsx');
    writeFileSync(path, minimalXlsx(xml));
    const r = await runImport(workOf(store), { path, allSheets: false, encoding: 'auto', stream: true }, quietTicker);
    expect(r.datasets[0]!.rows).toBe(1);
    expect(r.warnings.find((w) => w.code === 'ROW_COUNT_MISMATCH')?.message).toContain('declares 5 rows but only 2');
  });

  it('a used range far larger than the data, and empty trailing rows and columns, are ignored', async () => {
    const ws = XLSX.utils.aoa_to_sheet([['客户', '金额', null, null], ['张三', 1, null, null], [null, null, null, null], ['李四', 2, '', null], []]);
    ws['!ref'] = 'A1:Z5000';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const path = join(dir, 'used-range.xlsx');
    writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    for (const stream of [false, true]) {
      const r = await runImport(workOf(store), { path, allSheets: false, encoding: 'auto', stream }, quietTicker);
      expect(r.datasets[0]!.rows).toBe(2);
      expect(r.datasets[0]!.columns.map((c) => c.name)).toEqual(['客户', '金额']);
    }
  });

  it('1904 date system workbooks', async () => {
    const path = join(dir, 'mac.xlsx');
    const ws = XLSX.utils.aoa_to_sheet([['日期'], [{ t: 'n', v: 43894, z: 'yyyy-mm-dd' }]]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    wb.Workbook = { WBProps: { date1904: true } };
    writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    for (const stream of [false, true]) {
      const r = await runImport(workOf(store), { path, allSheets: false, encoding: 'auto', stream }, quietTicker);
      expect(columnValues(store, r.datasets[0]!.id, '日期')).toEqual([Date.UTC(2024, 2, 5)]);
    }
  });

  it('two-row merged header becomes 上级-下级', async () => {
    const path = writeBook(join(dir, 'merged.xlsx'), { S: [['客户', '消费', null], [null, '金额', '次数'], ['张三', 10, 2]] }, {
      merges: [
        { s: { r: 0, c: 1 }, e: { r: 0, c: 2 } },
        { s: { r: 0, c: 0 }, e: { r: 1, c: 0 } },
      ],
    });
    // The streaming reader learns merges only after the rows (they follow <sheetData>): same result.
    for (const stream of [false, true]) {
      const r = await runImport(workOf(store), { path, allSheets: false, encoding: 'auto', stream }, quietTicker);
      expect(r.datasets[0]!.columns.map((c) => c.name)).toEqual(['客户', '消费-金额', '消费-次数']);
      expect(r.datasets[0]!.rows).toBe(1);
    }
  });

  it('text files: UTF-16LE with BOM, TSV, UTF-8 with BOM, manual GB18030, header-row override and type override', async () => {
    const u16 = join(dir, 'u16.csv');
    writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('名字,金额\r\n张三,"1,234"\r\n', 'utf16le')]));
    const a = await runImport(workOf(store), { path: u16, allSheets: false, encoding: 'auto' }, quietTicker);
    expect(columnValues(store, a.datasets[0]!.id, '金额')).toEqual([1234]);
    const tsv = join(dir, 't.tsv');
    writeFileSync(tsv, '\ufeff名字\t比例\n张三\t12.5%\n');
    const b = await runImport(workOf(store), { path: tsv, allSheets: false, encoding: 'auto' }, quietTicker);
    expect(b.datasets[0]!.columns.map((c) => [c.name, c.type])).toEqual([['名字', 'text'], ['比例', 'percent']]);
    const titled = join(dir, 'titled.csv');
    writeFileSync(titled, '报表\nx,y\n1,2\n3,4\n');
    const c = await runImport(workOf(store), { path: titled, allSheets: false, encoding: 'auto', headerRow: 2, columnTypes: { '1': 'text' } }, quietTicker);
    expect(c.datasets[0]!.columns).toEqual([
      { name: 'x', type: 'integer', invalid: 0 },
      { name: 'y', type: 'text', invalid: 0 },
    ]);
    expect(columnValues(store, c.datasets[0]!.id, 'y')).toEqual(['2', '4']);
    // Classic Mac line ends (lone CR), with a quoted field that holds one.
    const mac = join(dir, 'mac.csv');
    writeFileSync(mac, '客户,金额,备注\r张三,1,"a\rb"\r李四,2,c\r');
    const m = await runImport(workOf(store), { path: mac, allSheets: false, encoding: 'auto' }, quietTicker);
    expect(columnValues(store, m.datasets[0]!.id, '金额')).toEqual([1, 2]);
    expect(columnValues(store, m.datasets[0]!.id, '备注')).toEqual(['a\nb', 'c']);
  });

  it('Big5 is read when asked for, and .xlsm/.txt are recognised', async () => {
    const big5 = join(dir, 'big5.csv');
    // "名字,金額\n陳大文,5\n" in Big5
    writeFileSync(big5, Buffer.from([0xa6, 0x57, 0xa6, 0x72, 0x2c, 0xaa, 0xf7, 0xc3, 0x42, 0x0a, 0xb3, 0xaf, 0xa4, 0x6a, 0xa4, 0xe5, 0x2c, 0x35, 0x0a]));
    const r = await runImport(workOf(store), { path: big5, allSheets: false, encoding: 'big5' }, quietTicker);
    expect(r.datasets[0]!.columns.map((c) => c.name)).toEqual(['名字', '金額']);
    expect(columnValues(store, r.datasets[0]!.id, '名字')).toEqual(['陳大文']);
    expect(r.warnings.map((w) => w.code)).not.toContain('ENCODING_REPLACED');
    // A manual UTF-8 on a GBK file still imports (the user chose) but says what was lost.
    const gbk = join(dir, 'gbk-as-utf8.csv');
    writeFileSync(gbk, iconv.encode('客户,金额\n张三,1\n', 'gb18030'));
    const forced = await runImport(workOf(store), { path: gbk, allSheets: false, encoding: 'utf-8' }, quietTicker);
    const replaced = forced.warnings.find((w) => w.code === 'ENCODING_REPLACED');
    expect(replaced?.messageZh).toContain('gb18030');
    expect(replaced?.message).toContain('not valid utf-8');
    const xlsm = writeBook(join(dir, 'macro.xlsm'), { S: [['a', 'b'], [1, 2]] }, { bookType: 'xlsm' });
    const p = await previewImport({ path: xlsm, encoding: 'auto', rows: 10 });
    expect(p.format).toBe('xlsm');
    const txt = join(dir, 'pipes.txt');
    writeFileSync(txt, 'a|b\n1|2\n');
    const q = await previewImport({ path: txt, encoding: 'auto', rows: 10 });
    expect([q.format, q.delimiter, q.rows]).toEqual(['txt', '|', [[1, 2]]]);
  });

  it('a UTF-8-looking start with GBK further on falls back to GB18030 and says so', async () => {
    const path = join(dir, 'late.csv');
    const head = 'name,n\n' + 'abc,1\n'.repeat(60_000);
    writeFileSync(path, Buffer.concat([Buffer.from(head), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x32, 0x0a])]));
    const r = await runImport(workOf(store), { path, allSheets: false, encoding: 'auto' }, quietTicker);
    expect(r.warnings.map((w) => w.code)).toContain('ENCODING_FALLBACK');
    expect(r.datasets[0]!.rows).toBe(60_001);
    expect(columnValues(store, r.datasets[0]!.id, 'name').at(-1)).toBe('张三');
    expect(store.listDatasets()).toHaveLength(1);
  });

  it('preview: first rows converted, inferred types, encoding, sheets; writes nothing', async () => {
    const path = writeBook(join(dir, 'two.xlsx'), { 一月: rows, 二月: [['a'], [1]] });
    const before = projectSnapshot(store);
    const p = await previewImport({ path, encoding: 'auto', rows: 1 });
    expect(p.format).toBe('xlsx');
    expect(p.sheets).toEqual(['一月', '二月']);
    expect(p.headerRow).toBe(3);
    expect(p.columns.map((c) => c.type)).toEqual(['text', 'currency', 'datetime', 'boolean']);
    expect(p.rows).toEqual([['00123', 12.5, Date.UTC(2024, 2, 5, 9, 41), true]]);
    const second = await previewImport({ path, sheet: '二月', encoding: 'auto', rows: 100 });
    expect(second.rows).toEqual([[1]]);
    expect(projectSnapshot(store)).toBe(before);
  });

  it('append matches columns by name and reports the unmatched ones', async () => {
    const jan = join(dir, 'jan.csv');
    writeFileSync(jan, '客户,金额,日期\n张三,10,2024-01-05\n');
    const first = await runImport(workOf(store), { path: jan, allSheets: false, encoding: 'auto' }, quietTicker);
    const feb = join(dir, 'feb.csv');
    writeFileSync(feb, '日期,客户 ,备注\n2024-02-01,李四,新客\n2024-02-02,王五,\n');
    const r = await appendImport(workOf(store), { path: feb, datasetId: first.datasets[0]!.id, encoding: 'auto' }, quietTicker);
    expect(r).toMatchObject({ rowsAdded: 2, rowCount: 3, matched: ['客户', '日期'], unmatchedSource: ['备注'], unmatchedTarget: ['金额'] });
    const id = first.datasets[0]!.id;
    expect(columnValues(store, id, '客户')).toEqual(['张三', '李四', '王五']);
    expect(columnValues(store, id, '日期')).toEqual([Date.UTC(2024, 0, 5), Date.UTC(2024, 1, 1), Date.UTC(2024, 1, 2)]);
    expect(store.getDataset(id).columns.find((c) => c.name === '金额')!.missingCount).toBe(2);
    const none = join(dir, 'none.csv');
    writeFileSync(none, 'x,y\n1,2\n');
    const before = projectSnapshot(store);
    await expect(appendImport(workOf(store), { path: none, datasetId: id, encoding: 'auto' }, quietTicker)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(projectSnapshot(store)).toBe(before);
  });
});

describe('import through the engine and the CLI', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('reports progress and a cancelled import leaves the project unchanged', async () => {
    const path = join(dir, 'big.csv');
    writeFileSync(path, 'id,name,amount\n' + Array.from({ length: 60_000 }, (_, i) => `${i},客户${i},${i * 1.5}`).join('\n'));
    const engine = new Engine({ dataDir: join(dir, 'home'), log: () => undefined });
    const client = engine.createClient();
    try {
      await client.call('project.open', { path: join(dir, 'p.kequn'), create: true });
      const controller = new AbortController();
      const labels: string[] = [];
      const error = await client
        .call('import.run', { path }, {
          signal: controller.signal,
          onProgress: (p) => {
            labels.push(p.label);
            if (p.done > 0 && (p.total ?? 0) > 0) controller.abort();
          },
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KequnError);
      expect((error as KequnError).code).toBe('CANCELLED');
      expect(labels).toContain('import');
      // The client settles at once; wait until the engine has thrown the staged columns away.
      while (engine.currentProject!.contents().stagedData > 0) await new Promise((r) => setTimeout(r, 10));
      expect(await client.call('datasets.list', {})).toEqual([]);
      const done: number[] = [];
      const ok = await client.call('import.run', { path }, { onProgress: (p) => done.push(p.done) });
      expect(ok.datasets[0]!.rows).toBe(60_000);
      expect(done.length).toBeGreaterThan(0);
    } finally {
      client.close();
      engine.dispose();
    }
  });

  it('after every hostile file the engine still answers and the project is unchanged', async () => {
    const { hostile } = await import('../../helpers/hostile-files');
    const engine = new Engine({ dataDir: join(dir, 'home'), log: () => undefined });
    const client = engine.createClient();
    try {
      await client.call('project.open', { path: join(dir, 'p.kequn'), create: true });
      const before = await client.call('datasets.list', {});
      for (const make of [hostile.truncatedZip, hostile.encryptedXlsx, hostile.zipBomb, hostile.entityExpansion, hostile.binaryCsv, hostile.longCellCsv]) {
        await expect(client.call('import.run', { path: make(dir) })).rejects.toBeInstanceOf(KequnError);
        await expect(client.call('import.preview', { path: make(dir) })).rejects.toBeInstanceOf(KequnError);
      }
      expect(await client.call('datasets.list', {})).toEqual(before);
      expect((await client.call('engine.info', {})).project?.datasetCount).toBe(0);
    } finally {
      client.close();
      engine.dispose();
    }
  });

  it('import.upload assembles base64 chunks into a file that then imports; a chunk out of order ends the upload', async () => {
    const engine = new Engine({ dataDir: join(dir, 'home'), log: () => undefined });
    const client = engine.createClient();
    try {
      await client.call('project.open', { path: join(dir, 'p.kequn'), create: true });
      const bytes = Buffer.from('客户,金额\n张三,1\n李四,2\n', 'utf8');
      const a = bytes.subarray(0, 7);
      const b = bytes.subarray(7);
      const uploadId = 'test-upload-1';
      const chunk = (offset: number, data: Buffer, last: boolean) => ({ uploadId, fileName: '../../上传.csv', size: bytes.length, offset, dataBase64: data.toString('base64'), last });
      expect(await client.call('import.upload', chunk(0, a, false))).toEqual({ path: null, bytes: 7 });
      await expect(client.call('import.upload', chunk(3, b, true))).rejects.toMatchObject({ code: 'UPLOAD_INVALID', details: { reason: 'offset' } });
      // The refused chunk ended that upload: it starts again from offset 0.
      await expect(client.call('import.upload', chunk(7, b, true))).rejects.toMatchObject({ code: 'UPLOAD_INVALID', details: { reason: 'unknown' } });
      await client.call('import.upload', chunk(0, a, false));
      const done = await client.call('import.upload', chunk(7, b, true));
      expect(done.bytes).toBe(bytes.length);
      expect(done.path).toMatch(/上传\.csv$/);
      expect(done.path!.startsWith(join(dir, 'home', 'uploads'))).toBe(true);
      const r = await client.call('import.run', { path: done.path! });
      expect(r.datasets[0]).toMatchObject({ name: '上传', rows: 2 });
    } finally {
      client.close();
      engine.dispose();
    }
  });

  it('kequn import --json prints datasets and warnings, creating the project', async () => {
    const csv = join(dir, '客户.csv');
    writeFileSync(csv, '客户, 金额 ,客户\n张三,12.5,a\n');
    const project = join(dir, 'new.kequn');
    expect(existsSync(project)).toBe(false);
    const out: string[] = [];
    const r = await runCli(['import', csv, '--project', project, '--json'], { stdout: (t) => out.push(t), stderr: () => undefined });
    expect(r.exitCode).toBe(0);
    expect(existsSync(project)).toBe(true);
    const json = JSON.parse(out.join('')) as { datasets: unknown[]; warnings: { code: string }[] };
    expect(Object.keys(json)).toEqual(['datasets', 'warnings']);
    expect(json.datasets).toEqual([
      {
        id: 'd1',
        name: '客户',
        rows: 1,
        columns: [
          { name: '客户', type: 'text', invalid: 0 },
          { name: '金额', type: 'currency', invalid: 0 },
          { name: '客户 (2)', type: 'text', invalid: 0 },
        ],
      },
    ]);
    expect(json.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['DUPLICATE_HEADER', 'HEADER_TRIMMED']));
    const bad: string[] = [];
    const e = await runCli(['import', join(dir, 'missing.xlsx'), '--project', project, '--json'], { stdout: (t) => bad.push(t), stderr: () => undefined });
    expect(e.exitCode).toBe(2);
    expect(JSON.parse(bad.join(''))).toMatchObject({ error: { code: 'FILE_NOT_FOUND' } });
  });
});
