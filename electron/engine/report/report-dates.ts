import type { ReportLang } from './report-text';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A moment (ISO timestamp or Date) in the reader's local time, as people write it:
 * 2024年3月5日 14:05 / 5 March 2024, 14:05. Reports never show UTC ISO stamps.
 */
export function localDateTime(when: Date | string, lang: ReportLang): string {
  const d = typeof when === 'string' ? new Date(when) : when;
  if (Number.isNaN(d.getTime())) return typeof when === 'string' ? when : '';
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return lang === 'zh' ? `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${time}` : `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}, ${time}`;
}

/** A calendar day written as yyyy-mm-dd (or epoch ms of the wall clock) in words: 2020年1月1日 / 1 January 2020. */
export function calendarDay(day: string | number, lang: ReportLang): string {
  const d = typeof day === 'number' ? new Date(day) : new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return String(day);
  const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  return lang === 'zh' ? `${y}年${m}月${dd}日` : `${dd} ${MONTHS[m - 1]} ${y}`;
}
