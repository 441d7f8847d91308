import type { DriftFeature, ScoreResult } from '../../../shared/contract/cluster';
import type { ParamsOut } from '../../../shared/contract/index';
import type { EngineContext } from '../host/context';
import { addColumns } from '../store/column-writer';
import { saveSegmentation } from '../store/segmentation-store';
import { buildScoringMatrix, prefetchColumns } from './features';
import { readModel, summariesOf, toDefinition, type ModelRecord } from './model-record';
import { invalid } from './transforms';

/**
 * Applies a saved model to another dataset with the same columns (the discriminant step): the
 * model's fitted transforms, then the nearest centroid. Writes the cluster label (as a
 * segmentation, so pivots and reports use it) and the distance to the centroid, in one
 * transaction. Rows outside the training range are counted per feature as drift.
 */
export async function scoreDataset(ctx: EngineContext, p: ParamsOut<'cluster.score'>): Promise<ScoreResult> {
  const work = ctx.work();
  const store = work.store;
  const { seg, model } = readModel(store, p.segmentationId);
  const snapshot = work.snapshot(p.datasetId);
  const target = snapshot.info;
  await prefetchColumns(snapshot, [...new Set(model.features.map((f) => f.column))], async (done, total) => {
    ctx.progress(done, total, 'read');
    await ctx.checkpoint();
  });
  const fm = buildScoringMatrix(snapshot, model.features, model.missing.policy);
  const { data, n, p: width } = fm.matrix;
  const k = model.clusters.length;
  const centroids = model.clusters.map((c) => c.centroid);
  const assignment = new Int32Array(n).fill(-1);
  const distance = new Float64Array(n).fill(NaN);
  for (let r = 0; r < n; r++) {
    let best = Infinity;
    let bestC = -1;
    for (let c = 0; c < k; c++) {
      const centre = centroids[c]!;
      let d = 0;
      for (let j = 0; j < width; j++) {
        const t = data[r * width + j]! - centre[j]!;
        d += t * t;
      }
      if (d < best) {
        best = d;
        bestC = c;
      }
    }
    if (Number.isFinite(best)) {
      assignment[r] = bestC;
      distance[r] = Math.sqrt(best);
    }
    if ((r & 16383) === 0) {
      ctx.progress(r, n, 'score');
      await ctx.checkpoint();
    }
  }
  const drift = driftOf(fm.features, n, (f, r) => fm.originalAt(f, r));
  const sizes = new Float64Array(k);
  const distSums = new Float64Array(k);
  let assigned = 0;
  const labels = new Array<string | null>(fm.rowsTotal).fill(null);
  const distances = new Array<number | null>(fm.rowsTotal).fill(null);
  for (let r = 0; r < n; r++) {
    const c = assignment[r]!;
    if (c < 0) continue;
    assigned++;
    sizes[c]! += 1;
    distSums[c]! += distance[r]!;
    labels[fm.rows[r]!] = model.clusters[c]!.name;
    distances[fm.rows[r]!] = distance[r]!;
  }
  if (assigned === 0) throw invalid('', 'No row of the dataset could be scored', '数据集中没有可评分的行');
  const scoredRecord: ModelRecord = {
    ...model,
    datasetId: target.id,
    scoredFrom: seg.id,
    clusters: model.clusters.map((c, i) => ({ ...c, size: sizes[i]!, share: sizes[i]! / assigned })),
  };
  const saved = work.commit(() => {
    const s = saveSegmentation(store, {
      datasetId: target.id,
      method: 'kmeans',
      name: p.name ?? `${seg.name} → ${target.name}`,
      columnName: p.name ?? `${seg.name}（评分）`,
      labels,
      definition: toDefinition(scoredRecord),
      segments: summariesOf(scoredRecord),
    });
    const [distanceKey] = addColumns(store, target.id, [{ name: `${s.name} 距离`, originalHeader: null, type: 'decimal', format: '0.000' }], (i) => [distances[i] ?? null]);
    return { seg: s, distanceKey: distanceKey! };
  });
  ctx.emit('datasets.changed', { datasetIds: [target.id], reason: 'updated' });
  const outside = drift.filter((d) => d.below + d.above > 0);
  return {
    segmentation: saved.seg,
    modelId: seg.id,
    assigned,
    unassigned: fm.rowsTotal - assigned,
    distanceColumnKey: saved.distanceKey,
    clusters: model.clusters.map((c, i) => ({ id: c.id, name: c.name, size: sizes[i]!, meanDistance: sizes[i]! > 0 ? distSums[i]! / sizes[i]! : null })),
    drift,
    warning:
      outside.length === 0
        ? null
        : {
            zh: `以下特征超出训练数据的范围：${outside.map((d) => `${d.feature}（${(d.share * 100).toFixed(1)}%）`).join('、')}。新数据可能已变化，评分结果需谨慎使用。`,
            en: `These features fall outside the training range: ${outside.map((d) => `${d.feature} (${(d.share * 100).toFixed(1)}%)`).join(', ')}. The new data may have drifted; use the scores with care.`,
          },
  };
}

function driftOf(features: ModelRecord['features'], n: number, originalAt: (f: number, r: number) => number): DriftFeature[] {
  const out: DriftFeature[] = [];
  features.forEach((f, j) => {
    if (f.kind !== 'numeric') return;
    let below = 0;
    let above = 0;
    for (let r = 0; r < n; r++) {
      const v = originalAt(j, r);
      if (v < f.min) below++;
      else if (v > f.max) above++;
    }
    out.push({ feature: f.name, below, above, share: n > 0 ? (below + above) / n : 0 });
  });
  return out;
}
