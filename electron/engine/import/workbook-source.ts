import { readFile } from 'node:fs/promises';
import type * as XLSX from 'xlsx';
import { KequnError } from '../../../shared/contract/errors';
import type { ImportFormat } from '../../../shared/contract/import';
import { LIMITS, corrupt, emptyFile, encrypted, tooManyColumns } from './limits';
import { FormattedNumber, type RawCell } from './raw-cell';
import type { MergeRange, OpenedFile, SheetSource } from './sheet-source';
import { meaningOfCode } from './xlsx-parts';
import { sheetNotFound } from './xlsx-stream-source';
import { readWorkbookIsolated } from './sheetjs-isolated';
import { HEADER_MERGE_ROWS } from './sheet-merges';

const BATCH = 5000;

/**
 * Reads a whole workbook with SheetJS (every format it knows: xls, xlsb, ods, small xlsx).
 * Hostile-zip checks have run before this (see open-file.ts).
 */
export async function openWorkbook(path: string, format: ImportFormat): Promise<OpenedFile> {
  const data = await readFile(path);
  if (data.length > LIMITS.maxInMemoryFileBytes) {
    throw new KequnError('TOO_LARGE', `This ${format} file is too large to read at once; save it as .xlsx or .csv and import that`, {
      zh: `这个 ${format} 文件太大，无法一次读入；请另存为 .xlsx 或 .csv 后再导入`,
      details: { bytes: data.length, limit: LIMITS.maxInMemoryFileBytes },
    });
  }
  // Loaded on demand: SheetJS is large and text imports never need it.
  const { utils } = await import('xlsx');
  let wb: XLSX.WorkBook;
  try {
    // Parsed in a child process with a heap limit: a hostile file must not take the engine down.
    wb = await readWorkbookIsolated(data, { dense: true, cellNF: true, cellDates: false, cellHTML: false, cellFormula: false, cellStyles: false });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(message)) throw encrypted();
    if (e instanceof KequnError) throw e;
    throw corrupt(message.slice(0, 200), `无法读取工作簿（${message.slice(0, 120)}）`);
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  if (wb.SheetNames.length === 0) throw emptyFile('The workbook has no sheets', '工作簿中没有工作表');
  return {
    format,
    sheets: [...wb.SheetNames],
    encoding: null,
    delimiter: null,
    warnings: [],
    sheet: async (name) => {
      const sheetName = name ?? wb.SheetNames[0]!;
      const ws = wb.Sheets[sheetName];
      if (!ws || !wb.SheetNames.includes(sheetName)) throw sheetNotFound(sheetName);
      return sheetSource(ws, sheetName, date1904, data.length, utils.decode_range);
    },
  };
}

function sheetSource(ws: XLSX.WorkSheet, name: string, date1904: boolean, bytes: number, decodeRange: typeof XLSX.utils.decode_range): SheetSource {
  const dense = (ws['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
  const ref = ws['!ref'] ? decodeRange(ws['!ref']) : null;
  if (ref && ref.e.c >= LIMITS.maxColumns) {
    // The used range can be huge while the data is narrow; only real cells count.
    const widest = dense.reduce((m, r) => Math.max(m, lastFilled(r)), 0);
    if (widest > LIMITS.maxColumns) throw tooManyColumns(widest);
  }
  const merges: MergeRange[] = (ws['!merges'] ?? []).filter((m) => m.s.r < HEADER_MERGE_ROWS).map((m) => ({ r0: m.s.r, c0: m.s.c, r1: m.e.r, c1: m.e.c }));
  let read = 0;
  return {
    sheet: name,
    date1904,
    merges,
    declaredRows: ref ? ref.e.r + 1 : null,
    bytesTotal: bytes,
    bytesRead: () => read,
    close: () => undefined,
    async *batches(): AsyncIterable<RawCell[][]> {
      for (let start = 0; start < dense.length; start += BATCH) {
        const end = Math.min(dense.length, start + BATCH);
        const out: RawCell[][] = [];
        for (let r = start; r < end; r++) out.push(rowOf(dense[r]));
        read = Math.round((end / dense.length) * bytes);
        yield out;
      }
    },
  };
}

function lastFilled(row: XLSX.CellObject[] | undefined): number {
  if (!row) return 0;
  for (let c = row.length - 1; c >= 0; c--) if (row[c] && row[c]!.v !== undefined && row[c]!.v !== '') return c + 1;
  return 0;
}

function rowOf(row: XLSX.CellObject[] | undefined): RawCell[] {
  if (!row) return [];
  const width = Math.min(lastFilled(row), LIMITS.maxColumns);
  const out: RawCell[] = new Array<RawCell>(width);
  for (let c = 0; c < width; c++) out[c] = cellOf(row[c]);
  return out;
}

function cellOf(cell: XLSX.CellObject | undefined): RawCell {
  if (!cell || cell.v === undefined) return null;
  switch (cell.t) {
    case 'n': {
      const fmt = typeof cell.z === 'string' ? cell.z : null;
      const meaning = fmt && fmt !== 'General' ? meaningOfCode(fmt) : null;
      return meaning ? new FormattedNumber(cell.v as number, meaning) : (cell.v as number);
    }
    case 's':
      return String(cell.v);
    case 'b':
      return Boolean(cell.v);
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 19).replace('T', ' ') : String(cell.v);
    case 'e':
      return cell.w === '#N/A' || cell.w === undefined ? null : cell.w;
    default:
      return null;
  }
}
