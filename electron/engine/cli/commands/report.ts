import { resolve } from 'node:path';
import { KequnError } from '../../../../shared/contract/errors';
import { REPORT_SHEETS, type ReportSheet } from '../../../../shared/contract/exports';
import type { CliCommand } from '../command';

export const reportCommand: CliCommand = {
  name: 'report',
  summary: { zh: '为一个细分结果生成 Excel 报告', en: 'Write the Excel report of a segmentation' },
  usage:
    'kequn report --project P --segmentation S --out FILE.xlsx [--lang zh|en] [--sheets overview,profiles,…] [--crosstab COL [--facts D2 --join KEY] [--measure count|sum:COL]] [--compare S0] [--json]',
  options: {
    segmentation: { type: 'string' },
    out: { type: 'string' },
    sheets: { type: 'string' },
    crosstab: { type: 'string' },
    facts: { type: 'string' },
    join: { type: 'string' },
    measure: { type: 'string' },
    compare: { type: 'string' },
  },
  async run(ctx) {
    const v = ctx.values;
    if (typeof v.segmentation !== 'string' || typeof v.out !== 'string') {
      throw new KequnError('USAGE', 'Missing --segmentation S or --out FILE.xlsx', { zh: '缺少参数 --segmentation S 或 --out FILE.xlsx' });
    }
    const sheets = typeof v.sheets === 'string' ? v.sheets.split(',').map((s) => s.trim()) : undefined;
    const bad = sheets?.filter((s) => !(REPORT_SHEETS as readonly string[]).includes(s));
    if (bad?.length) throw new KequnError('USAGE', `Unknown sheets: ${bad.join(', ')}`, { zh: `未知的工作表：${bad.join('、')}` });
    await ctx.openProject();
    const client = ctx.client();
    let factsDatasetId: string | undefined;
    if (typeof v.facts === 'string') factsDatasetId = (await client.call('datasets.get', { datasetId: v.facts })).id;
    return client.call(
      'exports.report',
      {
        segmentationId: v.segmentation,
        path: resolve(v.out),
        lang: ctx.lang,
        ...(sheets ? { sheets: sheets as ReportSheet[] } : {}),
        ...(typeof v.crosstab === 'string'
          ? {
              crosstab: {
                cols: v.crosstab,
                ...(factsDatasetId ? { factsDatasetId } : {}),
                ...(typeof v.join === 'string' ? { join: v.join } : {}),
                ...(typeof v.measure === 'string' ? { measure: v.measure } : {}),
              },
            }
          : {}),
        ...(typeof v.compare === 'string' ? { compareWith: v.compare } : {}),
      },
      { onProgress: (p) => ctx.progress(ctx.lang === 'zh' ? '生成报告' : 'Report', p.done, p.total) },
    );
  },
};
