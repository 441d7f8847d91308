import type { EngineHandlers } from '../host/context';
import { readModel, resultOf } from './model-record';
import { runKmeans, scanKmeans } from './run-kmeans';
import { renameCluster } from './rename-cluster';
import { scoreDataset } from './score';

type ClusterMethods = 'cluster.scan' | 'cluster.run' | 'cluster.get' | 'cluster.rename' | 'cluster.score';

export const clusterHandlers = {
  'cluster.scan': (p, ctx) => scanKmeans(ctx, p),
  'cluster.run': (p, ctx) => runKmeans(ctx, p),
  'cluster.get': (p, ctx) => {
    const { seg, model } = readModel(ctx.store(), p.segmentationId);
    return resultOf(seg, model);
  },
  'cluster.rename': (p, ctx) => renameCluster(ctx, p),
  'cluster.score': (p, ctx) => scoreDataset(ctx, p),
} satisfies Pick<EngineHandlers, ClusterMethods>;
