import type { GridSelection } from '@glideapps/glide-data-grid';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import type { CellValue } from '../../../../shared/contract/json';
import { MAX_PAGE_ROWS, type FilterSpec, type SortSpec } from '../../../../shared/contract/rows';
import type { EngineClient } from '../../../../shared/rpc/client';
import { toTsv } from './clipboard-text';

/** Rows one copy may take (Excel's sheet limit is 1,048,576; the clipboard is not the place for that). */
export const MAX_COPY_ROWS = 100_000;

export interface SelectionBlock {
  /** Display column indexes, ascending. */
  columns: number[];
  /** Row ranges [start, end) in the view. */
  rows: [number, number][];
}

/** The cells a selection covers: whole columns, whole rows, or the current range. */
export function selectionBlock(sel: GridSelection, rowCount: number, columnCount: number): SelectionBlock | null {
  if (sel.columns.length > 0) return { columns: sel.columns.toArray(), rows: [[0, rowCount]] };
  if (sel.rows.length > 0) return { columns: Array.from({ length: columnCount }, (_, i) => i), rows: toRanges(sel.rows.toArray()) };
  const r = sel.current?.range;
  if (!r) return null;
  return { columns: Array.from({ length: r.width }, (_, i) => r.x + i), rows: [[r.y, r.y + r.height]] };
}

function toRanges(sorted: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] === i) last[1] = i + 1;
    else out.push([i, i + 1]);
  }
  return out;
}

export function blockSize(b: SelectionBlock): { rows: number; columns: number } {
  return { rows: b.rows.reduce((n, [s, e]) => n + (e - s), 0), columns: b.columns.length };
}

export interface CopyRequest {
  client: EngineClient;
  datasetId: string;
  sort: SortSpec[];
  filters: FilterSpec[];
  /** Shown columns, display order. */
  shown: readonly ColumnInfo[];
  block: SelectionBlock;
  /** Whole columns selected: Excel-style, the header goes along. */
  header: boolean;
  signal?: AbortSignal;
}

/**
 * Reads the selected cells from the engine in pages (the renderer holds only windows) and
 * returns them as tab-separated text for Excel and WPS.
 */
export async function selectionToTsv(req: CopyRequest): Promise<{ text: string; rows: number; columns: number; truncated: boolean }> {
  const cols = req.block.columns.map((i) => req.shown[i]).filter((c): c is ColumnInfo => c !== undefined);
  const keys = cols.map((c) => c.key);
  const rows: CellValue[][] = [];
  let truncated = false;
  outer: for (const [start, end] of req.block.rows) {
    for (let offset = start; offset < end; offset += MAX_PAGE_ROWS) {
      if (rows.length >= MAX_COPY_ROWS) {
        truncated = true;
        break outer;
      }
      const limit = Math.min(MAX_PAGE_ROWS, end - offset, MAX_COPY_ROWS - rows.length);
      const page = await req.client.call(
        'rows.page',
        { datasetId: req.datasetId, sort: req.sort, filters: req.filters, offset, limit, columns: keys },
        req.signal ? { signal: req.signal } : {},
      );
      rows.push(...page.rows);
      if (page.rows.length < limit) break;
    }
  }
  return { text: toTsv(rows, cols, req.header), rows: rows.length, columns: cols.length, truncated };
}

/** Writes text to the clipboard; falls back to a hidden textarea where the async API is denied. */
export async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
