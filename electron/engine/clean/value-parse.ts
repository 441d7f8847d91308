import type { BooleanLabels, ColumnType } from '../../../shared/contract/datasets';
import type { DateOrder } from '../../../shared/contract/import';
import { booleanText } from '../../../shared/format/boolean-labels';
import { dateCellText } from '../../../shared/format/date-format';
import { excelSerialToMs } from '../../../shared/format/excel-serial';
import { dayMonthDate, dayMonthParts } from '../import/date-order';
import { toHalfWidth } from './text-normalize';
import type { SqlCell } from './plan';

const DAY_MS = 86_400_000;

/**
 * Numbers stored as text the way Chinese spreadsheets export them: "1,234", "¥1,234.00",
 * "￥ 12.5元", "RMB 3", "(1,234)" (negative), "12%", "-3.5e2", full-width digits.
 * Returns null when the text is not a number.
 */
export function parseNumberText(raw: string): number | null {
  let s = toHalfWidth(raw).trim();
  if (s === '') return null;
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  s = s.replace(/^(RMB|CNY|USD)\s*/i, '').replace(/^[¥￥$€£]\s*/, '').replace(/\s*(元|RMB|CNY)$/i, '');
  if (s.startsWith('-') && /^-[¥￥$€£]/.test(s)) s = '-' + s.slice(2);
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  if (s.includes(',')) {
    // Thousands separators only in their proper places: "1,234.5" yes, "1,2,3" no.
    if (!/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) return null;
    s = s.replace(/,/g, '');
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
  let n = Number(s);
  if (!Number.isFinite(n)) return null;
  if (percent) n = n / 100;
  return negative ? -n : n;
}

/**
 * Dates as text: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, each optionally with a
 * time hh:mm[:ss]; with a day/month `order`, also 10/2/2017 10:56 and 24.07.2018 (the column's
 * order, decided from all its cells by the caller). Result: epoch ms of the wall-clock time read
 * as UTC (the project's convention).
 */
export function parseDateText(raw: string, order?: DateOrder | null): number | null {
  const s = toHalfWidth(raw).trim();
  let m = s.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}(?:\.\d+)?))?秒?)?$/);
  if (!m) {
    const compact = s.match(/^(\d{4})(\d{2})(\d{2})$/);
    if (!compact) {
      const parts = order ? dayMonthParts(s) : null;
      const d = parts && order ? dayMonthDate(parts, order) : null;
      return d !== null && d !== 'impossible' ? d.ms : null;
    }
    m = [compact[0], compact[1], compact[2], compact[3]] as unknown as RegExpExecArray;
  }
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const hh = m[4] === undefined ? 0 : Number(m[4]);
  const mi = m[5] === undefined ? 0 : Number(m[5]);
  const ss = m[6] === undefined ? 0 : Number(m[6]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mi > 59 || ss >= 60) return null;
  const ms = Date.UTC(y, mo - 1, d, hh, mi, 0) + Math.round(ss * 1000);
  const check = new Date(ms);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null; // 2024-02-30
  return ms;
}

/** A number in a column being turned into a date: epoch ms if it is that large, else an Excel serial. */
function numberToDate(n: number): number | null {
  if (Math.abs(n) > 1e11) return n;
  return n >= 1 ? excelSerialToMs(n) : null;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '对', '有', '√', '✓']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '错', '无', '×', '✗']);

/** What a conversion knows about the whole column. */
export interface ConvertContext {
  /** Day/month order of dates written 10/2/2017, decided from all the column's cells. */
  dateOrder?: DateOrder | null;
  /** The yes/no words of the boolean column being converted (to text they become these words). */
  labels?: BooleanLabels | null;
}

/**
 * Converts one cell to `target`. Returns `{ ok: false }` for a cell that cannot be converted; the
 * caller keeps its original text (the project's way of marking an invalid cell).
 */
export function convertCell(v: SqlCell, from: ColumnType, target: ColumnType, context: ConvertContext = {}): { ok: true; value: SqlCell } | { ok: false } {
  if (v === null) return { ok: true, value: null };
  if (typeof v === 'string' && v.trim() === '') return { ok: true, value: null };
  switch (target) {
    case 'text': {
      if (typeof v === 'string') return { ok: true, value: v };
      if (from === 'date') return { ok: true, value: dateCellText(v, false) };
      if (from === 'datetime') return { ok: true, value: dateCellText(v, true) };
      if (from === 'boolean') return { ok: true, value: context.labels ? booleanText(v, context.labels) : v ? '是' : '否' };
      return { ok: true, value: String(v) };
    }
    case 'integer':
    case 'decimal':
    case 'currency':
    case 'percent': {
      const n = typeof v === 'number' ? v : parseNumberText(v);
      if (n === null) return { ok: false };
      if (target === 'integer' && !Number.isInteger(n)) return { ok: false };
      return { ok: true, value: n };
    }
    case 'date':
    case 'datetime': {
      const ms = typeof v === 'number' ? (from === 'date' || from === 'datetime' ? v : numberToDate(v)) : parseDateText(v, context.dateOrder);
      if (ms === null) return { ok: false };
      return { ok: true, value: target === 'date' ? Math.floor(ms / DAY_MS) * DAY_MS : ms };
    }
    case 'boolean': {
      const key = typeof v === 'number' ? String(v) : toHalfWidth(v).trim().toLowerCase();
      if (TRUE_WORDS.has(key)) return { ok: true, value: 1 };
      if (FALSE_WORDS.has(key)) return { ok: true, value: 0 };
      return { ok: false };
    }
  }
}
