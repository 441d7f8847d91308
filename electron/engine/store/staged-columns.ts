import { ColumnBuilder, type ColumnDataStats } from './column-builder';
import type { ColumnDataTable } from './column-data';

/** Chunks wait in memory until this many bytes, then go to the file in one short transaction. */
const FLUSH_BYTES = 16 * 1024 * 1024;

interface PendingChunk {
  dataId: number;
  part: number;
  chunk: number;
  bytes: Buffer;
}

/**
 * Column data written by long work before it commits. The data objects are created `staged`:
 * readers never see them, and the chunks go to the file in short transactions as they fill, so
 * the writer is never held across an await and memory stays bounded. The work's final commit
 * unstages them together with the metadata that points at them; a failure or cancel discards
 * them, and a crash leaves them staged, to be swept when the project is next opened.
 */
export class StagedColumns {
  private readonly ids: number[] = [];
  private pending: PendingChunk[] = [];
  private pendingBytes = 0;
  private closed = false;

  constructor(
    private readonly data: ColumnDataTable,
    private readonly transact: <T>(fn: () => T) => T,
  ) {}

  /** A new staged data object and the builder that fills it. */
  column(): { dataId: number; builder: ColumnBuilder } {
    this.assertOpen();
    const dataId = this.transact(() => this.data.create(true));
    this.ids.push(dataId);
    const builder = new ColumnBuilder((part, chunk, bytes) => this.put(dataId, part, chunk, bytes));
    return { dataId, builder };
  }

  /** Stages one encoded part of a column (a builder's, or one another thread encoded). */
  put(dataId: number, part: number, chunk: number, bytes: Buffer): void {
    this.assertOpen();
    this.pending.push({ dataId, part, chunk, bytes });
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  /** Finishes a builder's column: its last chunks, dictionary and counts. */
  finish(dataId: number, builder: ColumnBuilder): ColumnDataStats {
    return this.finishWith(dataId, builder.finish());
  }

  /** Finishes a column whose parts were all put, with the counts its builder gave. */
  finishWith(dataId: number, stats: ColumnDataStats): ColumnDataStats {
    this.flush();
    this.transact(() => this.data.finish(dataId, stats));
    return stats;
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    this.transact(() => {
      for (const c of batch) this.data.putChunk(c.dataId, c.part, c.chunk, c.bytes);
    });
  }

  get dataIds(): readonly number[] {
    return this.ids;
  }

  /** Called inside the committing transaction: the data becomes visible with the metadata. */
  commitInside(): void {
    this.flush();
    this.data.unstage(this.ids);
    this.closed = true;
  }

  /** Throws the staged data away (failure, cancel). Safe to call twice or after a commit. */
  discard(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    try {
      this.transact(() => this.data.discard(this.ids));
    } catch {
      // The project may be closed already; what is left staged is swept on the next open.
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('Staged columns were already committed or discarded');
  }
}
