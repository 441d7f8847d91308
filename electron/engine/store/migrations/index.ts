import { coreMigration } from './core';
import { segmentationsMigration } from './segmentations';
import type { Migration } from './types';

/** Applied in this order; append only (never reorder or edit a shipped migration). */
export const migrations: Migration[] = [coreMigration, segmentationsMigration];

export type { Migration };
