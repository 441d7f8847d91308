import { resolve } from 'node:path';
import { KequnError } from '../../../../shared/contract/errors';
import { REPORT_CHART_MODES, REPORT_SHEETS, type ReportChartMode, type ReportCrosstabInput, type ReportSheet } from '../../../../shared/contract/exports';
import type { CliCommand, CliValues } from '../command';
import { arg } from '../options';
import { CROSSTAB_CLI_OPTIONS, CROSSTAB_CONVENTIONS, crosstabOptions, listOption, parseField, parseMeasure } from './analyze-args';

/**
 * The report's cross-tab as a typed spec, parsed here once: --crosstab COL[@month] in this
 * dataset, or with --facts D2 --join KEY[=FACTS_KEY] in the orders; --measure count|customers|sum:COL.
 */
function crosstabSpec(v: CliValues, factsDatasetId: string | undefined): ReportCrosstabInput | undefined {
  if (typeof v.crosstab !== 'string') return undefined;
  const join = typeof v.join === 'string' ? v.join : undefined;
  if ((join === undefined) !== (factsDatasetId === undefined)) {
    throw new KequnError('VALIDATION', '--join and --facts go together', { zh: '--join 与 --facts 需要同时给出' });
  }
  const [rowsKey, factsKey] = join?.includes('=') ? (join.split('=', 2) as [string, string]) : [join, join];
  return {
    cols: parseField(v.crosstab),
    measure: parseMeasure(typeof v.measure === 'string' ? v.measure : factsDatasetId ? 'customers' : 'count'),
    ...(factsDatasetId && factsKey ? { facts: { datasetId: factsDatasetId, key: factsKey, ...(rowsKey ? { rowsKey } : {}) } } : {}),
    ...crosstabOptions(v),
  };
}

export const reportCommand: CliCommand = {
  name: 'report',
  summary: {
    zh: `为一个细分结果生成 Excel 报告（原生图表；--charts images 改为图片）。不给 --crosstab 时自动选择来源订单中的类别列（客户数去重、前 10 类），并在报告中写明所选。--analyses 列出要放入的已保存分析（透视表、交叉表、图表），默认为细分数据上保存的全部，none 为不放。${CROSSTAB_CONVENTIONS.zh}`,
    en: `Write the Excel report of a segmentation (native charts; --charts images for pictures). Without --crosstab the report picks the category column of the source orders (distinct customers, top 10) and says so. --analyses lists the saved analyses (pivots, cross-tabs, charts) to include; default every one saved on the segmented dataset, none for none. ${CROSSTAB_CONVENTIONS.en}`,
  },
  usage:
    'kequn report --project P --segmentation S --out FILE.xlsx [--lang zh|en] [--sheets overview,profiles,actions,…] [--crosstab COL[@month] [--facts D2 --join KEY[=FACTS_KEY]] [--measure count|customers|sum:COL] [--top N] [--min-base N] [--sort label|volume|tgi[:SEGMENT]]] [--analyses p1,p2|none] [--compare S0] [--charts native|images] [--json]',
  options: {
    segmentation: arg('S', '细分结果 id', 'segmentation id'),
    out: arg('FILE.xlsx', '报告文件', 'report file'),
    sheets: arg('a,b', `要写入的工作表：${REPORT_SHEETS.join('、')}（默认全部）`, `sheets to write: ${REPORT_SHEETS.join(', ')} (default all)`),
    crosstab: arg('COL[@month]', '偏好分析的类别列（默认自动选择来源订单中的类别列）', 'category column of the preference cross-tab (default chosen from the source orders)'),
    facts: arg('D2', '类别列所在的明细数据集（与 --join 一起）', 'detail dataset holding the category column (with --join)'),
    join: arg('KEY[=FACTS_KEY]', '细分数据与明细数据的连接键', 'key joining the segmented rows to the detail rows'),
    measure: arg('count|customers|sum:COL', '交叉表的度量：行数、客户数（去重）或某列之和', 'cross-tab measure: rows, distinct customers or the sum of a column', { default: 'customers with --facts, else count' }),
    compare: arg('S0', '与之对比的上一期细分结果 id（迁移矩阵）', 'earlier segmentation id to compare with (migration matrix)'),
    analyses: arg('p1,p2|none', '要放入的已保存分析 id；none 为不放（默认为细分数据上保存的全部）', 'saved analyses to include; none for none (default every one saved on the segmented dataset)'),
    charts: arg('native|images', '图表：Excel 原生图表或图片', 'charts: native Excel charts or pictures', { choices: REPORT_CHART_MODES, default: 'native' }),
    ...CROSSTAB_CLI_OPTIONS,
  },
  async run(ctx) {
    const v = ctx.values;
    if (typeof v.segmentation !== 'string' || typeof v.out !== 'string') {
      throw new KequnError('USAGE', 'Missing --segmentation S or --out FILE.xlsx', { zh: '缺少参数 --segmentation S 或 --out FILE.xlsx' });
    }
    const sheets = typeof v.sheets === 'string' ? listOption(v, 'sheets') : undefined;
    const bad = sheets?.filter((s) => !(REPORT_SHEETS as readonly string[]).includes(s));
    if (bad?.length) throw new KequnError('USAGE', `Unknown sheets: ${bad.join(', ')}`, { zh: `未知的工作表：${bad.join('、')}` });
    const charts = typeof v.charts === 'string' ? v.charts : 'native';
    if (!(REPORT_CHART_MODES as readonly string[]).includes(charts)) throw new KequnError('USAGE', `--charts is native or images, not ${charts}`, { zh: `--charts 只能是 native 或 images，而不是 ${charts}` });
    const analyses = typeof v.analyses === 'string' ? (v.analyses === 'none' ? [] : listOption(v, 'analyses')) : undefined;
    await ctx.openProject();
    const client = ctx.client();
    const factsDatasetId = typeof v.facts === 'string' ? (await client.call('datasets.get', { datasetId: v.facts })).id : undefined;
    const crosstab = crosstabSpec(v, factsDatasetId);
    return client.call(
      'exports.report',
      {
        segmentationId: v.segmentation,
        path: resolve(v.out),
        lang: ctx.lang,
        charts: charts as ReportChartMode,
        ...(sheets ? { sheets: sheets as ReportSheet[] } : {}),
        ...(crosstab ? { crosstab } : {}),
        ...(analyses ? { analyses } : {}),
        ...(typeof v.compare === 'string' ? { compareWith: v.compare } : {}),
      },
      { onProgress: (p) => ctx.progress(ctx.lang === 'zh' ? '生成报告' : 'Report', p.done, p.total) },
    );
  },
};
