import type { CellValue } from '../../../shared/contract/json';
import type { ProjectStore } from './project-store';

export interface RowChunkQuery {
  datasetId: string;
  /** Column list for SELECT over the table aliased `t` (e.g. 't."c0", t."c3"'); where/orderBy use `t` too. */
  select: string;
  where?: { sql: string; params: unknown[] };
  /** ORDER BY clause over quoted columns; default the import order (_row). */
  orderBy?: string;
  chunkSize?: number;
}

/**
 * Reads rows in chunks without keeping a statement open between chunks. Long exports yield to
 * the event loop between chunks (progress, cancel, other requests); better-sqlite3 refuses any
 * other statement on a connection while an iterator is open, so no iterator may live across an
 * await. Import order pages by _row; any other order first fixes the ordered row ids.
 */
export function* rowChunks(store: ProjectStore, q: RowChunkQuery): Generator<CellValue[][]> {
  const table = store.tableOf(q.datasetId);
  const size = q.chunkSize ?? 5000;
  const whereSql = q.where ? ` AND (${q.where.sql})` : '';
  const params = q.where?.params ?? [];
  if (!q.orderBy || q.orderBy === '_row') {
    const stmt = store.db.prepare(`SELECT t._row, ${q.select} FROM ${table} t WHERE t._row > ?${whereSql} ORDER BY t._row LIMIT ?`).raw();
    let after = 0;
    for (;;) {
      const rows = stmt.all(after, ...params, size) as CellValue[][];
      if (rows.length === 0) return;
      after = rows[rows.length - 1]![0] as number;
      yield rows.map((r) => r.slice(1));
      if (rows.length < size) return;
    }
  }
  const ids = store.db
    .prepare(`SELECT t._row FROM ${table} t WHERE 1=1${whereSql} ORDER BY ${q.orderBy}, t._row`)
    .pluck()
    .all(...params) as number[];
  const fetch = store.db.prepare(`SELECT ${q.select} FROM json_each(?) j JOIN ${table} t ON t._row = j.value ORDER BY j.key`).raw();
  for (let i = 0; i < ids.length; i += size) {
    yield fetch.all(JSON.stringify(ids.slice(i, i + size))) as CellValue[][];
  }
}
