import type { Migration } from './types';

/**
 * Datasets become columns. Cell data lives in immutable column data objects (`col_data`) whose
 * chunks of typed arrays are BLOBs (`col_chunks`, layout in ../column-codec.ts). A dataset's
 * columns point at data objects; a cleaning step that rewrites a column points it at a new one,
 * and undo points it back, so no step copies the columns it does not touch. `version` rises with
 * every write to a dataset (caches are keyed by it). `rowid_data` holds the stable row ids once
 * rows were removed (null = 1…n).
 *
 * Row tables of older projects are kept under `legacy_table` and converted after this schema
 * change, one table per transaction with progress (../legacy-convert.ts).
 */
export const columnarMigration: Migration = {
  id: '0003-columnar',
  foreignKeysOff: true,
  up: (db) => {
    db.exec(`
      CREATE TABLE col_data (
        id INTEGER PRIMARY KEY,
        rows INTEGER NOT NULL,
        numbers INTEGER NOT NULL,
        texts INTEGER NOT NULL,
        dict_size INTEGER NOT NULL,
        local_chunks INTEGER NOT NULL,
        staged INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE col_chunks (
        data_id INTEGER NOT NULL REFERENCES col_data(id) ON DELETE CASCADE,
        part INTEGER NOT NULL,
        chunk INTEGER NOT NULL,
        bytes BLOB NOT NULL,
        UNIQUE (data_id, part, chunk)
      );

      CREATE TABLE datasets_v3 (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        row_count INTEGER NOT NULL DEFAULT 0,
        rowid_data INTEGER REFERENCES col_data(id),
        version INTEGER NOT NULL DEFAULT 1,
        source TEXT,
        origin_json TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        legacy_table TEXT
      );
      INSERT INTO datasets_v3 (id, seq, name, kind, row_count, source, origin_json, created_at, updated_at, legacy_table)
        SELECT id, seq, name, kind, row_count, source, origin_json, created_at, updated_at, table_name FROM datasets;
      DROP TABLE datasets;
      ALTER TABLE datasets_v3 RENAME TO datasets;

      ALTER TABLE dataset_columns ADD COLUMN data_id INTEGER REFERENCES col_data(id);
      ALTER TABLE dataset_columns ADD COLUMN labels_json TEXT;

      CREATE TABLE clean_steps_v3 (
        id TEXT PRIMARY KEY,
        dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        operation_json TEXT NOT NULL,
        report_json TEXT NOT NULL,
        affected_rows INTEGER NOT NULL,
        rows_before INTEGER NOT NULL,
        rows_after INTEGER NOT NULL,
        before_json TEXT NOT NULL,
        after_json TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('applied', 'undone')),
        created_at TEXT NOT NULL,
        legacy_before_table TEXT,
        legacy_after_table TEXT,
        UNIQUE (dataset_id, seq)
      );
      INSERT INTO clean_steps_v3 (id, dataset_id, seq, operation_json, report_json, affected_rows, rows_before, rows_after,
          before_json, after_json, state, created_at, legacy_before_table, legacy_after_table)
        SELECT id, dataset_id, seq, operation_json, report_json, affected_rows, rows_before, rows_after,
          '{"columns":' || before_meta_json || ',"rowIds":null}', '{"columns":' || after_meta_json || ',"rowIds":null}',
          state, created_at, before_table, after_table FROM clean_steps;
      DROP TABLE clean_steps;
      ALTER TABLE clean_steps_v3 RENAME TO clean_steps;

      -- Every data object a step's two states refer to, so unreferenced data can be found with SQL.
      CREATE TABLE clean_step_data (
        step_id TEXT NOT NULL REFERENCES clean_steps(id) ON DELETE CASCADE,
        data_id INTEGER NOT NULL REFERENCES col_data(id),
        PRIMARY KEY (step_id, data_id)
      ) WITHOUT ROWID;
      CREATE INDEX clean_step_data_by_data ON clean_step_data (data_id);
      CREATE INDEX dataset_columns_by_data ON dataset_columns (data_id);
    `);
  },
};
