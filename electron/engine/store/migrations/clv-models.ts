import type { Migration } from './types';

/**
 * Fitted customer-value models (BG/NBD + Gamma-Gamma): parameters, fit diagnostics, holdout
 * validation and chart data, kept with the customer dataset and the tiers segmentation they
 * wrote. Removing that dataset removes the model with it.
 */
export const clvModelsMigration: Migration = {
  id: 'clv-001-models',
  up: (db) => {
    db.exec(`
      CREATE TABLE clv_models (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        source_dataset_id TEXT NOT NULL,
        dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        segmentation_id TEXT NOT NULL,
        model_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX clv_models_source ON clv_models(source_dataset_id);
    `);
  },
};
