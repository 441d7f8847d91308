import type { ProjectStore } from './project-store';
import { resolveColumn, type CategoryColumn, type NumericColumn } from './dataset-snapshot';

export { resolveColumn, type CategoryColumn, type NumericColumn };

/**
 * Typed columns of the open project's datasets for analysis: numbers as Float64Array, text
 * dictionary-encoded. Reads go through the project's cache under the column's immutable data
 * object, so a second read of an unchanged column costs nothing and a changed one can never be
 * served stale. Work that commits results should read through a snapshot instead (it records
 * what was read, for the STALE_INPUT check).
 */
export class ColumnReader {
  constructor(private readonly store: ProjectStore) {}

  numeric(datasetId: string, keyOrName: string): NumericColumn {
    return this.store.snapshot(datasetId).numeric(keyOrName);
  }

  category(datasetId: string, keyOrName: string): CategoryColumn {
    return this.store.snapshot(datasetId).category(keyOrName);
  }
}
