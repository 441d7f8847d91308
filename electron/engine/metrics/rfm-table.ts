import type { ColumnBuilder } from '../store/column-builder';
import { round6 } from './stats';

export const DAY_MS = 86_400_000;

/** The per-customer figures of one RFM run, as the row pass left them. */
export interface RfmTable {
  /** Customer labels by customer index (trimmed dictionary labels). */
  keys: readonly string[];
  /** Customer indexes listed in the result, in order. */
  buyers: readonly number[];
  /** Per customer index, four slots: first day, last day, money, (scratch). */
  rec: Float64Array;
  /** Per customer index: F. */
  freq: Float64Array;
  /** The analysis day (days since 1970-01-01). */
  asOf: number;
  /** The customer column holds numbers: keys that read as numbers are written as numbers. */
  numericKeys: boolean;
}

/**
 * Writes the RFM dataset's eight columns straight from the per-customer arrays: customer, R, F,
 * M, 客单价, 首次购买, 末次购买, 客龄(天). Customer labels are distinct, so they skip the dictionary
 * lookup. Returns the row count.
 */
export function writeRfmColumns(t: RfmTable, builders: readonly ColumnBuilder[]): number {
  const [key, r, f, m, avg, first, last, age] = builders as [ColumnBuilder, ColumnBuilder, ColumnBuilder, ColumnBuilder, ColumnBuilder, ColumnBuilder, ColumnBuilder, ColumnBuilder];
  for (const k of t.buyers) {
    const label = t.keys[k]!;
    const asNumber = t.numericKeys ? Number(label) : NaN;
    if (Number.isFinite(asNumber)) key.appendNumber(asNumber);
    else key.appendNewText(label);
    const o = k * 4;
    const money = t.rec[o + 2]!;
    const freq = t.freq[k]!;
    r.appendNumber(t.asOf - t.rec[o + 1]!);
    f.appendNumber(freq);
    m.appendNumber(round6(money));
    avg.appendNumber(round6(money / freq));
    first.appendNumber(t.rec[o]! * DAY_MS);
    last.appendNumber(t.rec[o + 1]! * DAY_MS);
    age.appendNumber(t.asOf - t.rec[o]!);
  }
  return t.buyers.length;
}

/** R, F and M of the listed customers, for the summary. */
export function rfmFigures(t: RfmTable): { R: Float64Array; F: Float64Array; M: Float64Array } {
  const n = t.buyers.length;
  const R = new Float64Array(n);
  const F = new Float64Array(n);
  const M = new Float64Array(n);
  t.buyers.forEach((k, i) => {
    R[i] = t.asOf - t.rec[k * 4 + 1]!;
    F[i] = t.freq[k]!;
    M[i] = round6(t.rec[k * 4 + 2]!);
  });
  return { R, F, M };
}
