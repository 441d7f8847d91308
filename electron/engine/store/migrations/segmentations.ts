import type { Migration } from './types';

/**
 * Segmentations from every method (RFM rules, rule schemes, k-means) share one store: the
 * definition with all parameters and the seed, the per-segment summary, and the label column
 * written into the dataset so grid, pivot, cross-tab and report can use it like any column.
 */
export const segmentationsMigration: Migration = {
  id: '0002-segmentations',
  up: (db) => {
    db.exec(`
      CREATE TABLE segmentations (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        method TEXT NOT NULL,
        name TEXT NOT NULL,
        column_key TEXT NOT NULL,
        definition_json TEXT NOT NULL,
        summary_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `);
  },
};
