import type { ParamsOut } from '../../../shared/contract/index';
import type { LifecycleDefinition, SegmentRunResult } from '../../../shared/contract/segment';
import { parseDateText } from './conditions';
import { findColumn, hasColumn, readNumbers } from './dataset-access';
import { planTrend } from './lifecycle-source';
import { readTrend } from './lifecycle-trend';
import { persist, type SegmentOutcome } from './persist';
import { segmentInvalid } from './segment-error';
import { summarise, type Metric } from './summary';
import type { SegmentWork } from './work';

const DAY_MS = 86_400_000;

export const LIFECYCLE_STAGES = [
  { name: '潜在客户', action: '尚未购买：首单激励、试用', actionEn: 'No purchase yet: first-order incentive' },
  { name: '新客户', action: '刚开始购买：新客关怀、引导第二单', actionEn: 'Just started: welcome and second order' },
  { name: '成熟客户', action: '稳定购买：会员权益、交叉销售', actionEn: 'Buying steadily: loyalty and cross-sell' },
  { name: '衰退客户', action: '购买间隔拉长或消费下降：及时关怀、定向优惠', actionEn: 'Lapsing or spending less: targeted offers now' },
  { name: '流失客户', action: '长期未购买：低成本唤醒或放弃', actionEn: 'Long gone: low-cost win-back or let go' },
] as const;

/**
 * Lifecycle stages, first matching rule wins (thresholds editable in the definition):
 * 1. 潜在客户: no purchase (F empty or ≤ 0).
 * 2. 流失客户: R (days since last purchase) > churnDays (180).
 * 3. 新客户:   tenure (days since first purchase) ≤ newDays (90).
 * 4. 衰退客户: R > decliningDays (90), or spend trend known and recent ÷ previous period < declineRatio (0.7).
 *    The trend comes from the definition, else from the transactions an RFM dataset was computed
 *    from (its origin); without either the rule is skipped and a LIFECYCLE_TREND_SKIPPED warning says why.
 * 5. 成熟客户: everyone else.
 * Tenure comes from the 客龄(天) column, else from 首次购买 and the analysis date. A buyer
 * without R or tenure cannot be placed and is left unassigned.
 */
export async function runLifecycle(work: SegmentWork, p: ParamsOut<'segment.lifecycle'>): Promise<SegmentRunResult> {
  const outcome = await computeLifecycle(work, p.datasetId, p.definition);
  return persist(work, { datasetId: outcome.datasetId, method: 'lifecycle', name: p.name ?? '生命周期', preview: p.preview }, outcome);
}

export async function computeLifecycle(work: SegmentWork, datasetId: string, given: LifecycleDefinition): Promise<SegmentOutcome & { datasetId: string }> {
  const ds = work.store.getDataset(datasetId);
  // The spend trend: as given, else the RFM dataset's own transactions, else skipped with a warning.
  const plan = planTrend(work, ds, given);
  const def = plan.def;
  work.progress(0, 2, 'lifecycle');
  const rCol = findColumn(ds, def.recencyColumn);
  const fCol = findColumn(ds, def.frequencyColumn);
  const r = readNumbers(work, ds.id, rCol.key);
  const f = readNumbers(work, ds.id, fCol.key);
  const trend = readTrend(work, ds, def);
  let tenure: Float64Array;
  let asOfMs: number | null = null;
  if (hasColumn(ds, def.tenureColumn)) tenure = readNumbers(work, ds.id, findColumn(ds, def.tenureColumn).key);
  else if (hasColumn(ds, def.firstPurchaseColumn)) {
    const first = readNumbers(work, ds.id, findColumn(ds, def.firstPurchaseColumn).key);
    asOfMs = def.asOf ? parseDateText(def.asOf) : (trend?.asOfMs ?? latestPurchase(work, ds.id, first));
    const at = asOfMs ?? 0;
    tenure = first.map((d) => (Number.isNaN(d) ? NaN : Math.floor((at - d) / DAY_MS)));
  } else {
    throw segmentInvalid(
      `Lifecycle needs a tenure column (${def.tenureColumn}) or a first-purchase column (${def.firstPurchaseColumn})`,
      `生命周期需要客龄列（${def.tenureColumn}）或首次购买列（${def.firstPurchaseColumn}）`,
      { tenureColumn: def.tenureColumn, firstPurchaseColumn: def.firstPurchaseColumn },
    );
  }
  if (def.newDays > def.churnDays || def.decliningDays > def.churnDays) {
    throw segmentInvalid('newDays and decliningDays must not exceed churnDays', '“新客户”与“衰退”天数不能大于“流失”天数', {
      newDays: def.newDays,
      decliningDays: def.decliningDays,
      churnDays: def.churnDays,
    });
  }
  await work.checkpoint();
  const [potential, fresh, mature, declining, churned] = LIFECYCLE_STAGES.map((s) => s.name);
  const labels = new Array<string | null>(r.length);
  for (let i = 0; i < r.length; i++) {
    const fi = f[i]!;
    const ri = r[i]!;
    const ti = tenure[i]!;
    if (Number.isNaN(fi) || fi <= 0) labels[i] = potential!;
    else if (Number.isNaN(ri)) labels[i] = null;
    else if (ri > def.churnDays) labels[i] = churned!;
    else if (!Number.isNaN(ti) && ti <= def.newDays) labels[i] = fresh!;
    else if (Number.isNaN(ti)) labels[i] = null;
    else if (ri > def.decliningDays || isDeclining(trend?.previous[i], trend?.recent[i], def.declineRatio)) labels[i] = declining!;
    else labels[i] = mature!;
  }
  work.progress(1, 2, 'lifecycle');
  const metrics: Metric[] = [
    { name: rCol.name, values: r },
    { name: fCol.name, values: f },
    { name: '客龄(天)', values: tenure },
  ];
  let revenue: Float64Array | null = null;
  if (hasColumn(ds, 'M')) {
    revenue = readNumbers(work, ds.id, findColumn(ds, 'M').key);
    metrics.push({ name: 'M', values: revenue });
  }
  if (trend) metrics.push({ name: '前期消费', values: trend.previous }, { name: '近期消费', values: trend.recent });
  const actions = Object.fromEntries(LIFECYCLE_STAGES.map((s) => [s.name, s.action]));
  const segments = summarise(labels, LIFECYCLE_STAGES.map((s) => s.name), metrics, revenue, actions);
  work.progress(2, 2, 'lifecycle');
  return {
    datasetId: ds.id,
    labels,
    segments,
    definition: { ...def, trend: def.trend ?? null, asOf: def.asOf ?? null },
    details: {
      asOf: asOfMs === null ? null : new Date(asOfMs).toISOString().slice(0, 10),
      trend: trend !== null,
      trendSource: plan.source,
      trendDatasetId: def.trend && 'transactionsDatasetId' in def.trend ? def.trend.transactionsDatasetId : null,
    },
    ...(plan.warning ? { warnings: [plan.warning] } : {}),
  };
}

function isDeclining(previous: number | undefined, recent: number | undefined, ratio: number): boolean {
  if (previous === undefined || recent === undefined || Number.isNaN(previous) || Number.isNaN(recent) || previous <= 0) return false;
  return recent / previous < ratio;
}

/** The day after the latest purchase seen (末次购买 when present, else the latest first purchase). */
function latestPurchase(work: SegmentWork, datasetId: string, first: Float64Array): number {
  const ds = work.store.getDataset(datasetId);
  const source = hasColumn(ds, '末次购买') ? readNumbers(work, ds.id, findColumn(ds, '末次购买').key) : first;
  let last = -Infinity;
  for (const d of source) if (!Number.isNaN(d) && d > last) last = d;
  return Number.isFinite(last) ? Math.floor(last / DAY_MS) * DAY_MS + DAY_MS : 0;
}
