import type { DatasetInfo } from '../../../shared/contract/datasets';
import type { JsonValue } from '../../../shared/contract/json';
import type { SegmentationInfo, SegmentationMethod } from '../../../shared/contract/segmentations';
import type { ModelRecord } from '../cluster/model-record';
import { clusterWarnings } from '../cluster/warnings';
import { calendarDay } from './report-dates';
import { fill, type ReportLang } from './report-text';

type Obj = { [k: string]: JsonValue };
const isObj = (v: JsonValue | undefined): v is Obj => v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
const str = (v: JsonValue | undefined): string | null => (typeof v === 'string' ? v : null);
const num = (v: JsonValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const fmt = (v: number, lang: ReportLang): string => v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 3 });

const METHOD_NAMES: Record<SegmentationMethod, { zh: string; en: string }> = {
  rfm8: { zh: 'RFM 八类', en: 'RFM eight segments' },
  'rfm-score': { zh: 'RFM 评分', en: 'RFM scores' },
  pareto: { zh: '价值分层（帕累托）', en: 'Value tiers (Pareto)' },
  lifecycle: { zh: '客户生命周期', en: 'Customer lifecycle' },
  rules: { zh: '规则细分', en: 'Rule-based segments' },
  template: { zh: '模板细分', en: 'Template segments' },
  kmeans: { zh: 'K-均值聚类', en: 'k-means clustering' },
  clv: { zh: '客户终身价值分层（BG/NBD + Gamma-Gamma）', en: 'Customer lifetime value tiers (BG/NBD + Gamma-Gamma)' },
  kprototypes: { zh: 'K-原型混合聚类', en: 'k-prototypes clustering (numbers and categories)' },
  hclust: { zh: 'Ward 层次聚类', en: 'Ward hierarchical clustering' },
};

export function methodName(method: SegmentationMethod, lang: ReportLang): string {
  return METHOD_NAMES[method][lang];
}

/** A dataset's origin in words: engine-made sources ("RFM of X as of D") are translated. */
export function describeSource(ds: DatasetInfo, lang: ReportLang): string {
  const s = ds.source ?? '';
  const rfm = s.match(/^RFM of (.+) as of (\d{4}-\d{2}-\d{2})$/);
  if (rfm) return fill({ zh: '由「{src}」计算的 RFM 指标，分析日期 {day}', en: 'RFM computed from "{src}", analysis date {day}' }, lang, { src: rfm[1]!, day: calendarDay(rfm[2]!, lang) });
  const group = s.match(/^group by (.+) of (.+)$/);
  if (group) return fill({ zh: '由「{src}」按 {keys} 汇总', en: '"{src}" grouped by {keys}' }, lang, { src: group[2]!, keys: group[1]! });
  if (/^Kequn demo generator/.test(s)) return lang === 'zh' ? '客群示例数据' : 'Kequn demo data';
  return s;
}

const THRESHOLD = {
  mean: { zh: '全体客户的均值', en: 'the mean of all customers' },
  median: { zh: '全体客户的中位数', en: 'the median of all customers' },
};

function rfm8Sentences(def: Obj, lang: ReportLang): string[] {
  const cols = isObj(def.columns) ? def.columns : {};
  const [r, f, m] = [str(cols.r) ?? 'R', str(cols.f) ?? 'F', str(cols.m) ?? 'M'];
  const threshold = str(def.threshold) ?? 'mean';
  const out = [
    fill(
      {
        zh: '按 RFM 八类法细分：R 为最近一次购买距分析日的天数（「{r}」，越小越好），F 为购买次数（「{f}」），M 为消费金额（「{m}」）。',
        en: 'Segmented by the RFM eight-segment method: R is the days since the last purchase ("{r}", fewer is better), F the number of purchases ("{f}"), M the amount spent ("{m}").',
      },
      lang,
      { r, f, m },
    ),
  ];
  if (threshold === 'score') {
    const k = num(def.scoreThreshold) ?? 3;
    out.push(fill({ zh: '每项按五分位打 1–5 分，得分不低于 {k} 记为“高”。', en: 'Each is scored 1–5 by quintile; a score of {k} or more counts as high.' }, lang, { k }));
  } else {
    const by = THRESHOLD[threshold === 'median' ? 'median' : 'mean'][lang];
    out.push(fill({ zh: '每项与{by}比较：F、M 高于它记为“高”，R 低于它（购买更近）记为“高”。', en: 'Each is compared with {by}: F and M above it count as high, R below it (a more recent purchase) counts as high.' }, lang, { by }));
  }
  if (isObj(def.cuts)) out.push(lang === 'zh' ? '部分维度使用了用户设定的分档边界。' : 'Some dimensions use cut points set by the user.');
  out.push(lang === 'zh' ? '三项高低组合成八类客户，每位客户只属于一类。' : 'The three highs and lows combine into eight segments; each customer is in exactly one.');
  return out;
}

function paretoSentences(def: Obj, lang: ReportLang): string[] {
  const shares = Array.isArray(def.shares) ? def.shares.map((v) => num(v) ?? 0) : [80, 15, 5];
  const labels = Array.isArray(def.labels) ? def.labels.map((v) => str(v) ?? '') : ['A', 'B', 'C'];
  const col = str(def.valueColumn) ?? 'M';
  const tiers = labels.map((l, i) => fill({ zh: '「{l}」占 {s}%', en: '"{l}" {s}%' }, lang, { l, s: shares[i] ?? 0 })).join(lang === 'zh' ? '，' : ', ');
  return [
    fill(
      {
        zh: '按价值分层（帕累托法则）：客户按「{col}」从高到低排列并累计，依次按金额占比划分为：{tiers}。',
        en: 'Value tiers by the Pareto rule: customers ranked by "{col}" from highest, cumulated and cut by share of the total: {tiers}.',
      },
      lang,
      { col, tiers },
    ),
  ];
}

function lifecycleSentences(def: Obj, lang: ReportLang): string[] {
  const v = (k: string, d: number): number => num(def[k]) ?? d;
  const asOf = str(def.asOf);
  return [
    fill(
      {
        zh: '按生命周期规则划分，自上而下第一条满足的规则生效：没有购买为潜在客户；超过 {churn} 天未购买为流失客户；首次购买不超过 {new} 天为新客户；超过 {decl} 天未购买或近期消费不足前期的 {ratio} 倍为衰退客户；其余为成熟客户。',
        en: 'Lifecycle rules, the first that holds applies: no purchase is a prospect; no purchase for more than {churn} days is churned; a first purchase within {new} days is new; no purchase for more than {decl} days, or recent spend below {ratio} × the previous period, is declining; everyone else is mature.',
      },
      lang,
      { churn: v('churnDays', 180), new: v('newDays', 90), decl: v('decliningDays', 90), ratio: v('declineRatio', 0.7) },
    ),
    ...(asOf ? [fill({ zh: '分析日期：{d}。', en: 'Analysis date: {d}.' }, lang, { d: calendarDay(asOf, lang) })] : []),
    lifecycleTrendSentence(def, lang),
  ];
}

/** Where the "spend down" rule's two periods came from, or that it was not used (no trend known). */
function lifecycleTrendSentence(def: Obj, lang: ReportLang): string {
  const trend = isObj(def.trend) ? def.trend : null;
  if (!trend) {
    return fill({ zh: '未使用“近期消费下降”规则：没有可用的交易明细或前后两期消费列，衰退客户只按未购买天数判定。', en: 'The "recent spend down" rule was not used: no transactions or two period-spend columns were available, so declining customers are judged by days without a purchase only.' }, lang);
  }
  if (str(trend.previousColumn)) return fill({ zh: '近期与前期消费取自列「{r}」与「{p}」。', en: 'Recent and previous spend come from the columns "{r}" and "{p}".' }, lang, { r: str(trend.recentColumn) ?? '', p: str(trend.previousColumn) ?? '' });
  return fill(
    { zh: '近期与前期消费由交易明细按「{c}」汇总「{a}」，前后两期各 {n} 天{ret}。', en: 'Recent and previous spend sum "{a}" of the transactions per "{c}", two periods of {n} days{ret}.' },
    lang,
    { c: str(trend.customerColumn) ?? '', a: str(trend.amountColumn) ?? '', n: num(trend.periodDays) ?? 180, ret: trend.returns === 'exclude' ? (lang === 'zh' ? '，不含退货' : ', returns left out') : '' },
  );
}

function rulesSentences(def: Obj, lang: ReportLang): string[] {
  const scheme = isObj(def.scheme) ? def.scheme : def;
  const rules = Array.isArray(scheme.rules) ? scheme.rules.length : 0;
  const name = str(scheme.name) ?? '';
  const fallback = str(scheme.defaultSegment) ?? '';
  return [
    fill(
      {
        zh: '按规则方案「{name}」划分：共 {n} 条规则，自上而下第一条满足的规则决定客户所属细分，都不满足的归入「{fallback}」。',
        en: 'Segmented by the rule scheme "{name}": {n} rules, the first rule that holds decides the segment; customers matching none go to "{fallback}".',
      },
      lang,
      { name, n: rules, fallback },
    ),
  ];
}

function kmeansSentences(def: Obj, lang: ReportLang): string[] {
  const features = Array.isArray(def.features) ? def.features.filter(isObj) : [];
  const names = [...new Set(features.map((f) => str(f.column) ?? str(f.name) ?? ''))].filter((n) => n !== '');
  const transforms = [...new Set(features.flatMap((f) => (Array.isArray(f.transforms) ? f.transforms.map((x) => str(x) ?? '') : [])))].filter((x) => x !== '' && x !== 'none');
  const words: Record<string, { zh: string; en: string }> = {
    zscore: { zh: '标准化（z 分数）', en: 'standardised (z-score)' },
    log1p: { zh: '对数变换', en: 'log-transformed' },
    minmax: { zh: '缩放到 0–1', en: 'scaled to 0–1' },
    robust: { zh: '稳健缩放（中位数与四分位距）', en: 'robust-scaled (median and IQR)' },
  };
  const sil = num(def.silhouette);
  const out = [
    fill(
      {
        zh: 'K-均值聚类：分为 {k} 类，使用「{cols}」{tf}；随机种子 {seed}，重复 {restarts} 次取组内平方和最小的结果。',
        en: 'k-means clustering into {k} clusters on "{cols}"{tf}; random seed {seed}, {restarts} restarts keeping the lowest within-cluster sum of squares.',
      },
      lang,
      {
        k: num(def.k) ?? 0,
        cols: names.join(lang === 'zh' ? '」「' : '", "'),
        tf: transforms.length ? (lang === 'zh' ? `（${transforms.map((x) => words[x]?.zh ?? x).join('、')}）` : ` (${transforms.map((x) => words[x]?.en ?? x).join(', ')})`) : '',
        seed: num(def.seed) ?? 0,
        restarts: num(def.restarts) ?? 1,
      },
    ),
  ];
  if (sil !== null) out.push(fill({ zh: '轮廓系数 {s}（越接近 1 分得越开）。', en: 'Silhouette {s} (closer to 1: better separated).' }, lang, { s: fmt(Math.round(sil * 1000) / 1000, lang) }));
  // Tiny clusters (outliers) are said in the report as in the app and the CLI, with what to try.
  const model = def as unknown as Partial<ModelRecord>;
  if (Array.isArray(model.clusters) && Array.isArray(model.features)) out.push(...clusterWarnings(model.clusters, model.features).map((w) => `⚠ ${w[lang]}`));
  return out;
}

/** How the segmentation was made, in sentences with its parameters in words. */
export function methodSentences(seg: SegmentationInfo, lang: ReportLang): string[] {
  const def: Obj = isObj(seg.definition) ? seg.definition : {};
  switch (seg.method) {
    case 'rfm8':
      return rfm8Sentences(def, lang);
    case 'pareto':
      return paretoSentences(def, lang);
    case 'lifecycle':
      return lifecycleSentences(def, lang);
    case 'rules':
    case 'template':
      return rulesSentences(def, lang);
    case 'kmeans':
      return kmeansSentences(def, lang);
    case 'rfm-score':
      return [lang === 'zh' ? '按 RFM 评分细分：R、F、M 各按五分位打 1–5 分（R 越近分越高），组合得分决定细分。' : 'Segmented by RFM scores: R, F and M each scored 1–5 by quintile (more recent R scores higher); the combined score decides the segment.'];
    case 'kprototypes':
      return [
        lang === 'zh'
          ? '用 K-原型法聚类：数值列按距离、类别列按是否相同一起衡量客户之间的差异，多次随机起点取总代价最小的结果。'
          : 'Clustered with k-prototypes: numeric columns by distance and category columns by mismatch measure how customers differ together; several random starts, the lowest total cost kept.',
      ];
    case 'hclust':
      return [
        lang === 'zh'
          ? '用 Ward 层次聚类：每一步合并使群内平方和增加最少的两个群，在树状图上按选定的群数切分。'
          : "Clustered with Ward's hierarchical method: each step merges the two groups whose union adds least to the within-group sum of squares; the tree is cut at the chosen number of groups.",
      ];
    case 'clv':
      return [
        lang === 'zh'
          ? '按预测的客户终身价值分层：BG/NBD 模型预测每位客户今后的购买次数与仍活跃的概率，Gamma-Gamma 模型预测每次消费金额，按月折现并乘以毛利率后按价值从高到低排名，等分为若干层。'
          : 'Tiers of predicted customer lifetime value: BG/NBD predicts each customer\'s future purchases and the chance they are still active, Gamma-Gamma the spend per purchase; the value, discounted monthly and multiplied by the margin, is ranked from highest to lowest and cut into equal tiers.',
      ];
  }
}
