import type Database from 'better-sqlite3';
import { KequnError } from '../../../shared/contract/errors';
import { migrations as allMigrations, type Migration } from './migrations/index';

/** Migrations this file has not applied yet; throws PROJECT_NEWER_VERSION for unknown ones. */
export function pendingMigrations(db: Database.Database, migrations: Migration[] = allMigrations): Migration[] {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_kequn_migrations'").get() !== undefined;
  const applied = new Set(hasTable ? (db.prepare('SELECT id FROM _kequn_migrations').pluck().all() as unknown[]).map((v) => String(v)) : []);
  const known = new Set(migrations.map((m) => m.id));
  const unknown = [...applied].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new KequnError('PROJECT_NEWER_VERSION', `Project has schema changes unknown to this version: ${unknown.join(', ')}`, {
      zh: `该项目由更新版本的客群创建，当前版本无法打开（未知的结构变更：${unknown.join(', ')}）`,
      details: { migrations: unknown },
    });
  }
  return migrations.filter((m) => !applied.has(m.id));
}

/**
 * Brings a project file to the current schema, each migration in its own transaction, so a crash
 * leaves the file at the last completed migration. Returns the number of known migrations.
 */
export function migrate(db: Database.Database, migrations: Migration[] = allMigrations): number {
  const pending = pendingMigrations(db, migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS _kequn_migrations (
    id TEXT PRIMARY KEY, seq INTEGER NOT NULL, applied_at TEXT NOT NULL)`);
  const record = db.prepare('INSERT INTO _kequn_migrations (id, seq, applied_at) VALUES (?, ?, ?)');
  for (const m of pending) {
    const seq = migrations.indexOf(m) + 1;
    // PRAGMA foreign_keys is a no-op inside a transaction, so it is switched around it.
    if (m.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        m.up(db);
        if (m.foreignKeysOff) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`Migration ${m.id} left ${broken.length} broken references`);
        }
        record.run(m.id, seq, new Date().toISOString());
      })();
    } finally {
      if (m.foreignKeysOff) db.pragma('foreign_keys = ON');
    }
  }
  return migrations.length;
}
