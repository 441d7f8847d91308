import type { RuleCondition } from '../../../../shared/contract/segment-schemes';
import { KequnError } from '../../../../shared/contract/errors';
import { numberLiteral, type Dialect } from '../dialect';
import type { ColumnKind } from '../model-types';

const DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/;

/** 'yyyy-mm-dd[ hh:mm]' → 'yyyy-mm-dd hh:mm:ss' (the engine's parseDateText), or null. */
export function timestampText(s: string): string | null {
  const m = s.trim().match(DATE_RE);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function asNumber(v: string | number | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function unsupported(c: RuleCondition, why: string, whyZh: string): KequnError {
  return new KequnError('SEGMENT_INVALID', `Condition on ${c.column} (${c.op}) cannot be written as SQL: ${why}`, {
    zh: `列“${c.column}”上的条件（${c.op}）无法写成 SQL：${whyZh}`,
    details: { column: c.column, op: c.op },
  });
}

/**
 * One rule condition as a SQL boolean (segment/conditions.ts): missing cells fail every test
 * except isEmpty, ne and notIn; text equality ignores surrounding spaces; `between` is
 * inclusive; dates may be written yyyy-mm-dd. `column` is the quoted column of the customer
 * relation, `kind` its type there.
 */
export function conditionSql(d: Dialect, c: RuleCondition, column: string, kind: ColumnKind): string {
  const text = d.trim(d.text(column));
  const empty = `(${column} IS NULL OR ${text} = '')`;
  const value = (v: string | number | undefined): string => {
    if (kind === 'date') {
      const ts = typeof v === 'string' ? timestampText(v) : null;
      if (ts === null) throw unsupported(c, `"${String(v)}" is not a yyyy-mm-dd date`, `“${String(v)}”不是 yyyy-mm-dd 日期`);
      return d.comparable(d.timestampLiteral(ts));
    }
    const n = asNumber(v);
    if (n === null) throw unsupported(c, `"${String(v)}" is not a number`, `“${String(v)}”不是数字`);
    return numberLiteral(n);
  };
  const cmpColumn = kind === 'date' ? d.comparable(column) : column;
  const equals = (v: string | number): string => {
    if (kind === 'number') {
      const n = asNumber(v);
      // The engine compares numbers as numbers; a non-numeric value never equals a number cell.
      return n === null ? '1 = 0' : `${column} = ${numberLiteral(n)}`;
    }
    if (kind === 'date') {
      const ts = typeof v === 'string' ? timestampText(v) : null;
      return ts === null ? '1 = 0' : `${cmpColumn} = ${d.comparable(d.timestampLiteral(ts))}`;
    }
    return `${text} = ${d.string(String(v).trim())}`;
  };
  switch (c.op) {
    case 'isEmpty':
      return empty;
    case 'notEmpty':
      return `NOT ${empty}`;
    case 'eq':
      return `${equals(c.value!)}`;
    case 'ne':
      return `(${column} IS NULL OR NOT (${equals(c.value!)}))`;
    case 'in':
      return `(${(c.values ?? []).map(equals).join(' OR ')})`;
    case 'notIn':
      return `(${column} IS NULL OR NOT (${(c.values ?? []).map(equals).join(' OR ')}))`;
    case 'contains':
      return `${d.position(d.trim(d.text(column)), d.string(String(c.value)))} > 0`;
    case 'between':
      if (kind === 'text') throw unsupported(c, 'numeric comparison on a text column', '文本列上的数值比较');
      return `(${cmpColumn} >= ${value(c.min)} AND ${cmpColumn} <= ${value(c.max)})`;
    default: {
      if (kind === 'text') throw unsupported(c, 'numeric comparison on a text column', '文本列上的数值比较');
      const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[c.op];
      return `${cmpColumn} ${op} ${value(c.value)}`;
    }
  }
}

/** All conditions of a rule (AND); an empty list always matches. */
export function conditionsSql(d: Dialect, conditions: readonly RuleCondition[], columnOf: (name: string) => string, kindOf: (name: string) => ColumnKind): string {
  if (conditions.length === 0) return '1 = 1';
  return conditions.map((c) => conditionSql(d, c, columnOf(c.column), kindOf(c.column))).join(' AND ');
}
