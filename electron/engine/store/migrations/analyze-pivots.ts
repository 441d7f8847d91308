import type { Migration } from './types';

/** Saved pivot and cross-tab specs (declarative JSON), re-runnable on new data. */
export const analyzePivotsMigration: Migration = {
  id: 'analyze-001-pivots',
  up: (db) => {
    db.exec(`
      CREATE TABLE pivots (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('pivot', 'crosstab')),
        spec_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
  },
};
