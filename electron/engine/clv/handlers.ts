import type { EngineHandlers } from '../host/context';
import { getClvModel, listClvModels } from '../store/clv-model-store';
import { clvWork, runClv } from './run-clv';

type ClvMethods = 'clv.fit' | 'clv.get' | 'clv.list';

export const clvHandlers = {
  'clv.fit': async (p, ctx) => {
    const out = await runClv(clvWork(ctx), p);
    ctx.emit('datasets.changed', { datasetIds: [out.dataset.id], reason: 'created' });
    return out;
  },
  'clv.get': (p, ctx) => getClvModel(ctx.store(), p.modelId),
  'clv.list': (p, ctx) => listClvModels(ctx.store(), p.datasetId === undefined ? undefined : ctx.store().getDataset(p.datasetId).id),
} satisfies Pick<EngineHandlers, ClvMethods>;
