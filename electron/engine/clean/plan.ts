import type { BooleanLabels, ColumnInfo, ColumnType } from '../../../shared/contract/datasets';
import type { CleanReport } from '../../../shared/contract/clean';
import type { ProgressLabel } from '../../../shared/contract/progress';
import type { DatasetSnapshot } from '../store/dataset-snapshot';
import type { ProjectStore } from '../store/project-store';
import type { RowLayout } from './row-layout';

/** A stored cell: a number (dates, booleans as 0/1), text, or null. */
export type SqlCell = number | string | null;

/** What an operation needs while it analyses a dataset. */
export interface OpContext {
  /** The dataset as it was when the operation started (what it plans against). */
  snapshot: DatasetSnapshot;
  /** The project, for operations that read another dataset (XLOOKUP). */
  store: ProjectStore;
  datasetId: string;
  columns: ColumnInfo[];
  rowCount: number;
  /** Another dataset read by the same work (merge), so its commit checks it did not change. */
  other(datasetIdOrName: string): DatasetSnapshot;
  checkpoint(): Promise<void>;
  progress(done: number, total: number | null, label: ProgressLabel): void;
}

/** A column an operation appends (e.g. an outlier flag). */
export interface PlannedColumn {
  name: string;
  type: ColumnType;
  /** Display format carried over (a merged currency column); none by default. */
  format?: string | null;
  valueOf(rowId: number): SqlCell;
}

/**
 * The outcome of analysing an operation, before anything is written. Preview shows it; apply
 * writes the columns it changes as new column data and points the dataset at them.
 */
export interface StepPlan {
  affectedRows: number;
  removedRows: number;
  /** Rows to drop (by row id); null when none. */
  removed: Set<number> | null;
  /** Per column key: the new value of a cell, given its old value and row. */
  rewrites: Map<string, (value: SqlCell, rowId: number) => SqlCell>;
  typeChanges: Map<string, ColumnType>;
  /** Per column key: the yes/no words a column changed to boolean is shown with (from its text). */
  labelChanges: Map<string, BooleanLabels | null>;
  newColumns: PlannedColumn[];
  /** First affected rows (by row id), for the preview sample. */
  sampleRowIds: number[];
  /** Column keys shown in the preview sample. */
  shownKeys: string[];
  /** Dedupe: removed row id → the kept row id it repeats (shown next to each removed row). */
  duplicateOf?: Map<number, number>;
  report: CleanReport;
  /** Steps that change how many rows there are beyond removing some (split into rows, merge): the new rows. */
  layout?: RowLayout;
}

export function emptyPlan(shownKeys: string[]): StepPlan {
  return {
    affectedRows: 0,
    removedRows: 0,
    removed: null,
    rewrites: new Map(),
    typeChanges: new Map(),
    labelChanges: new Map(),
    newColumns: [],
    sampleRowIds: [],
    shownKeys,
    report: {},
  };
}

/** How many affected row ids a plan keeps for its preview. */
export const SAMPLE_LIMIT = 200;

export const NUMERIC_TYPES: ReadonlySet<ColumnType> = new Set(['integer', 'decimal', 'percent', 'currency', 'date', 'datetime', 'boolean']);
