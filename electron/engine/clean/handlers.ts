import type { EngineHandlers } from '../host/context';
import { Work } from '../host/work';
import { applyOperation, applyOperations, opContext, previewOperation } from './clean-service';
import { qualitySummary } from './quality';
import { getRecipe, listRecipes, removeRecipe, saveRecipe } from './recipes';
import { history, redoNext, revertTo, undoLast } from './versions';

type CleanMethods =
  | 'clean.preview'
  | 'clean.apply'
  | 'clean.history'
  | 'clean.undo'
  | 'clean.redo'
  | 'clean.revert'
  | 'clean.quality'
  | 'clean.recipes.save'
  | 'clean.recipes.list'
  | 'clean.recipes.remove'
  | 'clean.recipes.apply';

export const cleanHandlers = {
  'clean.preview': (p, ctx) => previewOperation(ctx.work(), p.datasetId, p.operation, p.sampleSize, p.sampleOffset),
  'clean.apply': async (p, ctx) => {
    const out = await applyOperation(ctx.work(), p.datasetId, p.operation, p.expected);
    ctx.emit('datasets.changed', { datasetIds: [out.dataset.id], reason: 'updated' });
    return out;
  },
  'clean.history': (p, ctx) => history(ctx.store(), ctx.store().getDataset(p.datasetId).id),
  'clean.undo': (p, ctx) => {
    const id = ctx.store().getDataset(p.datasetId).id;
    if (undoLast(ctx.store(), id)) ctx.emit('datasets.changed', { datasetIds: [id], reason: 'updated' });
    return history(ctx.store(), id);
  },
  'clean.redo': (p, ctx) => {
    const id = ctx.store().getDataset(p.datasetId).id;
    if (redoNext(ctx.store(), id)) ctx.emit('datasets.changed', { datasetIds: [id], reason: 'updated' });
    return history(ctx.store(), id);
  },
  'clean.revert': (p, ctx) => {
    const id = ctx.store().getDataset(p.datasetId).id;
    revertTo(ctx.store(), id, p.toSeq);
    ctx.emit('datasets.changed', { datasetIds: [id], reason: 'updated' });
    return history(ctx.store(), id);
  },
  'clean.quality': (p, ctx) => qualitySummary(opContext(ctx.work(), p.datasetId), p.keys),
  'clean.recipes.save': (p, ctx) => saveRecipe(ctx.store(), p.datasetId, p.name),
  'clean.recipes.list': (_p, ctx) => listRecipes(ctx.store()),
  'clean.recipes.remove': (p, ctx) => ({ removed: removeRecipe(ctx.store(), p.recipeId) }),
  'clean.recipes.apply': async (p, ctx) => {
    const store = ctx.store();
    const out = await applyOperations(ctx.work(), p.datasetId, getRecipe(store, p.recipeId), () => new Work(store, ctx.cancel, (d, t, l, x) => ctx.progress(d, t, l, x)));
    ctx.emit('datasets.changed', { datasetIds: [out.dataset.id], reason: 'updated' });
    return out;
  },
} satisfies Pick<EngineHandlers, CleanMethods>;
