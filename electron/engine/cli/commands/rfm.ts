import { KequnError } from '../../../../shared/contract/errors';
import type { RfmResult } from '../../../../shared/contract/metrics';
import type { CliCommand } from '../command';
import { arg, DATASET_OPTION, NAME_OPTION } from '../options';
import { requireArg, stringArg } from './clean-cli-args';

export const rfmCommand: CliCommand = {
  name: 'rfm',
  summary: { zh: '由交易明细计算每位客户的 R、F、M（新建客户数据集）', en: 'Compute R, F, M per customer from transactions (new dataset)' },
  usage: 'kequn rfm --project P --dataset D --customer COL --date COL --amount COL [--order COL] [--as-of YYYY-MM-DD] [--returns exclude|net] [--json]',
  details: {
    zh: [
      '约定：R 为日历天数（分析日期 − 末次购买日）；有订单列时 F = 不同订单数，否则 F = 不同购买日数；',
      '  退货 = 金额为负或单号以 C 开头的行：exclude 排除，net 从 M 中扣除（不计入 F、R）；只有退货的客户不列出；',
      '  缺客户、缺日期（如未付款订单）、金额无效、晚于分析日期的行不参与计算；',
      '  结果逐项列出被排除或扣减的行数、客户数及金额（exclusions），并记录在数据集来源中；',
      '  在 RFM 数据集上做生命周期时，“消费下降”规则自动使用其来源交易明细。',
    ].join('\n'),
    en: [
      'Conventions: R in calendar days (analysis date − last purchase); F = distinct orders with an order column, else distinct purchase days;',
      '  returns = rows with a negative amount or an order id starting with C: exclude leaves them out, net subtracts them from M (never F or R);',
      '  customers with returns only are not listed; rows without a customer, a date (e.g. unpaid orders), a valid amount, or after the analysis date are left out;',
      '  the result lists every exclusion and netting with its row or customer count and amount (exclusions), also kept with the dataset;',
      '  a lifecycle run on an RFM dataset takes its "spend down" trend from these source transactions automatically.',
    ].join('\n'),
  },
  options: {
    dataset: { ...DATASET_OPTION, short: 'd', zh: '交易明细数据集 id', en: 'transactions dataset id' },
    customer: arg('COL', '客户列', 'customer column'),
    date: arg('COL', '下单日期列', 'order date column'),
    amount: arg('COL', '金额列', 'amount column'),
    order: arg('COL', '订单号列：F = 不同订单数（不给时 F = 购买天数）', 'order id column: F = distinct orders (without it F = distinct purchase days)'),
    'as-of': arg('YYYY-MM-DD', '分析日期：R = 分析日期 − 最近购买日期（日历天数）；默认为最后一笔交易的次日', 'analysis date: R = analysis date − last purchase (calendar days); default the day after the last transaction'),
    returns: arg('exclude|net', '退货（负金额）：exclude 不计入；net 从 M 中扣减', 'returns (negative amounts): exclude leaves them out; net subtracts them from M', { choices: ['exclude', 'net'], default: 'exclude' }),
    name: NAME_OPTION,
  },
  async run(ctx) {
    await ctx.openProject();
    const v = ctx.values;
    const returns = stringArg(v, 'returns') ?? 'exclude';
    if (returns !== 'exclude' && returns !== 'net') {
      throw new KequnError('USAGE', '--returns must be exclude or net', { zh: '--returns 只能是 exclude 或 net' });
    }
    const order = stringArg(v, 'order');
    const asOf = stringArg(v, 'as-of');
    const name = stringArg(v, 'name');
    const r = await ctx.client().call(
      'metrics.rfm',
      {
        datasetId: requireArg(v, 'dataset'),
        customer: requireArg(v, 'customer'),
        date: requireArg(v, 'date'),
        amount: requireArg(v, 'amount'),
        returns,
        ...(order ? { order } : {}),
        ...(asOf ? { asOf } : {}),
        ...(name ? { name } : {}),
      },
      { onProgress: (p) => ctx.progress(p.label, p.done, p.total) },
    );
    return { dataset: r.dataset, asOf: r.asOf, excluded: r.excluded, exclusions: r.exclusions, summary: r.summary };
  },
  human(result, lang) {
    const r = result as Pick<RfmResult, 'dataset' | 'asOf' | 'exclusions' | 'summary'>;
    const zh = lang === 'zh';
    const fmt = (k: 'R' | 'F' | 'M'): string => {
      const s = r.summary[k];
      return `${k}\tmin ${s.min}\tmax ${s.max}\tmean ${s.mean}\tmedian ${s.median}`;
    };
    // Every row or customer left out or netted, with its count and amount (one line each).
    const ex = r.exclusions.map((e) => `  ${e.code}\t${zh ? e.zh : e.en}`);
    return [
      `${r.dataset.id}\t${r.dataset.name}\t${r.dataset.rows} ${zh ? '位客户' : 'customers'}\t${zh ? '分析日期' : 'as of'} ${r.asOf}`,
      fmt('R'),
      fmt('F'),
      fmt('M'),
      ex.length > 0 ? `${zh ? '未计入或冲减' : 'Left out or netted'}:` : '',
      ...ex,
    ]
      .filter((l) => l !== '')
      .join('\n');
  },
};
