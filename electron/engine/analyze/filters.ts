import type { DatasetInfo } from '../../../shared/contract/datasets';
import type { FilterSpec } from '../../../shared/contract/rows';
import { countMask, filterMask as maskOf } from '../rows/filter-eval';
import type { ProjectStore } from '../store/project-store';

/**
 * The rows a filter list leaves, as a mask in row order (1 = keep), or null when nothing is
 * filtered. The grid's own filter evaluator does the work, so a drill-down shows in the grid
 * exactly the rows the pivot counted, by construction.
 */
export function filterMask(store: ProjectStore, ds: DatasetInfo, filters: readonly FilterSpec[]): Uint8Array | null {
  if (filters.length === 0) return null;
  return maskOf(store.snapshot(ds.id), filters);
}

export { countMask };
