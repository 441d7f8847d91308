import { KequnError } from '../../../../shared/contract/errors';
import { GROUP_FUNCTIONS, type Aggregation } from '../../../../shared/contract/metrics';
import type { CliCommand } from '../command';
import { arg, DATASET_OPTION, NAME_OPTION } from '../options';
import { listArg, requireArg, stringArg } from './clean-cli-args';

/** "sum:金额", "count", "countDistinct:订单号=订单数" → an aggregation. */
function parseAggregation(text: string): Aggregation {
  const [spec, name] = text.split('=') as [string, string | undefined];
  const colon = spec.indexOf(':');
  const fn = (colon < 0 ? spec : spec.slice(0, colon)).trim();
  if (!(GROUP_FUNCTIONS as readonly string[]).includes(fn)) {
    throw new KequnError('USAGE', `Unknown aggregation "${fn}" (use ${GROUP_FUNCTIONS.join(', ')})`, { zh: `未知的汇总方式“${fn}”` });
  }
  const column = colon < 0 ? undefined : spec.slice(colon + 1).trim();
  return { fn: fn as Aggregation['fn'], ...(column ? { column } : {}), ...(name ? { name: name.trim() } : {}) };
}

export const groupbyCommand: CliCommand = {
  name: 'groupby',
  summary: { zh: '分组汇总：每个键一行，生成新数据集', en: 'Group by keys into a new dataset (one row per key)' },
  usage: 'kequn groupby --project P --dataset D --keys 客户 --agg sum:金额 --agg count --agg lastDate:下单日期 [--name N] [--json]',
  options: {
    dataset: { ...DATASET_OPTION, short: 'd' },
    keys: arg('a,b', '分组键列（每个键组合一行）', 'key columns (one row per key combination)'),
    agg: arg('FN[:COL]', `汇总：${GROUP_FUNCTIONS.join('、')}，count 不需要列`, `aggregation: ${GROUP_FUNCTIONS.join(', ')}; count needs no column`, { multiple: true }),
    name: NAME_OPTION,
  },
  async run(ctx) {
    await ctx.openProject();
    const raw = ctx.values['agg'];
    const aggs = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).map((a) => parseAggregation(String(a)));
    const name = stringArg(ctx.values, 'name');
    const out = await ctx.client().call('metrics.groupBy', {
      datasetId: requireArg(ctx.values, 'dataset'),
      keys: listArg(ctx.values, 'keys'),
      aggregations: aggs,
      ...(name ? { name } : {}),
    });
    return { dataset: { id: out.dataset.id, name: out.dataset.name, rows: out.dataset.rowCount }, groups: out.groups };
  },
};
