/**
 * Quintile scores 1–5, the exact rule (documented for users in the builder):
 *
 * Values are ranked from worst to best (ascending for F and M, descending days for R, so the
 * most recent customer scores 5). A value's score is taken from the position of its FIRST
 * occurrence in that order: score = floor(5 × position ÷ n) + 1, position 0-based over the n
 * scored customers. Equal values therefore always share one score, the LOWER bin of a tie
 * group that straddles a quintile boundary. Example, F of 10 customers = 1,1,1,1,1,1,2,2,3,9:
 * positions of 1 start at 0 → score 1 for all six 1s (although positions 2–5 would be bins 2–3);
 * the 2s start at position 6 → score 4; 3 at position 8 → 5; 9 at position 9 → 5.
 * The resulting upper-inclusive edges (largest raw value of scores 1–4) are reported as `cuts`.
 *
 * Custom cut points: four strictly increasing edges c1<c2<c3<c4 on the raw value. F and M:
 * v ≤ c1 → 1, ≤ c2 → 2, ≤ c3 → 3, ≤ c4 → 4, else 5. R (days): d ≤ c1 → 5, ≤ c2 → 4, … , > c4 → 1.
 * Missing values get no score (0 here, null in the dataset).
 */
export interface ScoredDimension {
  /** Score per row 1..5, 0 = missing. */
  scores: Uint8Array;
  /** Upper-inclusive edges on the raw value (ascending) separating the scores. */
  cuts: number[];
  distribution: number[];
}

export function quintileScores(values: Float64Array, reversed: boolean): ScoredDimension {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) idx.push(i);
  // Worst first: ascending value, or descending days for recency.
  idx.sort((a, b) => (reversed ? values[b]! - values[a]! : values[a]! - values[b]!));
  const n = idx.length;
  const scores = new Uint8Array(values.length);
  let groupScore = 0;
  for (let pos = 0; pos < n; pos++) {
    const i = idx[pos]!;
    if (pos === 0 || values[i] !== values[idx[pos - 1]!]) groupScore = Math.floor((5 * pos) / n) + 1;
    scores[i] = groupScore;
  }
  return { scores, cuts: edgesFromScores(values, scores, reversed), distribution: distributionOf(scores) };
}

export function cutScores(values: Float64Array, cuts: readonly number[], reversed: boolean): ScoredDimension {
  const scores = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    let bin = 0;
    while (bin < cuts.length && v > cuts[bin]!) bin++;
    scores[i] = reversed ? 5 - bin : bin + 1;
  }
  return { scores, cuts: [...cuts], distribution: distributionOf(scores) };
}

function distributionOf(scores: Uint8Array): number[] {
  const d = [0, 0, 0, 0, 0];
  for (const s of scores) if (s > 0) d[s - 1]! += 1;
  return d;
}

/**
 * Upper-inclusive edges on the raw value: the largest value holding each score band, in
 * ascending raw order (scores 1–4 for F/M; scores 5–2 for R days).
 */
function edgesFromScores(values: Float64Array, scores: Uint8Array, reversed: boolean): number[] {
  const maxOf = new Array<number>(6).fill(NaN);
  for (let i = 0; i < values.length; i++) {
    const s = scores[i]!;
    if (s === 0) continue;
    if (Number.isNaN(maxOf[s]!) || values[i]! > maxOf[s]!) maxOf[s] = values[i]!;
  }
  return (reversed ? [5, 4, 3, 2] : [1, 2, 3, 4]).map((s) => maxOf[s]!).filter((v) => !Number.isNaN(v));
}

export function validateCuts(cuts: readonly number[] | undefined): string | null {
  if (!cuts) return null;
  for (let i = 1; i < cuts.length; i++) if (!(cuts[i]! > cuts[i - 1]!)) return 'cut points must be strictly increasing';
  return cuts.every(Number.isFinite) ? null : 'cut points must be finite numbers';
}
