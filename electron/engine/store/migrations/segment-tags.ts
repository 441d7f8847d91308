import type { Migration } from './types';

/**
 * Tags are non-exclusive labels (a customer can carry many), so they cannot be a label column:
 * one row per (dataset row, tag). Applying a tag set again replaces that set's tags.
 */
export const segmentTagsMigration: Migration = {
  id: 'segment-001-tags',
  up: (db) => {
    db.exec(`
      CREATE TABLE segment_tags (
        dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        row_id INTEGER NOT NULL,
        tag_set TEXT NOT NULL,
        tag_group TEXT NOT NULL,
        tag TEXT NOT NULL,
        PRIMARY KEY (dataset_id, tag_set, tag_group, tag, row_id)
      );
      CREATE INDEX segment_tags_by_tag ON segment_tags (dataset_id, tag, row_id);
      CREATE TABLE segment_tag_sets (
        dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        definition_json TEXT NOT NULL,
        applied_at TEXT NOT NULL,
        PRIMARY KEY (dataset_id, name)
      );
    `);
  },
};
