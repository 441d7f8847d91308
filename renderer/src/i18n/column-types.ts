import type { ColumnType } from '../../../shared/contract/datasets';

/** The names of column types, one wording everywhere (grid, overview, import, cleaning). */
export const COLUMN_TYPE_LABELS: Record<'zh-CN' | 'en', Record<ColumnType, string>> = {
  'zh-CN': { integer: '整数', decimal: '小数', percent: '百分比', currency: '金额', boolean: '是/否', date: '日期', datetime: '日期时间', text: '文本' },
  en: { integer: 'Integer', decimal: 'Decimal', percent: 'Percent', currency: 'Currency', boolean: 'Yes/No', date: 'Date', datetime: 'Date & time', text: 'Text' },
};

/** The same labels as flat keys with a prefix ("type_integer"), for namespaces that use them. */
export function prefixedTypeLabels(lang: 'zh-CN' | 'en', prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(COLUMN_TYPE_LABELS[lang]).map(([k, v]) => [`${prefix}${k}`, v]));
}
