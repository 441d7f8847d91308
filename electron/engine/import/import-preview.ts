import { resolve } from 'node:path';
import type { ColumnType } from '../../../shared/contract/datasets';
import type { DateOrder, DateOrderChoice, ImportEncoding, ImportPreview } from '../../../shared/contract/import';
import type { CellValue } from '../../../shared/contract/json';
import { ConversionNotes, converterFor } from './convert-cell';
import { conversionWarnings, shortRowWarnings } from './import-warnings';
import { EncodingRetry } from './encoding-retry';
import { openImportFile } from './open-file';
import { readHead } from './table-head';

export interface PreviewOptions {
  path: string;
  sheet?: string | undefined;
  encoding: ImportEncoding;
  headerRow?: number | undefined;
  dateOrder?: DateOrderChoice | undefined;
  dateOrders?: Record<string, DateOrder> | undefined;
  rows: number;
}

/**
 * What an import would produce, without writing anything: header row, names, inferred types
 * (from the same sample the import uses) and the first rows converted.
 */
export async function previewImport(options: PreviewOptions): Promise<ImportPreview> {
  try {
    return await previewOnce(options);
  } catch (e) {
    if (e instanceof EncodingRetry) return previewOnce({ ...options, encoding: 'gb18030' });
    throw e;
  }
}

async function previewOnce(options: PreviewOptions): Promise<ImportPreview> {
  const path = resolve(options.path);
  const opened = await openImportFile(path, { encoding: options.encoding });
  const source = await opened.sheet(options.sheet ?? null);
  try {
    const dateOrders = new Map<number, DateOrder>(Object.entries(options.dateOrders ?? {}).map(([k, v]) => [Number(k), v]));
    const head = await readHead(source, { headerRow: options.headerRow, dateOrder: options.dateOrder ?? 'auto', dateOrders });
    const notes = head.types.map(() => new ConversionNotes());
    const converters = head.types.map((t, i) => converterFor(t, { date1904: source.date1904, dateOrder: head.dateOrders[i] ?? null, notes: notes[i]! }));
    const invalid = head.types.map(() => 0);
    // Every sampled row is converted (the counts in the warnings cover them); the first `rows` are shown.
    const width = head.headers.length;
    const short = { shortRows: 0, firstShortRow: null as number | null, lastRowShort: null as number | null };
    const converted: CellValue[][] = head.sampleRows.map((raw, r) => {
      if (source.rowsListAllCells && raw.length < width) {
        short.shortRows++;
        short.firstShortRow ??= head.headerRow + r + 1;
        short.lastRowShort = raw.length;
      } else short.lastRowShort = null;
      return converters.map((convert, c) => convert(raw[c] ?? null, head.headerRow + r + 1));
    });
    const rows = converted.slice(0, options.rows);
    for (const row of rows) row.forEach((v, c) => {
      if (typeof v === 'string' && head.types[c] !== 'text') invalid[c]! += 1;
    });
    const scope = { sampleRows: head.more ? head.sampleRows.length : null };
    if (head.more) short.lastRowShort = null;
    return {
      path,
      format: opened.format,
      encoding: opened.encoding,
      delimiter: opened.delimiter,
      sheets: opened.sheets,
      sheet: source.sheet,
      headerRow: head.headerRow,
      columns: head.headers.map((h, i) => ({
        index: i,
        name: h.name,
        originalHeader: h.original,
        type: head.types[i] as ColumnType,
        invalid: invalid[i]!,
        dateOrder: head.dateOrders[i] ?? null,
        dateOrderAmbiguous: head.dateOrders[i] !== null && head.dateEvidence[i]?.ambiguous === true,
        labels: head.labels[i] ?? null,
      })),
      rows,
      warnings: [...opened.warnings, ...head.warnings, ...conversionWarnings(head, notes, scope, source.unguardedCells?.() ?? 0), ...shortRowWarnings(head, short, scope)],
    };
  } finally {
    source.close();
  }
}
