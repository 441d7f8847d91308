import type { ColumnInfo, ColumnType } from '../../../shared/contract/datasets';
import type { CleanReport } from '../../../shared/contract/clean';
import type { ProjectStore } from '../store/project-store';

/** A cell as SQLite hands it to us (no bigint: tables are read without safeIntegers). */
export type SqlCell = number | string | null;

/** What an operation needs while it analyses a dataset. */
export interface OpContext {
  store: ProjectStore;
  datasetId: string;
  /** Quoted current table of the dataset. */
  table: string;
  columns: ColumnInfo[];
  rowCount: number;
  checkpoint(): Promise<void>;
  progress(done: number, total: number | null, label: string): void;
}

/** A column an operation appends (e.g. an outlier flag). */
export interface PlannedColumn {
  name: string;
  type: ColumnType;
  valueOf(rowId: number): SqlCell;
}

/**
 * The outcome of analysing an operation, before anything is written. Preview shows it; apply
 * streams the current table through it into a new version table in one INSERT … SELECT.
 */
export interface StepPlan {
  affectedRows: number;
  removedRows: number;
  /** Rows to drop (by _row); null when none. */
  removed: Set<number> | null;
  /** Per column key: the new value of a cell, given its old value and row. */
  rewrites: Map<string, (value: SqlCell, rowId: number) => SqlCell>;
  typeChanges: Map<string, ColumnType>;
  newColumns: PlannedColumn[];
  /** First affected rows (by _row), for the preview sample. */
  sampleRowIds: number[];
  /** Column keys shown in the preview sample. */
  shownKeys: string[];
  report: CleanReport;
}

export function emptyPlan(shownKeys: string[]): StepPlan {
  return {
    affectedRows: 0,
    removedRows: 0,
    removed: null,
    rewrites: new Map(),
    typeChanges: new Map(),
    newColumns: [],
    sampleRowIds: [],
    shownKeys,
    report: {},
  };
}

/** How many affected row ids a plan keeps for its preview. */
export const SAMPLE_LIMIT = 200;

export const NUMERIC_TYPES: ReadonlySet<ColumnType> = new Set(['integer', 'decimal', 'percent', 'currency', 'date', 'datetime', 'boolean']);
