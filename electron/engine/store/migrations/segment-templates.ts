import type { Migration } from './types';

/**
 * A user's own schemes saved as templates (kept in the project file), and the edited segment
 * description cards of each segmentation (generated cards are not stored until edited).
 */
export const segmentTemplatesMigration: Migration = {
  id: 'segment-002-templates',
  up: (db) => {
    db.exec(`
      CREATE TABLE segment_templates (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        definition_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE segment_cards (
        segmentation_id TEXT NOT NULL REFERENCES segmentations(id) ON DELETE CASCADE,
        segment TEXT NOT NULL,
        status TEXT NOT NULL,
        behaviour TEXT NOT NULL,
        value TEXT NOT NULL,
        needs TEXT NOT NULL,
        PRIMARY KEY (segmentation_id, segment)
      );
    `);
  },
};
