import { clvModelSchema, type ClvModel, type ClvModelInfo } from '../../../shared/contract/clv';
import type { CellValue } from '../../../shared/contract/json';
import type { SegmentationInfo } from '../../../shared/contract/segmentations';
import type { NewDataset, ProjectStore } from './project-store';
import { saveSegmentation, type NewSegmentation } from './segmentation-store';

export interface ClvModelToSave {
  dataset: NewDataset;
  rows: Iterable<readonly CellValue[]>;
  segmentation: Omit<NewSegmentation, 'datasetId'>;
  /** Builds the stored model once the ids of the new dataset, segmentation and model are known. */
  model: (ids: { modelId: string; datasetId: string; datasetName: string; segmentationId: string; createdAt: string }) => ClvModel;
}

/**
 * Writes a fit's results in one transaction: the customer dataset, its tiers segmentation and
 * the model record. A failure or a crash leaves none of them. Runs inside the caller's commit.
 */
export function saveClvModel(store: ProjectStore, spec: ClvModelToSave): { model: ClvModel; segmentation: SegmentationInfo } {
  return store.write(() => {
    const ds = store.createDataset(spec.dataset, spec.rows);
    const segmentation = saveSegmentation(store, { ...spec.segmentation, datasetId: ds.id });
    const seq = store.tables.clvModels.nextSeq();
    const createdAt = new Date().toISOString();
    const model = clvModelSchema.parse(spec.model({ modelId: `clv${seq}`, datasetId: ds.id, datasetName: ds.name, segmentationId: segmentation.id, createdAt }));
    store.tables.clvModels.insert(seq, model, ds.id, segmentation.id);
    return { model, segmentation };
  });
}

export function getClvModel(store: ProjectStore, id: string): ClvModel {
  store.assertOpen();
  return store.tables.clvModels.get(id);
}

/** The model that wrote a segmentation (CLV tiers), or null. */
export function findClvModelBySegmentation(store: ProjectStore, segmentationId: string): ClvModel | null {
  store.assertOpen();
  return store.tables.clvModels.bySegmentation(segmentationId);
}

/** Models fitted on a dataset or written into it, newest first; a record this build cannot read is left out (clv.get reports it, coded). */
export function listClvModels(store: ProjectStore, datasetId?: string): ClvModelInfo[] {
  store.assertOpen();
  return store.tables.clvModels.list(datasetId).flatMap((r) => {
    if (!r.ok) return [];
    const m = r.model;
    return [
      {
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
      },
    ];
  });
}
