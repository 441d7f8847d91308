import type { DateOrder } from '../../../shared/contract/import';
import type { DateParse } from './cell-parse';

/**
 * Dates written day and month first, as Excel writes them when it saves a CSV on a US or European
 * machine: 10/2/2017 10:56, 24.07.2018, 7/24/2018 3:15 PM. Whether 10/2 is 2 October (M/D/Y) or
 * 10 February (D/M/Y) is decided once per column from the evidence of all its cells (a first
 * number above 12 can only be a day, a second one above 12 only a day), never per cell.
 */
const DAY_MONTH = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(?:\s*([AaPp])\.?[Mm]\.?)?)?$/;

export interface DayMonthParts {
  first: number;
  second: number;
  year: number;
  hour: number;
  minute: number;
  second_: number;
  ms: number;
}

/** The parts of a day/month/year text (either order), or null when it is not one. */
export function dayMonthParts(text: string): DayMonthParts | null {
  const t = text.trim();
  if (t.length < 8 || t.length > 32) return null;
  const c = t.charCodeAt(0);
  if (c < 48 || c > 57) return null;
  const m = t.match(DAY_MONTH);
  if (!m) return null;
  let hour = m[4] === undefined ? -1 : Number(m[4]);
  const half = m[8]?.toLowerCase();
  if (half !== undefined && hour >= 0) {
    if (hour < 1 || hour > 12) hour = 99;
    else if (half === 'p') hour = hour === 12 ? 12 : hour + 12;
    else hour = hour === 12 ? 0 : hour;
  }
  return { first: Number(m[1]), second: Number(m[2]), year: Number(m[3]), hour, minute: Number(m[5] ?? 0), second_: Number(m[6] ?? 0), ms: Number((m[7] ?? '0').padEnd(3, '0')) };
}

/** The date the parts spell in the given order ('impossible' for 31/2/2018 read as D/M/Y). */
export function dayMonthDate(p: DayMonthParts, order: DateOrder): DateParse {
  const [month, day] = order === 'mdy' ? [p.first, p.second] : [p.second, p.first];
  return buildDate(p.year, month, day, p.hour, p.minute, p.second_, p.ms);
}

const isDate = (d: DateParse): boolean => d !== null && d !== 'impossible';

export interface DateOrderDecision {
  order: DateOrder;
  /** No cell told the orders apart (every day and month ≤ 12): read as M/D/Y, flagged. */
  ambiguous: boolean;
  /** Cells that only fit the order not chosen (kept as text, flagged). */
  conflicting: number;
  /** Cells that fit only M/D/Y, only D/M/Y. */
  evidence: { mdy: number; dmy: number };
}

/** Counts, over a column, which day/month order its cells allow. */
export class DateOrderEvidence {
  mdy = 0;
  dmy = 0;
  both = 0;
  neither = 0;
  withTime = 0;

  /** Notes one cell; false when it is not a day/month/year text at all. */
  add(text: string): boolean {
    const p = dayMonthParts(text);
    if (!p) return false;
    const a = dayMonthDate(p, 'mdy');
    const b = dayMonthDate(p, 'dmy');
    if (isDate(a) && isDate(b)) this.both++;
    else if (isDate(a)) this.mdy++;
    else if (isDate(b)) this.dmy++;
    else this.neither++;
    const any = isDate(a) ? a : b;
    if (any !== null && any !== 'impossible' && any.hasTime) this.withTime++;
    return true;
  }

  get cells(): number {
    return this.mdy + this.dmy + this.both + this.neither;
  }

  /** The order for the column; null when no cell is a day/month/year text. */
  decide(): DateOrderDecision | null {
    if (this.cells === 0) return null;
    const order: DateOrder = this.dmy > this.mdy ? 'dmy' : 'mdy';
    return {
      order,
      ambiguous: this.mdy === 0 && this.dmy === 0,
      conflicting: order === 'mdy' ? this.dmy : this.mdy,
      evidence: { mdy: this.mdy, dmy: this.dmy },
    };
  }
}

/** A calendar date (and time, h = -1 for none) checked for existence: 2014/2/29 is 'impossible'. */
export function buildDate(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): DateParse {
  if (y < 1000 || y > 9999 || mo < 1 || mo > 12 || d < 1) return 'impossible';
  if (d > daysInMonth(y, mo)) return 'impossible';
  const hasTime = h >= 0;
  if (hasTime && (h > 23 || mi > 59 || s > 59)) return 'impossible';
  return { ms: Date.UTC(y, mo - 1, d, hasTime ? h : 0, mi, s, ms), hasTime: hasTime && (h !== 0 || mi !== 0 || s !== 0 || ms !== 0) };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, mo: number): number {
  if (mo === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) return 29;
  return MONTH_DAYS[mo - 1]!;
}

