import { DATE_GROUPS, DEFAULT_MIN_BASE, PIVOT_AGGREGATIONS, type CrosstabColSort, type CrosstabMeasure, type DateGroup, type PivotAggregation, type PivotField, type PivotValue } from '../../../../shared/contract/analyze';
import { KequnError } from '../../../../shared/contract/errors';
import type { CliValues } from '../command';
import { arg, type CliOptionSpecs } from '../options';

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

/** A whole number option (--top 10), or undefined when absent. */
export function intOption(values: CliValues, name: string, min: number): number | undefined {
  const v = values[name];
  if (typeof v !== 'string') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new KequnError('VALIDATION', `--${name} needs a whole number ≥ ${min}`, { zh: `--${name} 需要不小于 ${min} 的整数` });
  return n;
}

/** "label" | "volume" | "tgi" | "tgi:重要价值客户" (columns by one segment's TGI). */
export function parseColSort(text: string | undefined): CrosstabColSort | undefined {
  if (text === undefined) return undefined;
  const [by, ...row] = text.split(':');
  if (by !== 'label' && by !== 'volume' && by !== 'tgi') {
    throw new KequnError('VALIDATION', `Unknown --sort "${text}" (use label, volume, tgi or tgi:SEGMENT)`, { zh: `未知的排序“${text}”（可用：label、volume、tgi 或 tgi:细分名）` });
  }
  return { by, ...(by === 'tgi' && row.length > 0 ? { row: row.join(':') } : {}) };
}

/** The cross-tab options shared by `kequn crosstab` and `kequn report`: --top, --min-base, --sort. */
export function crosstabOptions(values: CliValues): { topCols?: number; minCellCount?: number; colSort?: CrosstabColSort } {
  const top = intOption(values, 'top', 1);
  const minBase = intOption(values, 'min-base', 0);
  const sort = parseColSort(typeof values.sort === 'string' ? values.sort : undefined);
  return { ...(top !== undefined ? { topCols: top } : {}), ...(minBase !== undefined ? { minCellCount: minBase } : {}), ...(sort ? { colSort: sort } : {}) };
}

export const CROSSTAB_CLI_OPTIONS: CliOptionSpecs = {
  top: arg('N', '只保留合计最大的 N 个类别，其余合并为“其他”', 'keep the N categories with the largest totals; the rest become 其他'),
  'min-base': arg('N', '基数小于它的单元格标灰、不算偏好', 'cells resting on fewer are greyed and never preferences', { default: String(DEFAULT_MIN_BASE) }),
  sort: arg('label|volume|tgi[:SEGMENT]', '列的顺序：按名称、按合计或按某细分的 TGI', "column order: by label, by total, or by a segment's TGI", { default: 'label' }),
};

/** What the cross-tab decides for the user, printed with --help in both languages. */
export const CROSSTAB_CONVENTIONS = {
  zh: `约定：TGI = 细分在该类别的占比 ÷ 全体占比 × 100；--min-base 默认 ${DEFAULT_MIN_BASE}：基数（订单数，按客户计时为客户数）小于它的单元格标灰、不算偏好；|调整残差| > 1.96 标 ▲/▼（p < 0.05）；--top N 保留合计最大的 N 个类别（并列按名称），其余及名为“其他”的类别合并为“其他”，排在最后；--sort volume 按合计从大到小，tgi[:细分] 按该细分（默认第一行）的 TGI 从高到低；行按细分方案的顺序；期望频数小于 5 的单元格超过 20% 或有小于 1 的（科克伦规则），卡方检验旁附警告。`,
  en: `Conventions: TGI = the segment's share in a category ÷ everyone's share × 100; --min-base defaults to ${DEFAULT_MIN_BASE}: cells resting on fewer orders (customers when counting customers) are greyed and never preferences; |adjusted residual| > 1.96 marks ▲/▼ (p < 0.05); --top N keeps the N categories with the largest totals (ties by name) and gathers the rest, and any category named 其他, into 其他, last; --sort volume orders columns by total, tgi[:SEGMENT] by that segment's TGI (default the first row); rows follow the segmentation's order; when over 20% of expected counts are below 5 or any is below 1 (Cochran's rule), a warning goes with the chi-square test.`,
};
