import type { BooleanLabels, ColumnType } from '../../../shared/contract/datasets';
import { booleanText } from '../../../shared/format/boolean-labels';

/** Dates are stored as epoch ms of the wall-clock time, read as UTC. */
function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function dateText(ms: number, withTime: boolean): string {
  const d = new Date(ms);
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return withTime ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` : day;
}

/**
 * The text a numeric cell shows for text matching (filters, find, value search): dates as
 * yyyy-mm-dd (date-times with the time), yes/no cells in the column's words (TRUE/FALSE without
 * words), numbers in their shortest form.
 * Text cells (including invalid ones) match on their own text.
 */
export function numberText(type: ColumnType, v: number, labels?: BooleanLabels | null): string {
  switch (type) {
    case 'date':
      return dateText(v, false);
    case 'datetime':
      return dateText(v, true);
    case 'boolean':
      return booleanText(v, labels);
    default:
      return String(v);
  }
}
