import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../electron/engine/cluster/prng';
import { gowerSilhouettes } from '../../../electron/engine/models/gower';
import { assignRows, defaultGamma, fitKprototypes, mixedCost, type MixedMatrix } from '../../../electron/engine/models/kprototypes';
import { runKprotoJob } from '../../../electron/engine/models/models-client';
import { adjustedRand } from '../cluster/cluster-fixtures';

/**
 * Planted mixed data: `k` groups, each with its own numeric centre and its own most likely level
 * in each categorical column (70 % of its rows; the rest spread over the other levels).
 */
export function plantedMixed(n: number, k: number, seed: number): { m: MixedMatrix; truth: Int32Array } {
  const rng = new SeededRandom(seed, 7);
  const pn = 4;
  const pc = 3;
  const levels = [5, 4, 6];
  const centres = Array.from({ length: k }, () => Array.from({ length: pn }, () => (rng.nextDouble() - 0.5) * 8));
  const num = new Float64Array(n * pn);
  const cat = new Int32Array(n * pc);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = i % k;
    truth[i] = g;
    for (let j = 0; j < pn; j++) num[i * pn + j] = centres[g]![j]! + (rng.nextDouble() + rng.nextDouble() + rng.nextDouble() - 1.5) * 1.2;
    for (let j = 0; j < pc; j++) cat[i * pc + j] = rng.nextDouble() < 0.7 ? (g + j) % levels[j]! : rng.nextInt(levels[j]!);
  }
  return { m: { n, num, pn, cat, pc, levels }, truth };
}

const base = { seed: 42, restarts: 5, maxIterations: 100, tolerance: 0 };

describe('k-prototypes', () => {
  it('recovers planted mixed clusters (adjusted Rand ≥ 0.95)', () => {
    const { m, truth } = plantedMixed(3000, 4, 1);
    const fit = fitKprototypes(m, { ...base, k: 4, gamma: defaultGamma(m) });
    expect(adjustedRand(fit.labels, truth)).toBeGreaterThanOrEqual(0.95);
  });

  it('never increases the cost from one iteration to the next, in any restart', () => {
    const { m } = plantedMixed(2000, 5, 2);
    const fit = fitKprototypes(m, { ...base, k: 6, gamma: 0.8, trackCost: true });
    for (const history of fit.costHistory) {
      expect(history.length).toBeGreaterThan(0);
      for (let i = 1; i < history.length; i++) expect(history[i]!).toBeLessThanOrEqual(history[i - 1]! * (1 + 1e-12));
    }
    expect(fit.cost).toBeLessThanOrEqual(Math.min(...fit.costHistory.map((h) => h[h.length - 1]!)) * (1 + 1e-12));
  });

  it('gives identical labels for the same seed, and the best restart wins', () => {
    const { m } = plantedMixed(1500, 3, 3);
    const a = fitKprototypes(m, { ...base, k: 5, gamma: 1 });
    const b = fitKprototypes(m, { ...base, k: 5, gamma: 1 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.cost).toBe(Math.min(...a.costByRestart));
  });

  it('ends with every row at its nearest prototype (Hamerly bounds skip nothing they should not)', () => {
    const { m } = plantedMixed(2500, 4, 4);
    const fit = fitKprototypes(m, { ...base, k: 4, gamma: 0.5 });
    const again = assignRows(m, fit.centroids, fit.modes, 4, 0.5);
    let worse = 0;
    for (let i = 0; i < m.n; i++) if (mixedCost(m, i, fit.centroids, fit.modes, fit.labels[i]!, 0.5) > again.costs[i]! + 1e-12) worse++;
    expect(worse).toBe(0);
  });

  it('restarts split over two threads give the same model (best cost, ties to the lower restart)', async () => {
    const { m } = plantedMixed(60_000, 5, 6);
    const options = { ...base, k: 5, gamma: 0.7, restarts: 4, tolerance: 1e-4 };
    const whole = fitKprototypes(m, options);
    const even = fitKprototypes(m, { ...options, restartIds: [0, 2] });
    const odd = fitKprototypes(m, { ...options, restartIds: [1, 3] });
    expect([...even.costByRestart, ...odd.costByRestart].sort()).toEqual([...whole.costByRestart].sort());
    // Restarts in any order give the same winner (ties go to the lower restart).
    const shuffled = fitKprototypes(m, { ...options, restartIds: [3, 1, 2, 0] });
    expect(shuffled.bestRestart).toBe(whole.bestRestart);
    expect(fitKprototypes(m, { ...options, restartIds: [] }).cost).toBe(Infinity);
    const rows = Int32Array.from({ length: 500 }, (_, i) => i * 97);
    const [fit] = await runKprotoJob({ matrix: m, ks: [5], gamma: 0.7, seed: 42, restarts: 4, maxIterations: 100, tolerance: 1e-4, silhouetteRows: rows });
    expect(fit!.cost).toBe(whole.cost);
    expect(Array.from(fit!.labels)).toEqual(Array.from(whole.labels));
    expect(fit!.silhouette).toBeCloseTo(gowerSilhouettes(m, rows, [whole.labels], [5])[0]!, 12);
  }, 60_000);

  it('a running fit in the worker stops with CANCELLED when cancelled', async () => {
    const { m } = plantedMixed(200_000, 6, 7);
    let cancel: (() => void) | null = null;
    const control = {
      cancel: { onCancel: (fn: () => void) => ((cancel = fn), () => (cancel = null)) },
      onProgress: () => cancel?.(),
    };
    await expect(runKprotoJob({ matrix: m, ks: [6], gamma: 0.5, seed: 1, restarts: 10, maxIterations: 300, tolerance: 0, silhouetteRows: null }, control)).rejects.toMatchObject({ code: 'CANCELLED' });
  }, 60_000);

  it('defaults γ to half the mean standard deviation of the numeric columns', () => {
    const m: MixedMatrix = { n: 4, num: Float64Array.from([0, 0, 2, 4, 0, 0, 2, 4]), pn: 2, cat: new Int32Array(0), pc: 0, levels: [] };
    // Column 0: 0, 2, 0, 2 → sd 1; column 1: 0, 4, 0, 4 → sd 2; mean 1.5, half 0.75.
    expect(defaultGamma(m)).toBeCloseTo(0.75, 12);
  });

  it('Gower silhouette: higher for the planted k than for a wrong k', () => {
    const { m, truth } = plantedMixed(1200, 3, 5);
    const rows = Int32Array.from({ length: 600 }, (_, i) => i * 2);
    const wrong = Int32Array.from(truth, (t, i) => (t === 0 ? (i >> 1) % 2 : t + 1));
    const [good, bad] = gowerSilhouettes(m, rows, [truth, wrong], [3, 4]);
    expect(good!).toBeGreaterThan(bad!);
    expect(good!).toBeGreaterThan(0.1);
  });
});
