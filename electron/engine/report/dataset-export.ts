import { createWriteStream, type WriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { ColumnInfo } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import type { EngineContext } from '../host/context';
import { resolveColumn } from '../store/column-reader';
import type { ProjectStore } from '../store/project-store';
import { rowChunks, type RowChunkQuery } from '../store/row-chunks';
import { quoteIdent } from '../store/sql';
import { writeAtomically } from './atomic-file';
import { csvField, csvSafeText } from './cell-safety';
import { WidthTracker } from './column-width';
import { EXCEL_MAX_ROWS, excelNumFmt } from './excel-formats';
import { sanitizeSheetName } from './sheet-names';

export type CsvEncoding = 'utf-8-bom' | 'utf-8' | 'gb18030';

export interface DatasetExportSpec {
  datasetId: string;
  path: string;
  format: 'xlsx' | 'csv';
  encoding?: CsvEncoding;
  /** Column keys or names, in output order; default all. */
  columns?: string[];
  /** SQL fragments produced by the rows query builder (already parameterised). */
  where?: { sql: string; params: unknown[] };
  orderBy?: string;
  /** Rows per sheet before splitting (Excel's limit minus the header row); tests lower it. */
  rowsPerSheet?: number;
}

export interface DatasetExportResult {
  path: string;
  rows: number;
  sheets: number;
  format: 'xlsx' | 'csv';
}

/** Streams a dataset (or a filtered, sorted view of it) to .xlsx or .csv with bounded memory. */
export async function exportDataset(store: ProjectStore, spec: DatasetExportSpec, ctx: Pick<EngineContext, 'progress' | 'checkpoint'>): Promise<DatasetExportResult> {
  const ds = store.getDataset(spec.datasetId);
  const columns = spec.columns?.length ? spec.columns.map((c) => resolveColumn(ds.columns, c)) : ds.columns;
  const select = columns.map((c) => `t.${quoteIdent(c.key)}`).join(', ') || 'NULL';
  const params = spec.where?.params ?? [];
  const total = spec.where
    ? (store.db.prepare(`SELECT count(*) FROM ${store.tableOf(ds.id)} t WHERE ${spec.where.sql}`).pluck().get(...params) as number)
    : ds.rowCount;
  const query: RowChunkQuery = { datasetId: ds.id, select, ...(spec.where ? { where: spec.where } : {}), ...(spec.orderBy ? { orderBy: spec.orderBy } : {}) };
  const result = await writeAtomically(spec.path, async (temp) =>
    spec.format === 'csv'
      ? writeCsv(temp, columns, rowChunks(store, query), total, spec.encoding ?? 'utf-8-bom', ctx)
      : writeXlsx(temp, ds.name, columns, rowChunks(store, query), total, spec.rowsPerSheet ?? EXCEL_MAX_ROWS - 1, ctx),
  );
  return { ...result, path: spec.path, format: spec.format };
}

function toText(v: CellValue, col: ColumnInfo): string {
  if (v === null) return '';
  if (typeof v === 'number') {
    if (col.type === 'date' || col.type === 'datetime') {
      const iso = new Date(v).toISOString();
      return col.type === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
    }
    if (col.type === 'boolean') return v ? 'TRUE' : 'FALSE';
    return String(v);
  }
  return String(v);
}

async function writeCsv(
  path: string,
  columns: ColumnInfo[],
  chunks: Iterable<CellValue[][]>,
  total: number,
  encoding: CsvEncoding,
  ctx: Pick<EngineContext, 'progress' | 'checkpoint'>,
): Promise<{ rows: number; sheets: number }> {
  const out = createWriteStream(path);
  const encode = (s: string): Buffer => (encoding === 'gb18030' ? iconv.encode(s, 'gb18030') : Buffer.from(s, 'utf8'));
  if (encoding === 'utf-8-bom') await write(out, Buffer.from([0xef, 0xbb, 0xbf]));
  await write(out, encode(columns.map((c) => csvField(csvSafeText(c.name))).join(',') + '\r\n'));
  let n = 0;
  try {
    for (const rows of chunks) {
      const lines = rows.map((row) => row.map((v, i) => (typeof v === 'string' ? csvField(csvSafeText(v)) : csvField(toText(v, columns[i]!)))).join(','));
      await write(out, encode(lines.join('\r\n') + '\r\n'));
      n += rows.length;
      ctx.progress(n, total, 'export');
      await ctx.checkpoint();
    }
  } catch (e) {
    out.destroy();
    throw e;
  }
  await new Promise<void>((ok, fail) => out.end((err?: Error | null) => (err ? fail(err) : ok())));
  ctx.progress(n, total, 'export');
  return { rows: n, sheets: 1 };
}

/** Writes with back-pressure: waits for 'drain' when the stream's buffer is full. */
function write(out: WriteStream, data: Buffer): Promise<void> {
  return new Promise((ok, fail) => {
    if (out.write(data)) {
      ok();
      return;
    }
    const onError = (e: Error): void => {
      out.off('drain', onDrain);
      fail(e);
    };
    const onDrain = (): void => {
      out.off('error', onError);
      ok();
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}

async function writeXlsx(
  path: string,
  name: string,
  columns: ColumnInfo[],
  chunks: Iterable<CellValue[][]>,
  total: number,
  rowsPerSheet: number,
  ctx: Pick<EngineContext, 'progress' | 'checkpoint'>,
): Promise<{ rows: number; sheets: number }> {
  // Widths come from the first chunk, because a streaming sheet writes <cols> before its rows.
  const iterator = chunks[Symbol.iterator]();
  const first = iterator.next();
  const tracker = new WidthTracker(columns.map((c) => c.name));
  if (!first.done) for (const r of first.value.slice(0, 2000)) r.forEach((v, i) => tracker.see(i, toText(v, columns[i]!)));
  const widths = tracker.widths();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  wb.creator = 'Kequn 客群';
  const taken = new Set<string>();
  let sheet: ExcelJS.Worksheet | null = null;
  let sheets = 0;
  let inSheet = 0;
  let n = 0;
  const dateCols = columns.map((c) => c.type === 'date' || c.type === 'datetime');
  const openSheet = (): ExcelJS.Worksheet => {
    sheets++;
    const ws = wb.addWorksheet(sanitizeSheetName(sheets === 1 ? name : `${name} ${sheets}`, taken), {
      views: [{ state: 'frozen', ySplit: 1 }],
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    ws.columns = columns.map((c, i) => ({ header: c.name, key: c.key, width: widths[i], style: excelStyle(c) }));
    const header = ws.getRow(1);
    header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF217346' } };
    header.commit();
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, columns.length) } };
    return ws;
  };
  for (let chunk = first; !chunk.done; chunk = iterator.next()) {
    for (const row of chunk.value) {
      if (!sheet || inSheet >= rowsPerSheet) {
        if (sheet) await sheet.commit();
        sheet = openSheet();
        inSheet = 0;
      }
      const values = row.map((v, i) => {
        if (v === null) return null;
        if (typeof v === 'number' && dateCols[i]) return new Date(v);
        return v; // strings are written as text cells: never a formula
      });
      sheet.addRow(values).commit();
      inSheet++;
      n++;
    }
    ctx.progress(n, total, 'export');
    await ctx.checkpoint();
  }
  if (!sheet) sheet = openSheet();
  await sheet.commit();
  await wb.commit();
  ctx.progress(n, total, 'export');
  return { rows: n, sheets };
}

function excelStyle(c: ColumnInfo): Partial<ExcelJS.Style> {
  const numFmt = excelNumFmt(c.type, c.format);
  return numFmt ? { numFmt } : {};
}
