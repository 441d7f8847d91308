import { createWriteStream, type WriteStream } from 'node:fs';
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
import { EXCEL_MAX_ROWS } from './excel-formats';
import { writeXlsxStream } from './xlsx-stream-writer';

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
      : writeXlsxStream(temp, ds.name, columns, rowChunks(store, query), total, spec.rowsPerSheet ?? EXCEL_MAX_ROWS - 1, ctx),
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
