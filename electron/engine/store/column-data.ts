import type Database from 'better-sqlite3';
import type { ColumnDataStats } from './column-builder';

/** One immutable column data object as recorded in `col_data`. */
export interface ColumnDataInfo extends ColumnDataStats {
  id: number;
}

interface DataRow {
  id: number;
  rows: number;
  numbers: number;
  texts: number;
  dict_size: number;
  local_chunks: number;
}

/**
 * The `col_data` and `col_chunks` tables: creating data objects, reading their parts, deleting
 * the ones nothing refers to. Statements are prepared once per connection.
 */
export class ColumnDataTable {
  private readonly insertData: Database.Statement;
  private readonly insertChunk: Database.Statement;
  private readonly finishData: Database.Statement;
  private readonly selectData: Database.Statement;
  private readonly selectChunk: Database.Statement;
  private readonly selectPart: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insertData = db.prepare('INSERT INTO col_data (rows, numbers, texts, dict_size, local_chunks, staged) VALUES (0, 0, 0, 0, 0, ?)');
    this.insertChunk = db.prepare('INSERT INTO col_chunks (data_id, part, chunk, bytes) VALUES (?, ?, ?, ?)');
    this.finishData = db.prepare('UPDATE col_data SET rows = ?, numbers = ?, texts = ?, dict_size = ?, local_chunks = ? WHERE id = ?');
    this.selectData = db.prepare('SELECT * FROM col_data WHERE id = ?');
    this.selectChunk = db.prepare('SELECT bytes FROM col_chunks WHERE data_id = ? AND part = ? AND chunk = ?').pluck();
    this.selectPart = db.prepare('SELECT chunk, bytes FROM col_chunks WHERE data_id = ? AND part = ? ORDER BY chunk').raw();
  }

  /** A new, empty data object; `staged` ones are invisible to readers and swept if never committed. */
  create(staged: boolean): number {
    return Number(this.insertData.run(staged ? 1 : 0).lastInsertRowid);
  }

  putChunk(dataId: number, part: number, chunk: number, bytes: Buffer): void {
    this.insertChunk.run(dataId, part, chunk, bytes);
  }

  finish(dataId: number, stats: ColumnDataStats): void {
    this.finishData.run(stats.rows, stats.numbers, stats.texts, stats.dictSize, stats.localChunks, dataId);
  }

  /** Marks staged data objects as committed (inside the committing transaction). */
  unstage(ids: readonly number[]): void {
    if (ids.length === 0) return;
    this.db.prepare('UPDATE col_data SET staged = 0 WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
  }

  get(dataId: number): ColumnDataInfo | null {
    const r = this.selectData.get(dataId) as DataRow | undefined;
    if (!r) return null;
    return { id: r.id, rows: r.rows, numbers: r.numbers, texts: r.texts, dictSize: r.dict_size, localChunks: r.local_chunks };
  }

  chunk(dataId: number, part: number, chunk: number): Buffer | null {
    return (this.selectChunk.get(dataId, part, chunk) as Buffer | undefined) ?? null;
  }

  /** Every chunk of one part in order; the statement is drained before returning. */
  part(dataId: number, part: number): [number, Buffer][] {
    return this.selectPart.all(dataId, part) as [number, Buffer][];
  }

  /** Copies a whole data object (all parts) under a new id, inside SQLite. */
  copy(dataId: number, staged: boolean): number {
    const id = this.create(staged);
    this.db.prepare('INSERT INTO col_chunks (data_id, part, chunk, bytes) SELECT ?, part, chunk, bytes FROM col_chunks WHERE data_id = ?').run(id, dataId);
    const src = this.get(dataId);
    if (src) this.finish(id, src);
    return id;
  }

  /** Copies the given parts of a data object under a new id (the caller adds the others). */
  copyParts(dataId: number, parts: readonly number[], into: number): void {
    this.db
      .prepare('INSERT INTO col_chunks (data_id, part, chunk, bytes) SELECT ?, part, chunk, bytes FROM col_chunks WHERE data_id = ? AND part IN (SELECT value FROM json_each(?))')
      .run(into, dataId, JSON.stringify(parts));
  }

  /** Deletes staged data objects (a failed or cancelled operation, or leftovers of a crash). */
  discard(ids: readonly number[]): void {
    if (ids.length === 0) return;
    this.db.prepare('DELETE FROM col_data WHERE staged = 1 AND id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
  }

  discardAllStaged(): number {
    return this.db.prepare('DELETE FROM col_data WHERE staged = 1').run().changes;
  }

  /**
   * Deletes committed data objects that no dataset column, row-id list or cleaning step refers
   * to, except pinned ones (read by running work). Returns how many went.
   */
  collectGarbage(pinned: readonly number[]): number {
    return this.db
      .prepare(
        `DELETE FROM col_data WHERE staged = 0
           AND NOT EXISTS (SELECT 1 FROM dataset_columns c WHERE c.data_id = col_data.id)
           AND NOT EXISTS (SELECT 1 FROM datasets d WHERE d.rowid_data = col_data.id)
           AND NOT EXISTS (SELECT 1 FROM clean_step_data s WHERE s.data_id = col_data.id)
           AND id NOT IN (SELECT value FROM json_each(?))`,
      )
      .run(JSON.stringify(pinned)).changes;
  }
}
