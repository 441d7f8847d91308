import { z } from 'zod';

/** True for yyyy-mm-dd naming a day that exists (no 2023-02-29, no month 13). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** A calendar day as yyyy-mm-dd; impossible dates are refused rather than rolled over. */
export const calendarDateSchema = z.string().refine(isCalendarDate, { message: 'a real calendar date as yyyy-mm-dd (e.g. 2024-03-05)' });
