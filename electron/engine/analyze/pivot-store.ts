import { crosstabSpecSchema, pivotSpecSchema, savedChartSpecSchema, type CrosstabSpec, type PivotSpec, type SavedAnalysisKind, type SavedChartSpec, type SavedPivot } from '../../../shared/contract/analyze';
import { KequnError } from '../../../shared/contract/errors';
import type { ProjectStore } from '../store/project-store';

interface PivotRow {
  id: string;
  dataset_id: string;
  name: string;
  kind: string;
  spec_json: string;
  created_at: string;
  updated_at: string;
}

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
  const kind: SavedAnalysisKind = p.pivot ? 'pivot' : p.crosstab ? 'crosstab' : 'chart';
  const json = JSON.stringify(p.pivot ?? p.crosstab ?? p.chart);
  const now = new Date().toISOString();
  const db = store.db;
  const id = db.transaction(() => {
    if (p.id !== undefined) {
      getPivot(store, p.id);
      db.prepare('UPDATE pivots SET name = ?, dataset_id = ?, kind = ?, spec_json = ?, updated_at = ? WHERE id = ?').run(p.name, ds.id, kind, json, now, p.id);
      return p.id;
    }
    const seq = ((db.prepare('SELECT max(seq) FROM pivots').pluck().get() as number | null) ?? 0) + 1;
    const newId = `p${seq}`;
    db.prepare('INSERT INTO pivots (id, seq, dataset_id, name, kind, spec_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(newId, seq, ds.id, p.name, kind, json, now, now);
    return newId;
  })();
  return getPivot(store, id);
}

export function getPivot(store: ProjectStore, id: string): SavedPivot {
  const row = store.db.prepare('SELECT * FROM pivots WHERE id = ?').get(id) as PivotRow | undefined;
  if (!row) throw new KequnError('NOT_FOUND', `Saved pivot not found: ${id}`, { zh: `未找到保存的透视表：${id}`, details: { pivot: id } });
  return toSaved(row);
}

export function listPivots(store: ProjectStore, datasetId?: string): SavedPivot[] {
  const rows = (datasetId === undefined
    ? store.db.prepare('SELECT * FROM pivots ORDER BY seq').all()
    : store.db.prepare('SELECT * FROM pivots WHERE dataset_id = ? ORDER BY seq').all(store.getDataset(datasetId).id)) as PivotRow[];
  return rows.map(toSaved);
}

export function removePivot(store: ProjectStore, id: string): boolean {
  getPivot(store, id);
  store.db.prepare('DELETE FROM pivots WHERE id = ?').run(id);
  return true;
}

/** Specs are re-validated on the way out, so defaults added in later versions are filled in. */
function toSaved(r: PivotRow): SavedPivot {
  const raw: unknown = JSON.parse(r.spec_json);
  const kind: SavedAnalysisKind = r.kind === 'crosstab' ? 'crosstab' : r.kind === 'chart' ? 'chart' : 'pivot';
  const spec = kind === 'pivot' ? pivotSpecSchema.parse(raw) : kind === 'crosstab' ? crosstabSpecSchema.parse(raw) : savedChartSpecSchema.parse(raw);
  return { id: r.id, datasetId: r.dataset_id, name: r.name, kind, spec, createdAt: r.created_at, updatedAt: r.updated_at };
}
