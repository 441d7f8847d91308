import type { ColumnInfo } from '../../../../shared/contract/datasets';
import type { CellValue } from '../../../../shared/contract/json';
import { booleanText } from '../../../../shared/format/boolean-labels';
import { formatApplies, formatByCode } from '../../../../shared/format/column-format';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent } from '../../format';

/** Decimal places a display format asks for ('¥#,##0.00' → 2, '0.0%' → 1), else null. */
export function formatDigits(format: string | null): number | null {
  if (!format) return null;
  const m = /\.(0+)/.exec(format);
  return m ? m[1]!.length : format.includes('0') ? 0 : null;
}

/**
 * The text a cell shows: numbers with thousands separators, money with ¥, ratios as
 * percentages, dates in the UI language. Invalid cells (text in a typed column) show their
 * original text; missing cells show nothing here (the grid marks them separately).
 */
export function formatCell(value: CellValue, col: ColumnInfo, yesNo: { yes: string; no: string }): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? yesNo.yes : yesNo.no;
  // A number format chosen for the column (datasets.setColumnFormat) shows as Excel would.
  if (formatApplies(col.type, col.format)) return formatByCode(value, col.format);
  const digits = formatDigits(col.format);
  switch (col.type) {
    case 'integer':
      return formatNumber(value, digits ?? 0);
    case 'decimal':
      return formatNumber(value, digits ?? decimalsOf(value));
    case 'currency':
      return formatMoney(value, digits ?? 2);
    case 'percent':
      return formatPercent(value, digits ?? 1);
    case 'date':
      return formatDate(value);
    case 'datetime':
      return formatDateTime(value);
    case 'boolean':
      // The column's own words (是/否, yes/no) when the source had them; else the UI's.
      return col.labels ? booleanText(value, col.labels) : value !== 0 ? yesNo.yes : yesNo.no;
    default:
      return String(value);
  }
}

/** Up to 6 decimals, as many as the value has (so 0.1 shows 0.1, not 0.100000). */
function decimalsOf(v: number): number {
  if (Number.isInteger(v)) return 0;
  const s = String(v);
  const dot = s.indexOf('.');
  return dot < 0 || s.includes('e') ? 2 : Math.min(6, s.length - dot - 1);
}

/** Whether numbers in this column align right (like Excel). */
export function isNumericColumn(col: ColumnInfo): boolean {
  return col.type !== 'text' && col.type !== 'boolean';
}

/** The text an edited cell starts from: the stored value, not its display (1234.5, not ¥1,234.50). */
export function editText(value: CellValue, col: ColumnInfo): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (col.type === 'date') return new Date(value).toISOString().slice(0, 10);
  if (col.type === 'datetime') return new Date(value).toISOString().slice(0, 19).replace('T', ' ');
  return String(value);
}
