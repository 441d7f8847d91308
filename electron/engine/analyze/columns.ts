import type { ColumnInfo, DatasetInfo } from '../../../shared/contract/datasets';
import type { DateGroup, PivotField } from '../../../shared/contract/analyze';
import type { CellValue } from '../../../shared/contract/json';
import { KequnError } from '../../../shared/contract/errors';
import { ColumnReader, resolveColumn, type CategoryColumn, type NumericColumn } from '../store/column-reader';
import type { ProjectStore } from '../store/project-store';
import { periodOf } from './periods';

/**
 * One reader per open project, so typed arrays are read once and reused by every pivot,
 * cross-tab and chart until the dataset changes (the reader checks the dataset version).
 */
const readers = new WeakMap<ProjectStore, ColumnReader>();
const periodCache = new WeakMap<ProjectStore, Map<string, { version: string; value: GroupedColumn }>>();

export function readerFor(store: ProjectStore): ColumnReader {
  let r = readers.get(store);
  if (!r) {
    r = new ColumnReader(store);
    readers.set(store, r);
  }
  return r;
}

const NUMERIC_TYPES = new Set(['integer', 'decimal', 'percent', 'currency', 'boolean', 'date', 'datetime']);
export function isNumericColumn(col: ColumnInfo): boolean {
  return NUMERIC_TYPES.has(col.type);
}

/** A grouping column: codes into labels, plus how each label's rows are found again. */
export interface GroupedColumn extends CategoryColumn {
  /** Same length as labels: the cell value or the period's range (drill-down filters). */
  matches: ({ value: CellValue } | { min: number; max: number })[];
  /** Chronological / numeric order key per label (null = sort by label text). */
  order: number[] | null;
}

/** Reads a row/column field: a category column, or a date column bucketed by period. */
export function groupedColumn(store: ProjectStore, ds: DatasetInfo, field: PivotField): GroupedColumn {
  const col = resolveColumn(ds.columns, field.column);
  const reader = readerFor(store);
  if (field.dateGroup) {
    if (col.type !== 'date' && col.type !== 'datetime') {
      throw new KequnError('ANALYSIS_INVALID', `Column "${col.name}" is not a date column and cannot be grouped by ${field.dateGroup}`, {
        zh: `列“${col.name}”不是日期列，不能按${DATE_GROUP_ZH[field.dateGroup]}分组`,
        details: { column: col.name },
      });
    }
    return periodColumn(store, ds, col, field.dateGroup);
  }
  const cat = reader.category(ds.id, col.key);
  const numeric = isNumericColumn(col);
  const matches = cat.labels.map((l) => ({ value: numeric && l.trim() !== '' && Number.isFinite(Number(l)) ? Number(l) : l }));
  const order = numeric ? matches.map((m) => (typeof m.value === 'number' ? m.value : Number.POSITIVE_INFINITY)) : null;
  return { ...cat, matches, order };
}

export const DATE_GROUP_ZH: Record<DateGroup, string> = { year: '年', quarter: '季度', month: '月', week: '周', day: '日' };

function periodColumn(store: ProjectStore, ds: DatasetInfo, col: ColumnInfo, group: DateGroup): GroupedColumn {
  let cache = periodCache.get(store);
  if (!cache) {
    cache = new Map();
    periodCache.set(store, cache);
  }
  const cacheKey = `${ds.id}:${col.key}:${group}`;
  const hit = cache.get(cacheKey);
  if (hit && hit.version === ds.updatedAt) return hit.value;
  const values = readerFor(store).numeric(ds.id, col.key).values;
  const codes = new Int32Array(values.length);
  // Periods are keyed by their start (epoch ms); most datasets span a few hundred at most.
  const byStart = new Map<number, number>();
  const starts: number[] = [];
  const periods: { label: string; min: number; max: number }[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      codes[i] = -1;
      continue;
    }
    const p = periodOf(v, group);
    let code = byStart.get(p.min);
    if (code === undefined) {
      code = starts.length;
      starts.push(p.min);
      periods.push(p);
      byStart.set(p.min, code);
    }
    codes[i] = code;
  }
  const value: GroupedColumn = {
    key: col.key,
    codes,
    labels: periods.map((p) => p.label),
    matches: periods.map((p) => ({ min: p.min, max: p.max })),
    order: starts,
  };
  cache.set(cacheKey, { version: ds.updatedAt, value });
  return value;
}

export function numericColumn(store: ProjectStore, ds: DatasetInfo, keyOrName: string): NumericColumn {
  const col = resolveColumn(ds.columns, keyOrName);
  if (!isNumericColumn(col)) {
    throw new KequnError('ANALYSIS_INVALID', `Column "${col.name}" is not numeric`, {
      zh: `列“${col.name}”不是数值列`,
      details: { column: col.name, type: col.type },
    });
  }
  return readerFor(store).numeric(ds.id, col.key);
}

export function categoryColumn(store: ProjectStore, ds: DatasetInfo, keyOrName: string): CategoryColumn {
  return readerFor(store).category(ds.id, resolveColumn(ds.columns, keyOrName).key);
}
