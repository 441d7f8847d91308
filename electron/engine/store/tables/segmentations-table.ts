import type Database from 'better-sqlite3';
import { z } from 'zod';
import { KequnError } from '../../../../shared/contract/errors';
import { jsonValueSchema, type JsonValue } from '../../../../shared/contract/json';
import { SEGMENTATION_METHODS, segmentSummarySchema, type SegmentationInfo, type SegmentationMethod, type SegmentSummary } from '../../../../shared/contract/segmentations';

interface SegmentationRow {
  id: string;
  dataset_id: string;
  method: string;
  name: string;
  column_key: string;
  definition_json: string;
  summary_json: string;
  created_at: string;
}

const methodSchema = z.enum(SEGMENTATION_METHODS);
const summariesSchema = z.array(segmentSummarySchema);

export interface SegmentationRecord {
  datasetId: string;
  method: SegmentationMethod;
  name: string;
  columnKey: string;
  definition: JsonValue;
  segments: SegmentSummary[];
}

/** The `segmentations` table: one record per saved segmentation, whatever made it. */
export class SegmentationsTable {
  constructor(private readonly db: Database.Database) {}

  insert(r: SegmentationRecord): string {
    const seq = ((this.db.prepare('SELECT max(seq) FROM segmentations').pluck().get() as number | null) ?? 0) + 1;
    const id = `s${seq}`;
    this.db
      .prepare(
        `INSERT INTO segmentations (id, seq, dataset_id, method, name, column_key, definition_json, summary_json, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, seq, r.datasetId, r.method, r.name, r.columnKey, JSON.stringify(r.definition), JSON.stringify(r.segments), new Date().toISOString());
    return id;
  }

  get(id: string): SegmentationInfo {
    const row = this.db.prepare('SELECT * FROM segmentations WHERE id = ?').get(id) as SegmentationRow | undefined;
    if (!row) throw new KequnError('NOT_FOUND', `Segmentation not found: ${id}`, { zh: `未找到细分结果：${id}`, details: { segmentation: id } });
    return toInfo(row);
  }

  list(datasetId?: string): SegmentationInfo[] {
    const rows = (datasetId
      ? this.db.prepare('SELECT * FROM segmentations WHERE dataset_id = ? ORDER BY seq').all(datasetId)
      : this.db.prepare('SELECT * FROM segmentations ORDER BY seq').all()) as SegmentationRow[];
    return rows.map(toInfo);
  }

  /** Segmentations whose label column is this one (a column removed by undo takes them along). */
  byColumn(datasetId: string, columnKey: string): string[] {
    return this.db.prepare('SELECT id FROM segmentations WHERE dataset_id = ? AND column_key = ?').pluck().all(datasetId, columnKey) as string[];
  }

  update(id: string, fields: { segments?: SegmentSummary[]; definition?: JsonValue; name?: string }): void {
    if (fields.segments) this.db.prepare('UPDATE segmentations SET summary_json = ? WHERE id = ?').run(JSON.stringify(fields.segments), id);
    if (fields.definition !== undefined) this.db.prepare('UPDATE segmentations SET definition_json = ? WHERE id = ?').run(JSON.stringify(fields.definition), id);
    if (fields.name !== undefined) this.db.prepare('UPDATE segmentations SET name = ? WHERE id = ?').run(fields.name, id);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM segmentations WHERE id = ?').run(id);
  }
}

function toInfo(r: SegmentationRow): SegmentationInfo {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    method: methodSchema.parse(r.method),
    name: r.name,
    columnKey: r.column_key,
    definition: jsonValueSchema.parse(JSON.parse(r.definition_json)),
    segments: summariesSchema.parse(JSON.parse(r.summary_json)),
    createdAt: r.created_at,
  };
}
