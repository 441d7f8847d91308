import type { ColumnType } from '../../../shared/contract/datasets';
import type { DateOrder } from '../../../shared/contract/import';
import type { CellValue } from '../../../shared/contract/json';
import { compactNumberDate, isMissingMarker, parseBoolean, parseDate, parseNumber } from './cell-parse';
import { LIMITS, cellTooLong } from './limits';
import { FormattedNumber, excelSerialToMs, type RawCell } from './raw-cell';

/** Turns a raw cell into what is stored for a column of `type`; `row` (1-based) is for errors. */
export type CellConverter = (v: RawCell, row: number) => CellValue;

/** Kinds of cells stored as another type than the file wrote them (reported with counts). */
export type ConversionKind = 'numberToText' | 'dateToText' | 'booleanToText' | 'booleanToNumber' | 'numberToBoolean' | 'numberToDate' | 'lineBreakToLf';

/**
 * What a column's converter changed silently, counted so the import can say it: texts that
 * meant "no value" made empty (by literal; '' = spaces only), NUL characters removed, and
 * cells stored as another type than they were written.
 */
export class ConversionNotes {
  readonly emptied = new Map<string, number>();
  private nul = 0;
  readonly converted = new Map<ConversionKind, number>();
  /** Notes written so far: a conversion that wrote none can be remembered and reused. */
  changes = 0;

  empty(literal: string): void {
    this.emptied.set(literal, (this.emptied.get(literal) ?? 0) + 1);
    this.changes++;
  }

  convert(kind: ConversionKind): void {
    this.converted.set(kind, (this.converted.get(kind) ?? 0) + 1);
    this.changes++;
  }

  removedNul(count: number): void {
    this.nul += count;
    this.changes++;
  }

  get nulRemoved(): number {
    return this.nul;
  }

  /** The notes as plain data (for another thread's column to be merged here). */
  toPlain(): { emptied: [string, number][]; nul: number; converted: [ConversionKind, number][] } {
    return { emptied: [...this.emptied], nul: this.nul, converted: [...this.converted] };
  }

  /** Adds notes another thread wrote for the same column. */
  absorb(plain: ReturnType<ConversionNotes['toPlain']>): void {
    for (const [k, v] of plain.emptied) this.emptied.set(k, (this.emptied.get(k) ?? 0) + v);
    for (const [k, v] of plain.converted) this.converted.set(k, (this.converted.get(k) ?? 0) + v);
    this.nul += plain.nul;
    this.changes++;
  }

  get emptiedTotal(): number {
    let n = 0;
    for (const c of this.emptied.values()) n += c;
    return n;
  }
}

export interface ConverterOptions {
  date1904: boolean;
  /** Order of day and month for dates written 10/2/2017 (null: such texts are not dates). */
  dateOrder?: DateOrder | null;
  notes?: ConversionNotes;
}

/** A column's converter with its type and its notes (the byte reader's fast paths need both). */
export interface ColumnConversion {
  type: ColumnType;
  dateOrder: DateOrder | null;
  convert: CellConverter;
  notes: ConversionNotes;
}

export function conversionFor(type: ColumnType, options: ConverterOptions & { notes: ConversionNotes }): ColumnConversion {
  return { type, dateOrder: options.dateOrder ?? null, convert: converterFor(type, options), notes: options.notes };
}

/**
 * Builds the converter for one column. A cell that does not convert keeps its original text,
 * which the dataset writer counts as invalid; missing markers become null (counted in `notes`).
 */
export function converterFor(type: ColumnType, options: ConverterOptions): CellConverter {
  const { date1904 } = options;
  const notes = options.notes ?? new ConversionNotes();
  const order = options.dateOrder ?? null;
  const toNumber = (v: RawCell, text: (s: string) => CellValue): CellValue => {
    if (typeof v === 'number') return v;
    if (v instanceof FormattedNumber) return v.meaning === 'date' ? formatSerial(v.value, date1904, notes) : v.value;
    if (typeof v === 'boolean') {
      notes.convert('booleanToNumber');
      return v ? 1 : 0;
    }
    return v === null ? null : text(v);
  };
  /**
   * The text of a cell, or null when it stands for no value; NUL characters removed, line breaks
   * as LF (Excel keeps a cell's line break as LF, and xlsx readers turn CR LF into LF: one form
   * whatever the file, so a CSV cell with CR LF comes back the same from an xlsx export).
   */
  const guard = (raw: string, row: number): string | null => {
    if (raw.length > LIMITS.maxCellChars) throw cellTooLong(raw.length, row);
    let s = raw;
    if (s.indexOf('\u0000') !== -1) {
      s = s.replaceAll('\u0000', '');
      notes.removedNul(raw.length - s.length);
    }
    if (s.indexOf('\r') !== -1) {
      s = s.replace(/\r\n?/g, '\n');
      notes.convert('lineBreakToLf');
    }
    if (isBlank(s)) {
      notes.empty('');
      return null;
    }
    if (isMissingMarker(s)) {
      notes.empty(s.trim());
      return null;
    }
    return s;
  };
  switch (type) {
    case 'integer':
    case 'decimal':
    case 'percent':
    case 'currency':
      return (v, row) => {
        const n = toNumber(v, (s) => {
          const t = guard(s, row);
          if (t === null) return null;
          return parseNumber(t)?.value ?? t;
        });
        // "-0" is zero: Excel has no negative zero and every export writes it as 0.
        return n === 0 ? 0 : n;
      };
    case 'boolean':
      return (v, row) => {
        if (typeof v === 'boolean') return v;
        if (typeof v === 'number') {
          if (v !== 0 && v !== 1) return String(v);
          notes.convert('numberToBoolean');
          return v === 1;
        }
        if (v instanceof FormattedNumber) return String(v.value);
        if (v === null) return null;
        const t = guard(v, row);
        if (t === null) return null;
        return parseBoolean(t) ?? t;
      };
    case 'date':
    case 'datetime':
      return (v, row) => {
        if (v instanceof FormattedNumber) return excelSerialToMs(v.value, date1904) ?? String(v.value);
        if (typeof v === 'number') {
          const ms = compactNumberDate(v)?.ms ?? excelSerialToMs(v, date1904);
          if (ms === null) return v;
          notes.convert('numberToDate');
          return ms;
        }
        if (typeof v === 'boolean') return String(v);
        if (v === null) return null;
        const t = guard(v, row);
        if (t === null) return null;
        const d = parseDate(t, order);
        return d !== null && d !== 'impossible' ? d.ms : t;
      };
    case 'text':
      return (v, row) => {
        if (typeof v === 'string') return guard(v, row);
        if (typeof v === 'number') {
          notes.convert('numberToText');
          return String(v);
        }
        if (typeof v === 'boolean') {
          notes.convert('booleanToText');
          return v ? 'TRUE' : 'FALSE';
        }
        if (v instanceof FormattedNumber) {
          if (v.meaning === 'date') return formatSerial(v.value, date1904, notes);
          notes.convert('numberToText');
          return String(v.value);
        }
        return null;
      };
  }
}

/** A date cell shown as text (in a text column): yyyy-mm-dd[ hh:mm:ss]. */
function formatSerial(serial: number, date1904: boolean, notes: ConversionNotes): string {
  const ms = excelSerialToMs(serial, date1904);
  if (ms === null) return String(serial);
  notes.convert('dateToText');
  const iso = new Date(ms).toISOString();
  return serial % 1 === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Whitespace-only text, without allocating a trimmed copy for ordinary cells. */
function isBlank(s: string): boolean {
  if (s.length === 0) return true;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  if (first > 32 && first !== 0x3000 && last > 32 && last !== 0x3000) return false;
  return s.trim() === '';
}
