import type { SegmentRunResult, SegmentWarning } from '../../../shared/contract/segment';
import type { JsonValue } from '../../../shared/contract/json';
import type { SegmentationMethod, SegmentSummary } from '../../../shared/contract/segmentations';
import type { Work } from '../host/work';
import { saveSegmentation } from '../store/segmentation-store';

/** What a builder computed: one label per row (null = unassigned) and its summary. */
export interface SegmentOutcome {
  labels: (string | null)[];
  segments: SegmentSummary[];
  definition: JsonValue;
  details: JsonValue;
  warnings?: SegmentWarning[];
}

export interface PersistSpec {
  datasetId: string;
  method: SegmentationMethod;
  /** Segmentation name, also the label column name. */
  name: string;
  preview: boolean;
}

/**
 * Saves the segmentation (label column + record) in the work's one commit unless this is a
 * preview; STALE_INPUT when what the labels were computed from changed meanwhile.
 */
export function persist(work: Work, spec: PersistSpec, outcome: SegmentOutcome): SegmentRunResult {
  const store = work.store;
  const unassigned = outcome.labels.reduce((n, l) => (l === null ? n + 1 : n), 0);
  const warnings = outcome.warnings?.length ? { warnings: outcome.warnings } : {};
  if (spec.preview) return { segmentation: null, segments: outcome.segments, unassigned, details: outcome.details, ...warnings };
  const definition: JsonValue = { ...(isObject(outcome.definition) ? outcome.definition : { value: outcome.definition }), savedAt: new Date().toISOString() };
  // The label column gets a unique name ("RFM细分 (2)"); the segmentation takes the same name.
  const taken = new Set(store.getDataset(spec.datasetId).columns.map((c) => c.name));
  let name = spec.name;
  for (let n = 2; taken.has(name); n++) name = `${spec.name} (${n})`;
  const segmentation = work.commit(() => saveSegmentation(store, {
    datasetId: spec.datasetId,
    method: spec.method,
    name,
    columnName: name,
    labels: outcome.labels,
    definition,
    segments: outcome.segments,
  }));
  return { segmentation, segments: segmentation.segments, unassigned, details: outcome.details, ...warnings };
}

function isObject(v: JsonValue): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
