import type { CleanOperation, CleanPreview, CleanRecipe, CleanStep, ExpectedChange } from '../../../shared/contract/clean';
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

export async function previewOperation(work: Work, datasetId: string, op: CleanOperation, sampleSize: number, sampleOffset = 0): Promise<CleanPreview> {
  const ctx = opContext(work, datasetId);
  const plan = await planOperation(op, ctx);
  return previewOf(plan, ctx, sampleSize, sampleOffset);
}

function staleSincePreview(en: string, zh: string, details: Record<string, number>): KequnError {
  return new KequnError('STALE_INPUT', `${en}; nothing was changed, preview again`, { zh: `${zh}；未作任何改动，请重新预览`, details });
}

/**
 * Applies an operation. With `expected` (what its preview showed) it changes exactly the rows
 * the preview counted, or nothing: the dataset must still be at the previewed version and the
 * plan must count the same rows.
 */
export async function applyOperation(work: Work, datasetId: string, op: CleanOperation, expected?: ExpectedChange): Promise<{ step: CleanStep; dataset: DatasetInfo }> {
  const ctx = opContext(work, datasetId);
  if (expected && ctx.snapshot.version !== expected.datasetVersion) {
    throw staleSincePreview('The dataset changed after the preview', '预览之后数据集已有改动', { previewed: expected.datasetVersion, now: ctx.snapshot.version });
  }
  // Planned first, so an operation's own error (a merge naming the dataset that lacks a key) wins.
  const plan = await planOperation(op, ctx);
  const named = withColumnNames(op, ctx.columns);
  if (expected && (plan.affectedRows !== expected.affectedRows || plan.removedRows !== expected.removedRows)) {
    throw staleSincePreview(
      `The step would change ${plan.affectedRows} rows (remove ${plan.removedRows}), not the ${expected.affectedRows} (${expected.removedRows}) previewed`,
      `该步骤将影响 ${plan.affectedRows} 行（删除 ${plan.removedRows} 行），与预览的 ${expected.affectedRows} 行（删除 ${expected.removedRows} 行）不一致`,
      { affectedRows: plan.affectedRows, removedRows: plan.removedRows },
    );
  }
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
