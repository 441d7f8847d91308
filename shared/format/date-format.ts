/**
 * Dates travel as epoch milliseconds of the wall-clock time (read as UTC), so a date imported as
 * 2024-03-05 is the same day on every machine regardless of its time zone.
 */
import type { Locale } from './number-format';

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function formatDate(epochMs: number, locale: Locale): string {
  const d = new Date(epochMs);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  void locale; // ISO order reads correctly in both languages and sorts as text
  return `${y}-${pad(m)}-${pad(day)}`;
}

/** yyyy-mm-dd hh:mm, with :ss when the time has seconds (a stored second is never hidden). */
export function formatDateTime(epochMs: number, locale: Locale): string {
  const d = new Date(epochMs);
  const s = d.getUTCSeconds();
  return `${formatDate(epochMs, locale)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${s === 0 ? '' : `:${pad(s)}`}`;
}

/** Long form for headings: 2024年3月5日 / Mar 5, 2024. */
export function formatDateLong(epochMs: number, locale: Locale): string {
  const d = new Date(epochMs);
  if (locale === 'zh-CN') return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${months[d.getUTCMonth()] ?? ''} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/**
 * A stored date as file text: yyyy-mm-dd for dates, yyyy-mm-dd hh:mm:ss for date-times (with
 * .mmm when the time has milliseconds), so an export read back gives the same instant. Used
 * by CSV export, xlsx cells Excel cannot hold as serials, and date → text conversions.
 */
export function dateCellText(epochMs: number, withTime: boolean): string {
  const iso = new Date(epochMs).toISOString();
  const t = iso.indexOf('T');
  const day = iso.slice(0, t);
  if (!withTime) return day;
  const millis = iso.slice(t + 9, t + 13);
  return `${day} ${iso.slice(t + 1, t + 9)}${millis === '.000' ? '' : millis}`;
}
