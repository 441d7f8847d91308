import { readMerges } from '../../../electron/engine/import/sheet-merges';
import { describe, expect, it } from 'vitest';
import { parseDate, parseNumber, isMissingMarker, parseBoolean } from '../../../electron/engine/import/cell-parse';
import { CsvParser, detectDelimiter } from '../../../electron/engine/import/csv-parser';
import { TypeTally } from '../../../electron/engine/import/infer-types';
import { converterFor } from '../../../electron/engine/import/convert-cell';
import { FormattedNumber, excelSerialToMs, type RawCell } from '../../../electron/engine/import/raw-cell';
import { detectEncoding } from '../../../electron/engine/import/text-encoding';
import { cleanHeaders } from '../../../electron/engine/import/header-names';
import { chooseHeader } from '../../../electron/engine/import/header-detect';
import { SheetXmlScanner } from '../../../electron/engine/import/sheet-xml-scanner';

function parseAll(text: string, delimiter = ',', chunk = 3): string[][] {
  const p = new CsvParser(delimiter);
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk), false, out);
  p.push('', true, out);
  return out;
}

describe('CSV parser', () => {
  it('handles quotes, embedded newlines and delimiters, CRLF, and a missing final newline in any chunking', () => {
    const text = 'a,b,c\r\n"x, y","line1\nline2","say ""hi"""\r\n1,,3';
    const expected = [['a', 'b', 'c'], ['x, y', 'line1\nline2', 'say "hi"'], ['1', '', '3']];
    for (const chunk of [1, 2, 5, 1000]) expect(parseAll(text, ',', chunk)).toEqual(expected);
  });

  it('detects , ; tab and |', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n', ',')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2\n', ',')).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|2|3\n', ',')).toBe('|');
    expect(detectDelimiter('"x;y",b\n"1;2",3\n', ',')).toBe(',');
  });
});

describe('encoding detection', () => {
  const gbk = new Uint8Array([0xc2, 0xf2, 0xbc, 0xd2, 0xbb, 0xe1, 0xd4, 0xb1, 0xc3, 0xfb, 0x2c, 0x31, 0x0a]); // 买家会员名,1
  it('BOM, strict UTF-8, then GB18030; manual override wins', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'auto', true)).toMatchObject({ encoding: 'utf-8', bomLength: 3 });
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]), 'auto', true)).toMatchObject({ encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(new TextEncoder().encode('客户,1\n'), 'auto', true).encoding).toBe('utf-8');
    expect(detectEncoding(gbk, 'auto', true).encoding).toBe('gb18030');
    expect(new TextDecoder('gb18030').decode(gbk)).toBe('买家会员名,1\n');
    expect(detectEncoding(gbk, 'big5', true).encoding).toBe('big5');
  });
  it('a sample cut inside a UTF-8 character is still UTF-8', () => {
    const bytes = new TextEncoder().encode('名字,金额\n张三,1\n');
    expect(detectEncoding(bytes.subarray(0, 4), 'auto', false).encoding).toBe('utf-8');
  });
  it('flags likely Big5', () => {
    const big5 = new Uint8Array([0xab, 0x48, 0xa5, 0x44, 0xa4, 0x40, 0xab, 0x48, 0xa5, 0x44, 0xa4, 0x40, 0x0a]);
    const d = detectEncoding(big5, 'auto', true);
    expect(d.encoding).toBe('gb18030');
    expect(d.warnings.map((w) => w.code)).toContain('BIG5_LIKELY');
  });
});

describe('cell parsing', () => {
  it('numbers, percent, currency; leading zeros are not numbers', () => {
    expect(parseNumber('1,234')).toEqual({ value: 1234, kind: 'integer' });
    expect(parseNumber('¥1,234.00')).toEqual({ value: 1234, kind: 'currency' });
    expect(parseNumber('￥-5.5')?.value).toBe(-5.5);
    expect(parseNumber('12.5%')).toEqual({ value: 0.125, kind: 'percent' });
    expect(parseNumber('00123')).toBeNull();
    expect(parseNumber('0.5')?.kind).toBe('decimal');
  });
  it('dates in Chinese office spellings, impossible dates flagged', () => {
    expect(parseDate('2024-03-05')).toEqual({ ms: Date.UTC(2024, 2, 5), hasTime: false });
    expect(parseDate('2024/3/5 9:41')).toEqual({ ms: Date.UTC(2024, 2, 5, 9, 41), hasTime: true });
    expect(parseDate('2024年3月5日')).toEqual({ ms: Date.UTC(2024, 2, 5), hasTime: false });
    expect(parseDate('20240305')).toEqual({ ms: Date.UTC(2024, 2, 5), hasTime: false });
    expect(parseDate('2014/2/29')).toBe('impossible');
    expect(parseDate('hello')).toBeNull();
  });
  it('missing markers and booleans', () => {
    for (const m of ['NA', 'N/A', 'null', "'null", '-', '空', 'empty']) expect(isMissingMarker(m)).toBe(true);
    expect(isMissingMarker('Nanjing')).toBe(false);
    expect([parseBoolean('是'), parseBoolean('否'), parseBoolean('Y'), parseBoolean('n'), parseBoolean('maybe')]).toEqual([true, false, true, false, null]);
  });
  it('Excel serials: 1900 leap-year bug and the 1904 system', () => {
    expect(excelSerialToMs(1, false)).toBe(Date.UTC(1900, 0, 1));
    expect(excelSerialToMs(59, false)).toBe(Date.UTC(1900, 1, 28));
    expect(excelSerialToMs(61, false)).toBe(Date.UTC(1900, 2, 1));
    expect(excelSerialToMs(45356, false)).toBe(Date.UTC(2024, 2, 5));
    expect(excelSerialToMs(45356.40347222222, false)).toBe(Date.UTC(2024, 2, 5, 9, 41));
    expect(excelSerialToMs(0, true)).toBe(Date.UTC(1904, 0, 1));
    expect(excelSerialToMs(43894, true)).toBe(Date.UTC(2024, 2, 5));
  });
});

describe('type inference and conversion', () => {
  const infer = (cells: RawCell[]): string => {
    const t = new TypeTally();
    cells.forEach((c) => t.add(c));
    return t.decide();
  };
  it('types plain numbers under a money header as money (¥, 元, 金额, 价, 额), not rates, counts or ratings', () => {
    const under = (header: string, cells: RawCell[]): string => {
      const t = new TypeTally();
      cells.forEach((c) => t.add(c));
      return t.decide(header);
    };
    expect(under('买家实际支付金额', ['56.85', '120', '9.9'])).toBe('currency');
    expect(under('单价', [25, 18, 1280])).toBe('currency');
    expect(under('运费（元）', ['0', '12.5'])).toBe('currency');
    expect(under('销售额', [1200.5, 33])).toBe('currency');
    expect(under('Price ¥', [1.5, 2])).toBe('currency');
    expect(under('折扣率', [0.85, 0.9])).toBe('decimal');
    expect(under('市场份额', [0.12, 0.3])).toBe('decimal');
    expect(under('宝贝总数量', [1, 2, 3])).toBe('integer');
    expect(under('评价', [4, 5, 3])).toBe('integer');
    expect(under('价格指数', [101.2, 99.5])).toBe('decimal');
    // Only numbers become money: a text column under a money header stays text.
    expect(under('价格说明', ['面议', '另计'])).toBe('text');
    expect(under('金额', ['12%', '3.5%'])).toBe('percent');
    expect(under('Amount', [12.5, 3])).toBe('decimal');
  });

  it('picks the type most cells fit', () => {
    expect(infer(['1', '2', '3,000'])).toBe('integer');
    expect(infer(['1.5', '2', null])).toBe('decimal');
    expect(infer(['12%', '3.5%'])).toBe('percent');
    expect(infer(['¥1,234.00', '¥5.00'])).toBe('currency');
    expect(infer(['是', '否', '是'])).toBe('boolean');
    expect(infer(['2024-03-05', '2024/3/6', '2024年3月7日', '20240308'])).toBe('date');
    expect(infer(['2024/3/5 9:41', '2024-03-05'])).toBe('datetime');
    expect(infer([new FormattedNumber(45356, 'date'), new FormattedNumber(45356.5, 'date')])).toBe('datetime');
    expect(infer(['00123', '45', '46'])).toBe('text');
    expect(infer(['apple', 'pear', '1'])).toBe('text');
    expect(infer(['NA', 'N/A', '-'])).toBe('text');
    expect(infer([...Array(18).fill('489434'), 'C489449', 'C489450'])).toBe('text');
    expect(infer([...Array(19).fill('2024-01-01'), '2014/2/29', 'n/a'])).toBe('date');
  });
  it('converts, keeps failing cells as their text, and maps missing markers to null', () => {
    const int = converterFor('integer', { date1904: false });
    expect([int('1,234', 1), int('abc', 1), int('NA', 1), int(5, 1)]).toEqual([1234, 'abc', null, 5]);
    const date = converterFor('date', { date1904: false });
    expect([date('2024/3/5', 1), date(new FormattedNumber(45356, 'date'), 1), date('2014/2/29', 1)]).toEqual([Date.UTC(2024, 2, 5), Date.UTC(2024, 2, 5), '2014/2/29']);
    const bool = converterFor('boolean', { date1904: false });
    expect([bool('是', 1), bool('否', 1), bool('Y', 1), bool('?', 1)]).toEqual([true, false, true, '?']);
    expect(converterFor('percent', { date1904: false })('12.5%', 1)).toBe(0.125);
    expect(converterFor('text', { date1904: false })(42, 1)).toBe('42');
    expect(() => converterFor('text', { date1904: false })('x'.repeat(32_768), 7)).toThrow(/32,?767|row 7/);
  });
});

describe('headers', () => {
  it('trims, names empty columns 列N, and makes duplicates unique with a report', () => {
    const { headers, warnings } = cleanHeaders([null, '宝贝种类', '宝贝种类 ', ' 金额 ', '__proto__'], 5, null);
    expect(headers.map((h) => h.name)).toEqual(['列1', '宝贝种类', '宝贝种类 (2)', '金额', '__proto__']);
    expect(headers[2]!.original).toBe('宝贝种类 ');
    expect(warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['EMPTY_HEADER', 'DUPLICATE_HEADER', 'HEADER_TRIMMED']));
  });
  it('a generated 列N never takes a name the file gives explicitly', () => {
    expect(cleanHeaders([null, '列1'], 2, null).headers.map((h) => h.name)).toEqual(['列1 (2)', '列1']);
  });
  it('skips title rows above the table', () => {
    const rows: RawCell[][] = [['2018年订单明细'], [], ['客户', '金额', '日期'], ['张三', 1, '2024-01-01']];
    expect(chooseHeader(rows, [], undefined)).toMatchObject({ headerIndex: 2, dataStart: 3, headers: ['客户', '金额', '日期'] });
  });
  it('flattens a two-row merged header to 上级-下级', () => {
    const rows: RawCell[][] = [['客户', '消费', null, '地区'], [null, '金额', '次数', null], ['张三', 10, 2, '北京']];
    const merges = [
      { r0: 0, c0: 1, r1: 0, c1: 2 },
      { r0: 0, c0: 0, r1: 1, c1: 0 },
      { r0: 0, c0: 3, r1: 1, c1: 3 },
    ];
    expect(chooseHeader(rows, merges, undefined)).toMatchObject({ headerIndex: 0, dataStart: 2, headers: ['客户', '消费-金额', '消费-次数', '地区'] });
  });
  it('a first row of numbers means no header', () => {
    expect(chooseHeader([[1, 2], [3, 4]], [], undefined).headerIndex).toBe(-1);
  });
});

describe('sheet XML scanner', () => {
  it('reads shared, inline, boolean, error and styled cells across chunk boundaries', () => {
    const xml =
      '<?xml version="1.0"?><worksheet><dimension ref="A1:D3"/><sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>a&amp;b</t></is></c><c r="D1" t="b"><v>1</v></c></row>' +
      '<row r="3"><c r="A3" s="1"><v>45356</v></c><c r="B3" t="e"><v>#N/A</v></c><c r="C3"><v>1.5</v></c></row>' +
      '</sheetData></worksheet>';
    const scanner = new SheetXmlScanner(['客户'], [null, 'date'], 'sheet1.xml');
    const out: RawCell[][] = [];
    for (let i = 0; i < xml.length; i += 7) scanner.push(xml.slice(i, i + 7), out);
    expect(scanner.declaredRows).toBe(3);
    expect(out).toEqual([['客户', 'a&b', null, true], [], [new FormattedNumber(45356, 'date'), null, 1.5]]);
  });
});

describe('number format meanings', () => {
  it('dates, times, percent and currency formats', async () => {
    const { meaningOfCode } = await import('../../../electron/engine/import/xlsx-parts');
    expect(['yyyy-mm-dd', 'yyyy/m/d h:mm', 'h:mm:ss', '[$-804]yyyy"年"m"月"d"日"', 'mm-dd-yy', '[h]:mm'].map(meaningOfCode)).toEqual(Array(6).fill('date'));
    expect(['0.00%', '0%'].map(meaningOfCode)).toEqual(['percent', 'percent']);
    expect(['¥#,##0.00', '"$"#,##0', '[$¥-804]#,##0'].map(meaningOfCode)).toEqual(['currency', 'currency', 'currency']);
    expect(['General', '0.00', '#,##0', '0.00E+00', '[Red]0.00', '@'].map(meaningOfCode)).toEqual([null, null, null, null, null, null]);
  });
  it('fast and regex date paths agree', () => {
    expect(parseDate('2024/3/5 9:41:07')).toEqual({ ms: Date.UTC(2024, 2, 5, 9, 41, 7), hasTime: true });
    expect(parseDate('2024-03-05T09:41:07')).toEqual({ ms: Date.UTC(2024, 2, 5, 9, 41, 7), hasTime: true });
    expect(parseDate('2024/13/5')).toBe('impossible');
    expect(parseDate('2024/3/5 25:00')).toBe('impossible');
    expect(parseDate('2000/2/29')).toEqual({ ms: Date.UTC(2000, 1, 29), hasTime: false });
    expect(parseDate('1900/2/29')).toBe('impossible');
  });
});

describe('merged ranges after the sheet data (streaming reader)', () => {
  it('finds <mergeCells> after </sheetData> in any chunking, near-top ranges only', async () => {
    const xml = `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells count="3"><mergeCell ref="B1:C1"/><mergeCell ref="A1:A2"/><mergeCell ref="A60:B61"/></mergeCells></worksheet>`;
    for (const size of [1, 3, 7, 1000]) {
      const chunks = async function* (): AsyncIterable<string> {
        for (let i = 0; i < xml.length; i += size) yield xml.slice(i, i + size);
      };
      expect(await readMerges(chunks())).toEqual([
        { r0: 0, c0: 1, r1: 0, c1: 2 },
        { r0: 0, c0: 0, r1: 1, c1: 0 },
      ]);
    }
  });

  it('a sheet without merges gives none', async () => {
    const once = async function* (): AsyncIterable<string> {
      yield '<worksheet><sheetData></sheetData></worksheet>';
    };
    expect(await readMerges(once())).toEqual([]);
  });
});
