import { KequnError } from '../../../shared/contract/errors';
import type { DateOrder, DateOrderChoice, ImportAppendResult, ImportEncoding, ImportWarning } from '../../../shared/contract/import';
import type { Work } from '../host/work';
import type { ColumnBuilder } from '../store/column-builder';
import type { ColumnSource } from '../store/column-source';
import { RowsWriter } from '../store/rows-writer';
import { ConversionNotes, conversionFor } from './convert-cell';
import { EncodingRetry } from './encoding-retry';
import { assertDiskSpace } from './disk-space';
import { warn } from './header-names';
import { conversionWarnings, outcomeWarnings } from './import-warnings';
import { openImportFile } from './open-file';
import { readHead } from './table-head';
import { writeRows, type ImportTicker } from './write-rows';

export interface AppendOptions {
  path: string;
  datasetId: string;
  sheet?: string | undefined;
  encoding: ImportEncoding;
  headerRow?: number | undefined;
  dateOrder?: DateOrderChoice | undefined;
  dateOrders?: Record<string, DateOrder> | undefined;
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Appends next month's file to an existing dataset, matching columns by name (trimmed, case
 * and spacing ignored). Cells convert to the dataset's column types; unmatched columns are
 * reported. All or nothing, like a new import: the longer columns are staged, then swapped in
 * by one short commit (STALE_INPUT if the dataset changed meanwhile).
 */
export async function appendImport(work: Work, options: AppendOptions, ticker: ImportTicker): Promise<ImportAppendResult> {
  assertDiskSpace(options.path, work.store.path);
  try {
    try {
      return await appendOnce(work, options, ticker, []);
    } catch (e) {
      if (!(e instanceof EncodingRetry)) throw e;
      work.discard();
      const fallback = warn('ENCODING_FALLBACK', 'The file is not valid UTF-8 beyond its start; read as GB18030', '文件后部不是有效的 UTF-8，已按 GB18030 读取', null);
      return await appendOnce(work, { ...options, encoding: 'gb18030' }, ticker, [fallback]);
    }
  } catch (e) {
    work.discard();
    throw e;
  }
}

/** Copies a column's existing cells into a builder (the appended rows follow them). */
function copyCells(src: ColumnSource, builder: ColumnBuilder): void {
  for (let p = 0; p < src.rows; p++) builder.append(src.cellAt(p));
}

async function appendOnce(work: Work, options: AppendOptions, ticker: ImportTicker, warnings: ImportWarning[]): Promise<ImportAppendResult> {
  const snap = work.snapshot(options.datasetId);
  const target = snap.info;
  const opened = await openImportFile(options.path, { encoding: options.encoding });
  warnings.push(...opened.warnings);
  const source = await opened.sheet(options.sheet ?? null);
  const dateOrders = new Map<number, DateOrder>(Object.entries(options.dateOrders ?? {}).map(([k, v]) => [Number(k), v]));
  const head = await readHead(source, { headerRow: options.headerRow, dateOrder: options.dateOrder ?? 'auto', dateOrders });
  const bySourceName = new Map<string, number>();
  head.headers.forEach((h, i) => {
    if (!bySourceName.has(norm(h.name))) bySourceName.set(norm(h.name), i);
  });
  const used = new Set<number>();
  const mapping = target.columns.map((c) => {
    const i = bySourceName.get(norm(c.name)) ?? (c.originalHeader !== null ? bySourceName.get(norm(c.originalHeader)) : undefined);
    if (i === undefined || used.has(i)) return -1;
    used.add(i);
    return i;
  });
  const matched = target.columns.filter((_, i) => mapping[i]! >= 0).map((c) => c.name);
  if (matched.length === 0) {
    source.close();
    throw new KequnError('VALIDATION', `No column of the file matches a column of "${target.name}"`, {
      zh: `文件中没有任何列与数据集"${target.name}"的列同名`,
      details: { dataset: target.id },
    });
  }
  const unmatchedSource = head.headers.filter((_, i) => !used.has(i)).map((h) => h.name);
  const unmatchedTarget = target.columns.filter((_, i) => mapping[i]! < 0).map((c) => c.name);
  if (unmatchedSource.length + unmatchedTarget.length > 0) {
    warnings.push(
      warn(
        'UNMATCHED_COLUMNS',
        `Not matched — in the file: ${unmatchedSource.join(', ') || '—'}; in the dataset: ${unmatchedTarget.join(', ') || '—'}`,
        `未匹配的列——文件中：${unmatchedSource.join('、') || '无'}；数据集中：${unmatchedTarget.join('、') || '无'}`,
        source.sheet,
      ),
    );
  }
  const types = target.columns.map((c) => c.type);
  const staged = work.stage();
  const made = target.columns.map((c) => {
    const m = staged.column();
    copyCells(snap.source(c.key), m.builder);
    return m;
  });
  await work.checkpoint();
  const writer = new RowsWriter(made.map((m) => m.builder), types);
  const notes = types.map(() => new ConversionNotes());
  // A day/month order chosen for the file wins; else each source column's own evidence decides.
  const orderOf = (src: number): DateOrder | null =>
    src < 0 ? null : (dateOrders.get(src) ?? (options.dateOrder && options.dateOrder !== 'auto' ? options.dateOrder : null) ?? head.dateEvidence[src]?.order ?? null);
  const conversions = types.map((t, i) => conversionFor(t, { date1904: source.date1904, dateOrder: orderOf(mapping[i]!), notes: notes[i]! }));
  const outcome = await writeRows(head, writer, conversions, mapping, ticker);
  for (const m of made) staged.finish(m.dataId, m.builder);
  const rowsAdded = writer.rowCount;
  let rowIds: number | null = null;
  if (!snap.identityRowIds) {
    // Removed rows left gaps: new rows get ids after the largest one.
    const ids = snap.rowIds();
    let next = 0;
    for (const id of ids) if (id > next) next = id;
    const r = staged.column();
    for (const id of ids) r.builder.appendNumber(id);
    for (let i = 0; i < rowsAdded; i++) r.builder.appendNumber(++next);
    staged.finish(r.dataId, r.builder);
    rowIds = r.dataId;
  }
  const headForWarnings = {
    ...head,
    headers: target.columns.map((c) => ({ name: c.name, original: c.originalHeader })),
    types,
    dateOrders: mapping.map((src, i) => (types[i] === 'date' || types[i] === 'datetime' ? orderOf(src) : null)),
    dateEvidence: mapping.map((src) => (src < 0 ? null : (head.dateEvidence[src] ?? null))),
  };
  warnings.push(...head.warnings, ...conversionWarnings(headForWarnings, notes, { sampleRows: null }, source.unguardedCells?.() ?? 0), ...outcomeWarnings(headForWarnings, outcome, writer.invalid));
  const store = work.store;
  work.commit(() => {
    const state = store.datasets.state(target.id);
    store.datasets.setState(target.id, {
      columns: state.columns.map((c, i) => ({ ...c, dataId: made[i]!.dataId })),
      rowIds,
      rowCount: snap.rowCount + rowsAdded,
    });
  });
  store.collectGarbage();
  return { datasetId: target.id, rowsAdded, rowCount: snap.rowCount + rowsAdded, matched, unmatchedSource, unmatchedTarget, warnings };
}
