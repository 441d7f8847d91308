import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import * as XLSX from 'xlsx';
import { hostile, minimalXlsx, sheetXml } from '../helpers/hostile-files';

/**
 * The hostile-file corpus of the reliability work: every file is generated here (nothing is
 * downloaded). Each entry says what a correct importer does with it: a coded error, a clean
 * import, or either (the file is legal but odd). `npm test` imports all of them.
 */
export interface HostileCase {
  name: string;
  file: string;
  expect: 'error' | 'import' | 'either';
  /** The error code when `expect` is 'error' (null = any coded error). */
  code?: string;
  /** Rows the import must give, when it is known. */
  rows?: number;
}

export function writeHostileCorpus(dir: string): HostileCase[] {
  const put = (name: string, data: Buffer | string): string => {
    const p = join(dir, name);
    writeFileSync(p, data);
    return p;
  };
  const book = (rows: unknown[][], name = 'S', mutate?: (ws: XLSX.WorkSheet) => void): Buffer => {
    const wb = XLSX.utils.book_new();
    const ws = XLSX.utils.aoa_to_sheet(rows);
    mutate?.(ws);
    XLSX.utils.book_append_sheet(wb, ws, name);
    return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  };
  const cases: HostileCase[] = [
    { name: 'truncated zip', file: hostile.truncatedZip(dir), expect: 'error', code: 'IMPORT_CORRUPT' },
    { name: 'encrypted xlsx', file: hostile.encryptedXlsx(dir), expect: 'error', code: 'IMPORT_ENCRYPTED' },
    { name: 'zip bomb', file: hostile.zipBomb(dir), expect: 'error', code: 'TOO_LARGE' },
    { name: 'zip with understated sizes', file: put('lying.xlsx', hostile.lyingZip()), expect: 'error' },
    { name: 'XML entity expansion', file: hostile.entityExpansion(dir), expect: 'error', code: 'IMPORT_ENTITY_EXPANSION' },
    { name: '16,385 columns (csv)', file: hostile.tooManyColumnsCsv(dir), expect: 'error', code: 'IMPORT_TOO_MANY_COLUMNS' },
    { name: '16,385 columns (xlsx)', file: hostile.tooManyColumnsXlsx(dir), expect: 'error', code: 'IMPORT_TOO_MANY_COLUMNS' },
    { name: '32,768-character cell', file: hostile.longCellCsv(dir), expect: 'error', code: 'IMPORT_CELL_TOO_LONG' },
    { name: '40,000-character cell (xlsx)', file: put('long40k.xlsx', minimalXlsx(sheetXml([['a', 'b'], ['x', 'y'.repeat(40_000)]]))), expect: 'error', code: 'IMPORT_CELL_TOO_LONG' },
    { name: 'empty csv', file: hostile.emptyCsv(dir), expect: 'error', code: 'IMPORT_EMPTY' },
    { name: 'empty xlsx file (0 bytes)', file: put('zero.xlsx', ''), expect: 'error' },
    { name: 'sheet with no cells', file: hostile.emptySheetXlsx(dir), expect: 'error', code: 'IMPORT_EMPTY' },
    { name: 'binary garbage named .csv', file: hostile.binaryCsv(dir), expect: 'error', code: 'IMPORT_BINARY' },
    { name: 'binary garbage named .xlsx', file: put('garbage.xlsx', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))), expect: 'error' },
    { name: 'prototype-pollution headers', file: hostile.prototypeHeadersCsv(dir), expect: 'import' },
    { name: 'impossible date 2014/2/29', file: hostile.impossibleDateCsv(dir), expect: 'import' },
    { name: 'date 1900/2/29 (Excel leap bug)', file: put('leap1900.csv', 'id,day\n1,1900/2/28\n2,1900/2/29\n3,1900/3/1\n'), expect: 'import' },
    { name: 'numbers 1e309 and -0', file: put('numbers.csv', 'id,v\n1,1e309\n2,-0\n3,-1e309\n4,1.5\n'), expect: 'import' },
    { name: 'mixed encodings in one csv', file: put('mixed.csv', Buffer.concat([Buffer.from('客户,金额\n张三,1\n', 'utf8'), iconv.encode('李四,2\n王五,3\n', 'gb18030')])), expect: 'import' },
    { name: 'invalid UTF-8 bytes', file: put('bad-utf8.csv', Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from('\n2,x\n')])), expect: 'either' },
    { name: 'NUL bytes in a text cell', file: put('nul.csv', 'a,b\n1,x\u0000y\n2,z\n'), expect: 'either' },
    { name: 'UTF-16LE without BOM', file: put('utf16.csv', Buffer.from('a,b\n1,2\n', 'utf16le')), expect: 'either' },
    { name: 'only a BOM', file: put('bom.csv', Buffer.from([0xef, 0xbb, 0xbf])), expect: 'error', code: 'IMPORT_EMPTY' },
    { name: 'unterminated quote', file: put('quote.csv', 'a,b\n1,"never closed\n2,3\n'), expect: 'either' },
    { name: 'header only', file: put('header-only.csv', '客户,金额\n'), expect: 'either' },
    { name: 'sheet with only merged cells', file: put('merged.xlsx', book([[null, null], [null, null]], 'M', (ws) => (ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 1, c: 1 } }]))), expect: 'error' },
    {
      name: 'formulas with external links',
      file: put('external.xlsx', book([['a', 'b'], [1, 2]], 'F', (ws) => {
        ws['B2'] = { t: 'n', v: 2, f: "'[other.xlsx]Sheet1'!A1*2" };
        ws['A3'] = { t: 's', v: '=HYPERLINK("http://example.invalid")', f: 'HYPERLINK("http://example.invalid")' };
        ws['!ref'] = 'A1:B3';
      })),
      expect: 'import',
    },
    { name: 'sheet XML claiming 2 GB', file: put('claims-2gb.xlsx', minimalXlsx(sheetXml([['a']]), [{ name: 'xl/media/big.bin', data: Buffer.alloc(16), declaredSize: 2 ** 31 }])), expect: 'error' },
    // Hand-built: SheetJS's writer walks every cell of a declared range, so it cannot make these.
    { name: 'used range far beyond the data', file: put('range.xlsx', minimalXlsx(sheetXml([['a'], [1]]).replace('<sheetData>', '<dimension ref="A1:XFD1048576"/><sheetData>'))), expect: 'import' },
    { name: 'rows numbered near the last row', file: put('far-rows.xlsx', minimalXlsx(sheetXml([['a'], [1]]).replace('<row r="2">', '<row r="1048576">').replace('</sheetData>', '</sheetData>'))), expect: 'either' },
    { name: 'tab-separated with ragged rows', file: put('ragged.tsv', 'a\tb\tc\n1\t2\n3\t4\t5\t6\n'), expect: 'import' },
    { name: 'CR-only line ends', file: put('cr.csv', 'a,b\r1,2\r3,4\r'), expect: 'import', rows: 2 },
    { name: 'duplicate and blank headers', file: put('dupes.csv', '客户,客户 ,,金额\nA,B,C,1\n'), expect: 'import' },
    { name: 'formula-looking text', file: put('inject.csv', 'a,b\n=1+1,+cmd\n@SUM(1),-2\n'), expect: 'import' },
  ];
  return cases;
}
