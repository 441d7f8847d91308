import type { ColumnType } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import { compactNumberDate, isMissingMarker, parseBoolean, parseDate, parseNumber } from './cell-parse';
import { LIMITS, cellTooLong } from './limits';
import { FormattedNumber, excelSerialToMs, type RawCell } from './raw-cell';

/** Turns a raw cell into what is stored for a column of `type`; `row` (1-based) is for errors. */
export type CellConverter = (v: RawCell, row: number) => CellValue;

/**
 * Builds the converter for one column. A cell that does not convert keeps its original text,
 * which the dataset writer counts as invalid; missing markers become null.
 */
export function converterFor(type: ColumnType, date1904: boolean): CellConverter {
  const toNumber = (v: RawCell, text: (s: string) => CellValue): CellValue => {
    if (typeof v === 'number') return v;
    if (v instanceof FormattedNumber) return v.meaning === 'date' ? formatSerial(v.value, date1904) : v.value;
    if (typeof v === 'boolean') return v ? 1 : 0;
    return v === null ? null : text(v);
  };
  const guard = (s: string, row: number): string | null => {
    if (s.length > LIMITS.maxCellChars) throw cellTooLong(s.length, row);
    return isMissingMarker(s) || isBlank(s) ? null : s;
  };
  switch (type) {
    case 'integer':
    case 'decimal':
    case 'percent':
    case 'currency':
      return (v, row) =>
        toNumber(v, (s) => {
          const t = guard(s, row);
          if (t === null) return null;
          return parseNumber(t)?.value ?? s;
        });
    case 'boolean':
      return (v, row) => {
        if (typeof v === 'boolean') return v;
        if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : String(v);
        if (v instanceof FormattedNumber) return String(v.value);
        if (v === null) return null;
        const t = guard(v, row);
        if (t === null) return null;
        return parseBoolean(t) ?? v;
      };
    case 'date':
    case 'datetime':
      return (v, row) => {
        if (v instanceof FormattedNumber) return excelSerialToMs(v.value, date1904) ?? String(v.value);
        if (typeof v === 'number') return compactNumberDate(v)?.ms ?? excelSerialToMs(v, date1904) ?? v;
        if (typeof v === 'boolean') return String(v);
        if (v === null) return null;
        const t = guard(v, row);
        if (t === null) return null;
        const d = parseDate(t);
        return d !== null && d !== 'impossible' ? d.ms : v;
      };
    case 'text':
      return (v, row) => {
        if (typeof v === 'string') return guard(v, row) === null ? null : v;
        if (typeof v === 'number') return String(v);
        if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
        if (v instanceof FormattedNumber) return v.meaning === 'date' ? formatSerial(v.value, date1904) : String(v.value);
        return null;
      };
  }
}

/** A date cell shown as text (in a text column): yyyy-mm-dd[ hh:mm:ss]. */
function formatSerial(serial: number, date1904: boolean): string {
  const ms = excelSerialToMs(serial, date1904);
  if (ms === null) return String(serial);
  const iso = new Date(ms).toISOString();
  return serial % 1 === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Whitespace-only text, without allocating a trimmed copy for ordinary cells. */
function isBlank(s: string): boolean {
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  if (first > 32 && first !== 0x3000 && last > 32 && last !== 0x3000) return false;
  return s.trim() === '';
}
