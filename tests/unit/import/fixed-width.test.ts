import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseHeader } from '../../../electron/engine/import/header-detect';
import { detectFixedWidth, FixedWidthParser } from '../../../electron/engine/import/fixed-width';
import { previewImport } from '../../../electron/engine/import/import-preview';
import { importInto, columnValues } from '../../helpers/import-project';
import { tempDir } from '../../helpers/temp';

const DAY = 86_400_000;

describe('whitespace-aligned text (fixed width)', () => {
  it('recognises padded columns of numbers and dates, not lists of names', () => {
    const cdnow = '00001 19970101  1  11.77\n00002 19970112  1  12.00\n00002 19970112  5  77.00\n00003 19970102  2  20.76\n';
    expect(detectFixedWidth(cdnow, true)).toEqual({ kind: 'whitespace', columns: 4 });
    // Single spaces, numbers only: still a table.
    expect(detectFixedWidth('1 20240105 15.5\n2 20240106 8\n3 20240107 12.25\n', true)).toEqual({ kind: 'whitespace', columns: 3 });
    // A one-column list of names with a space in them is not.
    expect(detectFixedWidth('John Smith\nMary Jones\nLi Lei\n', true)).toBeNull();
    expect(detectFixedWidth('张 三\n李 四\n', true)).toBeNull();
    expect(detectFixedWidth('only one line  12\n', true)).toBeNull();
  });

  it('cuts at blank positions when a field holds spaces', () => {
    const text = ['Beijing        2024-01-05   120.50', 'New York       2024-01-06     8.00', 'Hong Kong SAR  2024-01-07    12.25'].join('\n');
    const layout = detectFixedWidth(text, true);
    expect(layout).toEqual({ kind: 'columns', starts: [0, 15, 28] });
    const out: string[][] = [];
    const p = new FixedWidthParser(layout!);
    p.push(text.slice(0, 20), false, out);
    p.push(text.slice(20) + '\r\n', true, out);
    expect(out).toEqual([
      ['Beijing', '2024-01-05', '120.50'],
      ['New York', '2024-01-06', '8.00'],
      ['Hong Kong SAR', '2024-01-07', '12.25'],
    ]);
  });

  it('a row of text ids with dates and decimal amounts is data, not a header', () => {
    const rows = [
      ['张三', '20240105', '15.50'],
      ['李四', '20240107', '8.25'],
      ['王五', '20240108', '12.00'],
    ];
    expect(chooseHeader(rows, [], undefined).headerIndex).toBe(-1);
    // A real header above the same data is still a header.
    expect(chooseHeader([['客户', '日期', '金额'], ...rows], [], undefined).headerIndex).toBe(0);
  });
});

describe('importing CDNOW-style files', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('reads a headerless fixed-width file: columns 列1…, zero-padded ids as text, yyyymmdd as dates', async () => {
    const path = join(dir, 'CDNOW_sample.txt');
    writeFileSync(path, '00001 19970101  1  11.77\n00002 19970112  1  12.00\n00002 19970112  5  77.00\n00003 19970102  2  20.76\n00003 19970330  2  20.76\n');
    const preview = await previewImport({ path, encoding: 'auto', rows: 10 });
    expect(preview.delimiter).toBe('fixed-width');
    expect(preview.headerRow).toBe(0);
    expect(preview.columns.map((c) => [c.name, c.type])).toEqual([
      ['列1', 'text'],
      ['列2', 'date'],
      ['列3', 'integer'],
      ['列4', 'decimal'],
    ]);
    expect(preview.warnings.map((w) => w.code)).toEqual(['NO_HEADER_ROW']);
    const { store, result } = await importInto(dir, path);
    try {
      const id = result.datasets[0]!.id;
      expect(result.datasets[0]!.rows).toBe(5);
      expect(columnValues(store, id, '列1')).toEqual(['00001', '00002', '00002', '00003', '00003']);
      expect(columnValues(store, id, '列2')[0]).toBe(Date.UTC(1997, 0, 1));
      expect((columnValues(store, id, '列2')[4] as number) / DAY).toBe(Date.UTC(1997, 2, 30) / DAY);
      expect(columnValues(store, id, '列4')).toEqual([11.77, 12, 77, 20.76, 20.76]);
    } finally {
      store.close();
    }
  });

  it('keeps the header of an aligned summary file', async () => {
    const path = join(dir, 'summary.txt');
    writeFileSync(path, ' ID  x   t_x     T\n 0001    2   30.43   38.86\n 0002    1   1.71    38.86\n 0003    0   0.00    38.86\n');
    const { store, result } = await importInto(dir, path);
    try {
      const ds = store.getDataset(result.datasets[0]!.id);
      expect(ds.columns.map((c) => [c.name, c.type])).toEqual([
        ['ID', 'text'],
        ['x', 'integer'],
        ['t_x', 'decimal'],
        ['T', 'decimal'],
      ]);
      expect(columnValues(store, ds.id, 't_x')).toEqual([30.43, 1.71, 0]);
    } finally {
      store.close();
    }
  });

  it('a headerless CSV with yyyymmdd dates gets 列1… names and date columns', async () => {
    const path = join(dir, 'erp.csv');
    writeFileSync(path, '张三,20240105,15.50\n李四,20240107,8.25\n王五,20240108,12.00\n');
    const { store, result } = await importInto(dir, path);
    try {
      const ds = store.getDataset(result.datasets[0]!.id);
      expect(ds.columns.map((c) => [c.name, c.type])).toEqual([
        ['列1', 'text'],
        ['列2', 'date'],
        ['列3', 'decimal'],
      ]);
      expect(ds.rowCount).toBe(3);
      expect(columnValues(store, ds.id, '列2')[1]).toBe(Date.UTC(2024, 0, 7));
    } finally {
      store.close();
    }
  });
});
