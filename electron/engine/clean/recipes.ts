import type { CleanRecipe } from '../../../shared/contract/clean';
import { KequnError } from '../../../shared/contract/errors';
import type { ProjectStore } from '../store/project-store';
import { history } from './versions';

/** Saves the dataset's applied steps (columns by display name) as a reusable recipe. */
export function saveRecipe(store: ProjectStore, datasetId: string, name: string): CleanRecipe {
  const id = store.getDataset(datasetId).id;
  const operations = history(store, id)
    .steps.filter((s) => s.state === 'applied')
    .map((s) => s.operation);
  if (operations.length === 0) {
    throw new KequnError('CLEAN_FAILED', 'The dataset has no cleaning steps to save', { zh: '该数据集还没有可保存的清洗步骤' });
  }
  const recipeId = store.write(() => store.tables.recipes.insert(name, id, operations));
  return store.tables.recipes.get(recipeId);
}

export function getRecipe(store: ProjectStore, idOrName: string): CleanRecipe {
  store.assertOpen();
  return store.tables.recipes.get(idOrName);
}

export function listRecipes(store: ProjectStore): CleanRecipe[] {
  store.assertOpen();
  return store.tables.recipes.list();
}

export function removeRecipe(store: ProjectStore, id: string): boolean {
  const recipe = getRecipe(store, id);
  return store.write(() => store.tables.recipes.remove(recipe.id));
}
