import type { EngineHandlers } from '../host/context';

type StoreMethods = 'project.info' | 'project.open' | 'project.close' | 'datasets.list' | 'datasets.get' | 'datasets.rename' | 'datasets.remove';

export const storeHandlers = {
  'project.info': (_p, ctx) => ctx.store().info(),
  'project.open': async (p, ctx) => (await ctx.openProject(ctx.requirePath(p.path, 'project'), { create: p.create })).info(),
  'project.close': (_p, ctx) => {
    const had = ctx.maybeStore() !== null;
    ctx.closeProject();
    return { closed: had };
  },
  'datasets.list': (_p, ctx) => ctx.store().listDatasets(),
  'datasets.get': (p, ctx) => ctx.store().getDataset(p.datasetId),
  'datasets.rename': (p, ctx) => {
    const info = ctx.store().renameDataset(p.datasetId, p.name);
    ctx.emit('datasets.changed', { datasetIds: [info.id], reason: 'updated' });
    return info;
  },
  'datasets.remove': (p, ctx) => {
    const id = ctx.store().getDataset(p.datasetId).id;
    const removed = ctx.store().removeDataset(id);
    ctx.emit('datasets.changed', { datasetIds: [id], reason: 'removed' });
    return { removed };
  },
} satisfies Pick<EngineHandlers, StoreMethods>;
