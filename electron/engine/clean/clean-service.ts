import type { CleanOperation, CleanPreview, CleanRecipe, CleanStep } from '../../../shared/contract/clean';
import { KequnError } from '../../../shared/contract/errors';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import type { Work } from '../host/work';
import { planOperation, withColumnNames } from './operations';
import type { OpContext } from './plan';
import { previewOf } from './preview';
import { applyLayout } from './row-layout';
import { applyPlan, history, revertTo } from './versions';

/** An operation's view of its dataset, read through the work (so its commit can check it). */
export function opContext(work: Work, datasetId: string): OpContext {
  const snapshot = work.snapshot(datasetId);
  return {
    snapshot,
    store: work.store,
    datasetId: snapshot.id,
    columns: snapshot.info.columns,
    rowCount: snapshot.rowCount,
    other: (idOrName) => work.snapshot(idOrName),
    checkpoint: () => work.checkpoint(),
    progress: (d, t, l) => work.progress(d, t, l),
  };
}

export async function previewOperation(work: Work, datasetId: string, op: CleanOperation, sampleSize: number): Promise<CleanPreview> {
  const ctx = opContext(work, datasetId);
  const plan = await planOperation(op, ctx);
  return previewOf(plan, ctx, sampleSize);
}

export async function applyOperation(work: Work, datasetId: string, op: CleanOperation): Promise<{ step: CleanStep; dataset: DatasetInfo }> {
  const ctx = opContext(work, datasetId);
  // Planned first, so an operation's own error (a merge naming the dataset that lacks a key) wins.
  const plan = await planOperation(op, ctx);
  const named = withColumnNames(op, ctx.columns);
  await work.checkpoint();
  try {
    const step = plan.layout ? await applyLayout(work, ctx, named, plan, plan.layout) : await applyPlan(work, ctx, named, plan);
    return { step, dataset: work.store.getDataset(ctx.datasetId) };
  } catch (e) {
    work.discard();
    throw e;
  }
}

/**
 * Replays a recipe's operations (columns matched by display name). If any step fails or is
 * cancelled, the steps already applied by this replay are undone, so the dataset is as before.
 */
export async function applyOperations(work: Work, datasetId: string, recipe: CleanRecipe, newWork: () => Work): Promise<{ steps: CleanStep[]; dataset: DatasetInfo }> {
  const store = work.store;
  const id = store.getDataset(datasetId).id;
  const startSeq = history(store, id).steps.filter((s) => s.state === 'applied').reduce((m, s) => Math.max(m, s.seq), 0);
  const steps: CleanStep[] = [];
  const works: Work[] = [];
  try {
    // Each step is its own work: it reads the state the previous step committed.
    for (const op of recipe.operations) {
      const w = newWork();
      works.push(w);
      steps.push((await applyOperation(w, id, op)).step);
    }
  } catch (e) {
    for (const w of works) w.discard();
    if (steps.length > 0 && !store.closed) revertTo(store, id, startSeq);
    if (e instanceof KequnError && e.code !== 'CANCELLED' && e.code !== 'PROJECT_CLOSED') {
      throw new KequnError(e.code, `Recipe "${recipe.name}", step ${steps.length + 1}: ${e.message}`, {
        zh: `配方「${recipe.name}」第 ${steps.length + 1} 步：${e.messageZh}`,
        ...(e.details ? { details: e.details } : {}),
      });
    }
    throw e;
  }
  return { steps, dataset: store.getDataset(id) };
}
