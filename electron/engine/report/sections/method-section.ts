import { APP_VERSION } from '../../../../shared/version';
import { describeSource, methodName, methodSentences } from '../method-text';
import type { ReportContext, ReportSection } from '../report-context';
import { rfmNotes } from '../rfm-notes';
import { localDateTime } from '../report-dates';
import { fill, t } from '../report-text';
import { TITLE_FONT } from '../sheet-style';

const TEXT = {
  data: { zh: '数据：「{name}」，共 {rows} 行{source}。', en: 'Data: "{name}", {rows} rows{source}.' },
  scheme: { zh: '细分方案「{name}」（{method}）保存于 {when}，共 {k} 个细分。', en: 'The scheme "{name}" ({method}) was saved on {when} and has {k} segments.' },
  unassigned: { zh: '有 {n} 位客户没有归入任何细分（例如缺少所需的数值），不计入各细分的占比。', en: '{n} customers are in no segment (for example a needed value is missing) and are left out of the shares.' },
  revenue: { zh: '收入与收入占比按「{col}」计算。', en: 'Revenue and revenue shares use "{col}".' },
  noRevenue: { zh: '数据中没有金额列，报告不计算收入占比。', en: 'The data has no amount column, so the report shows no revenue shares.' },
  index: { zh: '画像指数 = 该细分的均值 ÷ 全体均值 × 100：高于 100 表示该细分在此指标上高于整体。', en: 'Profile index = the segment\'s mean ÷ the overall mean × 100: above 100, the segment is above the whole on that measure.' },
  tgi: {
    zh: '偏好交叉表中的 TGI = 该细分在某类别上的占比 ÷ 全体在该类别上的占比 × 100（与 Excel 数据透视表的“指数”相同）；颜色以 100 为中心；▲/▼ 为调整残差 |z| > 1.96（p < 0.05）的显著差异；基数不足的单元格为灰色，不作为偏好。',
    en: 'TGI in the cross-tab = the segment\'s share in a category ÷ everyone\'s share in it × 100 (Excel PivotTable\'s "Index"); colours are centred on 100; ▲/▼ mark significant differences (adjusted residual |z| > 1.96, p < 0.05); grey cells rest on too small a base and are never named as preferences.',
  },
  charts: { zh: '图表为 Excel 原生图表，数据取自本工作簿中的表格，可直接修改样式或数据范围。', en: 'Charts are native Excel charts bound to the tables of this workbook; restyle them or change their ranges as you like.' },
  images: { zh: '图表为图片（图表字体：{font}）。', en: 'Charts are pictures (chart font: {font}).' },
  reproduce: { zh: '以上参数（含随机种子）足以在客群中重现本结果。', en: 'The parameters above (including the random seed) reproduce this result in Kequn.' },
  software: { zh: '由 客群 {v} 生成于 {when}。', en: 'Written by Kequn {v} on {when}.' },
} as const;

/** 方法说明: how the result was made, in sentences, parameters in words, dates in local time. */
export const methodSection: ReportSection = {
  sheet: 'method',
  write(ctx: ReportContext): void {
    const { data, lang } = ctx;
    const seg = data.segmentation;
    const ws = ctx.addSheet(t('method', lang));
    ws.getCell('A1').value = t('method', lang);
    ws.getCell('A1').font = TITLE_FONT;
    ws.getColumn(1).width = 120;
    const source = describeSource(data.dataset, lang);
    const lines = [
      fill(TEXT.data, lang, { name: data.dataset.name, rows: data.dataset.rowCount.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US'), source: source ? (lang === 'zh' ? `（${source}）` : ` (${source})`) : '' }),
      ...rfmNotes(ctx.store, data.dataset.id, lang),
      fill(TEXT.scheme, lang, { name: seg.name, method: methodName(seg.method, lang), when: localDateTime(seg.createdAt, lang), k: data.segments.length }),
      ...methodSentences(seg, lang),
      ...(data.unassigned > 0 ? [fill(TEXT.unassigned, lang, { n: data.unassigned })] : []),
      data.revenueColumn ? fill(TEXT.revenue, lang, { col: data.revenueColumn.name }) : fill(TEXT.noRevenue, lang),
      fill(TEXT.index, lang),
      fill(TEXT.tgi, lang),
      ctx.charts.mode === 'native' ? fill(TEXT.charts, lang) : fill(TEXT.images, lang, { font: ctx.chartFont }),
      ...ctx.inputs.choices,
      fill(TEXT.reproduce, lang),
      fill(TEXT.software, lang, { v: APP_VERSION, when: localDateTime(new Date(), lang) }),
    ];
    lines.forEach((text, i) => {
      const cell = ws.getCell(3 + i, 1);
      cell.value = text;
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
  },
};
