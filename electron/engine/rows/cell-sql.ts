import type { ColumnInfo } from '../../../shared/contract/datasets';

/** Storage-class tests: numbers (and dates) are integer/real, failed conversions are text. */
export const isNumericSql = (q: string): string => `typeof(${q}) IN ('integer', 'real')`;

/**
 * The text a cell shows for text matching (filters, find): text as is, dates as yyyy-mm-dd
 * (date-times with the time), booleans as TRUE/FALSE, numbers in SQLite's shortest form.
 * Invalid cells are text already and match on their original text.
 */
export function cellTextSql(col: ColumnInfo, q: string): string {
  switch (col.type) {
    case 'text':
      return q;
    case 'date':
      return `(CASE WHEN ${isNumericSql(q)} THEN strftime('%Y-%m-%d', ${q} / 1000.0, 'unixepoch') ELSE ${q} END)`;
    case 'datetime':
      return `(CASE WHEN ${isNumericSql(q)} THEN strftime('%Y-%m-%d %H:%M:%S', ${q} / 1000.0, 'unixepoch') ELSE ${q} END)`;
    case 'boolean':
      return `(CASE WHEN ${isNumericSql(q)} THEN (CASE WHEN ${q} = 0 THEN 'FALSE' ELSE 'TRUE' END) ELSE ${q} END)`;
    default:
      return `CAST(${q} AS TEXT)`;
  }
}

/** Escapes LIKE wildcards; used with ESCAPE '\'. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** A cell is invalid when a typed column holds (non-empty) text: the original text kept on import. */
export function isInvalidSql(col: ColumnInfo, q: string): string {
  return col.type === 'text' ? '0' : `(typeof(${q}) = 'text' AND ${q} <> '')`;
}
