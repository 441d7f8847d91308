import type Database from 'better-sqlite3';

/**
 * A schema change, identified by a stable id. Ids are recorded in `_kequn_migrations`; a project
 * file holding an id this build does not know was written by a newer Kequn and is not touched.
 * Each capability adds its own migration file and registers it in ./index.ts.
 */
export interface Migration {
  id: string;
  up: (db: Database.Database) => void;
  /**
   * The migration rebuilds a table other tables refer to (SQLite's 12-step schema change):
   * foreign keys are switched off around it and checked before it commits.
   */
  foreignKeysOff?: boolean;
}
