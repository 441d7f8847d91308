import { describe, expect, it } from 'vitest';
import { fitKmeans } from '../../../electron/engine/cluster/kmeans-kernel';
import { sampleIndices } from '../../../electron/engine/cluster/prng';
import { runKmeansJob } from '../../../electron/engine/cluster/worker-client';
import { CancelToken } from '../../../shared/rpc/cancel';
import { blobs } from './cluster-fixtures';

describe('k-means worker', () => {
  it('gives exactly the in-process result, with its helper thread on a large matrix', async () => {
    const m = blobs(60_000, 3, 4, 5);
    const options = { k: 4, seed: 11, restarts: 2, maxIterations: 300, tolerance: 1e-4 };
    const [viaWorker] = await runKmeansJob({ kind: 'fit', matrix: m, ...options, threads: 2 });
    const direct = fitKmeans(m, options);
    expect(viaWorker!.sse).toBe(direct.sse);
    expect(Array.from(viaWorker!.centroids)).toEqual(Array.from(direct.centroids));
    expect(Buffer.from(viaWorker!.labels.buffer).equals(Buffer.from(direct.labels.buffer))).toBe(true);
  });

  it('scans several k over one set of shared buffers with the same results as in-process', async () => {
    const m = blobs(50_000, 2, 5, 9);
    const options = { seed: 3, restarts: 1, maxIterations: 300, tolerance: 1e-4 };
    const fits = await runKmeansJob({ kind: 'scan', matrix: m, ks: [5, 3], ...options, silhouetteRows: sampleIndices(50_000, 500, 1), fullSilhouetteRows: 0, closeCallSe: 2, threads: 2 }, {});
    expect(fits.map((f) => f.k)).toEqual([5, 3]);
    for (const f of fits) expect(f.sse).toBe(fitKmeans(m, { k: f.k, ...options }).sse);
  });

  it('computes the same silhouette with the helper thread taking row blocks as without it', async () => {
    const m = blobs(60_000, 4, 5, 12);
    const job = { kind: 'fit' as const, k: 5, seed: 2, restarts: 1, maxIterations: 300, tolerance: 1e-4, silhouetteRows: sampleIndices(60_000, 3001, 4) };
    const [two] = await runKmeansJob({ ...job, matrix: m, threads: 2 });
    const [one] = await runKmeansJob({ ...job, matrix: m, threads: 1 });
    expect(two!.silhouette).not.toBeNull();
    expect(two!.silhouette).toBe(one!.silhouette);
  });

  it('reports progress per iteration and stops at once on cancel', async () => {
    const m = blobs(60_000, 3, 8, 6);
    const token = new CancelToken();
    const labels: string[] = [];
    const job = runKmeansJob(
      { kind: 'fit', matrix: m, k: 8, seed: 1, restarts: 100, maxIterations: 300, tolerance: 0, threads: 2 },
      {
        cancel: token,
        onProgress: (_d, _t, label, detail) => {
          labels.push(`${label} ${JSON.stringify(detail)}`);
          if (labels.length === 3) token.cancel();
        },
      },
    );
    await expect(job).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(labels[0]).toBe('fit {"k":8,"restart":1,"restarts":100,"iteration":1}');
  });
});
