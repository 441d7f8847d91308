import type { LifecycleDefinition, SegmentWarning } from '../../../shared/contract/segment';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import { readRfmOrigin } from '../store/dataset-origin';
import { hasColumn } from './dataset-access';
import type { SegmentWork } from './work';

/** Where the lifecycle's spend trend came from: given, the RFM dataset's own source, or nowhere. */
export type TrendSource = 'columns' | 'transactions' | 'rfmSource' | null;

export interface TrendPlan {
  /** The definition to run: with the RFM source's trend and analysis date filled in when found. */
  def: LifecycleDefinition;
  source: TrendSource;
  warning: SegmentWarning | null;
}

/**
 * The "spend down" rule needs spend in two periods. Given explicitly (columns or a transactions
 * dataset), that is used. Otherwise an RFM dataset knows the transactions it was computed from
 * (its origin): the same customer, date and amount columns, its analysis date and returns rule.
 * When neither is there, the rule is skipped and the result says so and why.
 */
export function planTrend(work: SegmentWork, ds: DatasetInfo, def: LifecycleDefinition): TrendPlan {
  if (def.trend) return { def, source: 'previousColumn' in def.trend ? 'columns' : 'transactions', warning: null };
  const origin = readRfmOrigin(work.store, ds.id);
  if (!origin) return { def, source: null, warning: skipped(def, 'notRfm', {}) };
  const tx = work.store.listDatasets().find((d) => d.id === origin.sourceDatasetId);
  if (!tx) return { def, source: null, warning: skipped(def, 'sourceGone', { source: origin.sourceDatasetId }) };
  const missing = [origin.customer, origin.date, origin.amount].filter((c) => !hasColumn(tx, c));
  if (missing.length > 0 || !hasColumn(ds, origin.customer)) {
    return { def, source: null, warning: skipped(def, 'columnsGone', { source: tx.name, columns: [...missing, ...(hasColumn(ds, origin.customer) ? [] : [origin.customer])].join(', ') }) };
  }
  return {
    def: {
      ...def,
      asOf: def.asOf ?? origin.asOf,
      trend: {
        transactionsDatasetId: tx.id,
        customerColumn: origin.customer,
        keyColumn: origin.customer,
        dateColumn: origin.date,
        amountColumn: origin.amount,
        periodDays: 180,
        returns: origin.returnsRule,
      },
    },
    source: 'rfmSource',
    warning: null,
  };
}

const REASONS = {
  notRfm: { zh: '这份数据不是由交易明细计算的 RFM 结果，也没有指定交易明细或前后两期消费列', en: 'this dataset is not an RFM result computed from transactions, and no transactions or two period-spend columns were given' },
  sourceGone: { zh: '计算这份 RFM 的交易明细（{source}）已不在项目中', en: 'the transactions this RFM was computed from ({source}) are no longer in the project' },
  columnsGone: { zh: '交易明细「{source}」中找不到列：{columns}', en: 'the transactions "{source}" lack the columns: {columns}' },
} as const;

function skipped(def: LifecycleDefinition, reason: keyof typeof REASONS, vars: Record<string, string>): SegmentWarning {
  const pct = Math.round((1 - def.declineRatio) * 100);
  const fill = (t: string): string => Object.entries(vars).reduce((s, [k, v]) => s.split(`{${k}}`).join(v), t);
  return {
    code: 'LIFECYCLE_TREND_SKIPPED',
    zh: `未使用“近期消费比前期下降 ${pct}% 以上即为衰退”的规则：${fill(REASONS[reason].zh)}。衰退客户只按 R > ${def.decliningDays} 天判定。可指定交易明细（--transactions）或前后两期消费列。`,
    en: `The "spend down ${pct}% or more means declining" rule was not used: ${fill(REASONS[reason].en)}. Declining customers are judged by R > ${def.decliningDays} days only. Give the transactions (--transactions) or two period-spend columns to use it.`,
  };
}
