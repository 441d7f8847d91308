import type { BooleanLabels, ColumnType } from '../../../shared/contract/datasets';
import type { DateOrder, DateOrderChoice, ImportWarning } from '../../../shared/contract/import';
import type { DateOrderDecision } from './date-order';
import { HEADER_WINDOW, chooseHeader } from './header-detect';
import { cleanHeaders, warn, type CleanHeader } from './header-names';
import { TypeTally } from './infer-types';
import { LIMITS, emptyFile, tooManyColumns } from './limits';
import type { RawCell } from './raw-cell';
import type { SheetSource } from './sheet-source';

/** Data rows whose cells decide the column types (later rows convert or are flagged). */
export const TYPE_SAMPLE_ROWS = 20_000;

export interface TableHead {
  source: SheetSource;
  /** 1-based header row (0 = none). */
  headerRow: number;
  headers: CleanHeader[];
  types: ColumnType[];
  /** Per column: the day/month order its dates are read with (null: none written day/month first). */
  dateOrders: (DateOrder | null)[];
  /** Per column: what the sample's day/month dates said about the order (null: there are none). */
  dateEvidence: (DateOrderDecision | null)[];
  /** Per column: the yes/no words of boolean columns. */
  labels: (BooleanLabels | null)[];
  warnings: ImportWarning[];
  /** Data rows already read (the sample), then the rest of the stream. */
  sampleRows: RawCell[][];
  rest: AsyncIterator<RawCell[][]>;
  /** Whether the stream has more rows after the sample. */
  more: boolean;
}

/**
 * A row with no value at all: empty cells, or cells of only spaces (which are stored empty, so
 * such a row would come back from an export as a blank line and be skipped then).
 */
export function isEmptyRow(row: RawCell[]): boolean {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v === null || v === undefined || v === '') continue;
    if (typeof v !== 'string' || !isBlankText(v)) return false;
  }
  return true;
}

/** A text of spaces only (a row of such cells counts as empty). */
export function isBlankText(v: string): boolean {
  const c = v.charCodeAt(0);
  return !((c > 32 && c !== 0x3000) || v.trim() !== '');
}

export function checkWidth(row: RawCell[]): void {
  if (row.length > LIMITS.maxColumns) throw tooManyColumns(row.length);
}

/**
 * Reads the top of a table: finds the header, cleans the names, and infers each column's type
 * from a sample of data rows, keeping those rows for the writer.
 */
export async function readHead(
  source: SheetSource,
  options: {
    headerRow?: number | undefined;
    overrides?: Map<number, ColumnType>;
    sampleRows?: number;
    /** Day/month order for every column ('auto' = from each column's evidence). */
    dateOrder?: DateOrderChoice;
    /** Per-column day/month order (the preview's switch), by position. */
    dateOrders?: Map<number, DateOrder>;
  },
): Promise<TableHead> {
  const rest = source.batches()[Symbol.asyncIterator]();
  const wanted = HEADER_WINDOW + (options.headerRow ?? 0) + (options.sampleRows ?? TYPE_SAMPLE_ROWS);
  // Rows past the header window count only when they hold something: a sheet whose used range
  // runs far past a gap of empty rows is typed from its data, as the streaming reader (which
  // never sees rows that are not in the file) types it.
  const positional = HEADER_WINDOW + (options.headerRow ?? 0);
  const top: RawCell[][] = [];
  let more = true;
  while (top.length < wanted) {
    const next = await rest.next();
    if (next.done) {
      more = false;
      break;
    }
    for (const row of next.value) {
      checkWidth(row);
      if (top.length < positional || !isEmptyRow(row)) top.push(row);
    }
  }
  const merges = source.loadMerges && mayBeMergedHeader(top, options.headerRow) ? await source.loadMerges() : source.merges;
  const choice = chooseHeader(top, merges, options.headerRow);
  const sampleRows = top.slice(choice.dataStart).filter((r) => !isEmptyRow(r));
  let width = choice.headers.length;
  while (width > 0 && (choice.headers[width - 1] ?? null) === null) width--;
  for (const r of sampleRows) {
    let w = r.length;
    while (w > width && (r[w - 1] === null || r[w - 1] === '' || r[w - 1] === undefined)) w--;
    if (w > width) width = w;
  }
  if (width === 0 || (sampleRows.length === 0 && !more)) {
    throw emptyFile(
      source.sheet ? `Sheet "${source.sheet}" has no data` : 'The file has no data',
      source.sheet ? `工作表"${source.sheet}"中没有数据` : '文件中没有数据',
    );
  }
  const cleaned = cleanHeaders(choice.headers, width, source.sheet);
  const { headers } = cleaned;
  // Without a header row every column is unnamed: one warning instead of one per column.
  const warnings =
    choice.headerIndex < 0
      ? [
          warn(
            'NO_HEADER_ROW',
            `No header row found: the first row is data; columns are named ${headers[0]?.name ?? '列1'}…${headers[headers.length - 1]?.name ?? ''} by position`,
            `未找到表头行（第一行就是数据），各列已按位置命名为 ${headers[0]?.name ?? '列1'}…${headers[headers.length - 1]?.name ?? ''}`,
            source.sheet,
          ),
          ...cleaned.warnings.filter((w) => w.code !== 'EMPTY_HEADER'),
        ]
      : cleaned.warnings;
  const tallies = headers.map(() => new TypeTally());
  for (const r of sampleRows) for (let c = 0; c < width; c++) tallies[c]!.add(r[c] ?? null);
  const types = tallies.map((t, c) => options.overrides?.get(c) ?? t.decide(headers[c]?.name));
  const dateEvidence = tallies.map((t) => t.dateOrder());
  const dateOrders = dateEvidence.map((e, c): DateOrder | null => {
    const chosen = options.dateOrders?.get(c) ?? (options.dateOrder && options.dateOrder !== 'auto' ? options.dateOrder : null);
    if (types[c] !== 'date' && types[c] !== 'datetime') return null;
    return chosen ?? e?.order ?? null;
  });
  const labels = tallies.map((t, c) => (types[c] === 'boolean' ? t.booleanLabels() : null));
  return { source, headerRow: choice.headerIndex + 1, headers, types, dateOrders, dateEvidence, labels, warnings, sampleRows, rest, more };
}

/**
 * Whether the header row could be the top of a two-row merged header: it has blank cells among
 * its labels, or the row below reaches further. A plain, complete header row cannot, so the
 * extra pass for merges is skipped for it.
 */
function mayBeMergedHeader(top: RawCell[][], requested: number | undefined): boolean {
  if (requested !== undefined) return false;
  const { headerIndex } = chooseHeader(top, [], undefined);
  if (headerIndex < 0) return false;
  const row = top[headerIndex] ?? [];
  const blank = (v: RawCell | undefined): boolean => v === null || v === undefined || v === '';
  let last = row.length - 1;
  while (last >= 0 && blank(row[last])) last--;
  for (let c = 0; c < last; c++) if (blank(row[c])) return true;
  const below = top[headerIndex + 1] ?? [];
  for (let c = last + 1; c < below.length; c++) if (!blank(below[c])) return true;
  return false;
}
