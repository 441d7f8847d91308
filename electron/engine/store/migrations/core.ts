import type { Migration } from './types';

/** The core schema: project metadata, datasets and their column metadata. */
export const coreMigration: Migration = {
  id: '0001-core',
  up: (db) => {
    db.exec(`
      CREATE TABLE project (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE datasets (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        table_name TEXT NOT NULL UNIQUE,
        row_count INTEGER NOT NULL DEFAULT 0,
        source TEXT,
        origin_json TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE dataset_columns (
        dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        key TEXT NOT NULL,
        name TEXT NOT NULL,
        original_header TEXT,
        type TEXT NOT NULL,
        format TEXT,
        invalid_count INTEGER NOT NULL DEFAULT 0,
        missing_count INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (dataset_id, key)
      );
    `);
  },
};
