import type { Migration } from './types';

/**
 * Cleaning history. Undo design: a step never edits rows in place. The dataset's live table
 * (ds_<n>) is parked unchanged under kq_ds<n>_v<k> and the new state is written into a fresh
 * ds_<n>. So the imported original (version 0) is kept byte for byte, undo and redo only swap
 * tables by renaming (no copy: constant time), and each step keeps the column metadata of both
 * sides. Applying a step after an undo drops the versions that can no longer be redone.
 */
export const cleanStepsMigration: Migration = {
  id: 'clean-001-steps',
  up: (db) => {
    db.exec(`
      CREATE TABLE clean_steps (
        id TEXT PRIMARY KEY,
        dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        operation_json TEXT NOT NULL,
        report_json TEXT NOT NULL,
        affected_rows INTEGER NOT NULL,
        rows_before INTEGER NOT NULL,
        rows_after INTEGER NOT NULL,
        before_table TEXT NOT NULL,
        after_table TEXT NOT NULL,
        before_meta_json TEXT NOT NULL,
        after_meta_json TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('applied', 'undone')),
        created_at TEXT NOT NULL,
        UNIQUE (dataset_id, seq)
      );
      CREATE TABLE clean_recipes (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        source_dataset_id TEXT,
        operations_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `);
  },
};
