import { basename, extname } from 'node:path';
import type { ColumnType } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import type { ImportedDataset, ImportRunResult, ImportWarning } from '../../../shared/contract/import';
import type { Work } from '../host/work';
import { assertColumnLimit, columnStates, type NewColumn, type NewDataset, type ProjectStore } from '../store/project-store';
import { RowsWriter } from '../store/rows-writer';
import { converterFor } from './convert-cell';
import { assertDiskSpace } from './disk-space';
import { warn } from './header-names';
import { EncodingRetry } from './csv-source';
import { openImportFile, type OpenOptions } from './open-file';
import type { OpenedFile } from './sheet-source';
import { readHead, type TableHead } from './table-head';
import { writeRows, type ImportTicker, type WriteOutcome } from './write-rows';

export interface RunOptions {
  path: string;
  sheet?: string | undefined;
  allSheets: boolean;
  encoding: OpenOptions['encoding'];
  headerRow?: number | undefined;
  name?: string | undefined;
  columnTypes?: Record<string, ColumnType> | undefined;
  stream?: boolean;
}

const FORMATS: Partial<Record<ColumnType, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
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
      return await runOnce(work, options, ticker, []);
    } catch (e) {
      if (!(e instanceof EncodingRetry)) throw e;
      // The sample looked like UTF-8 but the file is not: redo the whole import as GB18030.
      work.discard();
      const fallback = warn('ENCODING_FALLBACK', 'The file is not valid UTF-8 beyond its start; read as GB18030', '文件后部不是有效的 UTF-8，已按 GB18030 读取', null);
      return await runOnce(work, { ...options, encoding: 'gb18030' }, ticker, [fallback]);
    }
  } catch (e) {
    work.discard();
    throw e;
  }
}

interface PendingDataset {
  spec: Omit<NewDataset, 'columns'>;
  columns: NewColumn[];
  dataIds: number[];
  rowCount: number;
}

async function runOnce(work: Work, options: RunOptions, ticker: ImportTicker, warnings: ImportWarning[]): Promise<ImportRunResult> {
  const opened = await openImportFile(options.path, { encoding: options.encoding, ...(options.stream !== undefined ? { stream: options.stream } : {}) });
  warnings.push(...opened.warnings);
  const sheets: (string | null)[] = options.allSheets && opened.sheets.length > 0 ? opened.sheets : [options.sheet ?? null];
  const overrides = new Map<number, ColumnType>(Object.entries(options.columnTypes ?? {}).map(([k, v]) => [Number(k), v]));
  const staged = work.stage();
  const pending: PendingDataset[] = [];
  for (const sheetName of sheets) {
    const source = await opened.sheet(sheetName);
    let head: TableHead;
    try {
      head = await readHead(source, { headerRow: options.headerRow, overrides });
    } catch (e) {
      source.close();
      if (options.allSheets && e instanceof KequnError && e.code === 'IMPORT_EMPTY' && sheets.length > 1) {
        warnings.push(warn('SHEET_EMPTY', `Sheet "${source.sheet}" has no data; skipped`, `工作表"${source.sheet}"中没有数据，已跳过`, source.sheet));
        continue;
      }
      throw e;
    }
    assertColumnLimit(head.headers.length);
    const columns: NewColumn[] = head.headers.map((h, i) => ({ name: h.name, originalHeader: h.original, type: head.types[i]!, format: FORMATS[head.types[i]!] ?? null }));
    const made = columns.map(() => staged.column());
    const writer = new RowsWriter(made.map((m) => m.builder), head.types);
    const converters = head.types.map((t) => converterFor(t, source.date1904));
    const outcome = await writeRows(head, writer, converters, head.headers.map((_, i) => i), ticker);
    for (const m of made) staged.finish(m.dataId, m.builder);
    warnings.push(...head.warnings, ...outcomeWarnings(head, outcome, writer.invalid));
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
  return { datasets: created.map((id) => summarize(store, id)), warnings };
}

export function outcomeWarnings(head: TableHead, outcome: WriteOutcome, invalid: number[]): ImportWarning[] {
  const out: ImportWarning[] = [];
  const sheet = head.source.sheet;
  invalid.forEach((n, i) => {
    if (n === 0) return;
    const col = head.headers[i]?.name ?? `#${i + 1}`;
    out.push(
      warn('INVALID_CELLS', `${n} cell(s) in "${col}" are not ${head.types[i]}; kept as text and flagged`, `"${col}"列有 ${n} 个单元格无法转换为${typeZh(head.types[i])}，已保留原文并标记`, sheet, col),
    );
  });
  if (outcome.extraCells > 0) {
    out.push(warn('EXTRA_CELLS', `${outcome.extraCells} cell(s) right of the last column were not imported`, `最后一列右侧有 ${outcome.extraCells} 个单元格未导入`, sheet));
  }
  const declared = head.source.declaredRows;
  const last = head.source.lastRow?.() ?? null;
  if (declared !== null && declared > 1 && outcome.rows === 0) {
    out.push(warn('ROW_COUNT_MISMATCH', `The sheet declares ${declared} rows but none could be read`, `工作表声明有 ${declared} 行，但没有读到任何数据`, sheet));
  } else if (declared !== null && last !== null && last < declared) {
    // The streaming reader stopped before the sheet's own dimension: say so rather than lose rows silently.
    out.push(warn('ROW_COUNT_MISMATCH', `The sheet declares ${declared} rows but only ${last} were found`, `工作表声明有 ${declared} 行，但只读到 ${last} 行`, sheet));
  }
  return out;
}

function typeZh(t: ColumnType | undefined): string {
  const zh: Record<ColumnType, string> = { integer: '整数', decimal: '小数', percent: '百分比', currency: '金额', boolean: '是/否', date: '日期', datetime: '日期时间', text: '文本' };
  return t ? zh[t] : '';
}

function datasetName(options: RunOptions, opened: OpenedFile, sheet: string | null, count: number): string {
  const base = basename(options.path, extname(options.path));
  const wanted = options.name ?? base;
  if (sheet === null || (opened.sheets.length <= 1 && count === 1)) return wanted;
  return count > 1 || !options.name ? `${wanted}-${sheet}` : wanted;
}

export function summarize(store: ProjectStore, id: string): ImportedDataset {
  const d = store.getDataset(id);
  return { id: d.id, name: d.name, rows: d.rowCount, columns: d.columns.map((c) => ({ name: c.name, type: c.type, invalid: c.invalidCount })) };
}
