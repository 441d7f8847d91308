import { coreMigration } from './core';
import { segmentationsMigration } from './segmentations';
import { segmentTagsMigration } from './segment-tags';
import { segmentTemplatesMigration } from './segment-templates';
import { analyzePivotsMigration } from './analyze-pivots';
import { analyzeChartSpecsMigration } from './analyze-chart-specs';
import { cleanStepsMigration } from './clean-steps';
import { clvModelsMigration } from './clv-models';
import { columnarMigration } from './columnar';
import { modelsMigration } from './models';
import { reportLogMigration } from './report-log';
import type { Migration } from './types';

/** Applied in this order; append only (never reorder or edit a shipped migration). */
export const migrations: Migration[] = [
  coreMigration,
  segmentationsMigration,
  segmentTagsMigration,
  segmentTemplatesMigration,
  analyzePivotsMigration,
  cleanStepsMigration,
  columnarMigration,
  analyzeChartSpecsMigration,
  clvModelsMigration,
  modelsMigration,
  reportLogMigration,
];

export type { Migration };
