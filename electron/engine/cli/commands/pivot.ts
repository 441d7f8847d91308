import { resolve } from 'node:path';
import { PIVOT_AGGREGATIONS, SHOW_AS, type PivotResult } from '../../../../shared/contract/analyze';
import { pivotTable } from '../../analyze/pivot-export';
import type { CliCommand } from '../command';
import { arg, flag, DATASET_OPTION } from '../options';
import { listOption, parseField, parseValue, requiredOption } from './analyze-args';

export const pivotCommand: CliCommand = {
  name: 'pivot',
  summary: { zh: '数据透视：行、列、值（求和、计数、平均等）', en: 'Pivot table: rows, columns, values (sum, count, mean, …)' },
  usage: 'kequn pivot --project P --dataset D --rows a,b[@month] --cols c --values sum:amount,count[/pctRow|pctCol|pctTotal|index] [--sort-values] [--out FILE.xlsx|FILE.csv|FILE.json] [--json]',
  options: {
    dataset: { ...DATASET_OPTION, short: 'd' },
    rows: arg('a,b[@month]', '行字段；日期列可加 @year|@quarter|@month|@week|@day 分组', 'row fields; date columns take @year|@quarter|@month|@week|@day'),
    cols: arg('c', '列字段（同上）', 'column fields (as above)'),
    values: arg('AGG:COL[/SHOW],…', `值：${PIVOT_AGGREGATIONS.join('、')}，可加 /${SHOW_AS.join('|/')} 显示方式`, `values: ${PIVOT_AGGREGATIONS.join(', ')}, optionally /${SHOW_AS.join('|/')}`, { default: 'count' }),
    'no-subtotals': flag('不显示小计', 'leave out subtotals'),
    'sort-values': flag('行按第一个值从大到小排序（默认按标签）', 'order rows by the first value, largest first (default by label)'),
    out: arg('FILE', '写入 .xlsx、.csv 或 .json 文件', 'write a .xlsx, .csv or .json file', { short: 'o' }),
  },
  async run(ctx) {
    await ctx.openProject();
    const values = listOption(ctx.values, 'values');
    const spec = {
      rows: listOption(ctx.values, 'rows').map(parseField),
      cols: listOption(ctx.values, 'cols').map(parseField),
      values: (values.length > 0 ? values : ['count']).map(parseValue),
      subtotals: ctx.values['no-subtotals'] !== true,
      ...(ctx.values['sort-values'] === true ? { rowSort: { by: 'value' as const, order: 'desc' as const } } : {}),
    };
    const datasetId = requiredOption(ctx.values, 'dataset');
    const result = await ctx.client().call('pivots.run', { datasetId, spec }, { onProgress: (p) => ctx.progress(p.label, p.done, p.total) });
    const out = ctx.values.out;
    if (typeof out !== 'string' || out === '') return result;
    // A styled workbook (.xlsx), the result as CSV (opens in Excel/WPS), or the spec as JSON to re-run later.
    if (out.toLowerCase().endsWith('.xlsx')) return { ...result, exported: await ctx.client().call('exports.pivot', { datasetId, spec, path: resolve(out), lang: ctx.lang }) };
    const format = out.toLowerCase().endsWith('.json') ? 'json' : 'csv';
    const exported = await ctx.client().call('pivots.export', { datasetId, spec, path: resolve(out), format });
    return { ...result, exported };
  },
  human(result, lang) {
    const r = result as PivotResult;
    const shows = r.spec.values.map((v) => v.showAs);
    const text = (v: string | number | null, column: number): string => {
      if (typeof v !== 'number') return v ?? '';
      const show = shows[(column - 1) % shows.length];
      if (show === 'pctRow' || show === 'pctCol' || show === 'pctTotal') return `${(v * 100).toFixed(1)}%`;
      if (show === 'index') return String(Math.round(v));
      return Number.isInteger(v) ? String(v) : v.toFixed(2);
    };
    return pivotTable(r, lang)
      .map((line) => line.map((v, j) => text(v, j)).join('\t'))
      .join('\n');
  },
};
