import { OTHER_LABEL, type CrosstabColSort } from '../../../shared/contract/analyze';
import { textCollator } from '../rows/text-collator';


/** How the category codes of a cross-tab map onto the columns shown. */
export interface ColumnGrouping {
  /** Old code → new code (-1 stays -1). */
  remap: Int32Array;
  labels: string[];
  /** Chronological / numeric order key per new label (null = by text); 其他 has none. */
  order: number[] | null;
  /** New code of the 其他 column, or null. */
  otherCode: number | null;
  /** Categories merged into 其他 (those beyond the top N, plus one literally named 其他). */
  merged: number;
}

/**
 * Keeps the `top` categories with the largest column totals (ties by label) and gathers the rest
 * into one 其他 column. A category already named 其他 (e.g. unmatched keyword rules) always joins
 * it, so there is never a second 其他. Without `top` nothing is merged.
 */
export function groupColumns(labels: readonly string[], order: readonly number[] | null, colTotals: readonly number[], top: number | undefined): ColumnGrouping {
  const C = labels.length;
  const realOther = labels.indexOf(OTHER_LABEL);
  const candidates = labels.map((_, c) => c).filter((c) => c !== realOther);
  if (top === undefined || candidates.length <= top) {
    return { remap: Int32Array.from(labels, (_, c) => c), labels: [...labels], order: order ? [...order] : null, otherCode: realOther >= 0 ? realOther : null, merged: realOther >= 0 ? 1 : 0 };
  }
  const kept = [...candidates].sort((a, b) => colTotals[b]! - colTotals[a]! || textCollator().compare(labels[a]!, labels[b]!)).slice(0, top);
  kept.sort((a, b) => a - b);
  const remap = new Int32Array(C);
  kept.forEach((c, i) => (remap[c] = i));
  const otherCode = kept.length;
  const keptSet = new Set(kept);
  for (let c = 0; c < C; c++) if (!keptSet.has(c)) remap[c] = otherCode;
  return {
    remap,
    labels: [...kept.map((c) => labels[c]!), OTHER_LABEL],
    order: order ? [...kept.map((c) => order[c]!), Number.POSITIVE_INFINITY] : null,
    otherCode,
    merged: C - kept.length,
  };
}

/** Applies a grouping to per-row codes (a new array; the cached column is never touched). */
export function remapCodes(codes: Int32Array, remap: Int32Array): Int32Array {
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    out[i] = c < 0 ? c : remap[c]!;
  }
  return out;
}

/** Label order: chronological / numeric when known, else collated text. */
export function byLabel(labels: readonly string[], order: readonly number[] | null): (a: number, b: number) => number {
  return (a, b) => {
    if (order) {
      const d = order[a]! - order[b]!;
      if (d !== 0 && !Number.isNaN(d)) return d;
    }
    return textCollator().compare(labels[a]!, labels[b]!);
  };
}

/**
 * Display order of the columns: by label, by volume (largest total first) or by the TGI of one
 * row (highest first; the row by label, default the first shown). 其他 always comes last.
 */
export function columnOrder(
  g: ColumnGrouping,
  colTotals: readonly number[],
  sort: CrosstabColSort | undefined,
  tgiOf: (row: number, col: number) => number | null,
  rowCode: number,
): number[] {
  const label = byLabel(g.labels, g.order);
  const codes = g.labels.map((_, c) => c).filter((c) => c !== g.otherCode);
  const by = sort?.by ?? 'label';
  codes.sort((a, b) => {
    if (by === 'volume') return colTotals[b]! - colTotals[a]! || label(a, b);
    if (by === 'tgi' && rowCode >= 0) {
      const ta = tgiOf(rowCode, a);
      const tb = tgiOf(rowCode, b);
      if (ta !== tb) {
        if (ta === null) return 1;
        if (tb === null) return -1;
        return tb - ta;
      }
    }
    return label(a, b);
  });
  return g.otherCode === null ? codes : [...codes, g.otherCode];
}
