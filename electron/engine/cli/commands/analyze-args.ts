import { DATE_GROUPS, PIVOT_AGGREGATIONS, type CrosstabMeasure, type DateGroup, type PivotAggregation, type PivotField, type PivotValue } from '../../../../shared/contract/analyze';
import { KequnError } from '../../../../shared/contract/errors';
import type { CliValues } from '../command';

/** Comma-separated option as a list ("a,b" → ["a","b"]); absent → []. */
export function listOption(values: CliValues, name: string): string[] {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') return [];
  return v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function requiredOption(values: CliValues, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new KequnError('USAGE', `Missing --${name}`, { zh: `缺少参数 --${name}` });
  return v.trim();
}

/** A field: "地区" or a date grouped by period "下单时间@month". */
export function parseField(text: string): PivotField {
  const at = text.lastIndexOf('@');
  if (at > 0) {
    const group = text.slice(at + 1);
    if ((DATE_GROUPS as readonly string[]).includes(group)) return { column: text.slice(0, at), dateGroup: group as DateGroup };
  }
  return { column: text };
}

/** A value: "count", "sum:金额", "mean:年龄"; an optional "/pctRow" etc. sets show-as. */
export function parseValue(text: string): PivotValue {
  const [main, show] = text.split('/') as [string, string | undefined];
  const colon = main.indexOf(':');
  const agg = (colon < 0 ? main : main.slice(0, colon)).trim();
  const column = colon < 0 ? undefined : main.slice(colon + 1).trim();
  if (!(PIVOT_AGGREGATIONS as readonly string[]).includes(agg)) {
    throw new KequnError('USAGE', `Unknown aggregation "${agg}" (use ${PIVOT_AGGREGATIONS.join(', ')})`, {
      zh: `未知的汇总方式“${agg}”（可用：${PIVOT_AGGREGATIONS.join('、')}）`,
    });
  }
  const showAs = show === undefined ? 'value' : show.trim();
  if (!['value', 'pctRow', 'pctCol', 'pctTotal', 'index'].includes(showAs)) {
    throw new KequnError('USAGE', `Unknown show-as "${showAs}"`, { zh: `未知的显示方式“${showAs}”` });
  }
  return { agg: agg as PivotAggregation, showAs: showAs as PivotValue['showAs'], ...(column ? { column } : {}) };
}

/** "count" | "customers" | "sum:COL". */
export function parseMeasure(text: string | undefined): CrosstabMeasure {
  if (text === undefined || text === 'count') return { kind: 'count' };
  if (text === 'customers') return { kind: 'customers' };
  if (text.startsWith('customers:')) return { kind: 'customers', column: text.slice(10) };
  if (text.startsWith('sum:') && text.length > 4) return { kind: 'sum', column: text.slice(4) };
  throw new KequnError('USAGE', `Unknown measure "${text}" (use count, customers or sum:COLUMN)`, {
    zh: `未知的度量“${text}”（可用：count、customers、sum:列名）`,
  });
}
