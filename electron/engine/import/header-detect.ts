import { compactNumberDate, parseDate } from './cell-parse';
import type { RawCell } from './raw-cell';
import { FormattedNumber } from './raw-cell';
import type { MergeRange } from './sheet-source';

/** Rows looked at to find the header (title rows above a table are skipped). */
export const HEADER_WINDOW = 30;

export interface HeaderChoice {
  /** 0-based row of the header, -1 when the table has none. */
  headerIndex: number;
  /** 0-based first data row. */
  dataStart: number;
  /** Header text per column as written (two-row headers flattened "上级-下级"); null = empty. */
  headers: (string | null)[];
}

function filled(row: RawCell[] | undefined): number {
  if (!row) return 0;
  let n = 0;
  for (const v of row) if (v !== null && v !== '') n++;
  return n;
}

function isLabel(v: RawCell): boolean {
  return typeof v === 'string' && v.trim() !== '' && !/^[+-]?[\d,.]+%?$/.test(v.trim());
}

/**
 * Finds the header: the first row that is about as wide as the table and mostly labels. Title
 * rows ("2018年订单明细") are narrower and so are skipped. A header merged over two rows is
 * flattened to "上级-下级".
 */
export function chooseHeader(rows: RawCell[][], merges: MergeRange[], requested: number | undefined): HeaderChoice {
  const window = rows.slice(0, HEADER_WINDOW);
  let headerIndex: number;
  if (requested !== undefined) {
    headerIndex = requested - 1;
  } else {
    const widest = Math.max(0, ...window.map(filled));
    headerIndex = window.findIndex((r) => filled(r) > 0 && filled(r) >= Math.max(1, Math.ceil(widest * 0.5)));
    if (headerIndex >= 0) {
      const row = window[headerIndex]!;
      // A first row of numbers is data: the file has no header row. So is a row holding a date or
      // an amount with decimals above more of the same (text ids in front do not make it a header).
      if (row.filter(isLabel).length === 0 || (headerIndex === firstFilled(window) && looksLikeData(window, headerIndex))) headerIndex = -1;
    }
  }
  if (headerIndex < 0) return { headerIndex: -1, dataStart: firstFilled(rows), headers: [] };
  const top = (rows[headerIndex] ?? []).map(headerText);
  const spans = merges.filter((m) => m.r0 === headerIndex && m.c1 > m.c0 && m.r1 === headerIndex);
  if (spans.length === 0 || requested !== undefined) return { headerIndex, dataStart: headerIndex + 1, headers: top };
  // Two-row header: a group label merged across columns, sub-labels in the next row.
  const sub = (rows[headerIndex + 1] ?? []).map(headerText);
  const width = Math.max(top.length, sub.length);
  const groupOf: (string | null)[] = [...top];
  for (const m of spans) for (let c = m.c0; c <= m.c1; c++) groupOf[c] = top[m.c0] ?? null;
  const vertical = new Set(merges.filter((m) => m.r0 === headerIndex && m.r1 > headerIndex).flatMap((m) => range(m.c0, m.c1)));
  const headers: (string | null)[] = [];
  for (let c = 0; c < width; c++) {
    const g = groupOf[c] ?? null;
    const s = vertical.has(c) ? null : (sub[c] ?? null);
    headers.push(g && s ? `${g}-${s}` : (s ?? g));
  }
  return { headerIndex, dataStart: headerIndex + 2, headers };
}

type ValueKind = 'date' | 'fraction' | null;

/** Dates (cells, text, yyyymmdd numbers) and numbers with decimals: values no header is made of. */
function valueKind(v: RawCell | undefined): ValueKind {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof FormattedNumber) return v.meaning === 'date' ? 'date' : null;
  if (typeof v === 'number') return compactNumberDate(v) ? 'date' : Number.isInteger(v) ? null : 'fraction';
  if (typeof v !== 'string') return null;
  const t = v.trim();
  const d = parseDate(t);
  if (d !== null && d !== 'impossible') return 'date';
  return /^[+-]?\d+\.\d+$/.test(t) ? 'fraction' : null;
}

/** Whether some cell of `row` is a date or a decimal amount and the next rows hold the same kind in that column. */
function looksLikeData(rows: RawCell[][], index: number): boolean {
  const row = rows[index]!;
  const below = rows.slice(index + 1, index + 6).filter((r) => filled(r) > 0);
  if (below.length === 0) return false;
  for (let c = 0; c < row.length; c++) {
    const kind = valueKind(row[c]);
    if (kind === null) continue;
    const same = below.filter((r) => {
      const k = valueKind(r[c]);
      return k === kind || (kind === 'fraction' && typeof r[c] === 'number');
    }).length;
    if (same === below.length) return true;
  }
  return false;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

function firstFilled(rows: RawCell[][]): number {
  const i = rows.findIndex((r) => filled(r) > 0);
  return i < 0 ? 0 : i;
}

function headerText(v: RawCell): string | null {
  if (v === null || v === '') return null;
  if (v instanceof FormattedNumber) return String(v.value);
  return String(v);
}
