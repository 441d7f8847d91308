import type { CrosstabSpec, PivotSpec, SavedChartSpec, SavedPivot } from '../../../shared/contract/analyze';
import { KequnError } from '../../../shared/contract/errors';
import type { ProjectStore } from '../store/project-store';

export interface PivotToSave {
  id?: string | undefined;
  name: string;
  datasetId: string;
  pivot?: PivotSpec | undefined;
  crosstab?: CrosstabSpec | undefined;
  chart?: SavedChartSpec | undefined;
}

/** Saves (or updates, with `id`) a pivot, cross-tab or chart spec in the project. */
export function savePivot(store: ProjectStore, p: PivotToSave): SavedPivot {
  const given = [p.pivot, p.crosstab, p.chart].filter((x) => x !== undefined).length;
  if (given !== 1) {
    throw new KequnError('ANALYSIS_INVALID', 'Give exactly one of pivot, crosstab or chart', { zh: '请只提供透视表、交叉表或图表中的一种规格' });
  }
  const ds = store.getDataset(p.datasetId);
  const spec = p.pivot ? { kind: 'pivot' as const, pivot: p.pivot } : p.crosstab ? { kind: 'crosstab' as const, crosstab: p.crosstab } : { kind: 'chart' as const, chart: p.chart! };
  const record = { name: p.name, datasetId: ds.id, spec };
  const id = store.write(() => {
    if (p.id === undefined) return store.tables.pivots.insert(record);
    store.tables.pivots.update(p.id, record);
    return p.id;
  });
  return getPivot(store, id);
}

export function getPivot(store: ProjectStore, id: string): SavedPivot {
  store.assertOpen();
  return store.tables.pivots.get(id);
}

export function listPivots(store: ProjectStore, datasetId?: string): SavedPivot[] {
  store.assertOpen();
  return store.tables.pivots.list(datasetId === undefined ? undefined : store.getDataset(datasetId).id);
}

export function removePivot(store: ProjectStore, id: string): boolean {
  store.write(() => store.tables.pivots.remove(id));
  return true;
}
