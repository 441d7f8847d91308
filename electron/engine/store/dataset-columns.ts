import type { ColumnState } from './datasets-table';
import { KequnError } from '../../../shared/contract/errors';
import type { CellValue } from '../../../shared/contract/json';
import type { NewColumn } from './project-store';
import { columnKey } from './sql';

/** The column states of freshly written columns: keys c0…, in order. */
export function columnStates(columns: readonly NewColumn[], dataIds: readonly number[]): ColumnState[] {
  return columns.map((c, i) => ({
    ordinal: i,
    key: columnKey(i),
    name: c.name,
    originalHeader: c.originalHeader,
    type: c.type,
    format: c.format ?? null,
    dataId: dataIds[i]!,
    ...(c.labels ? { labels: c.labels } : {}),
  }));
}

/** Non-finite numbers are kept as their text (an invalid cell), never as NaN or Infinity. */
export function normaliseCell(v: CellValue | undefined): CellValue {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v ?? null;
}

/**
 * SQLite (as built into better-sqlite3) allows 2,000 columns per table; the columnar layout has
 * no such limit, but the same cap keeps exports and the grid sane.
 */
export const MAX_DATASET_COLUMNS = 1999;

export function assertColumnLimit(count: number): void {
  if (count > MAX_DATASET_COLUMNS) {
    throw new KequnError('IMPORT_TOO_MANY_COLUMNS', `A dataset can hold at most ${MAX_DATASET_COLUMNS.toLocaleString('en-US')} columns (this one would have ${count.toLocaleString('en-US')})`, {
      zh: `数据集最多支持 ${MAX_DATASET_COLUMNS.toLocaleString('en-US')} 列（当前为 ${count.toLocaleString('en-US')} 列）`,
      details: { columns: count, limit: MAX_DATASET_COLUMNS },
    });
  }
}
