import type { MixedMatrix } from './kprototypes';

/** Per-cluster sums, sizes and category counts, kept up to date as rows move, from which prototypes are recomputed. */
export interface Stats {
  sums: Float64Array;
  sizes: Float64Array;
  /** counts[(c * pc + j) * maxLevels + level] */
  counts: Int32Array;
  maxLevels: number;
}

export function buildStats(m: MixedMatrix, labels: Int32Array, k: number): Stats {
  const maxLevels = Math.max(1, ...m.levels);
  const stats: Stats = { sums: new Float64Array(k * m.pn), sizes: new Float64Array(k), counts: new Int32Array(k * m.pc * maxLevels), maxLevels };
  for (let i = 0; i < m.n; i++) moveRow(m, stats, i, -1, labels[i]!);
  return stats;
}

export function moveRow(m: MixedMatrix, s: Stats, i: number, from: number, to: number): void {
  const { pn, pc, num, cat } = m;
  if (from >= 0) {
    s.sizes[from]! -= 1;
    for (let j = 0; j < pn; j++) s.sums[from * pn + j]! -= num[i * pn + j]!;
    for (let j = 0; j < pc; j++) s.counts[(from * pc + j) * s.maxLevels + cat[i * pc + j]!]! -= 1;
  }
  s.sizes[to]! += 1;
  for (let j = 0; j < pn; j++) s.sums[to * pn + j]! += num[i * pn + j]!;
  for (let j = 0; j < pc; j++) s.counts[(to * pc + j) * s.maxLevels + cat[i * pc + j]!]! += 1;
}

/** New prototypes from the stats; returns each prototype's move (in √cost) and whether a mode changed. */
export function updatePrototypes(m: MixedMatrix, s: Stats, k: number, gamma: number, centroids: Float64Array, modes: Int32Array, moves: Float64Array): { shift: number; modeChanged: boolean } {
  const { pn, pc, levels } = m;
  let shift = 0;
  let modeChanged = false;
  for (let c = 0; c < k; c++) {
    if (s.sizes[c] === 0) {
      moves[c] = 0;
      continue;
    }
    let d = 0;
    for (let j = 0; j < pn; j++) {
      const v = s.sums[c * pn + j]! / s.sizes[c]!;
      const t = v - centroids[c * pn + j]!;
      d += t * t;
      centroids[c * pn + j] = v;
    }
    shift += d;
    let miss = 0;
    for (let j = 0; j < pc; j++) {
      const base = (c * pc + j) * s.maxLevels;
      let best = 0;
      for (let l = 1; l < levels[j]!; l++) if (s.counts[base + l]! > s.counts[base + best]!) best = l;
      if (modes[c * pc + j] !== best) {
        // Keep the old mode on a tie: the cost is the same and fewer rows need a new bound.
        if (s.counts[base + modes[c * pc + j]!]! < s.counts[base + best]!) {
          modes[c * pc + j] = best;
          miss++;
          modeChanged = true;
        }
      }
    }
    moves[c] = Math.sqrt(d + gamma * miss);
  }
  return { shift, modeChanged };
}
