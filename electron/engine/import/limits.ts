import { KequnError } from '../../../shared/contract/errors';

/**
 * Caps for untrusted files. Excel's own sheet limits bound columns and cell length; the byte caps
 * keep a hostile file from exhausting memory or disk before a single row is written.
 */
export const LIMITS = {
  maxColumns: 16_384,
  maxCellChars: 32_767,
  /** Excel's row limit; CSV may hold more, up to maxTextRows. */
  maxSheetRows: 1_048_576,
  /** Text files: past this many rows the import stops at once (disk space is checked up front). */
  maxTextRows: 200_000_000,
  maxFileBytes: 64 * 1024 ** 3,
  /** Sum of decompressed zip entries. */
  maxUnzippedBytes: 4 * 1024 ** 3,
  /** Formats only SheetJS reads (xls, xlsb, ods) are parsed whole in memory: cap the file. */
  maxInMemoryFileBytes: 256 * 1024 ** 2,
  /** Workbooks read whole (SheetJS) must decompress below this. */
  maxInMemoryUnzippedBytes: 600 * 1024 ** 2,
  /** Deflate can reach ~1032:1; real sheet XML compresses 10–30:1. Above this ratio it is a bomb. */
  maxCompressionRatio: 200,
  /** Above this size a zip entry's ratio is checked (tiny entries compress oddly). */
  ratioCheckFromBytes: 10 * 1024 ** 2,
} as const;

export function tooManyColumns(count: number): KequnError {
  return new KequnError('IMPORT_TOO_MANY_COLUMNS', `The sheet has ${count} columns; at most ${LIMITS.maxColumns} are supported`, {
    zh: `工作表有 ${count} 列，最多支持 ${LIMITS.maxColumns} 列`,
    details: { columns: count },
  });
}

export function cellTooLong(length: number, row: number): KequnError {
  return new KequnError('IMPORT_CELL_TOO_LONG', `A cell in row ${row} has ${length} characters (limit ${LIMITS.maxCellChars})`, {
    zh: `第 ${row} 行有单元格长达 ${length} 个字符（上限 ${LIMITS.maxCellChars}）`,
    details: { row, length },
  });
}

export function tooLarge(what: string, whatZh: string, details: Record<string, number>): KequnError {
  return new KequnError('TOO_LARGE', `${what} exceeds the import limit`, { zh: `${whatZh}超过导入上限`, details });
}

export function corrupt(reason: string, reasonZh: string): KequnError {
  return new KequnError('IMPORT_CORRUPT', `The file is corrupt or truncated: ${reason}`, { zh: `文件已损坏或不完整：${reasonZh}` });
}

export function encrypted(): KequnError {
  return new KequnError('IMPORT_ENCRYPTED', 'The workbook is password-protected; remove the password in Excel and import again', {
    zh: '工作簿有密码保护，请在 Excel 中取消密码后重新导入',
  });
}

export function entityExpansion(part: string): KequnError {
  return new KequnError('IMPORT_ENTITY_EXPANSION', `The file declares XML entities (DOCTYPE) in ${part}; refused for safety`, {
    zh: `文件在 ${part} 中声明了 XML 实体（DOCTYPE），为安全起见拒绝导入`,
    details: { part },
  });
}

export function emptyFile(what = 'The file contains no data', whatZh = '文件中没有数据'): KequnError {
  return new KequnError('IMPORT_EMPTY', what, { zh: whatZh });
}
