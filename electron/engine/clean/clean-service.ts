import type { CleanOperation, CleanPreview, CleanRecipe, CleanStep } from '../../../shared/contract/clean';
import { KequnError } from '../../../shared/contract/errors';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import type { EngineContext } from '../host/context';
import type { ProjectStore } from '../store/project-store';
import { planOperation, withColumnNames } from './operations';
import type { OpContext } from './plan';
import { previewOf } from './preview';
import { history } from './step-store';
import { applyPlan, revertTo } from './versions';

/** The services a cleaning call needs; the engine context provides them, tests can too. */
export type CleanCallContext = Pick<EngineContext, 'checkpoint' | 'progress'>;

export function opContext(store: ProjectStore, datasetId: string, call: CleanCallContext): OpContext {
  const ds = store.getDataset(datasetId);
  return {
    store,
    datasetId: ds.id,
    table: store.tableOf(ds.id),
    columns: ds.columns,
    rowCount: ds.rowCount,
    checkpoint: () => call.checkpoint(),
    progress: (d, t, l) => call.progress(d, t, l),
  };
}

export async function previewOperation(store: ProjectStore, datasetId: string, op: CleanOperation, sampleSize: number, call: CleanCallContext): Promise<CleanPreview> {
  const ctx = opContext(store, datasetId, call);
  const plan = await planOperation(op, ctx);
  return previewOf(plan, ctx, sampleSize);
}

export async function applyOperation(store: ProjectStore, datasetId: string, op: CleanOperation, call: CleanCallContext): Promise<{ step: CleanStep; dataset: DatasetInfo }> {
  const ctx = opContext(store, datasetId, call);
  const named = withColumnNames(op, ctx.columns);
  const plan = await planOperation(op, ctx);
  await call.checkpoint();
  call.progress(ctx.rowCount, ctx.rowCount, 'write');
  const step = applyPlan(store, ctx.datasetId, named, plan);
  return { step, dataset: store.getDataset(ctx.datasetId) };
}

/**
 * Replays a recipe's operations (columns matched by display name). If any step fails or is
 * cancelled, the steps already applied by this replay are undone, so the dataset is as before.
 */
export async function applyOperations(
  store: ProjectStore,
  datasetId: string,
  recipe: CleanRecipe,
  call: CleanCallContext,
): Promise<{ steps: CleanStep[]; dataset: DatasetInfo }> {
  const id = store.getDataset(datasetId).id;
  const startSeq = history(store, id).steps.filter((s) => s.state === 'applied').reduce((m, s) => Math.max(m, s.seq), 0);
  const steps: CleanStep[] = [];
  try {
    for (const op of recipe.operations) steps.push((await applyOperation(store, id, op, call)).step);
  } catch (e) {
    if (steps.length > 0) revertTo(store, id, startSeq);
    if (e instanceof KequnError && e.code !== 'CANCELLED') {
      throw new KequnError(e.code, `Recipe "${recipe.name}", step ${steps.length + 1}: ${e.message}`, {
        zh: `配方「${recipe.name}」第 ${steps.length + 1} 步：${e.messageZh}`,
        ...(e.details ? { details: e.details } : {}),
      });
    }
    throw e;
  }
  return { steps, dataset: store.getDataset(id) };
}
