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

async function run(job: SplitJob): Promise<void> {
  let parts: SplitPart[] = [];
  const builders = job.columns.map((_, column) => new ColumnBuilder((part, chunk, bytes) => parts.push({ column, part, chunk, bytes })));
  const writer = new RowsWriter(builders, job.columns.map((c) => c.type));
  const notes = job.columns.map(() => new ConversionNotes());
  const conversions = job.columns.map((c, i) => conversionFor(c.type, { date1904: false, dateOrder: c.dateOrder, notes: notes[i]! }));
  const send = (): void => {
    if (parts.length === 0) return;
    post({ type: 'parts', parts });
    parts = [];
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
