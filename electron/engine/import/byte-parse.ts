import { buildDate } from './date-order';

/**
 * Fast readers of the commonest number and date fields straight from bytes. Each answers only
 * where it gives exactly what the text converters give (`parseNumber`, `parseDate`) and returns
 * NaN otherwise, so the caller converts the field's text the ordinary way.
 */

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * "-123", "45.60", "0.5": at most 15 digits, so the digits are an exact integer m and m / 10^k
 * is the correctly rounded double, as Number() of the text is. Leading-zero ids ("0012") and
 * anything else (signs, commas, exponents, %, ¥) are left to `parseNumber`. "-0" reads 0.
 */
export function numberFromBytes(buf: Uint8Array, a: number, b: number): number {
  let i = a;
  const negative = buf[i] === 45;
  if (negative) i++;
  const intStart = i;
  let m = 0;
  while (i < b) {
    const c = buf[i]! - 48;
    if (c < 0 || c > 9) break;
    m = m * 10 + c;
    i++;
  }
  const intDigits = i - intStart;
  if (intDigits === 0 || (intDigits > 1 && buf[intStart] === 48)) return NaN;
  let scale = 0;
  if (i < b && buf[i] === 46) {
    i++;
    while (i < b) {
      const c = buf[i]! - 48;
      if (c < 0 || c > 9) break;
      m = m * 10 + c;
      i++;
      scale++;
    }
    if (scale === 0) return NaN;
  }
  if (i !== b || intDigits + scale > 15) return NaN;
  const v = scale === 0 ? m : m / POW10[scale]!;
  return negative && v !== 0 ? -v : v;
}

/**
 * Day numbers of dates already read (a file's dates repeat), as ms at midnight UTC; NaN for a
 * day that does not exist. One per column, so nothing outlives the import.
 */
export class DayCache {
  private readonly days = new Map<number, number>();

  ms(y: number, mo: number, d: number): number {
    const key = y * 10000 + mo * 100 + d;
    let v = this.days.get(key);
    if (v === undefined) {
      const r = buildDate(y, mo, d, -1, 0, 0, 0);
      v = r !== null && r !== 'impossible' ? r.ms : NaN;
      this.days.set(key, v);
    }
    return v;
  }
}

/**
 * "2024-03-05", "2024/3/5 9:41", "2024.03.05 09:41:07" (the shapes `parseDate` reads by hand):
 * ms since the epoch as stored, or NaN for any other shape or an impossible date or time.
 */
export function dateFromBytes(buf: Uint8Array, a: number, b: number, days: DayCache): number {
  if (b - a < 8 || b - a > 19) return NaN;
  let i = a;
  const num = (max: number): number => {
    let v = 0;
    let k = 0;
    while (i < b && k < max) {
      const c = buf[i]! - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
      i++;
      k++;
    }
    return k === 0 ? -1 : v;
  };
  const y = num(4);
  if (i !== a + 4) return NaN;
  const sep = buf[i];
  if (sep !== 45 && sep !== 47 && sep !== 46) return NaN;
  i++;
  const mo = num(2);
  if (mo < 0 || i >= b || buf[i] !== sep) return NaN;
  i++;
  const d = num(2);
  if (d < 0) return NaN;
  if (i === b) return days.ms(y, mo, d);
  if (buf[i] !== 32 || buf[i + 1] === 32) return NaN;
  i++;
  const h = num(2);
  if (h < 0 || i >= b || buf[i] !== 58) return NaN;
  i++;
  const mi = num(2);
  if (mi < 0) return NaN;
  let s = 0;
  if (i < b) {
    if (buf[i] !== 58) return NaN;
    i++;
    s = num(2);
    if (s < 0) return NaN;
  }
  if (i !== b || h > 23 || mi > 59 || s > 59) return NaN;
  return days.ms(y, mo, d) + h * 3_600_000 + mi * 60_000 + s * 1000;
}
