import type Database from 'better-sqlite3';
import { quoteIdent } from '../store/sql';

/**
 * Creates single-column indexes on demand (first sort, filter or value list on a column), named
 * per table and column so that dropping a dataset's table drops them too. The lookup in
 * sqlite_master is microseconds, so it runs on every request rather than trusting a memo that
 * a reused table name could make stale.
 */
export function indexName(table: string, column: string): string {
  return `ix_${table}_${column}`;
}

/** Returns true when the index was created by this call. */
export function ensureIndex(db: Database.Database, table: string, column: string): boolean {
  const name = indexName(table, column);
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) !== undefined;
  if (exists) return false;
  db.exec(`CREATE INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${quoteIdent(table)} (${quoteIdent(column)})`);
  return true;
}
