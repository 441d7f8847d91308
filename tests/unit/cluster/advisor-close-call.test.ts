import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { suggestK } from '../../../electron/engine/cluster/advisor';
import { silhouetteGaps } from '../../../electron/engine/cluster/close-call';
import type { CellValue } from '../../../shared/contract/json';
import { addDataset, openTestProject, type TestProject } from './engine-helpers';

/**
 * Six tight squares in three pairs (pair gap 8.5, pairs 40 apart): k = 3 (the pairs) and k = 6
 * (the squares) are almost equally good. The points are a fixed low-discrepancy pattern, so the
 * data here and in the check below are the same.
 */
function pairedSquares(): CellValue[][] {
  const centres = [
    [0, 0],
    [8.5, 0],
    [40, 0],
    [48.5, 0],
    [0, 40],
    [8.5, 40],
  ];
  return centres.flatMap(([cx, cy]) =>
    Array.from({ length: 100 }, (_, j) => {
      const u = ((j * 0.6180339887) % 1) * 2 - 1;
      const v = ((j * 0.4142135623) % 1) * 2 - 1;
      return [cx! + u, cy! + v];
    }),
  );
}

/**
 * scikit-learn 1.x on the same 600 points (numpy array built by the same formula):
 *   KMeans(n_clusters=k, n_init=10, random_state=0).fit(X); silhouette_score(X, labels)
 * k = 3 and k = 6 have one clear partition each (the pairs, the squares), so any correct k-means
 * finds it and the exact silhouettes must match.
 */
const SKLEARN_SILHOUETTE: Record<number, number> = { 3: 0.8773402835690922, 6: 0.8754377416718471 };

const features = [
  { column: 'x', transforms: [] },
  { column: 'y', transforms: [] },
];

describe('the k advisor on a sample never claims more than the sample shows', () => {
  let t: TestProject;
  let ds: string;
  beforeEach(async () => {
    t = await openTestProject();
    ds = addDataset(t.store, 'squares', [['x', 'decimal'], ['y', 'decimal']], pairedSquares());
  });
  afterEach(() => t.close());

  it('a close call on a 150-row sample is settled by the exact silhouettes on all rows, which agree with scikit-learn', async () => {
    const scan = await t.client.call('cluster.scan', { datasetId: ds, features, kMin: 2, kMax: 7, silhouetteSample: 150 });
    expect(scan.silhouetteExact).toBe(false);
    expect(scan.silhouetteSampleSize).toBe(150);
    expect(scan.closeCall).not.toBeNull();
    expect(scan.closeCall!.resolved).toBe(true);
    expect(scan.closeCall!.ks).toContain(3);
    const settled = scan.metrics.filter((m) => typeof m.silhouetteFull === 'number');
    expect(settled.map((m) => m.k).sort()).toEqual(scan.closeCall!.ks);
    for (const m of settled) if (SKLEARN_SILHOUETTE[m.k] !== undefined) expect(m.silhouetteFull).toBeCloseTo(SKLEARN_SILHOUETTE[m.k]!, 9);
    // The suggestion is the exact best among the close ones, whatever the sample said.
    const best = [...settled].sort((a, b) => b.silhouetteFull! - a.silhouetteFull! || a.k - b.k)[0]!;
    expect(scan.suggestedK).toBe(best.k);
    expect(scan.suggestedK).toBe(3);
    expect(scan.reason.en).toContain('within sampling error');
    expect(scan.reason.en).toContain('computed exactly on all 600 rows');
    expect(scan.reason.zh).toContain('已在全部 600 行上精确计算');
    // The same k fitted alone (exact silhouette below 20,000 rows) gives the same figure.
    const run = await t.client.call('cluster.run', { datasetId: ds, features, k: 3 });
    expect(run.silhouette).toBeCloseTo(best.silhouetteFull!, 12);
  });

  it('above the row limit for the exact figure the reason says plainly that the sample cannot decide', async () => {
    const scan = await t.client.call('cluster.scan', { datasetId: ds, features, kMin: 2, kMax: 7, silhouetteSample: 150, fullSilhouetteRows: 0 });
    expect(scan.closeCall).toMatchObject({ resolved: false });
    expect(scan.metrics.every((m) => m.silhouetteFull === undefined)).toBe(true);
    expect(scan.reason.en).toMatch(/highest sampled silhouette .* within sampling error .*cannot decide/);
    expect(scan.reason.zh).toContain('抽样无法分出高下');
    expect(scan.reason.en).not.toMatch(/has the highest silhouette/);
  });
});

describe('the advisor’s claim (known expectations)', () => {
  const metric = (k: number, silhouette: number, extra: { silhouetteSe?: number; silhouetteFull?: number } = {}) => ({ k, sse: 100 / k, silhouette, calinskiHarabasz: 10, daviesBouldin: 1, iterations: 5, ...extra });

  it('a clear lead on a sample is stated with its sampling error; exact scans keep the plain claim', () => {
    const sampled = suggestK([metric(2, 0.5, { silhouetteSe: 0.01 }), metric(3, 0.7), metric(4, 0.55, { silhouetteSe: 0.01 })], { sampleRows: 10_000, rows: 80_000, fullLimit: 60_000 });
    expect(sampled.k).toBe(3);
    expect(sampled.closeCall).toBeNull();
    expect(sampled.reason.en).toContain('k=3 has the highest silhouette (0.700 on a sample of 10,000 rows, ahead of the runner-up k=4 by 0.150, beyond the sampling error of ±0.020)');
    const exact = suggestK([metric(2, 0.5), metric(3, 0.7)]);
    expect(exact.reason.en).toContain('k=3 has the highest silhouette (0.700)');
  });

  it('k = 6 ahead of k = 5 on the sample by less than the error, k = 5 ahead on all rows: k = 5 is suggested', () => {
    const r = suggestK([metric(5, 0.41, { silhouetteSe: 0.004, silhouetteFull: 0.415 }), metric(6, 0.412, { silhouetteFull: 0.409 })], { sampleRows: 10_000, rows: 40_000, fullLimit: 60_000 });
    expect(r.k).toBe(5);
    expect(r.closeCall).toEqual({ ks: [5, 6], resolved: true });
    expect(r.reason.en).toContain('k=5 is highest (0.415)');
  });

  it('paired standard errors: identical labelings have no gap and no error; a constant shift is certain', () => {
    const a = Float64Array.from([0.5, 0.6, 0.7, 0.8]);
    const same = silhouetteGaps([2, 3], [a, Float64Array.from(a)], 2)!;
    expect(same.gaps[0]).toMatchObject({ k: 3, gap: 0, se: 0, close: true });
    const shifted = silhouetteGaps([2, 3], [a, a.map((x) => x - 0.1)], 2)!;
    expect(shifted.best).toBe(2);
    expect(shifted.gaps[0]!.gap).toBeCloseTo(0.1, 12);
    expect(shifted.gaps[0]!.se).toBeCloseTo(0, 12);
    expect(shifted.gaps[0]!.close).toBe(false);
  });
});
