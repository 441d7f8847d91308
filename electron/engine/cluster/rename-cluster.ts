import type { KmeansResult } from '../../../shared/contract/cluster';
import type { ParamsOut } from '../../../shared/contract/index';
import type { EngineContext } from '../host/context';
import { quoteIdent } from '../store/sql';
import { updateSegmentSummaries } from '../store/segmentation-store';
import { readModel, resultOf, summariesOf, type ModelRecord } from './model-record';
import { invalid } from './transforms';

/** Renames one cluster everywhere: the label column, the summaries and the stored model. */
export function renameCluster(ctx: EngineContext, p: ParamsOut<'cluster.rename'>): KmeansResult {
  const store = ctx.store();
  const { seg, model } = readModel(store, p.segmentationId);
  const cluster = model.clusters.find((c) => c.id === p.clusterId);
  if (!cluster) throw invalid('', `There is no cluster ${p.clusterId}`, `不存在第 ${p.clusterId} 群`);
  if (model.clusters.some((c) => c.id !== p.clusterId && c.name === p.name)) {
    throw invalid('', `Another cluster is already named "${p.name}"`, `已有其他客群名为“${p.name}”`);
  }
  const updated: ModelRecord = { ...model, clusters: model.clusters.map((c) => (c.id === p.clusterId ? { ...c, name: p.name, nameEn: p.name } : c)) };
  const table = store.tableOf(seg.datasetId);
  store.db.transaction(() => {
    store.db.prepare(`UPDATE ${table} SET ${quoteIdent(seg.columnKey)} = ? WHERE ${quoteIdent(seg.columnKey)} = ?`).run(p.name, cluster.name);
    store.db.prepare('UPDATE segmentations SET definition_json = ? WHERE id = ?').run(JSON.stringify(updated), seg.id);
    store.db.prepare('UPDATE datasets SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), seg.datasetId);
    updateSegmentSummaries(store, seg.id, summariesOf(updated));
  })();
  ctx.emit('datasets.changed', { datasetIds: [seg.datasetId], reason: 'updated' });
  return resultOf(readModel(store, seg.id).seg, updated);
}
