import type ExcelJS from 'exceljs';
import type { EChartsOption } from 'echarts';
import { clvFrequencyChart, clvPAliveChart, clvTierChart, clvTrackingChart } from '../../../shared/charts/clv-charts';
import type { ClvModel } from '../../../shared/contract/clv';
import type { CellValue } from '../../../shared/contract/json';
import { renderChart } from './chart-image';
import { WidthTracker } from './column-width';
import type { ReportLang } from './report-text';
import { applyWidths, SECTION_FONT, TITLE_FONT, writeTable } from './sheet-style';

/** The sheet's wording, in both languages. */
const T = {
  sheet: { zh: '客户价值预测', en: 'Customer value' },
  title: { zh: '客户价值预测（BG/NBD + Gamma-Gamma）', en: 'Customer lifetime value (BG/NBD + Gamma-Gamma)' },
  inputs: { zh: '数据与设置', en: 'Data and settings' },
  source: { zh: '交易数据', en: 'Transactions' },
  customers: { zh: '客户数（其中有重复购买）', en: 'Customers (with repeat purchases)' },
  calibration: { zh: '校准期', en: 'Calibration' },
  holdout: { zh: '验证期', en: 'Holdout' },
  none: { zh: '无', en: 'none' },
  unit: { zh: '时间单位', en: 'Time unit' },
  horizon: { zh: 'CLV 期限 / 月折现率 / 利润率', en: 'CLV horizon / monthly discount / margin' },
  bgnbd: { zh: 'BG/NBD：谁会再买、买几次', en: 'BG/NBD: who buys again, how often' },
  gg: { zh: 'Gamma-Gamma：每次花多少', en: 'Gamma-Gamma: how much per purchase' },
  parameter: { zh: '参数', en: 'Parameter' },
  estimate: { zh: '估计值', en: 'Estimate' },
  se: { zh: '标准误', en: 'Std. error' },
  logLik: { zh: '对数似然', en: 'Log-likelihood' },
  converged: { zh: '收敛 / 起点一致', en: 'Converged / starts agreeing' },
  sample: { zh: '（起点在 {n} 位客户的抽样上）', en: ' (starts on a sample of {n} customers)' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  correlation: { zh: '购买次数与均额的相关系数', en: 'Correlation of frequency and mean spend' },
  popMean: { zh: '总体平均客单价', en: 'Population mean spend' },
  warnings: { zh: '提示', en: 'Warnings' },
  tiers: { zh: 'CLV 分层', en: 'CLV tiers' },
  tier: { zh: '分层', en: 'Tier' },
  count: { zh: '客户数', en: 'Customers' },
  share: { zh: '客户占比', en: 'Share' },
  clvTotal: { zh: 'CLV 合计', en: 'CLV total' },
  clvShare: { zh: 'CLV 占比', en: 'CLV share' },
  clvMean: { zh: '平均 CLV', en: 'Mean CLV' },
  clvMin: { zh: '最低 CLV', en: 'Min CLV' },
  clvMax: { zh: '最高 CLV', en: 'Max CLV' },
  pAlive: { zh: '平均活跃概率', en: 'Mean P(alive)' },
  expected: { zh: '人均预计购买', en: 'Expected purchases' },
  validation: { zh: '验证：预测与实际', en: 'Validation: predicted vs actual' },
  group: { zh: '校准期重复购买', en: 'Repeat purchases in calibration' },
  actual: { zh: '人均实际', en: 'Actual per customer' },
  predicted: { zh: '人均预测', en: 'Predicted per customer' },
  totals: { zh: '合计：实际 / 预测 / 相对误差', en: 'Total: actual / predicted / relative error' },
  errors: { zh: '每位客户 MAE / RMSE；累计曲线 MAPE', en: 'Per customer MAE / RMSE; cumulative curve MAPE' },
  cross: { zh: 'RFM 八类 × 活跃概率', en: 'RFM segments × P(alive)' },
  segment: { zh: 'RFM 细分', en: 'RFM segment' },
  oneTime: { zh: '未复购', en: 'One-time' },
  repeat: { zh: '有复购', en: 'Repeat' },
  likelyAlive: { zh: '可能仍活跃', en: 'Likely alive' },
  top: { zh: '预计价值最高的客户', en: 'Customers with the highest CLV' },
  customer: { zh: '客户', en: 'Customer' },
  x: { zh: '重复购买次数', en: 'Repeat purchases' },
  spend: { zh: '预计客单价', en: 'Expected spend' },
  method: { zh: '口径', en: 'Definitions' },
} as const;

const METHOD = {
  zh: [
    '购买以“天”计：同一客户同一天的多笔订单算一次购买；x = 校准期内首购之后的购买天数，tₓ = 末次 − 首次购买，T = 校准期结束日 − 首次购买（以所选单位计）。',
    '重复购买均额 = 首购日之后各购买日金额的平均值。BG/NBD（Fader, Hardie & Lee 2005）与 Gamma-Gamma（Fader & Hardie）用最大似然估计。',
    'CLV = 利润率 × 预计客单价 × Σ(第 k 个月预计购买次数 ÷ (1 + 月折现率)^k)。没有重复购买的客户按模型假设活跃概率为 1。',
  ],
  en: [
    'A purchase is a purchase day; x = purchase days after the first in calibration, tₓ = last − first purchase, T = calibration end − first purchase (in the chosen unit).',
    'Mean repeat spend = mean value of the purchase days after the first. BG/NBD (Fader, Hardie & Lee 2005) and Gamma-Gamma (Fader & Hardie) by maximum likelihood.',
    'CLV = margin × expected spend × Σ (expected purchases in month k ÷ (1 + monthly rate)^k). Customers without repeat purchases are alive by the model’s assumption.',
  ],
};

const UNIT = { day: { zh: '天', en: 'day' }, week: { zh: '周', en: 'week' }, month: { zh: '月', en: 'month' } } as const;

/**
 * Writes the 客户价值预测 sheet of a CLV tiers report: settings, both models' parameters with
 * standard errors and convergence, warnings, tiers, holdout validation, the RFM cross, the top
 * customers and the four charts of the view (the same shared/charts builders). Returns the
 * number of chart images.
 */
export function writeClvSheet(wb: ExcelJS.Workbook, addSheet: (title: string) => ExcelJS.Worksheet, model: ClvModel, lang: ReportLang): number {
  const t = (k: keyof typeof T): string => T[k][lang];
  const ws = addSheet(t('sheet'));
  const widths = new WidthTracker([]);
  ws.getCell(1, 1).value = t('title');
  ws.getCell(1, 1).font = TITLE_FONT;
  let row = 3;
  const section = (title: string): void => {
    ws.getCell(row, 1).value = title;
    ws.getCell(row, 1).font = SECTION_FONT;
    row++;
  };
  const pairs = (items: [string, CellValue][]): void => {
    for (const [k, v] of items) {
      ws.getCell(row, 1).value = k;
      ws.getCell(row, 1).font = { bold: true };
      ws.getCell(row, 2).value = v;
      widths.see(0, k);
      row++;
    }
    row++;
  };
  const yesNo = (b: boolean): string => t(b ? 'yes' : 'no');
  const i = model.inputs;
  section(t('inputs'));
  pairs([
    [t('source'), `${model.sourceName}（${i.customer} / ${i.date} / ${i.amount}）`],
    [t('customers'), `${model.data.customers} (${model.data.repeatCustomers})`],
    [t('calibration'), `${model.data.firstPurchase} – ${i.calibrationEnd}`],
    [t('holdout'), i.holdoutEnd ? `${i.calibrationEnd} – ${i.holdoutEnd}` : t('none')],
    [t('unit'), UNIT[i.unit][lang]],
    [t('horizon'), `${i.horizonMonths} / ${(i.discountRate * 100).toFixed(2)}% / ${(i.margin * 100).toFixed(0)}%`],
  ]);
  const bg = model.bgnbd;
  section(t('bgnbd'));
  row = writeTable(
    ws,
    row,
    {
      headers: [t('parameter'), t('estimate'), t('se')],
      rows: [
        ['r', bg.r, bg.standardErrors?.r ?? null],
        ['α', bg.alpha, bg.standardErrors?.alpha ?? null],
        ['a', bg.a, bg.standardErrors?.a ?? null],
        ['b', bg.b, bg.standardErrors?.b ?? null],
        [t('logLik'), bg.logLik, null],
        [t('converged'), `${yesNo(bg.converged)} / ${bg.agreeingStarts}/${bg.starts.length}${bg.startsSample === null ? '' : t('sample').replace('{n}', String(bg.startsSample))}`, null],
      ],
      numFmts: [undefined, '0.0000', '0.0000'],
    },
    widths,
  );
  const gg = model.gammaGamma;
  if (gg) {
    section(t('gg'));
    row = writeTable(
      ws,
      row,
      {
        headers: [t('parameter'), t('estimate'), t('se')],
        rows: [
          ['p', gg.p, gg.standardErrors?.p ?? null],
          ['q', gg.q, gg.standardErrors?.q ?? null],
          ['γ', gg.gamma, gg.standardErrors?.gamma ?? null],
          [t('logLik'), gg.logLik, null],
          [t('correlation'), gg.correlation, null],
          [t('popMean'), gg.populationMeanSpend, null],
        ],
        numFmts: [undefined, '0.0000', '0.0000'],
      },
      widths,
    );
  }
  if (model.warnings.length > 0) {
    section(t('warnings'));
    for (const w of model.warnings) ws.getCell(row++, 1).value = `! ${w[lang]}`;
    row++;
  }
  section(t('tiers'));
  row = writeTable(
    ws,
    row,
    {
      headers: [t('tier'), t('count'), t('share'), t('clvTotal'), t('clvShare'), t('clvMean'), t('clvMin'), t('clvMax'), t('pAlive'), t('expected')],
      rows: model.tiers.map((x) => [x.name, x.customers, x.share, x.clvTotal, x.clvShare, x.clvMean, x.clvMin, x.clvMax, x.meanPAlive, x.meanExpectedPurchases]),
      numFmts: [undefined, '#,##0', '0.0%', '#,##0.00', '0.0%', '#,##0.00', '#,##0.00', '#,##0.00', '0.0%', '0.000'],
    },
    widths,
  );
  const h = model.holdout;
  if (h) {
    section(t('validation'));
    row = writeTable(
      ws,
      row,
      {
        headers: [t('group'), t('count'), t('actual'), t('predicted')],
        rows: h.byFrequency.map((g) => [g.group, g.customers, g.actual, g.predicted]),
        numFmts: [undefined, '#,##0', '0.000', '0.000'],
      },
      widths,
    );
    pairs([
      [t('totals'), `${h.actualTotal} / ${h.predictedTotal.toFixed(1)} / ${h.relativeError === null ? '-' : (h.relativeError * 100).toFixed(1) + '%'}`],
      [t('errors'), `${h.mae.toFixed(3)} / ${h.rmse.toFixed(3)}; ${h.trackingMape === null ? '-' : (h.trackingMape * 100).toFixed(1) + '%'}`],
    ]);
  }
  section(t('cross'));
  row = writeTable(
    ws,
    row,
    {
      headers: [t('segment'), t('count'), t('oneTime'), t('repeat'), t('likelyAlive'), t('pAlive'), t('clvMean'), t('clvTotal')],
      rows: model.rfmCross.rows.map((r) => [r.segment, r.customers, r.oneTime, r.repeat, r.likelyAlive, r.meanPAliveRepeat, r.meanClv, r.clvTotal]),
      numFmts: [undefined, '#,##0', '#,##0', '#,##0', '#,##0', '0.0%', '#,##0.00', '#,##0.00'],
    },
    widths,
  );
  section(t('top'));
  row = writeTable(
    ws,
    row,
    {
      headers: [t('customer'), t('x'), t('pAlive'), t('expected'), t('spend'), 'CLV'],
      rows: model.topCustomers.map((c) => [c.customer, c.x, c.pAlive, c.expectedPurchases, c.expectedSpend, c.clv]),
      numFmts: [undefined, '0', '0.0%', '0.000', '#,##0.00', '#,##0.00'],
    },
    widths,
  );
  section(t('method'));
  for (const line of METHOD[lang]) ws.getCell(row++, 1).value = line;
  applyWidths(ws, widths);
  ws.getColumn(1).width = Math.max(ws.getColumn(1).width ?? 10, 24);
  // Charts to the right of the tables, stacked.
  const charts = [clvTrackingChart(model, lang), clvFrequencyChart(model, lang), clvPAliveChart(model, lang), clvTierChart(model, lang)].filter((c) => c !== null);
  charts.forEach((option, k) => {
    const img = renderChart(option as EChartsOption, 640, 360);
    const id = wb.addImage({ buffer: img.png as unknown as ExcelJS.Buffer, extension: 'png' });
    ws.addImage(id, { tl: { col: 11, row: 2 + k * 20 }, ext: { width: 640, height: 360 } });
  });
  return charts.length;
}
