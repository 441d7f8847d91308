import type { Migration } from './types';

/**
 * Saved chart specs live with saved pivots and cross-tabs (one id space, one list for the report
 * dialog). SQLite cannot widen a CHECK constraint in place, so the table is rebuilt with its rows.
 */
export const analyzeChartSpecsMigration: Migration = {
  id: 'analyze-002-chart-specs',
  up: (db) => {
    db.exec(`
      CREATE TABLE pivots_v2 (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('pivot', 'crosstab', 'chart')),
        spec_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      INSERT INTO pivots_v2 (id, seq, dataset_id, name, kind, spec_json, created_at, updated_at)
        SELECT id, seq, dataset_id, name, kind, spec_json, created_at, updated_at FROM pivots;
      DROP TABLE pivots;
      ALTER TABLE pivots_v2 RENAME TO pivots;
    `);
  },
};
