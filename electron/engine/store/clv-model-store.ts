import { clvModelSchema, type ClvModel, type ClvModelInfo } from '../../../shared/contract/clv';
import { KequnError } from '../../../shared/contract/errors';
import type { CellValue } from '../../../shared/contract/json';
import type { SegmentationInfo } from '../../../shared/contract/segmentations';
import type { NewDataset, ProjectStore } from './project-store';
import { saveSegmentation, type NewSegmentation } from './segmentation-store';

interface ClvModelRow {
  id: string;
  source_dataset_id: string;
  dataset_id: string;
  segmentation_id: string;
  model_json: string;
  created_at: string;
}

export interface ClvModelToSave {
  dataset: NewDataset;
  rows: Iterable<readonly CellValue[]>;
  segmentation: Omit<NewSegmentation, 'datasetId'>;
  /** Builds the stored model once the ids of the new dataset, segmentation and model are known. */
  model: (ids: { modelId: string; datasetId: string; datasetName: string; segmentationId: string; createdAt: string }) => ClvModel;
}

/**
 * Writes a fit's results in one transaction: the customer dataset, its tiers segmentation and
 * the model record. A failure or a crash leaves none of them.
 */
export function saveClvModel(store: ProjectStore, spec: ClvModelToSave): { model: ClvModel; segmentation: SegmentationInfo } {
  const db = store.db;
  return db.transaction(() => {
    const ds = store.createDataset(spec.dataset, spec.rows);
    const segmentation = saveSegmentation(store, { ...spec.segmentation, datasetId: ds.id });
    const seq = ((db.prepare('SELECT max(seq) FROM clv_models').pluck().get() as number | null) ?? 0) + 1;
    const createdAt = new Date().toISOString();
    const model = clvModelSchema.parse(spec.model({ modelId: `clv${seq}`, datasetId: ds.id, datasetName: ds.name, segmentationId: segmentation.id, createdAt }));
    db.prepare('INSERT INTO clv_models (id, seq, source_dataset_id, dataset_id, segmentation_id, model_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      model.id,
      seq,
      model.sourceDatasetId,
      ds.id,
      segmentation.id,
      JSON.stringify(model),
      createdAt,
    );
    return { model, segmentation };
  })();
}

export function getClvModel(store: ProjectStore, id: string): ClvModel {
  const row = store.db.prepare('SELECT * FROM clv_models WHERE id = ?').get(id) as ClvModelRow | undefined;
  if (!row) throw new KequnError('NOT_FOUND', `Customer value model not found: ${id}`, { zh: `未找到客户价值模型：${id}`, details: { model: id } });
  return parseModel(row);
}

/** The model that wrote a segmentation (CLV tiers), or null. */
export function findClvModelBySegmentation(store: ProjectStore, segmentationId: string): ClvModel | null {
  const row = store.db.prepare('SELECT * FROM clv_models WHERE segmentation_id = ? ORDER BY seq DESC LIMIT 1').get(segmentationId) as ClvModelRow | undefined;
  return row ? parseModel(row) : null;
}

/** Models fitted on a dataset or written into it, newest first; all models without a dataset. */
export function listClvModels(store: ProjectStore, datasetId?: string): ClvModelInfo[] {
  const rows = (
    datasetId === undefined
      ? store.db.prepare('SELECT * FROM clv_models ORDER BY seq DESC').all()
      : store.db.prepare('SELECT * FROM clv_models WHERE source_dataset_id = ? OR dataset_id = ? ORDER BY seq DESC').all(datasetId, datasetId)
  ) as ClvModelRow[];
  // A record this build cannot read is left out of the list (clv.get still reports it, coded).
  return rows.flatMap((r) => {
    const parsed = clvModelSchema.safeParse(JSON.parse(r.model_json));
    if (!parsed.success) return [];
    const m = parsed.data;
    return [{
      id: m.id,
      createdAt: m.createdAt,
      sourceDatasetId: m.sourceDatasetId,
      sourceName: m.sourceName,
      datasetId: m.datasetId,
      datasetName: m.datasetName,
      segmentationId: m.segmentationId,
      unit: m.inputs.unit,
      customers: m.data.customers,
      calibrationEnd: m.inputs.calibrationEnd,
      holdoutEnd: m.inputs.holdoutEnd,
    }];
  });
}

function parseModel(row: ClvModelRow): ClvModel {
  const parsed = clvModelSchema.safeParse(JSON.parse(row.model_json));
  if (!parsed.success) {
    throw new KequnError('CLV_INVALID', `Stored customer value model ${row.id} is damaged`, {
      zh: `保存的客户价值模型 ${row.id} 已损坏`,
      details: { model: row.id, issue: parsed.error.issues[0]?.message ?? 'invalid' },
    });
  }
  return parsed.data;
}
