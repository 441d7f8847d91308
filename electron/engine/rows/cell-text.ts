import type { ColumnType } from '../../../shared/contract/datasets';

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
 * yyyy-mm-dd (date-times with the time), booleans as TRUE/FALSE, numbers in their shortest form.
 * Text cells (including invalid ones) match on their own text.
 */
export function numberText(type: ColumnType, v: number): string {
  switch (type) {
    case 'date':
      return dateText(v, false);
    case 'datetime':
      return dateText(v, true);
    case 'boolean':
      return v === 0 ? 'FALSE' : 'TRUE';
    default:
      return String(v);
  }
}
