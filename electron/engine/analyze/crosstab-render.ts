import type { ProgressLabel } from '../../../shared/contract/progress';
import { crosstabTable, type CrosstabLang, type CrosstabTable, type CrosstabTableOptions } from '../../../shared/analysis/crosstab-table';
import type { CrosstabResult, CrosstabSpec } from '../../../shared/contract/analyze';
import { resolveColumn } from '../store/column-reader';
import type { ProjectStore } from '../store/project-store';
import type { Checkpoint } from './aggregate';
import { runCrosstab } from './crosstab';

export interface RenderedCrosstab {
  result: CrosstabResult;
  table: CrosstabTable;
}

/** Display name of the column a measure sums or counts, as the screen shows it. */
export function measureColumnName(store: ProjectStore, spec: CrosstabSpec): string | undefined {
  const m = spec.measure;
  const column = m.kind === 'sum' ? m.column : m.kind === 'customers' ? m.column : undefined;
  if (column === undefined) return undefined;
  const ds = store.getDataset(spec.facts?.datasetId ?? spec.datasetId);
  return resolveColumn(ds.columns, column).name;
}

/**
 * Runs a cross-tab spec and lays it out with the one shared builder (shared/analysis/crosstab-table)
 * that the screen uses too: the report and the export cannot show other numbers than the screen.
 */
export async function renderCrosstab(
  store: ProjectStore,
  spec: CrosstabSpec,
  lang: CrosstabLang,
  options: Omit<CrosstabTableOptions, 'measureColumn'> = {},
  checkpoint?: Checkpoint,
  progress?: (done: number, total: number, label: ProgressLabel) => void,
): Promise<RenderedCrosstab> {
  const result = await runCrosstab(store, spec, checkpoint, progress);
  const measureColumn = measureColumnName(store, spec);
  return { result, table: crosstabTable(result, lang, { ...options, ...(measureColumn ? { measureColumn } : {}) }) };
}
