/**
 * Progress labels are codes the UI and the CLI translate, never text in one language. Figures
 * that vary (a sheet name, rows read, k and restart of a k-means fit) travel in `detail`.
 */
export const PROGRESS_LABELS = {
  selfTest: { zh: '自检', en: 'Self-test' },
  open: { zh: '打开项目', en: 'Opening the project' },
  convert: { zh: '升级项目文件', en: 'Upgrading the project file' },
  demo: { zh: '生成示例项目', en: 'Building the demo project' },
  copy: { zh: '复制项目', en: 'Copying the project' },
  import: { zh: '导入', en: 'Importing' },
  read: { zh: '读取数据', en: 'Reading data' },
  write: { zh: '写入', en: 'Writing' },
  clean: { zh: '清洗', en: 'Cleaning' },
  undo: { zh: '撤销', en: 'Undoing' },
  stats: { zh: '统计', en: 'Statistics' },
  sort: { zh: '排序', en: 'Sorting' },
  formula: { zh: '计算公式', en: 'Formula' },
  groupBy: { zh: '分组汇总', en: 'Group by' },
  rfm: { zh: 'RFM 计算', en: 'RFM' },
  rfm8: { zh: 'RFM 八类细分', en: 'RFM-8 segments' },
  rfmScore: { zh: 'RFM 评分', en: 'RFM scores' },
  pareto: { zh: '帕累托价值分层', en: 'Pareto tiers' },
  lifecycle: { zh: '生命周期', en: 'Lifecycle' },
  rules: { zh: '规则细分', en: 'Rule segments' },
  tags: { zh: '客户标签', en: 'Customer tags' },
  migrate: { zh: '细分迁移', en: 'Segment migration' },
  fit: { zh: '聚类计算', en: 'Clustering' },
  silhouette: { zh: '轮廓系数', en: 'Silhouette' },
  scan: { zh: '选择聚类数', en: 'Choosing k' },
  score: { zh: '为新数据打分', en: 'Scoring new data' },
  save: { zh: '保存结果', en: 'Saving the result' },
  pivot: { zh: '数据透视', en: 'Pivot' },
  crosstab: { zh: '偏好交叉表', en: 'Preference cross-tab' },
  chart: { zh: '图表数据', en: 'Chart data' },
  customers: { zh: '客户名单', en: 'Customer list' },
  report: { zh: '生成报告', en: 'Writing the report' },
  export: { zh: '导出', en: 'Exporting' },
  model: { zh: '模型计算', en: 'Model' },
  sqlRun: { zh: '运行 SQL', en: 'Running SQL' },
  clvSummary: { zh: '汇总每位客户的购买', en: 'Summarising each customer' },
  clvFit: { zh: '拟合 BG/NBD 与 Gamma-Gamma 模型', en: 'Fitting BG/NBD and Gamma-Gamma' },
  clvPredict: { zh: '预测客户价值', en: 'Predicting customer value' },
  compare: { zh: '比对结果', en: 'Comparing' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ProgressLabel = keyof typeof PROGRESS_LABELS;

/** Figures shown after the label; every field optional and JSON-safe. */
export interface ProgressDetail {
  /** A sheet, dataset, scheme or step name (user text, shown as is). */
  name?: string;
  rows?: number;
  etaSeconds?: number;
  k?: number;
  restart?: number;
  restarts?: number;
  iteration?: number;
}

export function isProgressLabel(v: unknown): v is ProgressLabel {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(PROGRESS_LABELS, v);
}

/** The label and its figures in one line, in the user's language. */
export function progressText(label: string, detail: ProgressDetail | undefined, lang: 'zh' | 'en'): string {
  const base = isProgressLabel(label) ? PROGRESS_LABELS[label][lang] : label;
  if (!detail) return base;
  const zh = lang === 'zh';
  const parts: string[] = [base];
  if (detail.name) parts.push(detail.name);
  if (detail.k !== undefined) parts.push(`k = ${detail.k}`);
  if (detail.restart !== undefined && detail.restarts !== undefined) parts.push(zh ? `第 ${detail.restart}/${detail.restarts} 次` : `restart ${detail.restart}/${detail.restarts}`);
  if (detail.iteration !== undefined) parts.push(zh ? `迭代 ${detail.iteration}` : `iteration ${detail.iteration}`);
  if (detail.rows !== undefined) parts.push(zh ? `已处理 ${detail.rows.toLocaleString('en-US')} 行` : `${detail.rows.toLocaleString('en-US')} rows`);
  if (detail.etaSeconds !== undefined) parts.push(zh ? `约剩 ${detail.etaSeconds} 秒` : `about ${detail.etaSeconds} s left`);
  return parts.join(' · ');
}
