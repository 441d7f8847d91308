import { z } from 'zod';
import { columnTypeSchema, datasetIdSchema, type BooleanLabels, type ColumnType } from './datasets';
import { method, result } from './define';
import type { CellValue } from './json';

export const IMPORT_ENCODINGS = ['auto', 'utf-8', 'gb18030', 'utf-16le', 'utf-16be', 'big5'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

export type ImportFormat = 'xlsx' | 'xlsm' | 'xlsb' | 'xls' | 'ods' | 'csv' | 'tsv' | 'txt';

/**
 * Order of day and month in dates written day/month first (10/2/2017): M/D/Y (US Excel) or
 * D/M/Y (European Excel). Year-first dates (2017-10-02, 2017/10/2) never depend on it.
 */
export const DATE_ORDERS = ['mdy', 'dmy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];
export const dateOrderSchema = z.enum(DATE_ORDERS);
/** 'auto': decided per column from the evidence of its cells (a first number above 12 is a day). */
export const dateOrderChoiceSchema = z.enum(['auto', ...DATE_ORDERS]);
export type DateOrderChoice = z.output<typeof dateOrderChoiceSchema>;

/** Something the user should know about an import that did not stop it. */
export interface ImportWarning {
  code:
    | 'DUPLICATE_HEADER'
    | 'EMPTY_HEADER'
    | 'HEADER_TRIMMED'
    | 'NO_HEADER_ROW'
    | 'INVALID_CELLS'
    | 'BIG5_LIKELY'
    | 'ENCODING_FALLBACK'
    | 'ENCODING_REPLACED'
    | 'SHEET_EMPTY'
    | 'EXTRA_CELLS'
    | 'ROW_COUNT_MISMATCH'
    | 'UNMATCHED_COLUMNS'
    /** Cells whose text meant "no value" (NA, null, -, 空 …) or was only spaces: stored empty. */
    | 'VALUES_EMPTIED'
    /** NUL characters removed from text (they end strings in many programs). */
    | 'NUL_REMOVED'
    /** Cells stored as another type than they were written (a number in a text column, …). */
    | 'CELLS_CONVERTED'
    /** Rows with fewer cells than the header (the missing cells are empty); the last one may be cut off. */
    | 'SHORT_ROWS'
    /** Day/month dates where every day and month is ≤ 12: read in the default order, switchable. */
    | 'DATE_ORDER_AMBIGUOUS'
    /** Day/month dates of both orders in one column: the minority is kept as text. */
    | 'DATE_ORDER_CONFLICT';
  message: string;
  messageZh: string;
  sheet?: string;
  column?: string;
  /** How many cells (or rows) the warning is about. */
  count?: number;
}

const sourceOptions = {
  path: z.string().min(1).max(4096),
  sheet: z.string().min(1).max(200).optional(),
  encoding: z.enum(IMPORT_ENCODINGS).default('auto'),
  /** 1-based row of the header; 0 = the file has no header row; omitted = detect. */
  headerRow: z.number().int().min(0).max(1000).optional(),
  /** Day/month order of dates written 10/2/2017, for every column (auto = decided per column). */
  dateOrder: dateOrderChoiceSchema.default('auto'),
  /** Per-column day/month order by column position (0-based): the preview's one-click switch. */
  dateOrders: z.record(z.string().regex(/^\d{1,5}$/), dateOrderSchema).optional(),
};

export const importPreviewParams = z.object({ ...sourceOptions, rows: z.number().int().min(1).max(1000).default(100) }).strict();

export const importRunParams = z
  .object({
    ...sourceOptions,
    allSheets: z.boolean().default(false),
    /** Dataset name; default: the file name (and sheet name for several sheets). */
    name: z.string().trim().min(1).max(200).optional(),
    /** Per-column type overrides by column position (0-based, as in the preview). */
    columnTypes: z.record(z.string().regex(/^\d{1,5}$/), columnTypeSchema).optional(),
  })
  .strict();

export const importAppendParams = z.object({ ...sourceOptions, datasetId: datasetIdSchema }).strict();

/** Raw bytes per `import.upload` chunk the UI sends (1 MiB → about 1.4 MB of base64). */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
/**
 * Largest base64 text one chunk may carry (1.5 MiB of bytes). Kept far below the WebSocket's
 * 8 MiB frame limit, so no contract-valid call comes near it.
 */
export const MAX_UPLOAD_CHUNK_BASE64 = 2 * 1024 * 1024;

/**
 * `import.upload`: a file picked in the browser travels in base64 chunks into a private upload
 * folder of the engine; the returned path is then previewed and imported, and the upload is
 * deleted when the import ends (or fails).
 */
export const importUploadParams = z
  .object({
    uploadId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    fileName: z.string().min(1).max(255),
    /** The whole file's size in bytes, the same in every chunk; checked against limits and the quota at offset 0. */
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    /** Byte offset of this chunk; 0 starts (or restarts) the upload. */
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    dataBase64: z.string().max(MAX_UPLOAD_CHUNK_BASE64),
    last: z.boolean(),
  })
  .strict();

export interface ImportPreviewColumn {
  index: number;
  name: string;
  originalHeader: string | null;
  type: ColumnType;
  /** Cells in the previewed sample that fail conversion to `type`. */
  invalid: number;
  /** Columns of day/month dates: the order used, and whether no cell told the orders apart. */
  dateOrder: DateOrder | null;
  dateOrderAmbiguous: boolean;
  /** Boolean columns: the words for yes and no as the source wrote them. */
  labels: BooleanLabels | null;
}

export interface ImportPreview {
  path: string;
  format: ImportFormat;
  /** Text files: the encoding used; null for workbooks. */
  encoding: string | null;
  /** Text files: the delimiter, or 'fixed-width' for columns aligned with spaces; null for workbooks. */
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  /** 1-based header row used (0 = none). */
  headerRow: number;
  columns: ImportPreviewColumn[];
  rows: CellValue[][];
  warnings: ImportWarning[];
}

export interface ImportedColumn {
  name: string;
  type: ColumnType;
  invalid: number;
  /** Day/month order used for this column's dates (null when none were written day/month first). */
  dateOrder?: DateOrder | null;
}

export interface ImportedDataset {
  id: string;
  name: string;
  rows: number;
  columns: ImportedColumn[];
}

export interface ImportRunResult {
  datasets: ImportedDataset[];
  warnings: ImportWarning[];
}

export interface ImportAppendResult {
  datasetId: string;
  rowsAdded: number;
  rowCount: number;
  matched: string[];
  /** Source columns with no dataset column of the same name (not imported). */
  unmatchedSource: string[];
  /** Dataset columns the file does not have (left empty in the new rows). */
  unmatchedTarget: string[];
  warnings: ImportWarning[];
}

export const importContract = {
  'import.preview': method(importPreviewParams, result<ImportPreview>()),
  'import.run': method(importRunParams, result<ImportRunResult>(), { long: true }),
  'import.append': method(importAppendParams, result<ImportAppendResult>(), { long: true }),
  'import.upload': method(importUploadParams, result<{ path: string | null; bytes: number }>()),
};
