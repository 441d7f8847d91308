import { resolve } from 'node:path';
import { CLV_UNIT_DAYS, CLV_UNITS, type ClvFitResult, type ClvModel, type ClvModelInfo, type ClvUnit } from '../../../../shared/contract/clv';
import { KequnError } from '../../../../shared/contract/errors';
import { writeSimulatedTransactions } from '../../clv/simulate-file';
import type { CliCommand, CliContext } from '../command';
import { arg, DATASET_OPTION } from '../options';
import { CLV_HELP } from './clv-help';
import { num, required, str } from './segment-cli-args';

const SUBCOMMANDS = ['fit', 'show', 'list', 'simulate'] as const;
type Sub = (typeof SUBCOMMANDS)[number];

function bad(en: string, zh: string): KequnError {
  return new KequnError('VALIDATION', en, { zh });
}

function unitArg(ctx: CliContext): ClvUnit | undefined {
  const u = str(ctx.values, 'unit');
  if (u === undefined) return undefined;
  if (!(CLV_UNITS as readonly string[]).includes(u)) throw bad('--unit must be day, week or month', '--unit 只能是 day、week 或 month');
  return u as ClvUnit;
}

async function fit(ctx: CliContext): Promise<unknown> {
  const v = ctx.values;
  const returns = str(v, 'returns') ?? 'exclude';
  if (returns !== 'exclude' && returns !== 'net') throw bad('--returns must be exclude or net', '--returns 只能是 exclude 或 net');
  const opt = <K extends string, T>(key: K, value: T | undefined): Partial<Record<K, T>> => (value === undefined ? {} : ({ [key]: value } as Record<K, T>));
  await ctx.openProject();
  const r = await ctx.client().call(
    'clv.fit',
    {
      datasetId: required(v, 'dataset'),
      customer: required(v, 'customer'),
      date: required(v, 'date'),
      amount: required(v, 'amount'),
      returns,
      ...opt('order', str(v, 'order')),
      ...opt('unit', unitArg(ctx)),
      ...opt('calibrationEnd', str(v, 'calibration-end')),
      ...opt('holdoutEnd', str(v, 'holdout-end')),
      ...opt('horizonMonths', num(v, 'horizon')),
      ...opt('discountRate', num(v, 'discount')),
      ...opt('margin', num(v, 'margin')),
      ...opt('predictPeriods', num(v, 'predict')),
      ...opt('tiers', num(v, 'tiers')),
      ...opt('aliveThreshold', num(v, 'alive')),
      ...opt('name', str(v, 'name')),
    },
    { onProgress: (p) => ctx.progress(p.label, p.done, p.total) },
  );
  return fitOutput(r);
}

/** The agreed `kequn clv fit --json` shape: ids, parameters, validation, tiers, warnings. */
export function fitOutput(r: ClvFitResult) {
  const m = r.model;
  return {
    model: { id: m.id },
    dataset: r.dataset,
    segmentation: { id: r.segmentation.id },
    customers: m.data.customers,
    repeatCustomers: m.data.repeatCustomers,
    calibrationEnd: m.inputs.calibrationEnd,
    holdoutEnd: m.inputs.holdoutEnd,
    unit: m.inputs.unit,
    bgnbd: { r: m.bgnbd.r, alpha: m.bgnbd.alpha, a: m.bgnbd.a, b: m.bgnbd.b, logLik: m.bgnbd.logLik, converged: m.bgnbd.converged, standardErrors: m.bgnbd.standardErrors },
    gammaGamma: m.gammaGamma && {
      p: m.gammaGamma.p,
      q: m.gammaGamma.q,
      gamma: m.gammaGamma.gamma,
      logLik: m.gammaGamma.logLik,
      converged: m.gammaGamma.converged,
      correlation: m.gammaGamma.correlation,
    },
    holdout: m.holdout && { actualTotal: m.holdout.actualTotal, predictedTotal: m.holdout.predictedTotal, relativeError: m.holdout.relativeError, mae: m.holdout.mae, byFrequency: m.holdout.byFrequency },
    clv: { total: m.summary.clvTotal, mean: m.summary.clvMean, median: m.summary.clvMedian, horizonMonths: m.inputs.horizonMonths },
    tiers: m.tiers.map((t) => ({ name: t.name, customers: t.customers, clvTotal: t.clvTotal, clvShare: t.clvShare })),
    warnings: m.warnings,
  };
}

async function simulate(ctx: CliContext): Promise<unknown> {
  const v = ctx.values;
  const out = resolve(required(v, 'out'));
  const customers = num(v, 'customers');
  if (customers === undefined || !Number.isInteger(customers) || customers < 1 || customers > 50_000_000) {
    throw bad('--customers must be a whole number from 1 to 50,000,000', '--customers 必须是 1 到 50,000,000 之间的整数');
  }
  const format = str(v, 'format') ?? 'fixed';
  if (format !== 'fixed' && format !== 'csv') throw bad('--format must be fixed or csv', '--format 只能是 fixed 或 csv');
  const positive = (name: string, fallback: number): number => {
    const n = num(v, name) ?? fallback;
    if (!(n > 0)) throw bad(`--${name} must be positive`, `--${name} 必须大于 0`);
    return n;
  };
  const start = str(v, 'start') ?? '1997-01-01';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) throw bad('--start must look like 1997-01-01', '--start 的格式应为 1997-01-01');
  const [y, mo, d] = start.split('-').map(Number) as [number, number, number];
  const t0 = performance.now();
  const transactions = await writeSimulatedTransactions(
    {
      path: out,
      format,
      customers,
      seed: num(v, 'seed') ?? 1,
      unitDays: CLV_UNIT_DAYS[unitArg(ctx) ?? 'week'],
      bgnbd: { r: positive('r', 0.243), alpha: positive('alpha', 4.414), a: positive('a', 0.793), b: positive('b', 2.426) },
      gammaGamma: { p: positive('p', 6.25), q: positive('q', 3.74), gamma: positive('gamma', 15.44) },
      startDay: Date.UTC(y, mo - 1, d) / 86_400_000,
      acquisitionDays: Math.round(positive('acquisition-days', 84)),
      days: Math.round(positive('days', 546)),
    },
    (done, total) => ctx.progress('simulate', done, total),
  );
  return { path: out, format, customers, transactions, ms: Math.round(performance.now() - t0) };
}

async function run(ctx: CliContext): Promise<unknown> {
  const sub = ctx.positionals[0] as Sub | undefined;
  if (sub === undefined || !SUBCOMMANDS.includes(sub)) {
    throw bad(`Unknown clv sub-command: ${sub ?? '(none)'}; use one of ${SUBCOMMANDS.join(', ')}`, `未知的 clv 子命令：${sub ?? '（无）'}；可用：${SUBCOMMANDS.join('、')}`);
  }
  switch (sub) {
    case 'fit':
      return fit(ctx);
    case 'simulate':
      return simulate(ctx);
    case 'show':
      await ctx.openProject();
      return ctx.client().call('clv.get', { modelId: required(ctx.values, 'model') });
    case 'list': {
      await ctx.openProject();
      const dataset = str(ctx.values, 'dataset');
      return ctx.client().call('clv.list', dataset ? { datasetId: dataset } : {});
    }
  }
}

function fmt(n: number | null | undefined, digits = 3): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits);
}

export const clvCommand: CliCommand = {
  name: 'clv',
  summary: {
    zh: '客户价值预测：BG/NBD + Gamma-Gamma，由交易明细预测谁会再买、买几次、值多少（CLV）',
    en: 'Customer lifetime value: BG/NBD + Gamma-Gamma from transactions — who buys again, how often, and their worth',
  },
  usage:
    'kequn clv fit --project P --dataset D --customer COL --date COL --amount COL [--order COL] [--unit day|week|month] [--calibration-end YYYY-MM-DD] [--holdout-end YYYY-MM-DD] [--horizon 12] [--discount 0.01] [--margin 1] [--tiers 5] [--json]\n' +
    '       kequn clv show --project P --model ID | kequn clv list --project P [--dataset D] | kequn clv simulate --out FILE --customers N [--format fixed|csv]',
  details: CLV_HELP,
  options: {
    dataset: DATASET_OPTION,
    customer: arg('COL', 'fit：客户列', 'fit: customer column'),
    date: arg('COL', 'fit：日期列', 'fit: date column'),
    amount: arg('COL', 'fit：金额列', 'fit: amount column'),
    order: arg('COL', 'fit：订单号列（只用于识别 C 开头的取消单）', 'fit: order id column (only to recognise cancellations starting with C)'),
    unit: arg('day|week|month', '时间单位（simulate 默认 week）', 'time unit (simulate: week by default)', { choices: CLV_UNITS, default: 'day' }),
    'calibration-end': arg('YYYY-MM-DD', 'fit：校准期最后一天', 'fit: last day of calibration'),
    'holdout-end': arg('YYYY-MM-DD', 'fit：验证期最后一天', 'fit: last day of the holdout'),
    horizon: arg('MONTHS', 'fit：CLV 期限（月）', 'fit: CLV horizon (months)', { default: '12' }),
    discount: arg('RATE', 'fit：月折现率', 'fit: monthly discount rate', { default: '0.01' }),
    margin: arg('SHARE', 'fit：利润率', 'fit: margin', { default: '1' }),
    predict: arg('UNITS', 'fit：“预计购买次数”的预测期（默认等于 CLV 期限）', 'fit: period of expected purchases (default the CLV horizon)'),
    tiers: arg('N', 'fit：CLV 分层档数', 'fit: number of CLV tiers', { default: '5' }),
    alive: arg('P', 'fit：“可能仍活跃”的阈值', 'fit: "likely alive" threshold', { default: '0.5' }),
    returns: arg('exclude|net', 'fit：退货处理', 'fit: returns rule', { choices: ['exclude', 'net'], default: 'exclude' }),
    name: arg('NAME', 'fit：新客户数据集的名称（默认 CLV-<数据集>）', 'fit: name of the new customer dataset (default CLV-<dataset>)'),
    model: arg('ID', 'show：模型 id', 'show: model id'),
    out: arg('FILE', 'simulate：输出文件', 'simulate: output file'),
    customers: arg('N', 'simulate：客户数', 'simulate: number of customers'),
    format: arg('fixed|csv', 'simulate：文件格式', 'simulate: file format', { choices: ['fixed', 'csv'], default: 'fixed' }),
    seed: arg('N', 'simulate：随机种子', 'simulate: random seed', { default: '1' }),
    r: arg('X', 'simulate：BG/NBD 参数 r', 'simulate: BG/NBD parameter r', { default: '0.243' }),
    alpha: arg('X', 'simulate：BG/NBD 参数 α', 'simulate: BG/NBD parameter α', { default: '4.414' }),
    a: arg('X', 'simulate：BG/NBD 参数 a', 'simulate: BG/NBD parameter a', { default: '0.793' }),
    b: arg('X', 'simulate：BG/NBD 参数 b', 'simulate: BG/NBD parameter b', { default: '2.426' }),
    p: arg('X', 'simulate：Gamma-Gamma 参数 p', 'simulate: Gamma-Gamma parameter p', { default: '6.25' }),
    q: arg('X', 'simulate：Gamma-Gamma 参数 q', 'simulate: Gamma-Gamma parameter q', { default: '3.74' }),
    gamma: arg('X', 'simulate：Gamma-Gamma 参数 γ', 'simulate: Gamma-Gamma parameter γ', { default: '15.44' }),
    start: arg('YYYY-MM-DD', 'simulate：第一天', 'simulate: first day', { default: '1997-01-01' }),
    'acquisition-days': arg('DAYS', 'simulate：新客户首购分布的天数', 'simulate: days over which customers make their first purchase', { default: '84' }),
    days: arg('DAYS', 'simulate：模拟的总天数', 'simulate: days simulated in all', { default: '546' }),
  },
  run,
  human(result, lang) {
    const zh = lang === 'zh';
    const r = result as Partial<ReturnType<typeof fitOutput>> & Partial<ClvModel> & { transactions?: number; path?: string };
    if (Array.isArray(result)) {
      return (result as ClvModelInfo[]).map((m) => `${m.id}\t${m.sourceName} → ${m.datasetName}\t${m.customers} ${zh ? '位客户' : 'customers'}\t${m.unit}\t${m.calibrationEnd}${m.holdoutEnd ? ` / ${m.holdoutEnd}` : ''}`).join('\n');
    }
    if (r.transactions !== undefined) return `${r.path}\t${r.transactions} ${zh ? '笔交易' : 'transactions'}`;
    const bg = r.bgnbd!;
    const gg = r.gammaGamma;
    const lines = [
      `${zh ? '模型' : 'Model'} ${'model' in r && r.model ? r.model.id : r.id}  BG/NBD r=${fmt(bg.r)} α=${fmt(bg.alpha)} a=${fmt(bg.a)} b=${fmt(bg.b)} LL=${fmt(bg.logLik, 1)} ${bg.converged ? (zh ? '已收敛' : 'converged') : zh ? '未收敛' : 'not converged'}`,
      gg ? `Gamma-Gamma p=${fmt(gg.p)} q=${fmt(gg.q)} γ=${fmt(gg.gamma)} ${zh ? '相关系数' : 'corr'}=${fmt(gg.correlation, 2)}` : '',
      ...(r.tiers ?? []).map((t) => `${t.name}\t${t.customers}\t${fmt(t.clvTotal, 2)}\t${fmt(t.clvShare * 100, 1)}%`),
      ...(r.warnings ?? []).map((w) => `! ${zh ? w.zh : w.en}`),
    ];
    return lines.filter((l) => l !== '').join('\n');
  },
};
