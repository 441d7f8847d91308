import { open, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { KequnError } from '../../../shared/contract/errors';
import type { ImportEncoding, ImportFormat } from '../../../shared/contract/import';
import { openTextFile } from './csv-source';
import { LIMITS, corrupt, emptyFile, encrypted, entityExpansion, tooLarge } from './limits';
import type { OpenedFile } from './sheet-source';
import { openWorkbook } from './workbook-source';
import { openXlsxStream } from './xlsx-stream-source';
import { ZipArchive } from './zip-archive';

/** Above this size an .xlsx/.xlsm is streamed instead of read whole by SheetJS. */
export const STREAM_FROM_BYTES = 4 * 1024 * 1024;

const ZIP_MAGIC = [0x50, 0x4b];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const TEXT_EXT = new Set(['.csv', '.tsv', '.txt']);
const BOOK_EXT = new Set(['.xlsx', '.xlsm', '.xlsb', '.xls', '.ods', '.xltx', '.xltm', '.et']);

export interface OpenOptions {
  encoding: ImportEncoding;
  /** Force the streaming xlsx reader (tests, benchmarks); default by size. */
  stream?: boolean;
}

/**
 * Opens an import file after checking it is safe to parse: size caps, format by content (not
 * only by name), encryption, zip integrity and bombs, and DTDs in XML parts.
 */
export async function openImportFile(path: string, options: OpenOptions): Promise<OpenedFile> {
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new KequnError('FILE_NOT_FOUND', `File not found: ${path}`, { zh: `找不到文件：${path}`, details: { path } });
  }
  if (size > LIMITS.maxFileBytes) throw tooLarge('The file', '文件', { bytes: size });
  const ext = extname(path).toLowerCase();
  if (size === 0) throw emptyFile('The file is empty', '文件是空的');
  const head = await readHead(path, 8);
  if (startsWith(head, ZIP_MAGIC)) return openZipWorkbook(path, size, ext, options);
  if (startsWith(head, CFB_MAGIC)) {
    if (size > LIMITS.maxInMemoryFileBytes) throw tooLarge('This .xls file', '这个 .xls 文件', { bytes: size, limit: LIMITS.maxInMemoryFileBytes });
    return openCfb(path, ext);
  }
  if (TEXT_EXT.has(ext)) return openTextFile(path, size, ext === '.tsv' ? 'tsv' : ext === '.txt' ? 'txt' : 'csv', options.encoding);
  if (BOOK_EXT.has(ext)) {
    // Old "xls" exports are often HTML or SpreadsheetML text; SheetJS reads those.
    if (ext === '.xls' && /^\s*</.test(Buffer.from(head).toString('latin1'))) return openWorkbook(path, 'xls');
    throw corrupt(`${ext} file without a workbook signature`, `扩展名为 ${ext}，但内容不是工作簿`);
  }
  if (ext === '' || ext === '.dat') return openTextFile(path, size, 'txt', options.encoding);
  throw new KequnError('IMPORT_UNSUPPORTED', `Unsupported file type: ${ext}`, {
    zh: `不支持的文件类型：${ext}（支持 xlsx、xls、xlsb、ods、csv、tsv、txt）`,
    details: { ext },
  });
}

async function readHead(path: string, n: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function startsWith(b: Uint8Array, magic: number[]): boolean {
  return magic.every((m, i) => b[i] === m);
}

async function openZipWorkbook(path: string, size: number, ext: string, options: OpenOptions): Promise<OpenedFile> {
  const zip = await ZipArchive.open(path, size);
  const names = [...zip.entries.keys()];
  const format: ImportFormat = names.some((n) => n === 'xl/workbook.bin')
    ? 'xlsb'
    : names.includes('content.xml')
      ? 'ods'
      : ext === '.xlsm'
        ? 'xlsm'
        : 'xlsx';
  if ((format === 'xlsx' || format === 'xlsm') && !zip.get('xl/workbook.xml')) {
    throw new KequnError('IMPORT_UNSUPPORTED', 'A zip file that is not an Excel workbook', { zh: '这是一个压缩包，但不是 Excel 工作簿' });
  }
  const stream = options.stream ?? size > STREAM_FROM_BYTES;
  if (stream && (format === 'xlsx' || format === 'xlsm')) return openXlsxStream(zip, format);
  // SheetJS inflates everything in memory: inflate each part here first, capped, and refuse DTDs.
  let total = 0;
  for (const entry of zip.entries.values()) {
    if (entry.name.endsWith('/')) continue;
    const data = await zip.read(entry, LIMITS.maxInMemoryUnzippedBytes - total);
    total += data.length;
    // A DTD may sit behind any amount of leading whitespace or comments: search the whole part.
    if (/\.(xml|rels|vml)$/i.test(entry.name) && (data.indexOf('<!DOCTYPE') >= 0 || data.indexOf('<!ENTITY') >= 0)) throw entityExpansion(entry.name);
  }
  return openWorkbook(path, format);
}

async function openCfb(path: string, ext: string): Promise<OpenedFile> {
  const data = await readFile(path);
  // An encrypted OOXML workbook is a CFB container holding these two streams (names in UTF-16LE).
  if (data.indexOf(Buffer.from('EncryptedPackage', 'utf16le')) >= 0 || data.indexOf(Buffer.from('EncryptionInfo', 'utf16le')) >= 0) throw encrypted();
  return openWorkbook(path, ext === '.xlsb' ? 'xlsb' : 'xls');
}
