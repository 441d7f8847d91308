import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';

/**
 * Generators for hostile and broken import files, written into a test's temp folder. Shared by
 * the import tests and the reliability work; nothing here is copied from real user files.
 */

export interface ZipPart {
  name: string;
  data: Buffer | string;
  /** Lie about the uncompressed size in the headers (zip-bomb declarations). */
  declaredSize?: number;
  store?: boolean;
}

/** A zip archive built by hand, so headers can say what a test needs them to say. */
export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : p.data;
    const body = p.store ? raw : deflateRawSync(raw);
    const name = Buffer.from(p.name, 'utf8');
    const size = p.declaredSize ?? raw.length;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(p.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(p.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** The smallest xlsx Excel and SheetJS open, with the given sheet XML. */
export function minimalXlsx(sheetXml: string, extra: ZipPart[] = []): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: ROOT_RELS },
    { name: 'xl/workbook.xml', data: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', data: WORKBOOK_RELS },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml },
    ...extra,
  ]);
}

/** Sheet XML from rows of inline strings/numbers. */
export function sheetXml(rows: (string | number)[][], prolog = ''): string {
  const body = rows
    .map((r, i) => `<row r="${i + 1}">${r.map((v) => (typeof v === 'number' ? `<c><v>${v}</v></c>` : `<c t="inlineStr"><is><t>${v}</t></is></c>`)).join('')}</row>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${prolog}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

function put(dir: string, name: string, data: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/** A valid small workbook written by SheetJS. */
export function goodXlsx(dir: string, name = 'good.xlsx'): string {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['客户', '金额'], ['张三', 12.5], ['李四', 30]]), '订单');
  return put(dir, name, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

export const hostile = {
  /** The first half of a real xlsx: no central directory. */
  truncatedZip: (dir: string): string => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(Array.from({ length: 200 }, (_, i) => [`r${i}`, i])), 'S');
    const data = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    return put(dir, 'truncated.xlsx', data.subarray(0, Math.floor(data.length / 2)));
  },
  /** Password-protected OOXML: a CFB container with EncryptionInfo and EncryptedPackage streams. */
  encryptedXlsx: (dir: string): string => {
    const CFB = XLSX.CFB as {
      utils: { cfb_new(): unknown; cfb_add(cfb: unknown, name: string, content: Buffer): void };
      write(cfb: unknown, opts: { type: 'buffer' }): Buffer;
    };
    const cfb = CFB.utils.cfb_new();
    const info = Buffer.alloc(64);
    info.writeUInt16LE(4, 0);
    info.writeUInt16LE(4, 2);
    info.writeUInt32LE(0x40, 4);
    CFB.utils.cfb_add(cfb, '/EncryptionInfo', info);
    CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(4096, 7));
    return put(dir, 'locked.xlsx', CFB.write(cfb, { type: 'buffer' }));
  },
  /** A sheet part that declares 4 GB uncompressed from a few bytes. */
  zipBomb: (dir: string): string => put(dir, 'bomb.xlsx', buildZipBomb()),
  /** Headers that understate the size: 64 MB of spaces declared as 100 bytes. */
  lyingZip: (): Buffer => minimalXlsx(sheetXml([['a']]), [{ name: 'xl/padding.xml', data: Buffer.alloc(64 * 1024 * 1024, 0x20), declaredSize: 100 }]),
  /** A DOCTYPE with nested entities ("billion laughs") in the sheet XML. */
  entityExpansion: (dir: string): string => {
    const dtd = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';
    return put(dir, 'entities.xlsx', minimalXlsx(sheetXml([['a', 'b'], ['&lol2;', 1]], dtd)));
  },
  /** 16,385 columns in a CSV. */
  tooManyColumnsCsv: (dir: string): string => put(dir, 'wide.csv', `${Array.from({ length: 16_385 }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: 16_385 }, () => '1').join(',')}\n`),
  /** A cell in column 16,385 (XFE) of an xlsx. */
  tooManyColumnsXlsx: (dir: string): string =>
    put(
      dir,
      'wide.xlsx',
      minimalXlsx(
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="XFE1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row></sheetData></worksheet>`,
      ),
    ),
  /** One cell of 32,768 characters. */
  longCellCsv: (dir: string): string => put(dir, 'long.csv', `name,note\nA,${'长'.repeat(32_768)}\n`),
  emptyCsv: (dir: string): string => put(dir, 'empty.csv', ''),
  /** A workbook whose only sheet has no cells. */
  emptySheetXlsx: (dir: string): string => put(dir, 'blank.xlsx', minimalXlsx(sheetXml([]))),
  /** Random bytes (with NULs) named .csv. */
  binaryCsv: (dir: string): string => {
    const b = Buffer.alloc(4096);
    let x = 12345;
    for (let i = 0; i < b.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      b[i] = x & 0xff;
    }
    b[10] = 0;
    return put(dir, 'garbage.csv', b);
  },
  /** Headers that would pollute Object.prototype if used as object keys. */
  prototypeHeadersCsv: (dir: string): string => put(dir, 'proto.csv', '__proto__,constructor,prototype,name\n1,2,3,a\n4,5,6,b\n'),
  /** A date column where 2014/2/29 does not exist. */
  impossibleDateCsv: (dir: string): string => put(dir, 'dates.csv', 'id,day\n1,2014/2/28\n2,2014/2/29\n3,2014/3/1\n4,2015/1/1\n5,2016/2/29\n'),
};

function buildZipBomb(): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: ROOT_RELS },
    { name: 'xl/workbook.xml', data: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', data: WORKBOOK_RELS },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * 1024, 0x20), declaredSize: 0xfffffff0 },
  ]);
}
