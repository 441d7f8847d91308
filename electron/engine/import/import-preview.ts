import { resolve } from 'node:path';
import type { ColumnType } from '../../../shared/contract/datasets';
import type { ImportEncoding, ImportPreview } from '../../../shared/contract/import';
import type { CellValue } from '../../../shared/contract/json';
import { converterFor } from './convert-cell';
import { EncodingRetry } from './csv-source';
import { openImportFile } from './open-file';
import { readHead } from './table-head';

export interface PreviewOptions {
  path: string;
  sheet?: string | undefined;
  encoding: ImportEncoding;
  headerRow?: number | undefined;
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
    const head = await readHead(source, { headerRow: options.headerRow });
    const converters = head.types.map((t) => converterFor(t, source.date1904));
    const invalid = head.types.map(() => 0);
    const rows: CellValue[][] = head.sampleRows.slice(0, options.rows).map((raw, r) =>
      converters.map((convert, c) => {
        const v = convert(raw[c] ?? null, head.headerRow + r + 1);
        if (typeof v === 'string' && head.types[c] !== 'text') invalid[c]! += 1;
        return v;
      }),
    );
    return {
      path,
      format: opened.format,
      encoding: opened.encoding,
      delimiter: opened.delimiter,
      sheets: opened.sheets,
      sheet: source.sheet,
      headerRow: head.headerRow,
      columns: head.headers.map((h, i) => ({ index: i, name: h.name, originalHeader: h.original, type: head.types[i] as ColumnType, invalid: invalid[i]! })),
      rows,
      warnings: [...opened.warnings, ...head.warnings],
    };
  } finally {
    source.close();
  }
}
