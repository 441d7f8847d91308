import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/engine/cli/run-cli';
import { KequnError } from '../../../shared/contract/errors';
import { addDataset, columnByKey, columnByName, CUSTOMER_COLUMNS, customerRows, openTestProject, type TestProject } from './engine-helpers';

const features = [
  { column: '消费金额', transforms: ['log1p' as const, 'zscore' as const] },
  { column: '购买次数', transforms: ['zscore' as const] },
  { column: '最近购买天数', transforms: ['zscore' as const] },
];

describe('cluster.* through the engine (worker, SQLite, segmentation)', () => {
  let t: TestProject;
  let ds: string;
  beforeEach(async () => {
    t = await openTestProject();
    ds = addDataset(t.store, '客户', CUSTOMER_COLUMNS, customerRows(300));
  });
  afterEach(() => t.close());

  it('runs k-means in the worker, saves a segmentation with labels, profiles and the model', async () => {
    const progress: string[] = [];
    const r = await t.client.call('cluster.run', { datasetId: ds, features, k: 3, seed: 42, restarts: 4 }, { onProgress: (p) => progress.push(p.label) });
    expect(progress.some((l) => l === 'fit')).toBe(true);
    expect(r.clusters.map((c) => c.size)).toEqual([100, 100, 100]);
    expect(r.clusters.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 12);
    expect(r.silhouette).toBeGreaterThan(0.7);
    expect(r.silhouetteSampleSize).toBe(300);
    expect(r.calinskiHarabasz).toBeGreaterThan(100);
    expect(r.clusters.map((c) => c.name).sort()).toEqual(['低消费·低频·久未购买', '低消费·低频·近期活跃', '高消费·高频·近期活跃'].sort());
    const high = r.clusters.find((c) => c.name.startsWith('高消费'))!;
    expect(high.nameEn).toBe('High spend · Frequent · Recently active');
    expect(high.index[0]).toBeGreaterThan(200);
    expect(high.means[0]).toBeGreaterThan(4000);
    expect(high.centroid).toHaveLength(3);
    expect(r.features[0]!.fitted[1]!.sd).toBeGreaterThan(0);
    expect(r.pca.points).toHaveLength(300);
    expect(r.pca.explained[0]).toBeGreaterThan(0.5);

    const seg = r.segmentation;
    expect(seg.method).toBe('kmeans');
    const labels = columnByKey(t.store, ds, seg.columnKey);
    expect(new Set(labels)).toEqual(new Set(r.clusters.map((c) => c.name)));
    expect(seg.segments.map((s) => s.count)).toEqual([100, 100, 100]);
    const again = await t.client.call('cluster.get', { segmentationId: seg.id });
    expect(again.clusters).toEqual(r.clusters);
    expect(again.seed).toBe(42);
  });

  it('gives identical results for the same seed', async () => {
    const a = await t.client.call('cluster.run', { datasetId: ds, features, k: 4, seed: 9, restarts: 3 });
    const b = await t.client.call('cluster.run', { datasetId: ds, features, k: 4, seed: 9, restarts: 3 });
    expect(b.sse).toBe(a.sse);
    expect(b.clusters.map((c) => c.centroid)).toEqual(a.clusters.map((c) => c.centroid));
  });

  it('drops or imputes missing values and reports it', async () => {
    const rows = customerRows(30);
    rows[4]![1] = null;
    rows[7]![2] = 'n/a';
    const d2 = addDataset(t.store, '缺失', CUSTOMER_COLUMNS, rows);
    const dropped = await t.client.call('cluster.run', { datasetId: d2, features, k: 3 });
    expect(dropped.missing).toMatchObject({ policy: 'drop', rowsTotal: 30, rowsUsed: 28, rowsDropped: 2, imputed: 0 });
    expect(dropped.missing.perColumn).toMatchObject({ 消费金额: 1, 购买次数: 1 });
    const labels = columnByName(t.store, d2, '聚类 k=3');
    expect(labels[4]).toBeNull();
    expect(labels[7]).toBeNull();
    const imputed = await t.client.call('cluster.run', { datasetId: d2, features, k: 3, missing: 'median' });
    expect(imputed.missing).toMatchObject({ rowsUsed: 30, rowsDropped: 0, imputed: 2 });
    expect(imputed.features[1]!.imputeValue).not.toBeNull();
  });

  it('one-hot encodes a text column when it is included', async () => {
    const r = await t.client.call('cluster.run', { datasetId: ds, features: [...features, { column: '地区', transforms: [] }], k: 3 });
    expect(r.features.map((f) => f.name)).toEqual(['消费金额', '购买次数', '最近购买天数', '地区=华东', '地区=华南']);
    expect(r.features[3]!.mean).toBeCloseTo(0.5, 12);
  });

  it('rejects a constant column by name and changes nothing', async () => {
    const rows = customerRows(20).map((r) => [...r.slice(0, 4), '华东']);
    const d2 = addDataset(t.store, '常量', CUSTOMER_COLUMNS, rows);
    const before = t.store.getDataset(d2).columns.length;
    const err = await t.client.call('cluster.run', { datasetId: d2, features: [...features, { column: '地区', transforms: [] }], k: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KequnError);
    expect((err as KequnError).code).toBe('KMEANS_INVALID');
    expect((err as KequnError).message).toContain('地区');
    expect((err as KequnError).messageZh).toContain('地区');
    expect(t.store.getDataset(d2).columns.length).toBe(before);
    expect(await t.client.call('segmentations.list', { datasetId: d2 })).toEqual([]);
  });

  it('rejects k larger than the rows', async () => {
    const d2 = addDataset(t.store, '小', CUSTOMER_COLUMNS, customerRows(3));
    await expect(t.client.call('cluster.run', { datasetId: d2, features, k: 5 })).rejects.toMatchObject({ code: 'KMEANS_INVALID' });
  });

  it('renames a cluster in the label column, the summaries and the model', async () => {
    const r = await t.client.call('cluster.run', { datasetId: ds, features, k: 3 });
    const old = r.clusters[0]!.name;
    const renamed = await t.client.call('cluster.rename', { segmentationId: r.segmentation.id, clusterId: 1, name: '重点客户' });
    expect(renamed.clusters[0]!.name).toBe('重点客户');
    expect(renamed.segmentation.segments[0]!.name).toBe('重点客户');
    const labels = columnByName(t.store, ds, '聚类 k=3');
    expect(labels.filter((l) => l === '重点客户')).toHaveLength(r.clusters[0]!.size);
    expect(labels).not.toContain(old);
    await expect(t.client.call('cluster.rename', { segmentationId: r.segmentation.id, clusterId: 2, name: '重点客户' })).rejects.toMatchObject({
      code: 'KMEANS_INVALID',
    });
  });

  it('scores another dataset with the saved model and warns about drift', async () => {
    const r = await t.client.call('cluster.run', { datasetId: ds, features, k: 3 });
    const next = customerRows(30, 7);
    next[0]![1] = 999999; // far above the training range
    const d2 = addDataset(t.store, '下月客户', CUSTOMER_COLUMNS, next);
    const s = await t.client.call('cluster.score', { segmentationId: r.segmentation.id, datasetId: d2 });
    expect(s.assigned).toBe(30);
    expect(s.clusters.reduce((a, c) => a + c.size, 0)).toBe(30);
    expect(s.drift.find((d) => d.feature === '消费金额')!.above).toBeGreaterThanOrEqual(1);
    expect(s.warning?.zh).toContain('消费金额');
    expect(s.warning?.en).toContain('training range');
    const labels = columnByKey(t.store, d2, s.segmentation.columnKey);
    // Rows 1.. follow the training pattern (group i % 3): same group → same cluster.
    expect(labels[1]).toBe(labels[4]);
    expect(labels[2]).toBe(labels[5]);
    expect(labels[1]).not.toBe(labels[2]);
    const distances = columnByKey(t.store, d2, s.distanceColumnKey) as number[];
    expect(distances.every((d) => typeof d === 'number' && d >= 0)).toBe(true);
    expect(distances[0]).toBeGreaterThan(distances[1]!);
  });

  it('scans k with SSE, silhouette, CH and DB and suggests k = 3', async () => {
    const scan = await t.client.call('cluster.scan', { datasetId: ds, features, kMin: 2, kMax: 6, restarts: 3 });
    expect(scan.metrics.map((m) => m.k)).toEqual([2, 3, 4, 5, 6]);
    expect(scan.silhouetteExact).toBe(true);
    expect(scan.suggestedK).toBe(3);
    expect(scan.reason.zh).toContain('k=3');
    for (let i = 1; i < scan.metrics.length; i++) expect(scan.metrics[i]!.sse).toBeLessThanOrEqual(scan.metrics[i - 1]!.sse);
  });

  it('is cancellable (terminates the worker, saves nothing) and leaves the engine free meanwhile', async () => {
    const d2 = addDataset(t.store, '大', CUSTOMER_COLUMNS, customerRows(20000));
    const controller = new AbortController();
    let pagedWhileRunning = false;
    const run = t.client.call('cluster.run', { datasetId: d2, features, k: 8, restarts: 100, tolerance: 0 }, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.label === 'fit' && p.detail?.iteration !== undefined && !pagedWhileRunning) {
          pagedWhileRunning = true;
          void t.client.call('rows.page', { datasetId: d2, offset: 0, limit: 50 }).then((page) => {
            expect(page.rows).toHaveLength(50);
            controller.abort();
          });
        }
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(pagedWhileRunning).toBe(true);
    expect(await t.client.call('segmentations.list', { datasetId: d2 })).toEqual([]);
  });

  it('CLI: kmeans, kmeans --scan and score print the documented JSON', async () => {
    t.engine.dispose();
    const out: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: () => undefined };
    const project = `${t.dir}/test.kqn`;
    const run = await runCli(['kmeans', '--project', project, '--dataset', ds, '--columns', '消费金额,购买次数,最近购买天数', '--k', '3', '--seed', '42', '--restarts', '5', '--transform', 'log1p,zscore', '--json'], io);
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(out.pop()!) as Record<string, unknown> & { clusters: Record<string, unknown>[]; segmentation: { id: string } };
    expect(Object.keys(result)).toEqual(['segmentation', 'sse', 'silhouette', 'iterations', 'warnings', 'clusters']);
    expect(Object.keys(result.clusters[0]!)).toEqual(['id', 'name', 'size', 'centroid']);
    expect(Object.keys(result.clusters[0]!.centroid as object)).toEqual(['消费金额', '购买次数', '最近购买天数']);
    const scan = await runCli(['kmeans', '--project', project, '--dataset', ds, '--columns', '消费金额,购买次数', '--scan', '2..4', '--json'], io);
    expect(scan.exitCode).toBe(0);
    const scanned = JSON.parse(out.pop()!) as { scan: { k: number }[]; suggestedK: number };
    expect(scanned.scan.map((m) => m.k)).toEqual([2, 3, 4]);
    const score = await runCli(['score', '--project', project, '--model', result.segmentation.id, '--dataset', ds, '--json'], io);
    expect(score.exitCode).toBe(0);
    expect(JSON.parse(out.pop()!)).toMatchObject({ model: result.segmentation.id, assigned: 300 });
    const bad = await runCli(['kmeans', '--project', project, '--dataset', ds, '--columns', '消费金额', '--k', '3', '--transform', 'cube', '--json'], io);
    expect(bad.exitCode).toBe(2);
    expect(JSON.parse(out.pop()!).error.code).toBe('USAGE');
  });
});
