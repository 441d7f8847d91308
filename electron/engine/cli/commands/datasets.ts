import type { DatasetInfo } from '../../../../shared/contract/datasets';
import type { CliCommand } from '../command';

export const datasetsCommand: CliCommand = {
  name: 'datasets',
  summary: { zh: '列出项目中的数据集', en: 'List the datasets in a project' },
  usage: 'kequn datasets --project P [--json]',
  options: {},
  async run(ctx) {
    await ctx.openProject();
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
