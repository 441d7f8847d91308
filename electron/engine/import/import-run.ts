import { basename, extname } from 'node:path';
import type { ColumnType } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import type { DateOrder, DateOrderChoice, ImportedDataset, ImportRunResult, ImportWarning } from '../../../shared/contract/import';
import type { Work } from '../host/work';
import { assertColumnLimit, columnStates } from '../store/dataset-columns';
import type { NewColumn, NewDataset, ProjectStore } from '../store/project-store';
import { RowsWriter } from '../store/rows-writer';
import { ConversionNotes, conversionFor } from './convert-cell';
import { assertDiskSpace } from './disk-space';
import { warn } from './header-names';
import { SplitRetry } from './column-split';
import { EncodingRetry } from './encoding-retry';
import { openImportFile, type OpenOptions } from './open-file';
import type { OpenedFile } from './sheet-source';
import { conversionWarnings, outcomeWarnings } from './import-warnings';
import { readHead, type TableHead } from './table-head';
import { writeRows, type ImportTicker } from './write-rows';

export interface RunOptions {
  path: string;
  sheet?: string | undefined;
  allSheets: boolean;
  encoding: OpenOptions['encoding'];
  headerRow?: number | undefined;
  name?: string | undefined;
  columnTypes?: Record<string, ColumnType> | undefined;
  dateOrder?: DateOrderChoice | undefined;
  dateOrders?: Record<string, DateOrder> | undefined;
  stream?: boolean;
}

export const FORMATS: Partial<Record<ColumnType, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
  currency: '¥#,##0.00',
  percent: '0.0%',
};

/**
 * Imports a file (one sheet or all) into new datasets, all or nothing. The rows become staged
 * column data as they are read (short transactions, memory bounded by a chunk per column); the
 * datasets appear in one short commit at the end. A failure or a cancel discards what was
 * staged, so the project is exactly as before, and no write transaction is held meanwhile.
 */
export async function runImport(work: Work, options: RunOptions, ticker: ImportTicker): Promise<ImportRunResult> {
  assertDiskSpace(options.path, work.store.path);
  try {
    try {
      return await runOneThreadIfNeeded(work, options, ticker, []);
    } catch (e) {
      if (!(e instanceof EncodingRetry)) throw e;
      // The sample looked like UTF-8 but the file is not: redo the whole import as GB18030.
      work.discard();
      const fallback = warn('ENCODING_FALLBACK', 'The file is not valid UTF-8 beyond its start; read as GB18030', '文件后部不是有效的 UTF-8，已按 GB18030 读取', null);
      return await runOneThreadIfNeeded(work, { ...options, encoding: 'gb18030' }, ticker, [fallback]);
    }
  } catch (e) {
    work.discard();
    throw e;
  }
}

/** Runs the import; if the second thread ran out of memory, again on the engine thread alone. */
async function runOneThreadIfNeeded(work: Work, options: RunOptions, ticker: ImportTicker, warnings: ImportWarning[]): Promise<ImportRunResult> {
  try {
    return await runOnce(work, options, ticker, [...warnings], true);
  } catch (e) {
    if (!(e instanceof SplitRetry)) throw e;
    work.discard();
    return await runOnce(work, options, ticker, warnings, false);
  }
}

interface PendingDataset {
  spec: Omit<NewDataset, 'columns'>;
  columns: NewColumn[];
  dataIds: number[];
  rowCount: number;
}

async function runOnce(work: Work, options: RunOptions, ticker: ImportTicker, warnings: ImportWarning[], twoThreads: boolean): Promise<ImportRunResult> {
  const opened = await openImportFile(options.path, { encoding: options.encoding, ...(options.stream !== undefined ? { stream: options.stream } : {}) });
  warnings.push(...opened.warnings);
  const sheets: (string | null)[] = options.allSheets && opened.sheets.length > 0 ? opened.sheets : [options.sheet ?? null];
  const overrides = new Map<number, ColumnType>(Object.entries(options.columnTypes ?? {}).map(([k, v]) => [Number(k), v]));
  const dateOrders = new Map<number, DateOrder>(Object.entries(options.dateOrders ?? {}).map(([k, v]) => [Number(k), v]));
  const staged = work.stage();
  const pending: PendingDataset[] = [];
  const dateOrdersUsed: (DateOrder | null)[][] = [];
  for (const sheetName of sheets) {
    const source = await opened.sheet(sheetName);
    let head: TableHead;
    try {
      head = await readHead(source, { headerRow: options.headerRow, overrides, dateOrder: options.dateOrder ?? 'auto', dateOrders });
    } catch (e) {
      source.close();
      if (options.allSheets && e instanceof KequnError && e.code === 'IMPORT_EMPTY' && sheets.length > 1) {
        warnings.push(warn('SHEET_EMPTY', `Sheet "${source.sheet}" has no data; skipped`, `工作表"${source.sheet}"中没有数据，已跳过`, source.sheet));
        continue;
      }
      throw e;
    }
    assertColumnLimit(head.headers.length);
    const columns: NewColumn[] = head.headers.map((h, i) => ({ name: h.name, originalHeader: h.original, type: head.types[i]!, format: FORMATS[head.types[i]!] ?? null, labels: head.labels[i] ?? null }));
    const made = columns.map(() => staged.column());
    const writer = new RowsWriter(made.map((m) => m.builder), head.types);
    const notes = head.types.map(() => new ConversionNotes());
    const conversions = head.types.map((t, i) => conversionFor(t, { date1904: source.date1904, dateOrder: head.dateOrders[i] ?? null, notes: notes[i]! }));
    const outcome = await writeRows(head, writer, conversions, head.headers.map((_, i) => i), ticker, twoThreads ? (target, part, chunk, bytes) => staged.put(made[target]!.dataId, part, chunk, bytes) : undefined);
    made.forEach((m, i) => {
      const remote = outcome.remote.get(i);
      if (remote) staged.finishWith(m.dataId, remote);
      else staged.finish(m.dataId, m.builder);
    });
    warnings.push(...head.warnings, ...conversionWarnings(head, notes, { sampleRows: null }, source.unguardedCells?.() ?? 0), ...outcomeWarnings(head, outcome, writer.invalid));
    dateOrdersUsed.push(head.dateOrders);
    pending.push({
      spec: {
        name: datasetName(options, opened, source.sheet, sheets.length),
        kind: 'import',
        source: source.sheet ? `${basename(options.path)} / ${source.sheet}` : basename(options.path),
        origin: { file: basename(options.path), sheet: source.sheet, encoding: opened.encoding, delimiter: opened.delimiter, headerRow: head.headerRow },
      },
      columns,
      dataIds: made.map((m) => m.dataId),
      rowCount: writer.rowCount,
    });
  }
  if (pending.length === 0) throw new KequnError('IMPORT_EMPTY', 'No sheet has data', { zh: '所有工作表都没有数据' });
  const store = work.store;
  const created = work.commit(() => pending.map((p) => store.insertDataset(p.spec, { columns: columnStates(p.columns, p.dataIds), rowIds: null, rowCount: p.rowCount })));
  return { datasets: created.map((id, i) => summarize(store, id, dateOrdersUsed[i])), warnings };
}

function datasetName(options: RunOptions, opened: OpenedFile, sheet: string | null, count: number): string {
  const base = basename(options.path, extname(options.path));
  const wanted = options.name ?? base;
  if (sheet === null || (opened.sheets.length <= 1 && count === 1)) return wanted;
  return count > 1 || !options.name ? `${wanted}-${sheet}` : wanted;
}

export function summarize(store: ProjectStore, id: string, dateOrders?: readonly (DateOrder | null)[]): ImportedDataset {
  const d = store.getDataset(id);
  return {
    id: d.id,
    name: d.name,
    rows: d.rowCount,
    columns: d.columns.map((c, i) => ({ name: c.name, type: c.type, invalid: c.invalidCount, ...(dateOrders?.[i] ? { dateOrder: dateOrders[i] } : {}) })),
  };
}
