/**
 * Text tables whose columns are aligned with spaces instead of separated by a delimiter: the
 * layout of old ERP and mainframe exports, of `.prn` files, and of the textbook CDNOW data
 * ("00001 19970101  1  11.77"). Only considered when a file has no comma, tab, semicolon or
 * bar, so ordinary CSV files are never read this way.
 */

/**
 * `whitespace`: fields are the runs of non-blank text (fields never contain spaces).
 * `columns`: fields are cut at character positions that are blank on every sample line, so a
 * field may contain spaces ("New York") as long as the columns line up.
 */
export type FixedWidthLayout = { kind: 'whitespace'; columns: number } | { kind: 'columns'; starts: number[] };

/** What the import preview reports as the delimiter of such a file. */
export const FIXED_WIDTH_DELIMITER = 'fixed-width';

const SAMPLE_LINES = 200;
const NUMERIC_TOKEN = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?%?$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/;

function tokens(line: string): string[] {
  const t = line.trim();
  return t === '' ? [] : t.split(/[ \t]+/);
}

/**
 * Decides whether sample text is a whitespace-aligned table and how to cut it; null when it is
 * not (one column of text, or nothing lines up). Evidence required, so that a one-column list
 * of names with spaces ("张 三", "John Smith") stays one column: the lines split into the same
 * number (≥ 2) of fields, and either columns are padded (runs of two or more blanks) or most
 * fields are numbers or dates.
 */
export function detectFixedWidth(sample: string, complete: boolean): FixedWidthLayout | null {
  const all = sample.replaceAll('\r\n', '\n').replaceAll('\r', '\n').split('\n');
  if (!complete && all.length > 1) all.pop();
  const lines = all.filter((l) => l.trim() !== '').slice(0, SAMPLE_LINES);
  if (lines.length < 2) return null;
  const counts = lines.map((l) => tokens(l).length);
  const modal = mode(counts);
  const padded = lines.filter((l) => /\S[ \t]{2,}\S/.test(l) || /^[ \t]+\S/.test(l)).length;
  if (modal >= 2 && counts.filter((c) => c === modal).length >= 0.9 * lines.length) {
    let numeric = 0;
    let total = 0;
    for (const l of lines) {
      for (const t of tokens(l)) {
        total++;
        if (NUMERIC_TOKEN.test(t)) numeric++;
      }
    }
    if (padded >= 0.5 * lines.length || numeric >= 0.5 * total) return { kind: 'whitespace', columns: modal };
  }
  if (padded < 0.5 * lines.length) return null;
  // Fields with inner spaces: cut at positions that are blank on every line, where every line
  // with text on both sides has at least two blanks (a single space inside the longest value,
  // "Hong Kong SAR", lines up with the padding of shorter values but does not cut).
  const width = Math.max(...lines.map((l) => l.length));
  const isBlank = (l: string, i: number): boolean => i >= l.length || l[i] === ' ' || l[i] === '\t';
  const blank = new Uint8Array(width).fill(1);
  for (const l of lines) for (let i = 0; i < l.length; i++) if (!isBlank(l, i)) blank[i] = 0;
  const starts: number[] = [];
  for (let i = 0; i < width; i++) {
    if (blank[i] === 0 && (i === 0 || blank[i - 1] === 1)) {
      if (i === 0 || starts.length === 0 || separates(lines, i - 1, isBlank)) starts.push(i);
    }
  }
  return starts.length >= 2 ? { kind: 'columns', starts } : null;
}

/** Whether every line that has text on both sides of position `at` is blank for 2+ positions there. */
function separates(lines: string[], at: number, isBlank: (l: string, i: number) => boolean): boolean {
  for (const l of lines) {
    let lo = at;
    while (lo > 0 && isBlank(l, lo - 1)) lo--;
    let hi = at;
    while (hi < l.length && isBlank(l, hi + 1)) hi++;
    const textBefore = lo > 0;
    const textAfter = hi + 1 < l.length;
    if (textBefore && textAfter && hi - lo + 1 < 2) return false;
  }
  return true;
}

function mode(values: number[]): number {
  const freq = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const v of values) {
    const c = (freq.get(v) ?? 0) + 1;
    freq.set(v, c);
    if (c > bestCount || (c === bestCount && v > best)) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

/** Incremental line parser for a fixed-width layout (same interface as the CSV parser). */
export class FixedWidthParser {
  private rest = '';

  constructor(private readonly layout: FixedWidthLayout) {}

  push(text: string, final: boolean, out: string[][]): void {
    const s = this.rest + text;
    let pos = 0;
    for (;;) {
      const nl = s.indexOf('\n', pos);
      if (nl === -1) break;
      out.push(this.split(s.slice(pos, nl > pos && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl)));
      pos = nl + 1;
    }
    this.rest = s.slice(pos);
    if (final && this.rest !== '') {
      out.push(this.split(this.rest.endsWith('\r') ? this.rest.slice(0, -1) : this.rest));
      this.rest = '';
    }
  }

  private split(line: string): string[] {
    if (this.layout.kind === 'whitespace') {
      const t = tokens(line);
      return t.length === 0 ? [''] : t;
    }
    const { starts } = this.layout;
    if (line.trim() === '') return [''];
    const fields: string[] = [];
    for (let i = 0; i < starts.length; i++) fields.push(line.slice(starts[i], starts[i + 1] ?? line.length).trim());
    // Text beyond the last column start on a longer line stays in the last field.
    return fields;
  }
}
