import type { z } from 'zod';
import { KequnError } from '../../../shared/contract/errors';
import type { ModelInfo, ModelKind } from '../../../shared/contract/models';
import type { ProjectStore } from './project-store';

/** Saved model records (table `models`): JSON validated by the kind's zod schema when read. */
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

export function saveModel(store: ProjectStore, spec: { datasetId: string; kind: ModelKind; name: string; record: unknown }): ModelInfo {
  const db = store.db;
  const id = db.transaction(() => {
    const seq = ((db.prepare('SELECT max(seq) FROM models').pluck().get() as number | null) ?? 0) + 1;
    const newId = `m${seq}`;
    db.prepare('INSERT INTO models (id, seq, dataset_id, kind, name, record_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      newId,
      seq,
      spec.datasetId,
      spec.kind,
      spec.name,
      JSON.stringify(spec.record),
      new Date().toISOString(),
    );
    return newId;
  })();
  return getModelInfo(store, id);
}

function row(store: ProjectStore, id: string): ModelRow {
  const r = store.db.prepare('SELECT * FROM models WHERE id = ?').get(id) as ModelRow | undefined;
  if (!r) throw new KequnError('NOT_FOUND', `Model not found: ${id}`, { zh: `未找到模型：${id}`, details: { model: id } });
  return r;
}

export function getModelInfo(store: ProjectStore, id: string): ModelInfo {
  return info(row(store, id));
}

/** The record of a model of the given kind, parsed through its schema. */
export function readModelRecord<S extends z.ZodType>(store: ProjectStore, id: string, kind: ModelKind, schema: S): { info: ModelInfo; record: z.infer<S> } {
  const r = row(store, id);
  if (r.kind !== kind) {
    throw new KequnError('MODEL_INVALID', `Model ${id} is a ${r.kind} model, not a ${kind} model`, { zh: `模型 ${id} 不是${kind === 'tree' ? '决策树' : '因子'}模型`, details: { model: id } });
  }
  const parsed = schema.safeParse(JSON.parse(r.record_json));
  if (!parsed.success) throw new KequnError('MODEL_INVALID', `Model ${id} has an unreadable record`, { zh: `模型 ${id} 的记录无法读取`, details: { model: id } });
  return { info: info(r), record: parsed.data as z.infer<S> };
}

export function updateModelRecord(store: ProjectStore, id: string, record: unknown): void {
  store.db.prepare('UPDATE models SET record_json = ? WHERE id = ?').run(JSON.stringify(record), id);
}

export function listModels(store: ProjectStore, filter: { datasetId?: string | undefined; kind?: ModelKind | undefined }): ModelInfo[] {
  const rows = store.db.prepare('SELECT * FROM models ORDER BY seq').all() as ModelRow[];
  return rows.filter((r) => (filter.datasetId === undefined || r.dataset_id === filter.datasetId) && (filter.kind === undefined || r.kind === filter.kind)).map(info);
}

export function removeModel(store: ProjectStore, id: string): boolean {
  return store.db.prepare('DELETE FROM models WHERE id = ?').run(id).changes > 0;
}
