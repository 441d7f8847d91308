import { z } from 'zod';
import type { CrosstabSpec, PivotSpec } from './analyze';
import type { ColumnType, DatasetKind } from './datasets';
import { method, result } from './define';
import type { ProjectInfo } from './project';
import type { ReportSheet } from './exports';
import type { SegmentationMethod } from './segmentations';

/** A dataset as the workflow panel lists it. */
export interface OverviewDataset {
  id: string;
  name: string;
  kind: DatasetKind;
  rowCount: number;
  /** Names and types, so the workflow can tell an order table (dates and amounts) from others. */
  columns: { name: string; type: ColumnType }[];
  /** File and sheet for imports, a recipe for derived data ("RFM of 订单明细 as of …"). */
  source: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OverviewSegmentation {
  id: string;
  datasetId: string;
  name: string;
  method: SegmentationMethod;
  segmentCount: number;
  /** Customers (rows) placed in a segment. */
  customers: number;
  createdAt: string;
}

/** A saved pivot (descriptive analysis) or preference cross-tab, with the spec to reopen it. */
export type OverviewAnalysis =
  | { id: string; datasetId: string; name: string; kind: 'pivot'; spec: PivotSpec; updatedAt: string }
  | { id: string; datasetId: string; name: string; kind: 'crosstab'; spec: CrosstabSpec; updatedAt: string };

/** A segmentation report written from this project (the file may since have moved). */
export interface ReportRecord {
  id: string;
  segmentationId: string;
  /** The segmentation's name when the report was written (it may be removed later). */
  segmentationName: string;
  path: string;
  lang: 'zh' | 'en';
  sheets: ReportSheet[];
  customers: number;
  createdAt: string;
}

/** Everything the project has produced, step by step, in one read. */
export interface ProjectOverview {
  project: ProjectInfo;
  datasets: OverviewDataset[];
  segmentations: OverviewSegmentation[];
  analyses: OverviewAnalysis[];
  reports: ReportRecord[];
}

export const projectOverviewContract = {
  /** Read-only: the project's datasets, segmentations, saved analyses and written reports (the workflow panel). */
  'project.overview': method(z.object({}).strict(), result<ProjectOverview>()),
};
