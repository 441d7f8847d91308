import { KequnError } from '../../../../shared/contract/errors';
import type { ParamsIn } from '../../../../shared/contract/index';
import type { MigrationMatrix, SegmentWarning, TemplateKind } from '../../../../shared/contract/segment';
import type { RuleScheme, TagSet } from '../../../../shared/contract/segment-schemes';
import type { CliCommand, CliContext } from '../command';
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
    dataset: { type: 'string', short: 'd' },
    name: { type: 'string' },
    preview: { type: 'boolean' },
    threshold: { type: 'string' },
    score: { type: 'string' },
    r: { type: 'string' },
    f: { type: 'string' },
    m: { type: 'string' },
    'cuts-r': { type: 'string' },
    'cuts-f': { type: 'string' },
    'cuts-m': { type: 'string' },
    value: { type: 'string' },
    shares: { type: 'string' },
    labels: { type: 'string' },
    tenure: { type: 'string' },
    first: { type: 'string' },
    asof: { type: 'string' },
    transactions: { type: 'string' },
    customer: { type: 'string' },
    key: { type: 'string' },
    date: { type: 'string' },
    amount: { type: 'string' },
    period: { type: 'string' },
    scheme: { type: 'string' },
    tag: { type: 'string' },
    limit: { type: 'string' },
    template: { type: 'string' },
    map: { type: 'string' },
    kind: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'from-key': { type: 'string' },
    'to-key': { type: 'string' },
    cell: { type: 'string' },
    segmentation: { type: 'string' },
  },
  run,
  human,
};
