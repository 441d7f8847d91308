import type { JsonValue } from '../../../shared/contract/json';
import type { SegmentationInfo, SegmentationMethod, SegmentSummary } from '../../../shared/contract/segmentations';
import { addColumns } from './column-writer';
import type { ProjectStore } from './project-store';

export interface NewSegmentation {
  datasetId: string;
  method: SegmentationMethod;
  name: string;
  /** Name of the label column added to the dataset (made unique if taken). */
  columnName: string;
  /** One label per row in row order; null = not segmented (e.g. dropped for missing values). */
  labels: readonly (string | null)[];
  definition: JsonValue;
  segments: SegmentSummary[];
}

/**
 * Saves a segmentation and its label column in one transaction. The labels must have been
 * computed for the dataset's current rows (else STALE_INPUT, nothing written).
 */
export function saveSegmentation(store: ProjectStore, spec: NewSegmentation): SegmentationInfo {
  const id = store.write(() => {
    const datasetId = store.datasets.get(spec.datasetId).id;
    const [columnKey] = addColumns(store, datasetId, [{ name: spec.columnName, originalHeader: null, type: 'text' }], (i) => [spec.labels[i] ?? null], spec.labels.length);
    return store.tables.segmentations.insert({
      datasetId,
      method: spec.method,
      name: spec.name,
      columnKey: columnKey!,
      definition: spec.definition,
      segments: spec.segments,
    });
  });
  return getSegmentation(store, id);
}

export function getSegmentation(store: ProjectStore, id: string): SegmentationInfo {
  store.assertOpen();
  return store.tables.segmentations.get(id);
}

export function listSegmentations(store: ProjectStore, datasetId?: string): SegmentationInfo[] {
  store.assertOpen();
  return store.tables.segmentations.list(datasetId);
}

/** Removes the record and its label column (the rest of the dataset is untouched). */
export function removeSegmentation(store: ProjectStore, id: string): boolean {
  store.write(() => {
    const seg = store.tables.segmentations.get(id);
    store.tables.segmentations.remove(id);
    if (store.datasets.has(seg.datasetId)) store.datasets.removeColumn(seg.datasetId, seg.columnKey);
  });
  store.collectGarbage();
  return true;
}
