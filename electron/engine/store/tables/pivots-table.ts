import type Database from 'better-sqlite3';
import { crosstabSpecSchema, pivotSpecSchema, savedChartSpecSchema, type CrosstabSpec, type PivotSpec, type SavedAnalysisKind, type SavedChartSpec, type SavedPivot } from '../../../../shared/contract/analyze';
import { KequnError } from '../../../../shared/contract/errors';

interface PivotRow {
  id: string;
  dataset_id: string;
  name: string;
  kind: string;
  spec_json: string;
  created_at: string;
  updated_at: string;
}

export interface PivotRecord {
  name: string;
  datasetId: string;
  spec: { kind: 'pivot'; pivot: PivotSpec } | { kind: 'crosstab'; crosstab: CrosstabSpec } | { kind: 'chart'; chart: SavedChartSpec };
}

/** The `pivots` table: saved pivot and cross-tab specs. */
export class PivotsTable {
  constructor(private readonly db: Database.Database) {}

  insert(r: PivotRecord): string {
    const seq = ((this.db.prepare('SELECT max(seq) FROM pivots').pluck().get() as number | null) ?? 0) + 1;
    const id = `p${seq}`;
    const now = new Date().toISOString();
    this.db
      .prepare('INSERT INTO pivots (id, seq, dataset_id, name, kind, spec_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, seq, r.datasetId, r.name, r.spec.kind, specJson(r), now, now);
    return id;
  }

  update(id: string, r: PivotRecord): void {
    this.get(id);
    this.db
      .prepare('UPDATE pivots SET name = ?, dataset_id = ?, kind = ?, spec_json = ?, updated_at = ? WHERE id = ?')
      .run(r.name, r.datasetId, r.spec.kind, specJson(r), new Date().toISOString(), id);
  }

  get(id: string): SavedPivot {
    const row = this.db.prepare('SELECT * FROM pivots WHERE id = ?').get(id) as PivotRow | undefined;
    if (!row) throw new KequnError('NOT_FOUND', `Saved pivot not found: ${id}`, { zh: `未找到保存的透视表：${id}`, details: { pivot: id } });
    return toSaved(row);
  }

  list(datasetId?: string): SavedPivot[] {
    const rows = (datasetId === undefined
      ? this.db.prepare('SELECT * FROM pivots ORDER BY seq').all()
      : this.db.prepare('SELECT * FROM pivots WHERE dataset_id = ? ORDER BY seq').all(datasetId)) as PivotRow[];
    return rows.map(toSaved);
  }

  remove(id: string): void {
    this.get(id);
    this.db.prepare('DELETE FROM pivots WHERE id = ?').run(id);
  }
}

function specJson(r: PivotRecord): string {
  return JSON.stringify(r.spec.kind === 'pivot' ? r.spec.pivot : r.spec.kind === 'crosstab' ? r.spec.crosstab : r.spec.chart);
}

/** Specs are re-validated on the way out, so defaults added in later versions are filled in. */
function toSaved(r: PivotRow): SavedPivot {
  const raw: unknown = JSON.parse(r.spec_json);
  const kind: SavedAnalysisKind = r.kind === 'crosstab' ? 'crosstab' : r.kind === 'chart' ? 'chart' : 'pivot';
  const spec = kind === 'pivot' ? pivotSpecSchema.parse(raw) : kind === 'crosstab' ? crosstabSpecSchema.parse(raw) : savedChartSpecSchema.parse(raw);
  return { id: r.id, datasetId: r.dataset_id, name: r.name, kind, spec, createdAt: r.created_at, updatedAt: r.updated_at };
}
