import type { PivotValue, ShowAs } from '../../../shared/contract/analyze';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import { resolveColumn } from '../store/column-reader';

const AGG_TEXT: Record<PivotValue['agg'], { zh: string; en: string }> = {
  sum: { zh: '求和项', en: 'Sum of' },
  count: { zh: '计数项', en: 'Count of' },
  countDistinct: { zh: '非重复计数项', en: 'Distinct count of' },
  mean: { zh: '平均值项', en: 'Average of' },
  min: { zh: '最小值项', en: 'Min of' },
  max: { zh: '最大值项', en: 'Max of' },
  median: { zh: '中位数项', en: 'Median of' },
};

const SHOW_AS_TEXT: Record<ShowAs, { zh: string; en: string } | null> = {
  value: null,
  pctRow: { zh: '占行汇总%', en: '% of row total' },
  pctCol: { zh: '占列汇总%', en: '% of column total' },
  pctTotal: { zh: '占总计%', en: '% of grand total' },
  index: { zh: '指数 TGI', en: 'Index (TGI)' },
};

/** Value headers worded like Excel's PivotTable ("求和项:金额" / "Sum of 金额"). */
export function valueLabel(v: PivotValue, ds: DatasetInfo): { zh: string; en: string } {
  if (v.label) return { zh: v.label, en: v.label };
  const name = v.column ? resolveColumn(ds.columns, v.column).name : null;
  const base =
    name === null
      ? { zh: '计数', en: 'Count' }
      : { zh: `${AGG_TEXT[v.agg].zh}:${name}`, en: `${AGG_TEXT[v.agg].en} ${name}` };
  const suffix = SHOW_AS_TEXT[v.showAs];
  return suffix ? { zh: `${base.zh}（${suffix.zh}）`, en: `${base.en} (${suffix.en})` } : base;
}
