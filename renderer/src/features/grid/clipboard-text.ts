import type { ColumnInfo } from '../../../../shared/contract/datasets';
import type { CellValue } from '../../../../shared/contract/json';
import { booleanText } from '../../../../shared/format/boolean-labels';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * A cell as Excel and WPS read it back from the clipboard: raw numbers (full precision, no
 * separators, so they paste as numbers), percentages as 12.5%, dates as yyyy-mm-dd, booleans
 * as TRUE/FALSE, missing as nothing. Text containing tabs, newlines or quotes is quoted with
 * doubled quotes, which both programs understand.
 */
export function clipboardCell(value: CellValue, col: ColumnInfo): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return booleanText(value, col.labels);
  if (typeof value === 'number') {
    if (col.type === 'boolean') return booleanText(value, col.labels);
    if (col.type === 'date' || col.type === 'datetime') {
      const d = new Date(value);
      const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      return col.type === 'date' ? day : `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    }
    if (col.type === 'percent') return `${round15(value * 100)}%`;
    return String(value);
  }
  return /[\t\n\r"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Multiplying by 100 can show binary noise (0.07 * 100 = 7.000000000000001). */
function round15(v: number): number {
  return Number(v.toPrecision(15));
}

/** Rows of cells to tab-separated lines (CRLF, as Excel writes). */
export function toTsv(rows: readonly (readonly CellValue[])[], cols: readonly ColumnInfo[], header: boolean): string {
  const lines: string[] = [];
  if (header) lines.push(cols.map((c) => clipboardCell(c.name, { ...c, type: 'text' })).join('\t'));
  for (const r of rows) lines.push(r.map((v, i) => clipboardCell(v, cols[i]!)).join('\t'));
  return lines.join('\r\n');
}
