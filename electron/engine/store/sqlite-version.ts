import Database from 'better-sqlite3';

let version: string | null = null;

/** The SQLite library version (asked once of an in-memory database; it cannot change at run time). */
export function sqliteVersion(): string {
  if (version === null) {
    const db = new Database(':memory:');
    version = String(db.prepare('SELECT sqlite_version()').pluck().get());
    db.close();
  }
  return version;
}
