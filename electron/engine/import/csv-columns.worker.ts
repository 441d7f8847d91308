/**
 * The second thread of a large text import: reads the same file from where the type sample
 * ended and writes its share of the columns (column-split.ts), sending the encoded chunks to
 * the engine, which stores them. It never touches the project file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isKequnError } from '../../../shared/contract/errors';
import { ColumnBuilder } from '../store/column-builder';
import { RowsWriter } from '../store/rows-writer';
import { ByteColumn, type KeptRecords } from './byte-column';
import type { SplitJob, SplitMessage, SplitPart } from './column-split-protocol';
import { ConversionNotes, conversionFor } from './convert-cell';
import { CsvByteReader } from './csv-byte-reader';
import { EncodingRetry } from './encoding-retry';
import { writeScannedBatch, type RowTally } from './write-scanned';

const post = (m: SplitMessage): void => parentPort!.postMessage(m);
/** Chunks this thread may have sent that the engine has not stored yet. */
const MAX_IN_FLIGHT_KB = 32 * 1024;

async function run(job: SplitJob): Promise<void> {
  let parts: SplitPart[] = [];
  const builders = job.columns.map((_, column) => new ColumnBuilder((part, chunk, bytes) => parts.push({ column, part, chunk, bytes })));
  const writer = new RowsWriter(builders, job.columns.map((c) => c.type));
  const notes = job.columns.map(() => new ConversionNotes());
  const conversions = job.columns.map((c, i) => conversionFor(c.type, { date1904: false, dateOrder: c.dateOrder, notes: notes[i]! }));
  const inFlight = new Int32Array(job.inFlight);
  const send = (): void => {
    if (parts.length === 0) return;
    let kb = 0;
    for (const p of parts) kb += Math.ceil(p.bytes.byteLength / 1024);
    Atomics.add(inFlight, 0, kb);
    // Handed over, not copied: a copy would leave this thread with the originals as garbage,
    // hundreds of megabytes of it before a collection comes round.
    const transfer: ArrayBuffer[] = [];
    for (const p of parts) {
      // A part that shares its memory (Buffer's small-allocation pool) is copied into its own.
      if (p.bytes.byteOffset !== 0 || p.bytes.byteLength !== p.bytes.buffer.byteLength || !(p.bytes.buffer instanceof ArrayBuffer)) p.bytes = Uint8Array.from(p.bytes);
      transfer.push(p.bytes.buffer as ArrayBuffer);
    }
    parentPort!.postMessage({ type: 'parts', parts, bytesRead: reader.bytesRead } satisfies SplitMessage, transfer);
    parts = [];
    // Wait for the engine to store what it was sent (it reads messages between its own batches).
    for (let now = Atomics.load(inFlight, 0); now > MAX_IN_FLIGHT_KB; now = Atomics.load(inFlight, 0)) Atomics.wait(inFlight, 0, now, 1000);
  };
  job.sample.forEach((row, r) => {
    for (let i = 0; i < conversions.length; i++) writer.cell(i, conversions[i]!.convert(row[i] ?? null, job.sampleRowNumbers[r]!));
  });
  writer.addRows(job.sample.length);
  const reader = new CsvByteReader(job.path, job.offset, job.encoding, job.strict, job.delimiter);
  reader.bulk();
  const columns = conversions.map((c, i) => new ByteColumn(i, c, writer));
  const sources = job.columns.map((c) => c.src);
  const tally: RowTally = { rows: 0, extraCells: 0, shortRows: 0, firstShortRow: null, lastRowShort: null, rowNumber: job.rowNumber };
  let kept: KeptRecords = { count: 0, records: new Int32Array(0), rowNumbers: new Int32Array(0) };
  try {
    for (;;) {
      const batch = await reader.next();
      if (batch === null) break;
      kept = writeScannedBatch(batch, columns, sources, job.sourceWidth, writer, tally, kept);
      send();
    }
  } finally {
    reader.close();
  }
  const stats = builders.map((b) => b.finish());
  send();
  post({ type: 'done', columns: stats.map((s, i) => ({ stats: s, invalid: writer.invalid[i]!, missing: writer.missing[i]!, notes: notes[i]!.toPlain() })) });
}

run(workerData as SplitJob).catch((e: unknown) => {
  post({ type: 'error', error: isKequnError(e) ? e.toWire() : null, message: e instanceof Error ? e.message : String(e), encodingRetry: e instanceof EncodingRetry });
});
