import { join } from 'node:path';
import type { ImportRunResult } from '../../shared/contract/import';
import { runImport, type RunOptions } from '../../electron/engine/import/import-run';
import type { ImportTicker } from '../../electron/engine/import/write-rows';
import { ProjectStore } from '../../electron/engine/store/project-store';
import { cellsOf, workOf } from './store-access';

/** A ticker that never cancels (tests that do not exercise progress). */
export const quietTicker: ImportTicker = { tick: async () => undefined };

/** Imports `path` into a fresh project in `dir` and returns the store (caller closes it). */
export async function importInto(dir: string, path: string, options: Partial<RunOptions> = {}): Promise<{ store: ProjectStore; result: ImportRunResult }> {
  const store = ProjectStore.open(join(dir, 'p.kequn'), { create: true });
  const result = await runImport(workOf(store), { path, allSheets: false, encoding: 'auto', ...options }, quietTicker);
  return { store, result };
}

/** Every value of one column (by display name) of a dataset. */
export function columnValues(store: ProjectStore, datasetId: string, name: string): unknown[] {
  const d = store.getDataset(datasetId);
  const col = d.columns.find((c) => c.name === name);
  if (!col) throw new Error(`no column ${name} in ${d.columns.map((c) => c.name).join(',')}`);
  return cellsOf(store, datasetId, col.key);
}

/** Datasets and stored data: what must be identical before and after a failed import. */
export function projectSnapshot(store: ProjectStore): string {
  return JSON.stringify({ datasets: store.listDatasets(), contents: store.contents() });
}
