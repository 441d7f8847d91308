import { KequnError } from '../../../shared/contract/errors';
import { LIMITS, emptyFile } from './limits';
import type { RawCell } from './raw-cell';
import { readMerges } from './sheet-merges';
import { SheetXmlScanner } from './sheet-xml-scanner';
import type { OpenedFile, SheetSource } from './sheet-source';
import { readWorkbookParts } from './xlsx-parts';
import type { ZipArchive, ZipEntry } from './zip-archive';

/**
 * Streaming reader for large .xlsx/.xlsm: inflates one sheet part and scans it as it arrives,
 * so memory stays flat however many rows the sheet has.
 */
export async function openXlsxStream(zip: ZipArchive, format: 'xlsx' | 'xlsm'): Promise<OpenedFile> {
  const parts = await readWorkbookParts(zip);
  if (parts.sheets.length === 0) throw emptyFile('The workbook has no sheets', '工作簿中没有工作表');
  return {
    format,
    sheets: parts.sheets.map((s) => s.name),
    encoding: null,
    delimiter: null,
    warnings: [],
    sheet: async (name) => {
      const sheet = name === null ? parts.sheets[0] : parts.sheets.find((s) => s.name === name);
      if (!sheet) throw sheetNotFound(name ?? '');
      const entry = zip.get(sheet.path);
      if (!entry) throw new KequnError('IMPORT_CORRUPT', `Sheet part missing: ${sheet.path}`, { zh: `缺少工作表数据：${sheet.path}` });
      const scanner = new SheetXmlScanner(parts.sharedStrings, parts.styleMeaning, sheet.path);
      let read = 0;
      const source: SheetSource = {
        sheet: sheet.name,
        date1904: parts.date1904,
        merges: [],
        declaredRows: null,
        bytesTotal: entry.compressedSize,
        bytesRead: () => read,
        close: () => undefined,
        lastRow: () => scanner.lastRowNumber,
        loadMerges: () => readMerges(decodedChunks(zip, entry)),
        async *batches(): AsyncIterable<RawCell[][]> {
          const decoder = new TextDecoder('utf-8');
          const ratio = entry.size > 0 ? entry.compressedSize / entry.size : 1;
          let inflated = 0;
          for await (const chunk of zip.stream(entry, LIMITS.maxUnzippedBytes)) {
            inflated += chunk.length;
            read = Math.min(entry.compressedSize, Math.round(inflated * ratio));
            const out: RawCell[][] = [];
            scanner.push(decoder.decode(chunk, { stream: true }), out);
            source.declaredRows = scanner.declaredRows;
            if (scanner.lastRowNumber > LIMITS.maxSheetRows) throw new KequnError('TOO_LARGE', 'More rows than Excel allows', { zh: '行数超过 Excel 上限' });
            if (out.length > 0) yield out;
          }
          const out: RawCell[][] = [];
          scanner.push(decoder.decode(), out);
          if (out.length > 0) yield out;
        },
      };
      return source;
    },
  };
}

async function* decodedChunks(zip: ZipArchive, entry: ZipEntry): AsyncIterable<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of zip.stream(entry, LIMITS.maxUnzippedBytes)) yield decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

export function sheetNotFound(name: string): KequnError {
  return new KequnError('NOT_FOUND', `No sheet named "${name}"`, { zh: `没有名为"${name}"的工作表`, details: { sheet: name } });
}
