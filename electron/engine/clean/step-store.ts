import type { CleanHistory, CleanOperation, CleanReport, CleanStep } from '../../../shared/contract/clean';
import type { ProjectStore } from '../store/project-store';
import type { ColumnMeta } from './version-meta';

export interface StepRow {
  id: string;
  dataset_id: string;
  seq: number;
  operation_json: string;
  report_json: string;
  affected_rows: number;
  rows_before: number;
  rows_after: number;
  before_table: string;
  after_table: string;
  before_meta_json: string;
  after_meta_json: string;
  state: 'applied' | 'undone';
  created_at: string;
}

export function stepRows(store: ProjectStore, datasetId: string): StepRow[] {
  return store.db.prepare('SELECT * FROM clean_steps WHERE dataset_id = ? ORDER BY seq').all(datasetId) as StepRow[];
}

export function toStep(r: StepRow): CleanStep {
  return {
    id: r.id,
    seq: r.seq,
    operation: JSON.parse(r.operation_json) as CleanOperation,
    affectedRows: r.affected_rows,
    rowsBefore: r.rows_before,
    rowsAfter: r.rows_after,
    report: JSON.parse(r.report_json) as CleanReport,
    createdAt: r.created_at,
    state: r.state,
  };
}

export function metaOf(json: string): ColumnMeta[] {
  return JSON.parse(json) as ColumnMeta[];
}

export function history(store: ProjectStore, datasetId: string): CleanHistory {
  const rows = stepRows(store, datasetId);
  return {
    datasetId,
    steps: rows.map(toStep),
    canUndo: rows.some((r) => r.state === 'applied'),
    canRedo: rows.some((r) => r.state === 'undone'),
  };
}
