import type { DatasetInfo } from '../../../shared/contract/datasets';
import type { CellValue } from '../../../shared/contract/json';
import type { RuleCondition } from '../../../shared/contract/segment-schemes';
import { findColumn, readCells, type DataSource } from './dataset-access';
import { segmentInvalid } from './segment-error';

export type RowTest = (row: number) => boolean;

/** Reads each referenced column once and hands out its cells (rules share columns). */
export class CellCache {
  private readonly cols = new Map<string, CellValue[]>();
  constructor(
    private readonly store: DataSource,
    readonly ds: DatasetInfo,
  ) {}
  cells(key: string): CellValue[] {
    let c = this.cols.get(key);
    if (!c) {
      c = readCells(this.store, this.ds.id, key);
      this.cols.set(key, c);
    }
    return c;
  }
}

const DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/;

/** 'yyyy-mm-dd' → epoch ms of that wall-clock time (how dataset dates are stored). */
export function parseDateText(s: string): number | null {
  const m = s.trim().match(DATE_RE);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
}

function asNumber(v: CellValue | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/**
 * Compiles one condition into a row test, validating it against the dataset first:
 * the column must exist; comparisons need a number (or a yyyy-mm-dd date on a date column);
 * `between` needs min ≤ max; `in`/`notIn` need values. Missing cells fail every test except
 * isEmpty, ne and notIn. Text equality ignores surrounding spaces.
 */
export interface Where {
  en: string;
  zh: string;
}

export function compileCondition(cache: CellCache, c: RuleCondition, where: Where): RowTest {
  const col = findColumn(cache.ds, c.column);
  const isDate = col.type === 'date' || col.type === 'datetime';
  const bad = (en: string, zh: string): never => {
    throw segmentInvalid(`${where.en}: ${en}`, `${where.zh}：${zh}`, { column: c.column, op: c.op });
  };
  const numeric = (v: string | number | undefined, label: string): number => {
    if (v === undefined) bad(`"${c.op}" needs ${label}`, `“${c.op}”需要填写${label === 'a value' ? '比较值' : label}`);
    if (typeof v === 'number') return v;
    const n = isDate ? (parseDateText(String(v)) ?? asNumber(v ?? null)) : asNumber(v ?? null);
    if (n === null) bad(`"${String(v)}" is not a number${isDate ? ' or a yyyy-mm-dd date' : ''}`, `“${String(v)}”不是数字${isDate ? '或 yyyy-mm-dd 日期' : ''}`);
    return n as number;
  };
  const cells = cache.cells(col.key);
  const text = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());
  const equals = (cell: CellValue | undefined, v: string | number): boolean => {
    if (cell === null || cell === undefined) return false;
    const cn = asNumber(cell);
    const vn = typeof v === 'number' ? v : isDate ? (parseDateText(v) ?? asNumber(v)) : asNumber(v);
    if (cn !== null && vn !== null) return cn === vn;
    return text(cell) === String(v).trim();
  };
  switch (c.op) {
    case 'isEmpty':
      return (r) => text(cells[r]) === '';
    case 'notEmpty':
      return (r) => text(cells[r]) !== '';
    case 'eq':
    case 'ne': {
      if (c.value === undefined) bad('"eq"/"ne" need a value', '“等于/不等于”需要填写比较值');
      const v = c.value as string | number;
      return c.op === 'eq' ? (r) => equals(cells[r], v) : (r) => !equals(cells[r], v);
    }
    case 'in':
    case 'notIn': {
      if (!c.values || c.values.length === 0) bad(`"${c.op}" needs a list of values`, `“${c.op}”需要填写值列表`);
      const vs = c.values as (string | number)[];
      return c.op === 'in' ? (r) => vs.some((v) => equals(cells[r], v)) : (r) => !vs.some((v) => equals(cells[r], v));
    }
    case 'contains': {
      if (c.value === undefined || String(c.value) === '') bad('"contains" needs a text', '“包含”需要填写文字');
      const needle = String(c.value);
      return (r) => text(cells[r]).includes(needle);
    }
    case 'between': {
      const lo = numeric(c.min, 'min');
      const hi = numeric(c.max, 'max');
      if (lo > hi) bad(`min ${lo} is greater than max ${hi}`, `下限 ${lo} 大于上限 ${hi}`);
      return (r) => {
        const n = asNumber(cells[r]);
        return n !== null && n >= lo && n <= hi;
      };
    }
    default: {
      const t = numeric(c.value, 'a value');
      const cmp = { gt: (n: number) => n > t, gte: (n: number) => n >= t, lt: (n: number) => n < t, lte: (n: number) => n <= t }[c.op];
      return (r) => {
        const n = asNumber(cells[r]);
        return n !== null && cmp(n);
      };
    }
  }
}

/** All conditions must hold (AND); an empty list always matches. */
export function compileAll(cache: CellCache, conditions: readonly RuleCondition[], where: Where): RowTest {
  const tests = conditions.map((c, i) => compileCondition(cache, c, { en: `${where.en}, condition ${i + 1}`, zh: `${where.zh}第 ${i + 1} 个条件` }));
  return (r) => tests.every((t) => t(r));
}
