import type { CellValue } from '../../../shared/contract/json';
import type { ColumnDataStats } from '../store/column-builder';
import type { RowsWriter } from '../store/rows-writer';
import { ByteColumn, type KeptRecords } from './byte-column';
import { planSplit, startSplit, type ColumnSplit } from './column-split';
import type { SplitColumnResult } from './column-split-protocol';
import type { ColumnConversion } from './convert-cell';
import type { CsvByteReader } from './csv-byte-reader';
import { cellTooLong, LIMITS } from './limits';
import type { RawCell } from './raw-cell';
import { checkWidth, isEmptyRow, type TableHead } from './table-head';
import { writeScannedBatch, type RowTally } from './write-scanned';

export interface ImportTicker {
  /** Called after each batch: yields, reports progress, throws CANCELLED when asked to stop. */
  tick(rows: number, bytesRead: number, bytesTotal: number): Promise<void>;
}

export interface WriteOutcome extends Omit<RowTally, 'rowNumber'> {
  /** Columns a second thread wrote (their chunks went to `ChunkStore.put`): their data counts. */
  remote: Map<number, ColumnDataStats>;
}

/** Stores a chunk of target column `target` that another thread encoded. */
export type ChunkStore = (target: number, part: number, chunk: number, bytes: Buffer) => void;

/**
 * Streams a table's rows into a dataset writer: `mapping[i]` is the source column written to
 * target column i (-1 = none). Empty rows are skipped. The writer stages column data; the
 * caller commits it. Delimited text read as bytes hands over its records after the type
 * sample, and those are written column by column from the bytes; given `store`, a large file's
 * columns are shared with a second thread (column-split.ts).
 */
export async function writeRows(
  head: TableHead,
  writer: RowsWriter,
  conversions: ColumnConversion[],
  mapping: number[],
  ticker: ImportTicker,
  store?: ChunkStore,
): Promise<WriteOutcome> {
  const sourceWidth = head.headers.length;
  const source = head.source;
  const tally: RowTally = { rows: 0, extraCells: 0, shortRows: 0, firstShortRow: null, lastRowShort: null, rowNumber: head.headerRow };
  const scanned = head.more ? source.scannedRest?.() : undefined;
  const remoteTargets = scanned && store ? planSplit(conversions.map((c) => c.type), mapping, head.sampleRows, source.bytesTotal - source.bytesRead()) : [];
  const local = mapping.map((_, i) => i).filter((i) => !remoteTargets.includes(i));
  const split = scanned && store && remoteTargets.length > 0 ? startSecondThread(head, scanned, conversions, mapping, remoteTargets, store) : null;
  const remote = new Map<number, ColumnDataStats>();
  try {
    writeRowBatch(head.sampleRows, head, conversions, mapping, local, writer, tally);
    await ticker.tick(tally.rows, source.bytesRead(), source.bytesTotal);
    if (scanned) {
      const columns = local.map((i) => new ByteColumn(i, conversions[i]!, writer));
      const sources = local.map((i) => mapping[i]!);
      let kept: KeptRecords = { count: 0, records: new Int32Array(0), rowNumbers: new Int32Array(0) };
      // Progress is the slower thread's: the bar does not wait at the end for the other one.
      const done = (): number => (split ? Math.min(source.bytesRead(), split.bytesRead()) : source.bytesRead());
      for (;;) {
        const batch = await scanned.next();
        if (batch === null) break;
        kept = writeScannedBatch(batch, columns, sources, sourceWidth, writer, tally, kept);
        split?.check();
        await ticker.tick(tally.rows, done(), source.bytesTotal);
      }
      if (split) {
        let results: SplitColumnResult[] | null = null;
        while (results === null) {
          results = await split.next();
          await ticker.tick(tally.rows, done(), source.bytesTotal);
        }
        results.forEach((r, k) => {
          const target = remoteTargets[k]!;
          writer.invalid[target] = r.invalid;
          writer.missing[target] = r.missing;
          conversions[target]!.notes.absorb(r.notes);
          remote.set(target, r.stats);
        });
      }
    } else if (head.more) {
      for (;;) {
        const next = await head.rest.next();
        if (next.done) break;
        for (const row of next.value) checkWidth(row);
        writeRowBatch(next.value, head, conversions, mapping, local, writer, tally);
        await ticker.tick(tally.rows, source.bytesRead(), source.bytesTotal);
      }
    }
  } catch (e) {
    split?.stop();
    // Stop the reader now (closes its file) instead of leaving it to the garbage collector.
    await head.rest.return?.().catch(() => undefined);
    source.close();
    throw e;
  }
  await head.rest.return?.().catch(() => undefined);
  const { rowNumber: _last, ...counts } = tally;
  return { ...counts, remote };
}

/** Rows of strings (workbooks, the type sample, decoded text): the columns in `targets`. */
function writeRowBatch(batch: RawCell[][], head: TableHead, conversions: ColumnConversion[], mapping: number[], targets: number[], writer: RowsWriter, tally: RowTally): void {
  const sourceWidth = head.headers.length;
  // Workbook readers leave trailing empty cells out; only text tables list every cell of a row.
  const countShort = head.source.rowsListAllCells === true;
  for (const row of batch) {
    const rowNumber = ++tally.rowNumber;
    if (isEmptyRow(row)) continue;
    if (countShort) {
      if (row.length < sourceWidth) {
        tally.shortRows++;
        tally.firstShortRow ??= rowNumber;
        tally.lastRowShort = row.length;
      } else tally.lastRowShort = null;
    }
    for (const i of targets) {
      const src = mapping[i]!;
      const v: CellValue = src < 0 ? null : conversions[i]!.convert(row[src] ?? null, rowNumber);
      writer.cell(i, v);
    }
    for (let c = sourceWidth; c < row.length; c++) {
      const v = row[c];
      if (v === null || v === '' || v === undefined) continue;
      if (typeof v === 'string' && v.length > LIMITS.maxCellChars) throw cellTooLong(v.length, rowNumber);
      tally.extraCells++;
    }
    writer.addRows(1);
    tally.rows++;
  }
}

/** Hands `targets` to a second thread: it converts the type sample's rows for them, then reads on. */
function startSecondThread(head: TableHead, reader: CsvByteReader, conversions: ColumnConversion[], mapping: number[], targets: number[], store: ChunkStore): ColumnSplit {
  const sample = head.sampleRows.filter((r) => !isEmptyRow(r));
  return startSplit(
    {
      ...reader.resume(),
      sourceWidth: head.headers.length,
      columns: targets.map((target) => ({ target, src: mapping[target]!, type: conversions[target]!.type, dateOrder: conversions[target]!.dateOrder })),
      sample: sample.map((row) => targets.map((t) => (mapping[t]! < 0 ? null : (row[mapping[t]!] ?? null)))),
      sampleRowNumbers: sample.map((_, r) => head.headerRow + 1 + r),
      rowNumber: head.headerRow + sample.length,
    },
    store,
  );
}
