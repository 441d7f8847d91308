import type Database from 'better-sqlite3';
import { KequnError } from '../../../shared/contract/errors';
import { migrations as allMigrations, type Migration } from './migrations/index';

/**
 * Brings a project file to the current schema, each migration in its own transaction, so a crash
 * leaves the file at the last completed migration. Returns the number of applied migrations.
 */
export function migrate(db: Database.Database, migrations: Migration[] = allMigrations): number {
  db.exec(`CREATE TABLE IF NOT EXISTS _kequn_migrations (
    id TEXT PRIMARY KEY, seq INTEGER NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    db
      .prepare('SELECT id FROM _kequn_migrations')
      .pluck()
      .all()
      .map((v) => String(v)),
  );
  const known = new Set(migrations.map((m) => m.id));
  const unknown = [...applied].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new KequnError('PROJECT_NEWER_VERSION', `Project has schema changes unknown to this version: ${unknown.join(', ')}`, {
      details: { migrations: unknown },
    });
  }
  const record = db.prepare('INSERT INTO _kequn_migrations (id, seq, applied_at) VALUES (?, ?, ?)');
  migrations.forEach((m, seq) => {
    if (applied.has(m.id)) return;
    db.transaction(() => {
      m.up(db);
      record.run(m.id, seq + 1, new Date().toISOString());
    })();
  });
  return migrations.length;
}
