import type { KmeansResult } from '../../../shared/contract/cluster';
import type { ParamsOut } from '../../../shared/contract/index';
import type { EngineContext } from '../host/context';
import { renameSegments } from '../segment/rename-segments';
import { readModel, resultOf } from './model-record';
import { invalid } from './transforms';

/** Renames one cluster everywhere, through the one rename service (label column, summary, model, cards). */
export function renameCluster(ctx: EngineContext, p: ParamsOut<'cluster.rename'>): KmeansResult {
  const store = ctx.store();
  const { model } = readModel(store, p.segmentationId);
  const cluster = model.clusters.find((c) => c.id === p.clusterId);
  if (!cluster) throw invalid('', `There is no cluster ${p.clusterId}`, `不存在第 ${p.clusterId} 群`);
  if (model.clusters.some((c) => c.id !== p.clusterId && c.name === p.name)) {
    throw invalid('', `Another cluster is already named "${p.name}"`, `已有其他客群名为“${p.name}”`);
  }
  const seg = renameSegments(store, p.segmentationId, [{ segment: cluster.name, name: p.name }]);
  ctx.emit('datasets.changed', { datasetIds: [seg.datasetId], reason: 'updated' });
  const after = readModel(store, seg.id);
  return resultOf(after.seg, after.model);
}
