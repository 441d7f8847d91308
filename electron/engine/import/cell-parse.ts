import type { DateOrder } from '../../../shared/contract/import';
import { readDateShape, type DateShape } from './byte-parse';
import { buildDate, dayMonthDate, dayMonthParts } from './date-order';

/**
 * Parsing of text cells into numbers, booleans and dates, the way Chinese office files write
 * them. Each parser returns null when the text is not of its kind.
 */

const MISSING_MARKERS = new Set(['na', 'n/a', '#n/a', 'null', "'null", '-', '--', '空', 'empty', 'none', 'nan']);

/** Literal texts that mean "no value" in exported files. */
export function isMissingMarker(text: string): boolean {
  if (text.length > 6 || text.length === 0) return false;
  // Cheap first-character filter: this runs for every text cell of a million-row file.
  const c = text.charCodeAt(0);
  if (c !== 110 && c !== 78 && c !== 35 && c !== 39 && c !== 45 && c !== 0x7a7a && c !== 101 && c !== 69 && c > 32) return false;
  return MISSING_MARKERS.has(text.trim().toLowerCase());
}

const TRUE_WORDS = new Set(['是', 'y', 'yes', 'true', '对', '√']);
const FALSE_WORDS = new Set(['否', 'n', 'no', 'false', '错', '×']);

export function parseBoolean(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return null;
}

export type NumberKind = 'integer' | 'decimal' | 'percent' | 'currency';

export interface ParsedNumber {
  value: number;
  kind: NumberKind;
}

const PLAIN = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const CURRENCY_PREFIX = /^[¥￥$€£]|^(?:RMB|CNY|USD)\s*/i;

/** "1,234", "-3.5", "12.5%", "¥1,234.00", "1234元"; null for anything else (and for "00123"). */
export function parseNumber(text: string): ParsedNumber | null {
  let t = text.trim();
  if (t === '') return null;
  let kind: NumberKind | null = null;
  let negative = false;
  if (t.startsWith('(') && t.endsWith(')')) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  if (t.startsWith('-') && CURRENCY_PREFIX.test(t.slice(1))) {
    negative = !negative;
    t = t.slice(1);
  }
  const prefix = t.match(CURRENCY_PREFIX);
  if (prefix) {
    kind = 'currency';
    t = t.slice(prefix[0].length).trim();
  } else if (t.endsWith('元')) {
    kind = 'currency';
    t = t.slice(0, -1).trim();
  }
  let scale = 1;
  if (kind === null && t.endsWith('%')) {
    kind = 'percent';
    scale = 0.01;
    t = t.slice(0, -1).trim();
  }
  if (!PLAIN.test(t)) return null;
  if (isLeadingZeroId(t)) return null;
  const hasComma = t.includes(',');
  // An 18-digit order or ID-card number is not a number: as a double it would lose its last digits.
  if (isUnsafeInteger(hasComma ? t.replaceAll(',', '') : t)) return null;
  const value = Number(hasComma ? t.replaceAll(',', '') : t) * scale;
  if (!Number.isFinite(value)) return null;
  const signed = negative ? -value : value;
  if (kind === null) kind = Number.isInteger(signed) && !t.includes('.') && !/[eE]/.test(t) ? 'integer' : 'decimal';
  return { value: scale === 1 ? signed : roundScaled(signed), kind };
}

/** 12.5% → 0.125 without binary noise (0.12500000000000003). */
function roundScaled(v: number): number {
  return Number(v.toPrecision(15));
}

/**
 * Whole numbers a double does not keep digit for digit (beyond 2^53, e.g. 18-digit order
 * numbers): ids, kept as text so no digit changes. A long number a double does hold exactly
 * (2^53 itself, or 123456789012345680 as Excel stores it) stays a number.
 */
export function isUnsafeInteger(t: string): boolean {
  const body = t.startsWith('-') || t.startsWith('+') ? t.slice(1) : t;
  if (body.length < 16 || body.includes('.')) return false;
  return String(Number(body)) !== body;
}

/** "00123", "0012.5": ids whose zeros matter; "0", "0.5" are numbers. */
export function isLeadingZeroId(t: string): boolean {
  const s = t.startsWith('-') || t.startsWith('+') ? t.slice(1) : t;
  return s.length > 1 && s[0] === '0' && s[1] !== '.';
}

export interface ParsedDate {
  ms: number;
  hasTime: boolean;
}

const ISO_LIKE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?(?:\s*(\d{1,2})\s*[:：时点]\s*(\d{1,2})\s*分?(?:\s*[:：]?\s*(\d{1,2})\s*秒?)?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** Result of a date-looking text: a date, or 'impossible' (2014/2/29), or null (not a date). */
export type DateParse = ParsedDate | 'impossible' | null;

/**
 * A date text: year first (2024-03-05, 2024/3/5 9:41:07, 2024年3月5日, 20240305), or, when the
 * column's day/month order is known, day and month first (10/2/2017 10:56 read as `order`).
 */
export function parseDate(text: string, order?: DateOrder | null): DateParse {
  const t = text.trim();
  if (t.length < 8 || t.length > 32) return null;
  const fast = parseDateFast(t);
  if (fast !== undefined) return fast;
  const m = t.match(ISO_LIKE) ?? t.match(CHINESE) ?? t.match(COMPACT);
  if (!m) {
    if (!order) return null;
    const parts = dayMonthParts(t);
    return parts ? dayMonthDate(parts, order) : null;
  }
  const [, y, mo, d, h, mi, s, ms] = m;
  return buildDate(Number(y), Number(mo), Number(d), h === undefined ? -1 : Number(h), Number(mi ?? 0), Number(s ?? 0), Number((ms ?? '0').padEnd(3, '0')));
}

/**
 * Hand-rolled reader for the common "2024-03-05", "2024/3/5 9:41[:07]" shapes (the regexes
 * cost seconds on a million-row file); undefined means "ask the regexes". The shapes are the
 * byte reader's (`readDateShape`), so text and byte imports read them alike.
 */
function parseDateFast(t: string): DateParse | undefined {
  const n = t.length;
  if (n > 19) return undefined;
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c > 127) return undefined;
    bytes[i] = c;
  }
  const p: DateShape = { y: 0, mo: 0, d: 0, h: -1, mi: 0, s: 0 };
  if (!readDateShape(bytes, 0, n, p)) return undefined;
  return buildDate(p.y, p.mo, p.d, p.h, p.mi, p.s, 0);
}

/** 20240305 as a number: a date only when it spells a real day in 1900–2100. */
export function compactNumberDate(n: number): ParsedDate | null {
  if (!Number.isInteger(n) || n < 19000101 || n > 21001231) return null;
  const r = buildDate(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100, -1, 0, 0, 0);
  return r === null || r === 'impossible' ? null : r;
}
