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
  /** Scratch for the fields of the date being read. */
  readonly shape: DateShape = { y: 0, mo: 0, d: 0, h: -1, mi: 0, s: 0 };

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

/** A date in one of the hand-read shapes, its fields as written (h = -1: no time). */
export interface DateShape {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

/**
 * The shapes `parseDate` reads by hand ("2024-03-05", "2024/3/5 9:41", "2024.03.05 09:41:07":
 * four-digit year, one separator used twice, one or two digits for month and day, an optional
 * time after one space) into `out`; false for any other shape. Values are not checked here.
 */
export function readDateShape(buf: Uint8Array, a: number, b: number, out: DateShape): boolean {
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
  out.y = num(4);
  if (i !== a + 4) return false;
  const sep = buf[i];
  if (sep !== 45 && sep !== 47 && sep !== 46) return false;
  i++;
  out.mo = num(2);
  if (out.mo < 0 || i >= b || buf[i] !== sep) return false;
  i++;
  out.d = num(2);
  if (out.d < 0) return false;
  out.h = -1;
  out.mi = 0;
  out.s = 0;
  if (i === b) return true;
  if (buf[i] !== 32 || buf[i + 1] === 32) return false;
  i++;
  out.h = num(2);
  if (out.h < 0 || i >= b || buf[i] !== 58) return false;
  i++;
  out.mi = num(2);
  if (out.mi < 0) return false;
  if (i < b) {
    if (buf[i] !== 58) return false;
    i++;
    out.s = num(2);
    if (out.s < 0) return false;
  }
  return i === b;
}

/**
 * A field in one of the hand-read date shapes as ms since the epoch, as stored; NaN for any
 * other shape or an impossible date or time.
 */
export function dateFromBytes(buf: Uint8Array, a: number, b: number, days: DayCache): number {
  if (b - a < 8 || b - a > 19) return NaN;
  const p = days.shape;
  if (!readDateShape(buf, a, b, p)) return NaN;
  if (p.h < 0) return days.ms(p.y, p.mo, p.d);
  if (p.h > 23 || p.mi > 59 || p.s > 59) return NaN;
  return days.ms(p.y, p.mo, p.d) + p.h * 3_600_000 + p.mi * 60_000 + p.s * 1000;
}
