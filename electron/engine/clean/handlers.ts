import type { EngineHandlers } from '../host/context';
import { applyOperation, applyOperations, opContext, previewOperation } from './clean-service';
import { qualitySummary } from './quality';
import { getRecipe, listRecipes, removeRecipe, saveRecipe } from './recipes';
import { history } from './step-store';
import { redoNext, revertTo, undoLast } from './versions';

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
  'clean.preview': (p, ctx) => previewOperation(ctx.store(), p.datasetId, p.operation, p.sampleSize, ctx),
  'clean.apply': async (p, ctx) => {
    const out = await applyOperation(ctx.store(), p.datasetId, p.operation, ctx);
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
  'clean.quality': (p, ctx) => qualitySummary(opContext(ctx.store(), p.datasetId, ctx), p.keys),
  'clean.recipes.save': (p, ctx) => saveRecipe(ctx.store(), p.datasetId, p.name),
  'clean.recipes.list': (_p, ctx) => listRecipes(ctx.store()),
  'clean.recipes.remove': (p, ctx) => ({ removed: removeRecipe(ctx.store(), p.recipeId) }),
  'clean.recipes.apply': async (p, ctx) => {
    const out = await applyOperations(ctx.store(), p.datasetId, getRecipe(ctx.store(), p.recipeId), ctx);
    ctx.emit('datasets.changed', { datasetIds: [out.dataset.id], reason: 'updated' });
    return out;
  },
} satisfies Pick<EngineHandlers, CleanMethods>;
