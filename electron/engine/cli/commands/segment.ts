import { KequnError } from '../../../../shared/contract/errors';
import type { ParamsIn } from '../../../../shared/contract/index';
import type { MigrationMatrix, SegmentWarning, TemplateKind } from '../../../../shared/contract/segment';
import type { RuleScheme, TagSet } from '../../../../shared/contract/segment-schemes';
import type { CliCommand, CliContext } from '../command';
import { arg, DATASET_OPTION, PREVIEW_OPTION } from '../options';
import { jsonFile, num, numList, pairs, required, runOutput, str, textList } from './segment-cli-args';

const SUBCOMMANDS = ['rfm8', 'score', 'pareto', 'lifecycle', 'rules', 'tags', 'tagged', 'template', 'migrate', 'cards'] as const;
type Sub = (typeof SUBCOMMANDS)[number];

async function run(ctx: CliContext): Promise<unknown> {
  const sub = ctx.positionals[0] as Sub | undefined;
  if (sub === undefined || !SUBCOMMANDS.includes(sub)) {
    throw new KequnError('USAGE', `Unknown segment sub-command: ${sub ?? '(none)'}; use one of ${SUBCOMMANDS.join(', ')}`, {
      zh: `未知的 segment 子命令：${sub ?? '（无）'}；可用：${SUBCOMMANDS.join('、')}`,
    });
  }
  await ctx.openProject();
  const v = ctx.values;
  const client = ctx.client();
  const onProgress = (p: { done: number; total: number | null; label: string }): void => ctx.progress(p.label, p.done, p.total);
  const base = () => ({ datasetId: required(v, 'dataset'), preview: v.preview === true, ...(str(v, 'name') ? { name: str(v, 'name')! } : {}) });
  const columns = () => ({ r: str(v, 'r') ?? 'R', f: str(v, 'f') ?? 'F', m: str(v, 'm') ?? 'M' });
  switch (sub) {
    case 'rfm8': {
      const threshold = str(v, 'threshold') ?? 'mean';
      if (threshold !== 'mean' && threshold !== 'median' && threshold !== 'score') {
        throw new KequnError('USAGE', '--threshold must be mean, median or score', { zh: '--threshold 只能是 mean、median 或 score' });
      }
      const definition: ParamsIn<'segment.rfm8'>['definition'] = { columns: columns(), threshold, ...(num(v, 'score') !== undefined ? { scoreThreshold: num(v, 'score')! } : {}) };
      return runOutput(await client.call('segment.rfm8', { ...base(), definition }, { onProgress }));
    }
    case 'score': {
      const cuts = { ...(numList(v, 'cuts-r') ? { r: numList(v, 'cuts-r')! } : {}), ...(numList(v, 'cuts-f') ? { f: numList(v, 'cuts-f')! } : {}), ...(numList(v, 'cuts-m') ? { m: numList(v, 'cuts-m')! } : {}) };
      return client.call('segment.rfmScore', { datasetId: required(v, 'dataset'), columns: columns(), cuts, preview: v.preview === true }, { onProgress });
    }
    case 'pareto': {
      const definition = { valueColumn: str(v, 'value') ?? 'M', ...(numList(v, 'shares') ? { shares: numList(v, 'shares')! } : {}), ...(textList(v, 'labels') ? { labels: textList(v, 'labels')! } : {}) };
      const r = await client.call('segment.pareto', { ...base(), definition }, { onProgress });
      const details = r.details as { gini: number | null };
      return { ...runOutput(r), gini: details.gini };
    }
    case 'lifecycle': {
      const tx = str(v, 'transactions');
      const definition: ParamsIn<'segment.lifecycle'>['definition'] = {
        ...(str(v, 'r') ? { recencyColumn: str(v, 'r')! } : {}),
        ...(str(v, 'f') ? { frequencyColumn: str(v, 'f')! } : {}),
        ...(str(v, 'tenure') ? { tenureColumn: str(v, 'tenure')! } : {}),
        ...(str(v, 'first') ? { firstPurchaseColumn: str(v, 'first')! } : {}),
        ...(str(v, 'asof') ? { asOf: str(v, 'asof')! } : {}),
        ...(tx
          ? {
              trend: {
                transactionsDatasetId: tx,
                customerColumn: required(v, 'customer'),
                keyColumn: required(v, 'key'),
                dateColumn: required(v, 'date'),
                amountColumn: required(v, 'amount'),
                ...(num(v, 'period') !== undefined ? { periodDays: num(v, 'period')! } : {}),
              },
            }
          : {}),
      };
      const r = await client.call('segment.lifecycle', { ...base(), definition }, { onProgress });
      // Where the "spend down" trend came from: the options, the RFM dataset's source, or nowhere (warned).
      return { ...runOutput(r), trend: (r.details as { trendSource: string | null }).trendSource };
    }
    case 'rules': {
      const scheme = jsonFile(required(v, 'scheme')) as RuleScheme;
      return runOutput(await client.call('segment.rules', { ...base(), scheme }, { onProgress }));
    }
    case 'tags': {
      const datasetId = required(v, 'dataset');
      if (str(v, 'scheme') === undefined) return { tags: await client.call('segment.tags.list', { datasetId }) };
      return client.call('segment.tags.apply', { datasetId, tagSet: jsonFile(required(v, 'scheme')) as TagSet, preview: v.preview === true }, { onProgress });
    }
    case 'tagged':
      return client.call('segment.tags.customers', { datasetId: required(v, 'dataset'), tag: required(v, 'tag'), ...(num(v, 'limit') ? { limit: num(v, 'limit')! } : {}) });
    case 'template':
      return templateSub(ctx);
    case 'migrate': {
      const keys = { fromId: required(v, 'from'), toId: required(v, 'to'), ...(str(v, 'from-key') ? { fromKey: str(v, 'from-key')! } : {}), ...(str(v, 'to-key') ? { toKey: str(v, 'to-key')! } : {}) };
      const cell = str(v, 'cell');
      if (cell === undefined) return client.call('segment.migration', keys);
      const [fromSegment, toSegment] = cell.split('=>').map((s) => s.trim());
      if (!fromSegment || !toSegment) throw new KequnError('USAGE', '--cell expects "FROM=>TO"', { zh: '--cell 的格式应为 “原细分=>新细分”' });
      return client.call('segment.migrationCustomers', { ...keys, fromSegment, toSegment, ...(num(v, 'limit') ? { limit: num(v, 'limit')! } : {}) });
    }
    case 'cards':
      return { cards: await client.call('segment.cards', { segmentationId: required(v, 'segmentation'), lang: ctx.lang }) };
  }
}

async function templateSub(ctx: CliContext): Promise<unknown> {
  const v = ctx.values;
  const client = ctx.client();
  const action = ctx.positionals[1] ?? 'list';
  if (action === 'list') return { templates: await client.call('segment.templates.list', {}) };
  if (action === 'apply') {
    const map = pairs(v, 'map');
    const r = await client.call('segment.templates.apply', {
      datasetId: required(v, 'dataset'),
      templateId: required(v, 'template'),
      preview: v.preview === true,
      ...(str(v, 'name') ? { name: str(v, 'name')! } : {}),
      ...(map ? { columnMap: map } : {}),
    });
    return { ...runOutput(r), details: r.details };
  }
  if (action === 'save') {
    const from = str(v, 'from');
    const template = await client.call('segment.templates.save', {
      name: required(v, 'name'),
      ...(from ? { fromSegmentationId: from } : { kind: required(v, 'kind') as TemplateKind, definition: jsonFile(required(v, 'scheme')) as never }),
    });
    return { template };
  }
  if (action === 'remove') return client.call('segment.templates.remove', { templateId: required(v, 'template') });
  throw new KequnError('USAGE', `Unknown template action: ${action} (list, apply, save, remove)`, { zh: `未知的模板操作：${action}（list、apply、save、remove）` });
}

function human(result: unknown, lang: 'zh' | 'en'): string {
  const r = result as { segments?: { name: string; count: number; share: number; revenueShare: number | null }[]; counts?: number[][]; warnings?: SegmentWarning[] };
  if (r.segments) {
    const head = lang === 'zh' ? '细分\t人数\t占比\t销售额占比' : 'segment\tcount\tshare\trevenue share';
    const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
    const warnings = (r.warnings ?? []).map((w) => `! ${w[lang]}`);
    return [head, ...r.segments.map((s) => `${s.name}\t${s.count}\t${pct(s.share)}\t${pct(s.revenueShare)}`), ...warnings].join('\n');
  }
  if (r.counts) {
    const m = result as MigrationMatrix;
    return [['', ...m.toSegments].join('\t'), ...m.fromSegments.map((f, i) => [f, ...m.counts[i]!].join('\t'))].join('\n');
  }
  return JSON.stringify(result, null, 2);
}

export const segmentCommand: CliCommand = {
  name: 'segment',
  summary: { zh: '按规则细分客户：RFM 八类、价值分层、生命周期、规则方案、标签、模板、迁移', en: 'Rule-based segmentation: RFM-8, Pareto tiers, lifecycle, rule schemes, tags, templates, migration' },
  usage:
    'kequn segment rfm8|score|pareto|lifecycle|rules|tags|tagged|template list|apply|save|remove|migrate|cards --project P [--dataset D] [--threshold mean|median|score] [--r R --f F --m M] [--scheme FILE.json] [--from S1 --to S2 [--cell "A=>B"]] [--json]',
  options: {
    dataset: { ...DATASET_OPTION, short: 'd', zh: '客户数据集 id（通常是 RFM 数据集）', en: 'customer dataset id (usually an RFM dataset)' },
    name: arg('N', '细分结果及其标签列的名称', 'name of the segmentation and of its label column'),
    preview: PREVIEW_OPTION,
    threshold: arg('mean|median|score', 'rfm8：高低的分界：均值、中位数或五分位得分', 'rfm8: the high/low cut: mean, median or quintile score', { choices: ['mean', 'median', 'score'], default: 'mean' }),
    score: arg('2..5', 'rfm8 --threshold score：得分 ≥ 该值为“高”', 'rfm8 --threshold score: a score ≥ this is high', { default: '3' }),
    r: arg('COL', 'R 列（rfm8、score、lifecycle）', 'R column (rfm8, score, lifecycle)', { default: 'R' }),
    f: arg('COL', 'F 列（rfm8、score、lifecycle）', 'F column (rfm8, score, lifecycle)', { default: 'F' }),
    m: arg('COL', 'M 列（rfm8、score）', 'M column (rfm8, score)', { default: 'M' }),
    'cuts-r': arg('c1,c2,c3,c4', 'score：R 的四个分界值（R 越小得分越高；默认按五分位，并列归入较低一档）', 'score: four R cut points (lower R scores higher; default quintiles, ties to the lower bin)'),
    'cuts-f': arg('c1,c2,c3,c4', 'score：F 的四个分界值（默认按五分位）', 'score: four F cut points (default quintiles)'),
    'cuts-m': arg('c1,c2,c3,c4', 'score：M 的四个分界值（默认按五分位）', 'score: four M cut points (default quintiles)'),
    value: arg('COL', 'pareto：价值列', 'pareto: value column', { default: 'M' }),
    shares: arg('80,15,5', 'pareto：各档占总价值的百分比，从最高档起，合计 100', 'pareto: each tier\'s share of the total value, top tier first, summing to 100', { default: '80,15,5' }),
    labels: arg('A,B,C', 'pareto：各档名称', 'pareto: tier names', { default: 'A,B,C' }),
    tenure: arg('COL', 'lifecycle：客龄（天）列', 'lifecycle: tenure (days) column', { default: '客龄(天)' }),
    first: arg('COL', 'lifecycle：首次购买日期列（没有客龄列时用它计算客龄）', 'lifecycle: first purchase column (tenure is computed from it when there is no tenure column)', { default: '首次购买' }),
    asof: arg('YYYY-MM-DD', 'lifecycle：分析日期（默认为最近一次购买的次日）', 'lifecycle: analysis date (default the day after the latest purchase)'),
    transactions: arg('D', 'lifecycle：交易明细数据集，用于“消费下降”规则（与 --customer --key --date --amount 一起）；RFM 数据集默认使用其来源明细，未知来源时跳过该规则并警告', 'lifecycle: transactions dataset for the "spend down" rule (with --customer --key --date --amount); an RFM dataset uses its source transactions by default, and without a known source the rule is skipped with a warning'),
    customer: arg('COL', 'lifecycle：交易明细中的客户列', 'lifecycle: customer column of the transactions'),
    key: arg('COL', 'lifecycle：客户数据集中与之对应的客户列', 'lifecycle: the matching customer column of the customer dataset'),
    date: arg('COL', 'lifecycle：交易明细中的日期列', 'lifecycle: date column of the transactions'),
    amount: arg('COL', 'lifecycle：交易明细中的金额列', 'lifecycle: amount column of the transactions'),
    period: arg('DAYS', 'lifecycle：比较的两个时期各自的天数（截至分析日期）', 'lifecycle: days in each of the two compared periods (ending at the analysis date)', { default: '180' }),
    scheme: arg('FILE.json', 'rules、tags、template save：规则方案或标签集 JSON 文件', 'rules, tags, template save: rule scheme or tag set JSON file'),
    tag: arg('NAME', 'tagged：要列出客户的标签', 'tagged: the tag whose customers to list'),
    limit: arg('N', 'tagged、migrate --cell：最多列出的客户数', 'tagged, migrate --cell: most customers to list'),
    template: arg('ID', 'template apply|remove：模板 id', 'template apply|remove: template id'),
    map: arg('slot=COL,…', 'template apply：模板列 = 本数据集的列', 'template apply: template column=this dataset\'s column'),
    kind: arg('KIND', 'template save：模板类型（不用 --from 时）', 'template save: template kind (without --from)'),
    from: arg('S1', 'migrate：上一期细分结果 id；template save：从这个细分结果保存', 'migrate: earlier segmentation id; template save: save from this segmentation'),
    to: arg('S2', 'migrate：本期细分结果 id', 'migrate: later segmentation id'),
    'from-key': arg('COL', 'migrate：上一期的客户键列（默认自动识别）', 'migrate: customer key column of the earlier one (default detected)'),
    'to-key': arg('COL', 'migrate：本期的客户键列（默认自动识别）', 'migrate: customer key column of the later one (default detected)'),
    cell: arg('"A=>B"', 'migrate：列出从细分 A 迁移到 B 的客户', 'migrate: list the customers who moved from segment A to B'),
    segmentation: arg('S', 'cards：细分结果 id', 'cards: segmentation id'),
  },
  run,
  human,
};
