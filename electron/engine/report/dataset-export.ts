import { createWriteStream, type WriteStream } from 'node:fs';
import iconv from 'iconv-lite';
import type { ColumnInfo } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import { booleanText } from '../../../shared/format/boolean-labels';
import { dateCellText } from '../../../shared/format/date-format';
import type { FilterSpec, SortSpec } from '../../../shared/contract/rows';
import { writeAtomically, type OutputGuard } from '../files/output-file';
import type { EngineContext } from '../host/context';
import { getView } from '../rows/view-cache';
import { resolveColumn } from '../store/dataset-snapshot';
import type { ProjectStore } from '../store/project-store';
import { dataIdsOf, rowChunks } from '../store/row-chunks';
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
  /** The grid's view: the file holds exactly the rows the view shows, in its order. */
  filters?: readonly FilterSpec[];
  sort?: readonly SortSpec[];
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
export async function exportDataset(
  store: ProjectStore,
  spec: DatasetExportSpec,
  ctx: Pick<EngineContext, 'progress' | 'checkpoint'>,
  guard: OutputGuard,
): Promise<DatasetExportResult> {
  const snapshot = store.snapshot(spec.datasetId);
  const ds = snapshot.info;
  const columns = spec.columns?.length ? spec.columns.map((c) => resolveColumn(ds.columns, c)) : ds.columns;
  const keys = columns.map((c) => c.key);
  const view = getView(store, snapshot, spec.sort ?? [], spec.filters ?? []);
  const positions = view.identity ? null : view.slice(0, view.length);
  // Pinned: a clean-up while the file streams must not take the columns it reads.
  const unpin = store.pin(dataIdsOf(snapshot, keys));
  try {
    const chunks = rowChunks(snapshot, keys, positions);
    const result = await writeAtomically(spec.path, guard, async (temp) =>
      spec.format === 'csv'
        ? writeCsv(temp, columns, chunks, view.length, spec.encoding ?? 'utf-8-bom', ctx)
        : writeXlsxStream(temp, ds.name, columns, chunks, view.length, spec.rowsPerSheet ?? EXCEL_MAX_ROWS - 1, ctx),
    );
    return { ...result, path: spec.path, format: spec.format };
  } finally {
    unpin();
  }
}

/**
 * A typed cell as CSV text: dates yyyy-mm-dd, date-times with their seconds, yes/no cells in the
 * column's own words (TRUE/FALSE when the source had real booleans), numbers in full.
 */
function toText(v: CellValue, col: ColumnInfo): string {
  if (v === null) return '';
  if (typeof v === 'number') {
    if (col.type === 'date' || col.type === 'datetime') return dateCellText(v, col.type === 'datetime');
    if (col.type === 'boolean') return booleanText(v, col.labels);
    return String(v);
  }
  if (typeof v === 'boolean') return booleanText(v, col.labels);
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
