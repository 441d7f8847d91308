import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The UCI files and the scikit-learn / scipy reference numbers in tests/fixtures/models. */
export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'models');

export type CsvRow = Record<string, string>;

/** Reads bank.csv (';', quoted) or wholesale.csv (',', CRLF): plain files, no quoted separators. */
export function readCsv(name: 'bank.csv' | 'wholesale.csv'): CsvRow[] {
  const sep = name === 'bank.csv' ? ';' : ',';
  const lines = readFileSync(join(FIXTURES, name), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const unquote = (s: string): string => s.replace(/^"|"$/g, '');
  const header = lines[0]!.split(sep).map(unquote);
  return lines.slice(1).map((l) => {
    const cells = l.split(sep).map(unquote);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
  });
}

export function numericColumn(rows: CsvRow[], name: string): Float64Array {
  return Float64Array.from(rows, (r) => Number(r[name]));
}

/** Dictionary codes of a text column, levels in first-seen order (or the order given). */
export function categoryColumn(rows: CsvRow[], name: string, levels?: string[]): { codes: Int32Array; levels: string[] } {
  const list = levels ? [...levels] : [];
  const index = new Map(list.map((l, i) => [l, i]));
  const codes = Int32Array.from(rows, (r) => {
    const v = r[name]!;
    let c = index.get(v);
    if (c === undefined) {
      c = list.length;
      list.push(v);
      index.set(v, c);
    }
    return c;
  });
  return { codes, levels: list };
}

export function fixtureJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

/** z-scores with the population SD (StandardScaler), row-major n × columns.length. */
export function zscoreMatrix(columns: Float64Array[]): Float64Array {
  const n = columns[0]!.length;
  const p = columns.length;
  const out = new Float64Array(n * p);
  columns.forEach((col, j) => {
    let s = 0;
    for (const v of col) s += v;
    const mean = s / n;
    let ss = 0;
    for (const v of col) ss += (v - mean) ** 2;
    const sd = Math.sqrt(ss / n);
    for (let i = 0; i < n; i++) out[i * p + j] = (col[i]! - mean) / sd;
  });
  return out;
}
