import { CsvParser } from '../../electron/engine/import/csv-parser';

/** Rows of a comma-separated text (quotes, doubled quotes, CRLF), read by the importer's own parser. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  new CsvParser(',').push(text.replace(/^\uFEFF/, ''), true, rows);
  return rows;
}
