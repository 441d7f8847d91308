import type { z } from 'zod';
import { KequnError } from '../../../shared/contract/errors';
import type { ModelInfo, ModelKind } from '../../../shared/contract/models';
import type { ProjectStore } from './project-store';

/** Saved model records: the JSON is validated by the kind's zod schema when read. */
export function saveModel(store: ProjectStore, spec: { datasetId: string; kind: ModelKind; name: string; record: unknown }): ModelInfo {
  const id = store.write(() => store.tables.models.insert(spec));
  return getModelInfo(store, id);
}

export function getModelInfo(store: ProjectStore, id: string): ModelInfo {
  store.assertOpen();
  return store.tables.models.get(id).info;
}

/** The record of a model of the given kind, parsed through its schema. */
export function readModelRecord<S extends z.ZodType>(store: ProjectStore, id: string, kind: ModelKind, schema: S): { info: ModelInfo; record: z.infer<S> } {
  store.assertOpen();
  const { info, record } = store.tables.models.get(id);
  if (info.kind !== kind) {
    throw new KequnError('MODEL_INVALID', `Model ${id} is a ${info.kind} model, not a ${kind} model`, { zh: `模型 ${id} 不是${kind === 'tree' ? '决策树' : '因子'}模型`, details: { model: id } });
  }
  const parsed = schema.safeParse(record);
  if (!parsed.success) throw new KequnError('MODEL_INVALID', `Model ${id} has an unreadable record`, { zh: `模型 ${id} 的记录无法读取`, details: { model: id } });
  return { info, record: parsed.data as z.infer<S> };
}

export function updateModelRecord(store: ProjectStore, id: string, record: unknown): void {
  store.write(() => store.tables.models.update(id, record));
}

export function listModels(store: ProjectStore, filter: { datasetId?: string | undefined; kind?: ModelKind | undefined }): ModelInfo[] {
  store.assertOpen();
  return store.tables.models.list().filter((m) => (filter.datasetId === undefined || m.datasetId === filter.datasetId) && (filter.kind === undefined || m.kind === filter.kind));
}

export function removeModel(store: ProjectStore, id: string): boolean {
  return store.write(() => store.tables.models.remove(id));
}
