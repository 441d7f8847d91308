import { KequnError } from '../../../shared/contract/errors';
import type { ImportAppendResult, ImportEncoding, ImportWarning } from '../../../shared/contract/import';
import { DatasetWriter } from '../store/dataset-writer';
import type { ProjectStore } from '../store/project-store';
import { converterFor } from './convert-cell';
import { EncodingRetry } from './csv-source';
import { warn } from './header-names';
import { beginImportTransaction, outcomeWarnings } from './import-run';
import { openImportFile } from './open-file';
import { readHead } from './table-head';
import { writeRows, type ImportTicker } from './write-rows';

export interface AppendOptions {
  path: string;
  datasetId: string;
  sheet?: string | undefined;
  encoding: ImportEncoding;
  headerRow?: number | undefined;
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Appends next month's file to an existing dataset, matching columns by name (trimmed, case
 * and spacing ignored). Cells convert to the dataset's column types; unmatched columns are
 * reported. One transaction, like a new import.
 */
export async function appendImport(store: ProjectStore, options: AppendOptions, ticker: ImportTicker): Promise<ImportAppendResult> {
  try {
    return await appendOnce(store, options, ticker, []);
  } catch (e) {
    if (!(e instanceof EncodingRetry)) throw e;
    const fallback = warn('ENCODING_FALLBACK', 'The file is not valid UTF-8 beyond its start; read as GB18030', '文件后部不是有效的 UTF-8，已按 GB18030 读取', null);
    return appendOnce(store, { ...options, encoding: 'gb18030' }, ticker, [fallback]);
  }
}

async function appendOnce(store: ProjectStore, options: AppendOptions, ticker: ImportTicker, warnings: ImportWarning[]): Promise<ImportAppendResult> {
  const target = store.getDataset(options.datasetId);
  const opened = await openImportFile(options.path, { encoding: options.encoding });
  warnings.push(...opened.warnings);
  const source = await opened.sheet(options.sheet ?? null);
  const head = await readHead(source, { headerRow: options.headerRow });
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
  const rollback = beginImportTransaction(store);
  let rowsAdded = 0;
  try {
    const table = store.tableOf(target.id).slice(1, -1).replaceAll('""', '"');
    const writer = new DatasetWriter(store.db, table, types);
    const converters = types.map((t) => converterFor(t, source.date1904));
    const outcome = await writeRows(head, writer, converters, mapping, ticker);
    writer.flush();
    rowsAdded = writer.rowCount;
    const update = store.db.prepare('UPDATE dataset_columns SET invalid_count = invalid_count + ?, missing_count = missing_count + ? WHERE dataset_id = ? AND key = ?');
    target.columns.forEach((c, i) => update.run(writer.invalid[i] ?? 0, writer.missing[i] ?? 0, target.id, c.key));
    store.db.prepare('UPDATE datasets SET row_count = row_count + ?, updated_at = ? WHERE id = ?').run(rowsAdded, new Date().toISOString(), target.id);
    const headForWarnings = { ...head, headers: target.columns.map((c) => ({ name: c.name, original: c.originalHeader })), types };
    warnings.push(...head.warnings, ...outcomeWarnings(headForWarnings, outcome, writer.invalid));
    store.db.exec('COMMIT');
  } finally {
    rollback();
  }
  return { datasetId: target.id, rowsAdded, rowCount: target.rowCount + rowsAdded, matched, unmatchedSource, unmatchedTarget, warnings };
}
