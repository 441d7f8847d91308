import type { BooleanLabels, ColumnType, DatasetKind } from '../../../shared/contract/datasets';

/** A column of a dataset made in one go (derived datasets, demo data). */
export interface NewColumn {
  name: string;
  originalHeader: string | null;
  type: ColumnType;
  format?: string | null;
  /** Boolean columns: the yes/no words to show (absent: TRUE/FALSE). */
  labels?: BooleanLabels | null;
}

export interface NewDataset {
  name: string;
  kind: DatasetKind;
  source: string | null;
  columns: NewColumn[];
  /** JSON-safe description of how a derived dataset was made (recipe), stored as is. */
  origin?: unknown;
}
