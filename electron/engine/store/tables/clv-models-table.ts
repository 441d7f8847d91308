import type Database from 'better-sqlite3';
import { clvModelSchema, type ClvModel } from '../../../../shared/contract/clv';
import { KequnError } from '../../../../shared/contract/errors';

interface ClvModelRow {
  id: string;
  source_dataset_id: string;
  dataset_id: string;
  segmentation_id: string;
  model_json: string;
  created_at: string;
}

/** A stored model, or the reason it cannot be read by this build. */
export type StoredClvModel = { ok: true; model: ClvModel } | { ok: false; id: string; issue: string };

/** The `clv_models` table: fitted customer-value models and what they wrote. */
export class ClvModelsTable {
  constructor(private readonly db: Database.Database) {}

  nextSeq(): number {
    return ((this.db.prepare('SELECT max(seq) FROM clv_models').pluck().get() as number | null) ?? 0) + 1;
  }

  insert(seq: number, model: ClvModel, datasetId: string, segmentationId: string): void {
    this.db
      .prepare('INSERT INTO clv_models (id, seq, source_dataset_id, dataset_id, segmentation_id, model_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(model.id, seq, model.sourceDatasetId, datasetId, segmentationId, JSON.stringify(model), model.createdAt);
  }

  get(id: string): ClvModel {
    const row = this.db.prepare('SELECT * FROM clv_models WHERE id = ?').get(id) as ClvModelRow | undefined;
    if (!row) throw new KequnError('NOT_FOUND', `Customer value model not found: ${id}`, { zh: `未找到客户价值模型：${id}`, details: { model: id } });
    return strict(parse(row));
  }

  bySegmentation(segmentationId: string): ClvModel | null {
    const row = this.db.prepare('SELECT * FROM clv_models WHERE segmentation_id = ? ORDER BY seq DESC LIMIT 1').get(segmentationId) as ClvModelRow | undefined;
    return row ? strict(parse(row)) : null;
  }

  /** Models fitted on a dataset or written into it (all without a dataset), newest first. */
  list(datasetId?: string): StoredClvModel[] {
    const rows = (
      datasetId === undefined
        ? this.db.prepare('SELECT * FROM clv_models ORDER BY seq DESC').all()
        : this.db.prepare('SELECT * FROM clv_models WHERE source_dataset_id = ? OR dataset_id = ? ORDER BY seq DESC').all(datasetId, datasetId)
    ) as ClvModelRow[];
    return rows.map(parse);
  }
}

function parse(row: ClvModelRow): StoredClvModel {
  const parsed = clvModelSchema.safeParse(JSON.parse(row.model_json));
  return parsed.success ? { ok: true, model: parsed.data } : { ok: false, id: row.id, issue: parsed.error.issues[0]?.message ?? 'invalid' };
}

function strict(s: StoredClvModel): ClvModel {
  if (s.ok) return s.model;
  throw new KequnError('CLV_INVALID', `Stored customer value model ${s.id} is damaged`, {
    zh: `保存的客户价值模型 ${s.id} 已损坏`,
    details: { model: s.id, issue: s.issue },
  });
}
