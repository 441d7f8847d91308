import type { MixedMatrix } from './kprototypes';

/**
 * Silhouette on Gower's distance (Gower 1971) for mixed data: the mean over columns of
 * |xⱼ − yⱼ| / rangeⱼ for numeric columns (0 when a column is constant) and 0/1 mismatch for
 * categorical ones. Computed on the rows given (a seeded sample on large data): the pair
 * distances are kept once (float32, s(s−1)/2 of them) and every labeling reuses them, so a k scan
 * costs one distance pass.
 */
export function gowerSilhouettes(m: MixedMatrix, rows: Int32Array, labelings: Int32Array[], ks: number[]): number[] {
  const s = rows.length;
  const { pn, pc, num, cat } = m;
  const p = pn + pc;
  const range = new Float64Array(pn);
  for (let j = 0; j < pn; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      const v = num[r * pn + j]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    range[j] = hi > lo ? hi - lo : 0;
  }
  const dist = new Float32Array((s * (s - 1)) / 2);
  let at = 0;
  for (let a = 0; a < s; a++) {
    const ra = rows[a]!;
    for (let b = a + 1; b < s; b++) {
      const rb = rows[b]!;
      let d = 0;
      for (let j = 0; j < pn; j++) if (range[j]! > 0) d += Math.abs(num[ra * pn + j]! - num[rb * pn + j]!) / range[j]!;
      for (let j = 0; j < pc; j++) if (cat[ra * pc + j] !== cat[rb * pc + j]) d += 1;
      dist[at++] = d / p;
    }
  }
  return labelings.map((labels, li) => silhouetteFrom(dist, s, Int32Array.from(rows, (r) => labels[r]!), ks[li]!));
}

function silhouetteFrom(dist: Float32Array, s: number, lab: Int32Array, k: number): number {
  const sums = new Float64Array(s * k);
  let at = 0;
  for (let a = 0; a < s; a++) {
    for (let b = a + 1; b < s; b++) {
      const d = dist[at++]!;
      sums[a * k + lab[b]!]! += d;
      sums[b * k + lab[a]!]! += d;
    }
  }
  const counts = new Float64Array(k);
  for (const c of lab) counts[c]! += 1;
  let total = 0;
  for (let a = 0; a < s; a++) {
    const own = lab[a]!;
    if (counts[own]! <= 1) continue;
    const inner = sums[a * k + own]! / (counts[own]! - 1);
    let nearest = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === own || counts[c] === 0) continue;
      nearest = Math.min(nearest, sums[a * k + c]! / counts[c]!);
    }
    if (nearest === Infinity) continue;
    const denom = Math.max(inner, nearest);
    total += denom > 0 ? (nearest - inner) / denom : 0;
  }
  return total / s;
}
