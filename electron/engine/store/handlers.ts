import { KequnError } from '../../../shared/contract/errors';
import { formatApplies } from '../../../shared/format/column-format';
import type { EngineHandlers } from '../host/context';
import { resolveColumn } from './dataset-snapshot';

type StoreMethods = 'project.info' | 'project.open' | 'project.close' | 'datasets.list' | 'datasets.get' | 'datasets.rename' | 'datasets.remove' | 'datasets.setColumnFormat';

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
  'datasets.setColumnFormat': (p, ctx) => {
    const store = ctx.store();
    const info = store.getDataset(p.datasetId);
    const col = resolveColumn(info.columns, p.column);
    const format = p.format === null || p.format.trim() === '' ? null : p.format;
    if (format !== null && !formatApplies(col.type, format)) {
      throw new KequnError('VALIDATION', `"${format}" is not a number format for the ${col.type} column ${col.name}`, {
        zh: `「${format}」不能用作 ${col.name} 列（${col.type}）的数字格式`,
        details: { column: col.name, type: col.type, format },
      });
    }
    store.write(() => store.datasets.setColumnFormat(info.id, col.key, format));
    ctx.emit('datasets.changed', { datasetIds: [info.id], reason: 'updated' });
    return store.getDataset(info.id);
  },
} satisfies Pick<EngineHandlers, StoreMethods>;
