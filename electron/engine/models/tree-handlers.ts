import { treeModelSchema } from '../../../shared/contract/tree';
import type { EngineHandlers } from '../host/context';
import { listModels, readModelRecord, removeModel } from '../store/model-store';
import { explainRow, scoreWithTree } from './tree-explain';
import { fitTreeModel, treeResult } from './tree-run';

type TreeMethods = 'tree.fit' | 'tree.get' | 'tree.explainRow' | 'tree.score' | 'models.list' | 'models.remove';

export const treeHandlers = {
  'tree.fit': (p, ctx) => fitTreeModel(ctx, p),
  'tree.get': (p, ctx) => {
    const { info, record } = readModelRecord(ctx.store(), p.modelId, 'tree', treeModelSchema);
    return treeResult(info, record);
  },
  'tree.explainRow': (p, ctx) => explainRow(ctx, p),
  'tree.score': (p, ctx) => scoreWithTree(ctx, p),
  'models.list': (p, ctx) => listModels(ctx.store(), { datasetId: p.datasetId, kind: p.kind }),
  'models.remove': (p, ctx) => ({ removed: removeModel(ctx.store(), p.modelId) }),
} satisfies Pick<EngineHandlers, TreeMethods>;
