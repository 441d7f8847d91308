import type { Migration } from './types';

/** Saved models that are not segmentations (tree explanations, factor models): kind + JSON record. */
export const modelsMigration: Migration = {
  id: 'models-001-models',
  up: (db) => {
    db.exec(`
      CREATE TABLE models (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('tree', 'factor')),
        name TEXT NOT NULL,
        record_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `);
  },
};
