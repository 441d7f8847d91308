import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { KequnError } from '../../../shared/contract/errors';
import type { ImportEncoding, ImportFormat } from '../../../shared/contract/import';
import { CsvParser, detectDelimiter } from './csv-parser';
import { CsvByteReader } from './csv-byte-reader';
import { byteScanSafe } from './csv-scan';
import { EncodingRetry } from './encoding-retry';
import { detectFixedWidth, FIXED_WIDTH_DELIMITER, FixedWidthParser, type FixedWidthLayout } from './fixed-width';
import { LIMITS, emptyFile, tooLarge } from './limits';
import type { RawCell } from './raw-cell';
import type { OpenedFile, SheetSource } from './sheet-source';
import { detectEncoding, replacementWarning, type TextEncodingLabel } from './text-encoding';
import { unguardCsvText } from '../../../shared/format/formula-guard';

const SAMPLE_BYTES = 256 * 1024;
const CHUNK_BYTES = 256 * 1024;


/** Opens a CSV/TSV/TXT file: detects encoding and delimiter from a sample, then streams rows. */
export async function openTextFile(path: string, size: number, format: ImportFormat, requested: ImportEncoding): Promise<OpenedFile> {
  if (size === 0) throw emptyFile('The file is empty', '文件是空的');
  const fh = await open(path, 'r');
  let sample: Uint8Array;
  try {
    const buf = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    sample = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  const detected = detectEncoding(sample, requested, size <= SAMPLE_BYTES);
  const replaced = replacementWarning(sample.subarray(detected.bomLength), requested, size <= SAMPLE_BYTES);
  const text = decodeSample(sample.subarray(detected.bomLength), detected.encoding);
  if (text.trim() === '') throw emptyFile('The file contains only blank text', '文件中只有空白内容');
  // Classic Mac files end lines with a lone CR; Excel reads them, so they are read as LF.
  const crOnly = text.includes('\r') && !text.includes('\n');
  const lines = crOnly ? text.replaceAll('\r', '\n') : text;
  const delimiter = detectDelimiter(lines, format === 'tsv' ? '\t' : ',');
  // No delimiter anywhere on the first line: maybe columns aligned with spaces (old ERP exports).
  const firstLine = lines.split('\n').find((l) => l.trim() !== '') ?? '';
  const fixed = /[,\t;|]/.test(firstLine) ? null : detectFixedWidth(lines, size <= SAMPLE_BYTES);
  return {
    format,
    sheets: [],
    encoding: detected.encoding,
    delimiter: fixed ? FIXED_WIDTH_DELIMITER : delimiter,
    warnings: replaced ? [...detected.warnings, replaced] : detected.warnings,
    sheet: async () => textSource(path, size, detected.encoding, detected.bomLength, fixed ?? delimiter, detected.guessed && detected.encoding === 'utf-8', crOnly),
  };
}

function decodeSample(bytes: Uint8Array, encoding: TextEncodingLabel): string {
  return new TextDecoder(encoding).decode(bytes);
}

/**
 * Undoes the formula guard of CSV exports (Kequn's and others'): a field written as '=SUM(…), '-5
 * or '@x — an apostrophe before a formula-like start — is the text after the apostrophe.
 * Returns how many fields were changed.
 */
function unguardRows(rows: string[][]): number {
  let n = 0;
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const f = row[i]!;
      if (f.charCodeAt(0) !== 39) continue;
      const u = unguardCsvText(f);
      if (u !== f) {
        row[i] = u;
        n++;
      }
    }
  }
  return n;
}

function textSource(path: string, size: number, encoding: TextEncodingLabel, bomLength: number, delimiter: string | FixedWidthLayout, strictGuess: boolean, crOnly: boolean): SheetSource {
  if (typeof delimiter === 'string' && !crOnly && byteScanSafe(encoding, delimiter)) return byteTextSource(path, size, encoding, bomLength, delimiter, strictGuess);
  return decodedTextSource(path, size, encoding, bomLength, delimiter, strictGuess, crOnly);
}

/**
 * A delimited file split as bytes (UTF-8, GB18030, Big5): rows of strings for the header and
 * type sample, then the scanned records themselves for the writer (`scannedRest`).
 */
function byteTextSource(path: string, size: number, encoding: TextEncodingLabel, bomLength: number, delimiter: string, strictGuess: boolean): SheetSource {
  const reader = new CsvByteReader(path, bomLength, encoding, strictGuess, delimiter);
  return {
    unguardedCells: () => reader.unguarded,
    sheet: null,
    date1904: false,
    merges: [],
    declaredRows: null,
    rowsListAllCells: true,
    bytesTotal: size,
    bytesRead: () => reader.bytesRead,
    close: () => reader.close(),
    scannedRest: () => {
      reader.bulk();
      return reader;
    },
    async *batches(): AsyncIterable<RawCell[][]> {
      try {
        for (;;) {
          const batch = await reader.next();
          if (batch === null) return;
          yield CsvByteReader.rows(batch);
        }
      } finally {
        reader.close();
      }
    },
  };
}

/** Files the bytes cannot be split as (UTF-16, '|' in GB18030, fixed width, CR-only lines): decoded text. */
function decodedTextSource(path: string, size: number, encoding: TextEncodingLabel, bomLength: number, delimiter: string | FixedWidthLayout, strictGuess: boolean, crOnly: boolean): SheetSource {
  let read = 0;
  let unguarded = 0;
  let stream: ReturnType<typeof createReadStream> | null = null;
  return {
    unguardedCells: () => unguarded,
    sheet: null,
    date1904: false,
    merges: [],
    declaredRows: null,
    rowsListAllCells: typeof delimiter === 'string',
    bytesTotal: size,
    bytesRead: () => read,
    close: () => stream?.destroy(),
    async *batches(): AsyncIterable<RawCell[][]> {
      // fatal: a guessed UTF-8 that breaks later must not silently turn into U+FFFD.
      const decoder = new TextDecoder(encoding, { fatal: strictGuess, ignoreBOM: true });
      const parser = typeof delimiter === 'string' ? new CsvParser(delimiter) : new FixedWidthParser(delimiter);
      stream = createReadStream(path, { start: bomLength, highWaterMark: CHUNK_BYTES });
      read = bomLength;
      let rows = 0;
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          read += chunk.length;
          let text: string;
          try {
            text = decoder.decode(chunk, { stream: true });
          } catch (e) {
            if (strictGuess) throw new EncodingRetry();
            throw e;
          }
          if (crOnly) text = text.replaceAll('\r', '\n');
          const out: string[][] = [];
          parser.push(text, false, out);
          unguarded += unguardRows(out);
          rows += out.length;
          if (rows > LIMITS.maxTextRows) throw tooLarge('The row count', '行数', { rows });
          if (out.length > 0) yield out;
        }
        let tail: string;
        try {
          tail = decoder.decode();
        } catch {
          if (strictGuess) throw new EncodingRetry();
          throw new KequnError('IMPORT_CORRUPT', 'The text ends in the middle of a character', { zh: '文本在字符中间结束' });
        }
        const out: string[][] = [];
        parser.push(crOnly ? tail.replaceAll('\r', '\n') : tail, true, out);
        unguarded += unguardRows(out);
        if (out.length > 0) yield out;
      } finally {
        stream.destroy();
      }
    },
  };
}
