import type { CliCommand } from '../command';
import { arg, flag, DATASET_OPTION } from '../options';
import { requireArg, stringArg } from './clean-cli-args';

export const formulaCommand: CliCommand = {
  name: 'formula',
  summary: { zh: '计算列：检查、预览公式，或按公式新增一列', en: 'Calculated columns: check or preview a formula, or add it as a column' },
  usage: 'kequn formula --project P --dataset D --expr "ROUND([金额]/[数量], 2)" [--name 新列] [--preview [--limit N]] [--json]',
  options: {
    dataset: { ...DATASET_OPTION, short: 'd' },
    expr: arg('FORMULA', '公式，列名写在方括号中，如 [金额]/[数量]', 'formula; column names in brackets, e.g. [金额]/[数量]', { short: 'e' }),
    name: arg('COL', '新列的名称（给出时新增该列）', 'name of the new column (adds it when given)'),
    preview: flag('只预览前几行的计算结果', 'only preview the first rows of results'),
    limit: arg('N', '预览的行数', 'rows to preview'),
  },
  async run(ctx) {
    await ctx.openProject();
    const datasetId = requireArg(ctx.values, 'dataset');
    const formula = requireArg(ctx.values, 'expr');
    const client = ctx.client();
    const name = stringArg(ctx.values, 'name');
    if (ctx.values['preview'] === true || name === undefined) {
      const limit = Number(stringArg(ctx.values, 'limit') ?? 10);
      return client.call('metrics.formulaPreview', { datasetId, formula, limit });
    }
    const out = await client.call('metrics.addFormulaColumn', { datasetId, formula, name });
    return { column: { key: out.columnKey, name: out.dataset.columns.find((c) => c.key === out.columnKey)?.name ?? name, type: out.check.columnType }, stats: out.stats };
  },
};
