import type Database from 'better-sqlite3';
import { KequnError } from '../../../../shared/contract/errors';
import type { ModelInfo, ModelKind } from '../../../../shared/contract/models';

interface ModelRow {
  id: string;
  dataset_id: string;
  kind: string;
  name: string;
  record_json: string;
  created_at: string;
}

function info(row: ModelRow): ModelInfo {
  return { id: row.id, kind: row.kind as ModelKind, datasetId: row.dataset_id, name: row.name, createdAt: row.created_at };
}

/** The `models` table: saved decision trees, k-prototypes, Ward and factor models (JSON records). */
export class ModelsTable {
  constructor(private readonly db: Database.Database) {}

  insert(spec: { datasetId: string; kind: ModelKind; name: string; record: unknown }): string {
    const seq = ((this.db.prepare('SELECT max(seq) FROM models').pluck().get() as number | null) ?? 0) + 1;
    const id = `m${seq}`;
    this.db
      .prepare('INSERT INTO models (id, seq, dataset_id, kind, name, record_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, seq, spec.datasetId, spec.kind, spec.name, JSON.stringify(spec.record), new Date().toISOString());
    return id;
  }

  /** The model's info and its raw record (the caller parses it with the kind's schema). */
  get(id: string): { info: ModelInfo; record: unknown } {
    const r = this.db.prepare('SELECT * FROM models WHERE id = ?').get(id) as ModelRow | undefined;
    if (!r) throw new KequnError('NOT_FOUND', `Model not found: ${id}`, { zh: `未找到模型：${id}`, details: { model: id } });
    return { info: info(r), record: JSON.parse(r.record_json) as unknown };
  }

  update(id: string, record: unknown): void {
    this.db.prepare('UPDATE models SET record_json = ? WHERE id = ?').run(JSON.stringify(record), id);
  }

  list(): ModelInfo[] {
    return (this.db.prepare('SELECT * FROM models ORDER BY seq').all() as ModelRow[]).map(info);
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM models WHERE id = ?').run(id).changes > 0;
  }
}
