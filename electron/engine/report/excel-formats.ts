import type { ColumnType } from '../../../shared/contract/datasets';
import { formatApplies } from '../../../shared/format/column-format';

/** Excel number formats for our column types (Chinese offices expect ¥ and yyyy-mm-dd). */
export function excelNumFmt(type: ColumnType, format: string | null): string | undefined {
  // A format chosen on the column (datasets.setColumnFormat) is already an Excel code.
  if (formatApplies(type, format)) return format;
  switch (type) {
    case 'currency':
      return '¥#,##0.00';
    case 'percent':
      return format && /%/.test(format) ? format : '0.0%';
    case 'decimal':
      return '#,##0.00';
    case 'integer':
      return '#,##0';
    case 'date':
      return 'yyyy-mm-dd';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm';
    default:
      return undefined;
  }
}

export const EXCEL_MAX_ROWS = 1_048_576;
