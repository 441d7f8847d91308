import type { ColumnInfo } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import type { FilterSpec } from '../../../shared/contract/rows';
import { cellTextSql, escapeLike, isInvalidSql, isNumericSql } from './cell-sql';
import { columnSql, type DatasetRef } from './dataset-ref';
import { parseDateBound } from './date-bounds';

export type SqlParam = string | number | null;

/** A piece of SQL with its positional (`?`) parameters, in order. */
export interface SqlFragment {
  sql: string;
  params: SqlParam[];
}

/**
 * Turns validated filter specs into one WHERE expression (AND of all). Column keys are
 * resolved against the dataset's metadata; every value is a bound parameter.
 */
export function buildWhere(ref: DatasetRef, filters: readonly FilterSpec[]): SqlFragment {
  if (filters.length === 0) return { sql: '1', params: [] };
  const parts: string[] = [];
  const params: SqlParam[] = [];
  for (const f of filters) {
    const one = filterSql(ref.column(f.column), columnSql(ref, f.column), f);
    parts.push(`(${one.sql})`);
    params.push(...one.params);
  }
  return { sql: parts.join(' AND '), params };
}

function negated(f: SqlFragment, negate: boolean): SqlFragment {
  // "Does not …" lets missing cells through (the match is NULL for them), as Excel does.
  return negate ? { sql: `NOT coalesce((${f.sql}), 0)`, params: f.params } : f;
}

function filterSql(col: ColumnInfo, q: string, f: FilterSpec): SqlFragment {
  switch (f.kind) {
    case 'text':
      return negated(textSql(col, q, f.op, f.value, f.caseSensitive), f.negate);
    case 'oneOf':
      return negated(oneOfSql(q, f.values), f.negate);
    case 'numberRange':
      return rangeSql(q, f.min, f.max, f.column);
    case 'dateRange':
      return rangeSql(q, f.from === null ? null : parseDateBound(f.from, 'start'), f.to === null ? null : parseDateBound(f.to, 'end'), f.column);
    case 'empty':
      return { sql: `${q} IS NULL OR ${q} = ''`, params: [] };
    case 'notEmpty':
      return { sql: `${q} IS NOT NULL AND ${q} <> ''`, params: [] };
    case 'invalid':
      return { sql: isInvalidSql(col, q), params: [] };
  }
}

function textSql(col: ColumnInfo, q: string, op: 'contains' | 'equals' | 'startsWith' | 'endsWith', value: string, caseSensitive: boolean): SqlFragment {
  const t = cellTextSql(col, q);
  if (!caseSensitive) {
    // LIKE folds ASCII case only; Chinese has no case, so this is what users expect.
    const e = escapeLike(value);
    const pattern = op === 'contains' ? `%${e}%` : op === 'startsWith' ? `${e}%` : op === 'endsWith' ? `%${e}` : e;
    return { sql: `${t} LIKE ? ESCAPE '\\'`, params: [pattern] };
  }
  switch (op) {
    case 'equals':
      // A text column compares directly, so an index on it serves the filter.
      return { sql: `${t} = ?`, params: [value] };
    case 'contains':
      return { sql: `instr(${t}, ?) > 0`, params: [value] };
    case 'startsWith':
      return { sql: `instr(${t}, ?) = 1`, params: [value] };
    case 'endsWith':
      return { sql: `substr(${t}, -length(?)) = ?`, params: [value, value] };
  }
}

function oneOfSql(q: string, values: readonly (string | number | boolean | null)[]): SqlFragment {
  const wantsMissing = values.includes(null);
  const present = values.filter((v) => v !== null).map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
  const parts: string[] = [];
  const params: SqlParam[] = [];
  if (present.length > 0) {
    // One JSON parameter instead of one per value: no limit on list length, and json_each
    // yields numbers as numbers and text as text, so the comparison keeps storage classes.
    parts.push(`${q} IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(present));
  }
  if (wantsMissing) parts.push(`${q} IS NULL`);
  return { sql: parts.length === 0 ? '0' : parts.join(' OR '), params };
}

function rangeSql(q: string, min: number | null, max: number | null, column: string): SqlFragment {
  if (min !== null && max !== null && min > max) {
    throw new KequnError('VALIDATION', `Range filter on ${column}: min ${min} is greater than max ${max}`, {
      zh: `列 ${column} 的范围筛选：下限 ${min} 大于上限 ${max}`,
      details: { column, min, max },
    });
  }
  const parts: string[] = [];
  const params: SqlParam[] = [];
  if (min !== null) {
    parts.push(`${q} >= ?`);
    params.push(min);
  }
  if (max !== null) {
    parts.push(`${q} <= ?`);
    params.push(max);
  }
  // Text sorts above every number in SQLite, so the storage-class test keeps invalid cells out.
  parts.push(isNumericSql(q));
  return { sql: parts.join(' AND '), params };
}

/** Columns whose filters an index can serve (equality, lists, ranges). */
export function indexableFilterColumns(filters: readonly FilterSpec[]): string[] {
  const keys = new Set<string>();
  for (const f of filters) {
    if (f.kind === 'oneOf' || f.kind === 'numberRange' || f.kind === 'dateRange') keys.add(f.column);
    if (f.kind === 'text' && f.op === 'equals' && f.caseSensitive) keys.add(f.column);
  }
  return [...keys];
}
