import { KequnError } from '../../../shared/contract/errors';

/**
 * Dates are stored as epoch ms of the wall-clock time (read as UTC), so a bound typed as
 * 2024-03-05 means Date.UTC(2024, 2, 5). An end bound given as a plain date covers that whole
 * day (up to its last millisecond).
 */
export function parseDateBound(bound: number | string, side: 'start' | 'end'): number {
  if (typeof bound === 'number') return bound;
  const m = bound.match(/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/);
  if (!m) throw invalidDate(bound);
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => (x === undefined ? undefined : Number(x)));
  const ms = Date.UTC(y!, mo! - 1, d!, h ?? 0, mi ?? 0, s ?? 0);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d || (h ?? 0) > 23 || (mi ?? 0) > 59 || (s ?? 0) > 59) {
    throw invalidDate(bound);
  }
  if (side === 'end') {
    if (h === undefined) return ms + 86_400_000 - 1;
    if (s === undefined) return ms + 60_000 - 1;
    return ms + 999;
  }
  return ms;
}

function invalidDate(text: string): KequnError {
  return new KequnError('VALIDATION', `Not a valid date: ${text}`, { zh: `不是有效的日期：${text}`, details: { value: text } });
}
