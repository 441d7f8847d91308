/** Every text a report writes, in both languages (sheet names, headings, labels). */
export type ReportLang = 'zh' | 'en';

const TEXT = {
  overview: { zh: '概览', en: 'Overview' },
  profiles: { zh: '细分画像', en: 'Profiles' },
  actions: { zh: '执行建议', en: 'Actions' },
  customers: { zh: '客户名单', en: 'Customers' },
  crosstab: { zh: '偏好交叉表', en: 'Cross-tab' },
  pivots: { zh: '透视表', en: 'Pivots' },
  charts: { zh: '图表', en: 'Charts' },
  migration: { zh: '迁移', en: 'Migration' },
  comparison: { zh: '方案对比', en: 'Scheme comparison' },
  method: { zh: '方法说明', en: 'Method' },
  models: { zh: '模型说明', en: 'Model notes' },
  title: { zh: '客户细分报告', en: 'Customer segmentation report' },
  source: { zh: '数据来源', en: 'Data source' },
  generated: { zh: '生成时间', en: 'Generated' },
  customerCount: { zh: '客户数', en: 'Customers' },
  scheme: { zh: '细分方案', en: 'Scheme' },
  software: { zh: '软件版本', en: 'Software' },
  softwareName: { zh: '客群', en: 'Kequn' },
  segment: { zh: '细分', en: 'Segment' },
  count: { zh: '客户数', en: 'Customers' },
  share: { zh: '客户占比', en: 'Share' },
  revenue: { zh: '收入', en: 'Revenue' },
  revenueShare: { zh: '收入占比', en: 'Revenue share' },
  action: { zh: '建议行动', en: 'Recommended action' },
  metric: { zh: '指标', en: 'Metric' },
  mean: { zh: '均值', en: 'Mean' },
  index: { zh: '指数(均值=100)', en: 'Index (avg = 100)' },
  indexTable: { zh: '画像指数（整体均值 = 100）', en: 'Profile index (overall mean = 100)' },
  overall: { zh: '全体', en: 'All' },
  chartCount: { zh: '各细分客户数', en: 'Customers per segment' },
  chartShare: { zh: '客户占比', en: 'Customer share' },
  chartRevenue: { zh: '各细分收入', en: 'Revenue per segment' },
  chartRevenueShare: { zh: '客户占比与收入占比', en: 'Customer share vs revenue share' },
  chartIndex: { zh: '细分画像指数', en: 'Profile index by segment' },
  chartMeans: { zh: '各细分指标均值', en: 'Metric means by segment' },
  unassigned: { zh: '（未分配）', en: '(unassigned)' },
  total: { zh: '合计', en: 'Total' },
  description: { zh: '细分客户描述', en: 'Segment descriptions' },
  cardStatus: { zh: '基本状况', en: 'Status' },
  cardBehaviour: { zh: '行为特征', en: 'Behaviour' },
  cardValue: { zh: '价值', en: 'Value' },
  cardNeeds: { zh: '需求', en: 'Needs' },
} as const;

export type TextKey = keyof typeof TEXT;

export function t(key: TextKey, lang: ReportLang): string {
  return TEXT[key][lang];
}

/** Fills {name} placeholders of a two-language template. */
export function fill(template: { zh: string; en: string }, lang: ReportLang, vars: Record<string, string | number> = {}): string {
  let s = template[lang];
  for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/** Text in brackets the way each language writes them: （…） / " (…)". */
export function paren(text: string, lang: ReportLang): string {
  return lang === 'zh' ? `（${text}）` : ` (${text})`;
}
