import type { ColumnInfo, DatasetInfo } from '../../../shared/contract/datasets';
import type { DateGroup, PivotField } from '../../../shared/contract/analyze';
import type { CellValue } from '../../../shared/contract/json';
import { KequnError } from '../../../shared/contract/errors';
import { ColumnReader } from '../store/column-reader';
import { resolveColumn, type CategoryColumn, type NumericColumn } from '../store/dataset-snapshot';
import type { ProjectStore } from '../store/project-store';
import { periodOf } from './periods';

/*
 * Columns come from the open project's store, whose cache keeps typed arrays under each column's
 * immutable data object: every pivot, cross-tab and chart reuses them until the column changes.
 */

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
  if (field.dateGroup) {
    if (col.type !== 'date' && col.type !== 'datetime') {
      throw new KequnError('ANALYSIS_INVALID', `Column "${col.name}" is not a date column and cannot be grouped by ${field.dateGroup}`, {
        zh: `列“${col.name}”不是日期列，不能按${DATE_GROUP_ZH[field.dateGroup]}分组`,
        details: { column: col.name },
      });
    }
    return periodColumn(store, ds, col, field.dateGroup);
  }
  const cat = store.snapshot(ds.id).category(col.key);
  const numeric = isNumericColumn(col);
  const matches = cat.labels.map((l) => ({ value: numeric && l.trim() !== '' && Number.isFinite(Number(l)) ? Number(l) : l }));
  const order = numeric ? matches.map((m) => (typeof m.value === 'number' ? m.value : Number.POSITIVE_INFINITY)) : null;
  return { ...cat, matches, order };
}

export const DATE_GROUP_ZH: Record<DateGroup, string> = { year: '年', quarter: '季度', month: '月', week: '周', day: '日' };

function periodColumn(store: ProjectStore, ds: DatasetInfo, col: ColumnInfo, group: DateGroup): GroupedColumn {
  const snapshot = store.snapshot(ds.id);
  return store.cache.get(`period:${snapshot.dataIdOf(col.key)}:${group}`, () => {
    const value = buildPeriods(col, snapshot.numeric(col.key).values, group);
    return { value, bytes: value.codes.byteLength + value.labels.length * 64 };
  });
}

function buildPeriods(col: ColumnInfo, values: Float64Array, group: DateGroup): GroupedColumn {
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
  return {
    key: col.key,
    codes,
    labels: periods.map((p) => p.label),
    matches: periods.map((p) => ({ min: p.min, max: p.max })),
    order: starts,
  };
}

export function numericColumn(store: ProjectStore, ds: DatasetInfo, keyOrName: string): NumericColumn {
  const col = resolveColumn(ds.columns, keyOrName);
  if (!isNumericColumn(col)) {
    throw new KequnError('ANALYSIS_INVALID', `Column "${col.name}" is not numeric`, {
      zh: `列“${col.name}”不是数值列`,
      details: { column: col.name, type: col.type },
    });
  }
  return store.snapshot(ds.id).numeric(col.key);
}

export function categoryColumn(store: ProjectStore, ds: DatasetInfo, keyOrName: string): CategoryColumn {
  return store.snapshot(ds.id).category(resolveColumn(ds.columns, keyOrName).key);
}

/** Typed columns of the project (the store caches them under each column's immutable data). */
export function readerFor(store: ProjectStore): ColumnReader {
  return new ColumnReader(store);
}
