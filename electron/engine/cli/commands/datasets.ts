import type { DatasetInfo } from '../../../../shared/contract/datasets';
import type { CliCommand } from '../command';
import { arg, DATASET_OPTION } from '../options';
import { requireArg } from './clean-cli-args';

export const datasetsCommand: CliCommand = {
  name: 'datasets',
  summary: { zh: '列出项目中的数据集；设置列的数字格式', en: 'List the datasets in a project; set a column number format' },
  usage: [
    'kequn datasets --project P [--json]',
    `kequn datasets format --project P --dataset D --column C --format CODE [--json]   (CODE '' resets to the type's default)`,
    '    CODE is an Excel number format, kept with the dataset and used by the grid, .xlsx exports and reports:',
    `    0.00  #,##0.00 (千分位)  ¥#,##0.00  0.0%  '0!.0,"万"' (万, one decimal)  '0!.00,,"亿"'  yyyy-mm-dd  yyyy年m月d日`,
  ].join('\n'),
  options: {
    dataset: DATASET_OPTION,
    column: arg('C', '要设置格式的列（format 子命令）', 'column to format (format sub-command)'),
    format: arg('CODE', 'Excel 数字格式代码；空字符串恢复为该类型的默认格式', "Excel number format code; '' resets to the type's default"),
  },
  async run(ctx) {
    await ctx.openProject();
    if (ctx.positionals[0] === 'format') {
      const datasetId = requireArg(ctx.values, 'dataset');
      const column = requireArg(ctx.values, 'column');
      const format = typeof ctx.values['format'] === 'string' ? ctx.values['format'] : '';
      const info = await ctx.client().call('datasets.setColumnFormat', { datasetId, column, format: format === '' ? null : format });
      return { datasets: [info] };
    }
    const datasets = await ctx.client().call('datasets.list', {});
    return { datasets };
  },
  human(result, lang) {
    const { datasets } = result as { datasets: DatasetInfo[] };
    if (datasets.length === 0) return lang === 'zh' ? '（没有数据集）' : '(no datasets)';
    return datasets
      .map((d) => `${d.id}\t${d.name}\t${d.rowCount.toLocaleString()} ${lang === 'zh' ? '行' : 'rows'}\t${d.columns.length} ${lang === 'zh' ? '列' : 'columns'}`)
      .join('\n');
  },
};
