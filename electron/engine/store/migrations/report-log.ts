import type { Migration } from './types';

/**
 * Segmentation reports written from the project: which segmentation, where the file went, in
 * which language and with which sheets, so the workflow panel can show and reopen them.
 * No foreign key to segmentations: the record (and the file) outlive a removed segmentation.
 */
export const reportLogMigration: Migration = {
  id: 'report-001-log',
  up: (db) => {
    db.exec(`
      CREATE TABLE report_log (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        segmentation_id TEXT NOT NULL,
        segmentation_name TEXT NOT NULL,
        path TEXT NOT NULL,
        lang TEXT NOT NULL,
        sheets_json TEXT NOT NULL,
        customers INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
    `);
  },
};
