import { coreMigration } from './core';
import { segmentationsMigration } from './segmentations';
import { segmentTagsMigration } from './segment-tags';
import { segmentTemplatesMigration } from './segment-templates';
import { analyzePivotsMigration } from './analyze-pivots';
import { cleanStepsMigration } from './clean-steps';
import { reportLogMigration } from './report-log';
import type { Migration } from './types';

/** Applied in this order; append only (never reorder or edit a shipped migration). */
export const migrations: Migration[] = [coreMigration, segmentationsMigration, segmentTagsMigration, segmentTemplatesMigration, analyzePivotsMigration, cleanStepsMigration, reportLogMigration];

export type { Migration };
