import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import * as XLSX from 'xlsx';
import type { ColumnType } from '../../shared/contract/datasets';
import type { CellValue } from '../../shared/contract/json';
import { buildZip, minimalXlsx } from '../helpers/hostile-files';

/**
 * The fidelity corpus (issue 19): generated files whose values are easy to change by accident on
 * the way in or out (yes/no words, seconds, 1900 dates, `_xHHHH_` text, NUL, missing-value
 * literals, US and European dates, GBK, formula-looking text, long numbers…). Every file must
 * come back cell for cell from an xlsx and a CSV export. `stored` pins what the first import
 * keeps for some columns: where the product applies a convention (NA read as empty, NUL removed),
 * the expectation says so, so the round trip is compared against the convention explicitly.
 */
export interface FidelityCase {
  name: string;
  file: string;
  /** Expected stored cells of the first import, by column name (the product's conventions). */
  stored?: Record<string, CellValue[]>;
  /** Expected types of the first import, by column name. */
  types?: Record<string, ColumnType>;
  /** Also round-trip through a GB18030 CSV (the export choice for Chinese Excel users). */
  gb18030?: boolean;
}

const utc = Date.UTC;

/** Inline-string and number cells; `b:` and `s<n>:` prefixes make boolean and styled-number cells. */
function rawSheet(rows: string[][]): string {
  const cell = (v: string): string => {
    if (v === '') return '';
    if (v.startsWith('b:')) return `<c t="b"><v>${v.slice(2)}</v></c>`;
    const styled = /^s(\d+):(.*)$/.exec(v);
    if (styled) return `<c s="${styled[1]}"><v>${styled[2]}</v></c>`;
    if (v.startsWith('n:')) return `<c><v>${v.slice(2)}</v></c>`;
    return `<c t="inlineStr"><is><t xml:space="preserve">${v}</t></is></c>`;
  };
  const body = rows.map((r, i) => `<row r="${i + 1}">${r.map(cell).join('')}</row>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

/** Styles: 1 = yyyy-mm-dd, 2 = yyyy-mm-dd hh:mm:ss, 3 = 0.00%, 4 = ¥#,##0.00. */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/><numFmt numFmtId="166" formatCode="&quot;¥&quot;#,##0.00"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="10" applyNumberFormat="1"/><xf numFmtId="166" applyNumberFormat="1"/></cellXfs></styleSheet>`;

const STYLED_PARTS = {
  types: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  rootRels: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  workbook: (date1904: boolean): string =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  workbookRels: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
};

/** A workbook with a styles part, so serials carry date formats as Excel writes them. */
function styledXlsx(rows: string[][], date1904 = false): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: STYLED_PARTS.types },
    { name: '_rels/.rels', data: STYLED_PARTS.rootRels },
    { name: 'xl/workbook.xml', data: STYLED_PARTS.workbook(date1904) },
    { name: 'xl/_rels/workbook.xml.rels', data: STYLED_PARTS.workbookRels },
    { name: 'xl/worksheets/sheet1.xml', data: rawSheet(rows) },
    { name: 'xl/styles.xml', data: STYLES },
  ]);
}

/** Writes the corpus into `<dir>/fidelity` (its own folder: names like nul.csv recur in other corpora). */
export function writeFidelityCorpus(dir: string): FidelityCase[] {
  const folder = join(dir, 'fidelity');
  mkdirSync(folder, { recursive: true });
  const put = (name: string, data: Buffer | string): string => {
    const p = join(folder, name);
    writeFileSync(p, data);
    return p;
  };
  const book = (rows: unknown[][]): Buffer => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'S');
    return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  };
  return [
    {
      name: 'yes/no words (CSV)',
      file: put('words.csv', 'id,y,loan,vip,flag,ok\n1,yes,No,是,Y,TRUE\n2,no,Yes,否,N,FALSE\n3,yes,No,是,Y,TRUE\n'),
      types: { y: 'boolean', loan: 'boolean', vip: 'boolean', flag: 'boolean', ok: 'boolean' },
    },
    {
      name: 'yes/no words and real booleans (xlsx)',
      file: put('words.xlsx', minimalXlsx(rawSheet([['id', 'y', 'real'], ['n:1', 'yes', 'b:1'], ['n:2', 'no', 'b:0'], ['n:3', 'no', 'b:1']]))),
      types: { y: 'boolean', real: 'boolean' },
    },
    {
      name: 'date-times with seconds',
      file: put('seconds.csv', 'id,paid,slash\n1,2018-05-16 09:41:07,2018/5/16 9:41:07\n2,2018-05-16 23:59:59,2018/12/31 23:59:59\n3,2018-05-17 00:00:01,2018/1/1 0:00:00\n'),
      stored: { paid: [utc(2018, 4, 16, 9, 41, 7), utc(2018, 4, 16, 23, 59, 59), utc(2018, 4, 17, 0, 0, 1)] },
      types: { paid: 'datetime', slash: 'datetime' },
    },
    {
      name: 'date-times with seconds (xlsx serials)',
      // 43236.40355324074 = 2018-05-16 09:41:07; 1.5 = 1900-01-01 12:00:00; 60.75 is Excel's fictitious 1900-02-29.
      file: put('serials.xlsx', styledXlsx([['id', 'at', 'day'], ['n:1', 's2:43236.40355324074', 's1:1'], ['n:2', 's2:1.5', 's1:59'], ['n:3', 's2:61.999988425925924', 's1:61']])),
      stored: { at: [utc(2018, 4, 16, 9, 41, 7), utc(1900, 0, 1, 12), utc(1900, 2, 1, 23, 59, 59)], day: [utc(1900, 0, 1), utc(1900, 1, 28), utc(1900, 2, 1)] },
    },
    {
      name: 'dates around 1900-03-01 and placeholders',
      file: put('y1900.csv', 'id,since,until\n1,1900-01-01,1899-12-31\n2,1900-02-28,1900-01-01\n3,1900-03-01,2024-02-29\n4,2024-03-05,9999-12-31\n'),
      stored: { since: [utc(1900, 0, 1), utc(1900, 1, 28), utc(1900, 2, 1), utc(2024, 2, 5)] },
      types: { since: 'date' },
    },
    {
      name: '_xHHHH_ text',
      file: put('escape.csv', 'id,code\n1,_x0041_\n2,a_x00e9_b\n3,_x000D_\n4,_X0041_\n5,__x0041__\n6,_x005F_x0041_\n7,plain\n'),
      stored: { code: ['_x0041_', 'a_x00e9_b', '_x000D_', '_X0041_', '__x0041__', '_x005F_x0041_', 'plain'] },
    },
    {
      name: '_xHHHH_ escapes in an xlsx (read as the characters they stand for)',
      file: put('escape.xlsx', minimalXlsx(rawSheet([['id', 'code'], ['n:1', '_x005F_x0041_'], ['n:2', 'A_x000D_B'], ['n:3', '_x0041_']]))),
      // OOXML: _x005F_ is a literal underscore; _x000D_ is a carriage return (kept as a LF line
      // break, the line-break convention); _x0041_ is "A".
      stored: { code: ['_x0041_', 'A\nB', 'A'] },
    },
    {
      name: 'NUL characters',
      file: put('nul.csv', 'id,name\n1,a\u0000b\n2,\u0000\n3,plain\n'),
      // Convention: NUL is removed wherever it is (and counted in a NUL_REMOVED warning); a cell of only NUL is empty.
      stored: { name: ['ab', null, 'plain'] },
    },
    {
      name: 'missing-value literals',
      file: put('na.csv', "id,a,n\n1,NA,1\n2,'null,NA\n3,-,2\n4,--,nan\n5,none,3\n6,空,\n7,nan,4\n8,   ,5\n9,ok,N/A\n"),
      // Convention: NA, 'null, -, --, none, 空, nan, N/A and blank-only cells are read as empty
      // (counted in VALUES_EMPTIED warnings); the numbers around them stay numbers.
      stored: { a: [null, null, null, null, null, null, null, null, 'ok'], n: [1, null, 2, null, 3, null, 4, 5, null] },
      types: { n: 'integer' },
    },
    {
      name: 'US dates (month first)',
      file: put('us.csv', 'id,when,day\n1,10/2/2017 10:56,7/24/2018\n2,7/24/2018 15:03:09,12/31/2018\n3,12/31/2018 0:00,1/1/1900\n'),
      stored: { when: [utc(2017, 9, 2, 10, 56), utc(2018, 6, 24, 15, 3, 9), utc(2018, 11, 31)], day: [utc(2018, 6, 24), utc(2018, 11, 31), utc(1900, 0, 1)] },
    },
    {
      name: 'European dates (day first)',
      file: put('eu.csv', 'id,when\n1,10/2/2017\n2,24/07/2018\n3,31.12.2018\n'),
      stored: { when: [utc(2017, 1, 10), utc(2018, 6, 24), utc(2018, 11, 31)] },
    },
    {
      name: 'ambiguous day/month dates',
      // Convention: an ambiguous column is read month first (flagged DATE_ORDER_AMBIGUOUS).
      file: put('ambiguous.csv', 'id,when\n1,3/4/2018\n2,5/6/2018\n'),
      stored: { when: [utc(2018, 2, 4), utc(2018, 4, 6)] },
    },
    {
      name: 'GBK without BOM',
      file: put('gbk.csv', iconv.encode('客户,城市,金额,备注\n张三,北京,1.5,“引号”\n李四,上海,20,颜文字（￣▽￣）\n王五,广州,-3,繁體字\n', 'gbk')),
      stored: { 客户: ['张三', '李四', '王五'], 备注: ['“引号”', '颜文字（￣▽￣）', '繁體字'] },
      gb18030: true,
    },
    {
      name: 'formula-looking and quoted text',
      file: put('text.csv', 'id,t\n1,=1+1\n2,+cmd\n3,@SUM(1)\n4,"a,b"\n5,"say ""hi"""\n6,"two\r\nlines"\n7,\'0012\n8, padded \n9,😀 emoji\n'),
      // Conventions: a cell's own leading/trailing spaces are kept; a leading apostrophe is kept as
      // text; a line break in a cell is kept as LF (CR LF and CR become LF, counted as a conversion).
      stored: { t: ['=1+1', '+cmd', '@SUM(1)', 'a,b', 'say "hi"', 'two\nlines', "'0012", ' padded ', '😀 emoji'] },
    },
    {
      name: 'ids, long numbers and awkward numbers',
      file: put('numbers.csv', 'id,code,big,x,pct,money\n1,00123,123456789012345678,0.1,12.5%,¥1234.5\n2,00456,9007199254740993,-0,-3%,"¥1,000"\n3,00789,1234567890123,1e-7,100%,12元\n'),
      // Conventions: -0 is read as 0 (Excel has no negative zero); whole numbers a double cannot
      // hold exactly (beyond 2^53: order and ID-card numbers) stay text, digit for digit.
      stored: { code: ['00123', '00456', '00789'], big: ['123456789012345678', '9007199254740993', '1234567890123'], x: [0.1, 0, 1e-7] },
      types: { big: 'text' },
    },
    {
      name: 'mixed number and text column',
      file: put('mixed.csv', 'id,v\n1,12\n2,abc\n3,3.25\n4,\n'),
    },
    {
      name: '1904 date system (xlsx)',
      // Serial 0 is 1904-01-01 in the 1904 system; 41774.40355324074 is 2018-05-16 09:41:07.
      file: put('d1904.xlsx', styledXlsx([['id', 'at'], ['n:1', 's1:0'], ['n:2', 's2:41774.40355324074']], true)),
      stored: { at: [utc(1904, 0, 1), utc(2018, 4, 16, 9, 41, 7)] },
    },
    {
      name: 'percent and currency formats (xlsx)',
      file: put('formats.xlsx', styledXlsx([['id', 'share', 'paid'], ['n:1', 's3:0.125', 's4:1234.5'], ['n:2', 's3:-0.03', 's4:0.1'], ['n:3', 's3:1', 's4:-20']])),
      stored: { share: [0.125, -0.03, 1], paid: [1234.5, 0.1, -20] },
      types: { share: 'percent', paid: 'currency' },
    },
    {
      name: 'xlsx text that looks like numbers, dates and yes/no',
      file: put('looks.xlsx', minimalXlsx(rawSheet([['id', 'code', 'note'], ['n:1', '00123', 'TRUE'], ['n:2', '00456', '2018-05-16'], ['n:3', '1e5', '1,234']]))),
      stored: { code: ['00123', '00456', '1e5'] },
    },
    {
      name: 'big numbers in xlsx and an all-empty column',
      file: put('big.xlsx', minimalXlsx(rawSheet([['id', 'big', 'empty', 'tail'], ['n:1', 'n:9007199254740993', '', 'a'], ['n:2', 'n:1.7976931348623157e308', '', 'b'], ['n:3', 'n:5e-324', '', 'c']]))),
      stored: { big: [9007199254740992, 1.7976931348623157e308, 5e-324] },
    },
    {
      name: 'times of day and an all-empty column (CSV)',
      file: put('times.csv', 'id,at,empty,tail\n1,09:41:07,,a\n2,23:59:59,,b\n3,0:00,,c\n'),
    },
    {
      name: 'numbers and dates in a SheetJS workbook',
      file: put('sheetjs.xlsx', book([['客户', '金额', '日期', '备注'], ['张三', 12.5, new Date(Date.UTC(2018, 4, 16, 9, 41, 7)), '_x0041_'], ['李四', 0.1 + 0.2, new Date(Date.UTC(1900, 0, 1)), ''], ['王五', -0.000123, new Date(Date.UTC(2024, 1, 29, 23, 59, 59)), '否']])),
    },
  ];
}
