import type { CleanOperation, CleanRecipe } from '../../../shared/contract/clean';
import { KequnError } from '../../../shared/contract/errors';
import type { ProjectStore } from '../store/project-store';
import { history } from './step-store';

interface RecipeRow {
  id: string;
  name: string;
  source_dataset_id: string | null;
  operations_json: string;
  created_at: string;
}

function toRecipe(r: RecipeRow): CleanRecipe {
  return {
    id: r.id,
    name: r.name,
    sourceDatasetId: r.source_dataset_id,
    operations: JSON.parse(r.operations_json) as CleanOperation[],
    createdAt: r.created_at,
  };
}

/** Saves the dataset's applied steps (columns by display name) as a reusable recipe. */
export function saveRecipe(store: ProjectStore, datasetId: string, name: string): CleanRecipe {
  const id = store.getDataset(datasetId).id;
  const operations = history(store, id)
    .steps.filter((s) => s.state === 'applied')
    .map((s) => s.operation);
  if (operations.length === 0) {
    throw new KequnError('CLEAN_FAILED', 'The dataset has no cleaning steps to save', { zh: '该数据集还没有可保存的清洗步骤' });
  }
  const seq = ((store.db.prepare('SELECT count(*) FROM clean_recipes').pluck().get() as number) ?? 0) + 1;
  const recipeId = `r${seq}-${Date.now().toString(36)}`;
  store.db
    .prepare('INSERT INTO clean_recipes (id, name, source_dataset_id, operations_json, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(recipeId, name, id, JSON.stringify(operations), new Date().toISOString());
  return getRecipe(store, recipeId);
}

export function getRecipe(store: ProjectStore, idOrName: string): CleanRecipe {
  const row = (store.db.prepare('SELECT * FROM clean_recipes WHERE id = ?').get(idOrName) ??
    store.db.prepare('SELECT * FROM clean_recipes WHERE name = ? ORDER BY created_at DESC LIMIT 1').get(idOrName)) as RecipeRow | undefined;
  if (!row) {
    throw new KequnError('NOT_FOUND', `Recipe not found: ${idOrName}`, { zh: `未找到清洗配方：${idOrName}`, details: { recipe: idOrName } });
  }
  return toRecipe(row);
}

export function listRecipes(store: ProjectStore): CleanRecipe[] {
  return (store.db.prepare('SELECT * FROM clean_recipes ORDER BY created_at').all() as RecipeRow[]).map(toRecipe);
}

export function removeRecipe(store: ProjectStore, id: string): boolean {
  return store.db.prepare('DELETE FROM clean_recipes WHERE id = ?').run(getRecipe(store, id).id).changes > 0;
}
