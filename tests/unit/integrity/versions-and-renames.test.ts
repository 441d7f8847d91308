import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../shared/rpc/client';
import { tempDir } from '../../helpers/temp';
import { wsEngine, type WsEngine } from '../../helpers/ws-engine';
import { KMEANS_FEATURES, writeCustomersCsv } from './fixtures';

describe('versions, not timestamps: no stale caches after a write', () => {
  let tmp: ReturnType<typeof tempDir>;
  let w: WsEngine;
  let client: EngineClient;
  beforeEach(async () => {
    tmp = tempDir('kequn-versions-');
    w = await wsEngine(tmp.dir);
    client = await w.connect();
    await client.call('project.open', { path: join(tmp.dir, 'p.kequn'), create: true });
  });
  afterEach(async () => {
    await w.close();
    tmp.cleanup();
  });

  it('a pivot right after a segment rename shows the new name, every time', async () => {
    const ds = (await client.call('import.run', { path: writeCustomersCsv(tmp.dir, 2_000) })).datasets[0]!.id;
    const seg = (await client.call('segment.rules', {
      datasetId: ds,
      scheme: { name: '消费档', rules: [{ segment: '高', when: [{ column: '消费金额', op: 'gte', value: 1000 }] }], defaultSegment: '低' },
    })).segmentation!;
    const spec = { rows: [{ column: seg.columnKey }], values: [{ agg: 'count' as const }] };
    let current = '高';
    for (let i = 0; i < 200; i++) {
      const next = i % 2 === 0 ? `高${i}` : '高';
      await client.call('segment.updateTexts', { segmentationId: seg.id, segments: [{ segment: current, name: next }] });
      const labels = (await client.call('pivots.run', { datasetId: ds, spec })).rows.filter((r) => r.leaf).map((r) => r.path[0]);
      expect(labels, `run ${i}`).toContain(next);
      expect(labels, `run ${i}`).not.toContain(current);
      current = next;
    }
  }, 120_000);

  it('a dataset version rises with every write', async () => {
    const ds = (await client.call('import.run', { path: writeCustomersCsv(tmp.dir, 100) })).datasets[0]!.id;
    const versions = [(await client.call('datasets.get', { datasetId: ds })).version];
    await client.call('datasets.rename', { datasetId: ds, name: '客户' });
    versions.push((await client.call('datasets.get', { datasetId: ds })).version);
    await client.call('clean.apply', { datasetId: ds, operation: { op: 'text', columns: ['城市'], trim: true, fullWidth: true, case: 'keep' } });
    versions.push((await client.call('datasets.get', { datasetId: ds })).version);
    await client.call('clean.undo', { datasetId: ds });
    versions.push((await client.call('datasets.get', { datasetId: ds })).version);
    await client.call('metrics.addFormulaColumn', { datasetId: ds, formula: '[消费金额] * 2', name: '双倍' });
    versions.push((await client.call('datasets.get', { datasetId: ds })).version);
    for (let i = 1; i < versions.length; i++) expect(versions[i]!).toBeGreaterThan(versions[i - 1]!);
  });
});

describe('one rename service for segments and clusters', () => {
  let tmp: ReturnType<typeof tempDir>;
  let w: WsEngine;
  let client: EngineClient;
  beforeEach(async () => {
    tmp = tempDir('kequn-rename-');
    w = await wsEngine(tmp.dir);
    client = await w.connect();
    await client.call('project.open', { path: join(tmp.dir, 'p.kequn'), create: true });
  });
  afterEach(async () => {
    await w.close();
    tmp.cleanup();
  });

  it('segment.updateTexts then cluster.rename keep the label column, summary, model and actions in step', async () => {
    const ds = (await client.call('import.run', { path: writeCustomersCsv(tmp.dir, 900) })).datasets[0]!.id;
    const fit = await client.call('cluster.run', { datasetId: ds, features: KMEANS_FEATURES, k: 3, seed: 3, restarts: 2 });
    const seg = fit.segmentation;
    const [c1, c2, c3] = fit.clusters;
    await client.call('segment.updateTexts', {
      segmentationId: seg.id,
      segments: [
        { segment: c1!.name, name: '核心客户' },
        { segment: c2!.name, action: '本周电话回访' },
      ],
    });
    const renamed = await client.call('cluster.rename', { segmentationId: seg.id, clusterId: c3!.id, name: '沉睡客户' });
    const names = ['核心客户', c2!.name, '沉睡客户'];
    // The model record names the clusters as the summary does.
    expect(renamed.clusters.map((c) => c.name)).toEqual(names);
    const after = await client.call('cluster.get', { segmentationId: seg.id });
    expect(after.clusters.map((c) => c.name)).toEqual(names);
    const info = await client.call('segmentations.get', { segmentationId: seg.id });
    expect(info.segments.map((s) => s.name)).toEqual(names);
    // The action set before the cluster rename is still there.
    expect(info.segments.find((s) => s.name === c2!.name)?.action).toBe('本周电话回访');
    // The label column holds exactly the new names, with the same sizes as before.
    const dist = await client.call('rows.distinct', { datasetId: ds, column: seg.columnKey });
    const counts = Object.fromEntries(dist.values.map((v) => [String(v.value), v.count]));
    expect(counts).toEqual({ 核心客户: c1!.size, [c2!.name]: c2!.size, 沉睡客户: c3!.size });
    // Renaming back through the cluster path after a text edit uses the current name, not a stale one.
    await client.call('cluster.rename', { segmentationId: seg.id, clusterId: c1!.id, name: '重要客户' });
    const final = await client.call('segmentations.get', { segmentationId: seg.id });
    expect(final.segments.map((s) => s.name)).toEqual(['重要客户', c2!.name, '沉睡客户']);
    expect(final.segments.find((s) => s.name === c2!.name)?.action).toBe('本周电话回访');
  });
});
