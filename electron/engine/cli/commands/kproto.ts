import type { KprotoResult, KprotoScanResult } from '../../../../shared/contract/kproto';
import type { CliCommand } from '../command';
import { arg, DATASET_OPTION, NAME_OPTION } from '../options';
import { bad, decimal, integer, kRange, list, progress, required, text, transforms } from './model-cli-args';

/** `kequn kproto`: k-prototypes on numeric and text columns together; the k advisor; scoring new data. */
export const kprotoCommand: CliCommand = {
  name: 'kproto',
  summary: { zh: 'K-原型混合聚类（数值列与类别列一起）', en: 'k-prototypes: cluster numeric and text columns together' },
  usage:
    'kequn kproto --project P --dataset D [--numeric a,b] [--categorical c,d] (--k 5 | --scan 2..8) [--gamma G] [--transform zscore] [--seed 42] [--restarts 10] [--name N] [--json]\n' +
    'kequn kproto --project P --model S --score-dataset D [--name N] [--json]',
  details: {
    zh: [
      'K-原型（Huang 1997）：代价 = 数值列（变换后）的平方距离 + γ × 与该群众数不同的类别列个数。',
      '  --numeric / --categorical   数值列 / 文本（类别）列，至少一列',
      '  --gamma        一个类别不一致的权重；默认 = 变换后数值列标准差平均值的一半（Huang 的经验值，没有数值列时为 1）',
      '  --transform    数值列的变换链（默认 zscore；可用 none, log1p, zscore, minmax, robust）',
      '  --seed         随机种子（默认 42），k-means++ 式选初始原型；--restarts 重启次数（默认 10），取代价最小者',
      '  --scan 2..8    比较多个 k：总代价（肘部）与 Gower 距离上的轮廓系数（最多 3,000 行的种子样本）',
      '  --model S --score-dataset D   用已保存的模型给数据集 D 打标签（训练中没见过的类别值按“不一致”计）',
      '约定：任一所选列为空的行不参与聚类（标签为空）；群按大小编号（最大为 1）；众数并列时取先出现的取值。',
    ].join('\n'),
    en: [
      'k-prototypes (Huang 1997): cost = squared distance on the (transformed) numeric columns + γ × the number of text columns',
      'that differ from the cluster\'s mode.',
      '  --numeric / --categorical   numeric / text columns, at least one in all',
      '  --gamma        weight of one categorical mismatch; default = half the mean SD of the transformed numeric columns',
      '                 (Huang\'s rule of thumb; 1 without numeric columns)',
      '  --transform    transform chain for numeric columns (default zscore; none, log1p, zscore, minmax, robust)',
      '  --seed         random seed (default 42) for k-means++-style seeding; --restarts (default 10), the lowest cost wins',
      '  --scan 2..8    compare k: total cost (elbow) and the silhouette on Gower distance (a seeded sample of up to 3,000 rows)',
      '  --model S --score-dataset D   label dataset D with a saved model (text values unseen in training count as mismatches)',
      'Conventions: rows missing any selected value are left out (empty label); clusters are numbered by size (largest = 1);',
      'mode ties go to the value seen first.',
    ].join('\n'),
  },
  options: {
    dataset: DATASET_OPTION,
    numeric: arg('a,b', '数值列', 'numeric columns'),
    categorical: arg('c,d', '文本（类别）列', 'text (categorical) columns'),
    k: arg('N', '群数', 'number of clusters'),
    scan: arg('MIN..MAX', '比较这一范围内的每个 k', 'compare every k in this range'),
    gamma: arg('G', '一个类别不一致的权重（默认见下文）', 'weight of one categorical mismatch (default below)'),
    transform: arg('T1,T2', '数值列的变换链', 'transform chain for numeric columns', { default: 'zscore' }),
    seed: arg('N', '随机种子', 'random seed', { default: '42' }),
    restarts: arg('N', '重启次数，取代价最小者', 'restarts; the lowest cost wins', { default: '10' }),
    name: NAME_OPTION,
    model: arg('S', '已保存的 K-原型模型（细分结果 id）', 'saved k-prototypes model (segmentation id)'),
    'score-dataset': arg('D', '用模型打标签的数据集', 'dataset to label with the model'),
  },
  async run(ctx) {
    await ctx.openProject();
    const name = text(ctx, 'name');
    const model = text(ctx, 'model');
    if (model) {
      const target = required(ctx, 'score-dataset', 'D');
      const r = await ctx.client().call('kproto.score', { segmentationId: model, datasetId: target, ...(name ? { name } : {}) }, progress(ctx));
      return { scored: { segmentation: r.segmentation.id, assigned: r.assigned, unassigned: r.unassigned, unseenLevels: r.unseenLevels, clusters: r.clusters } };
    }
    const seed = integer(ctx, 'seed');
    const restarts = integer(ctx, 'restarts');
    const gamma = decimal(ctx, 'gamma');
    const common = {
      datasetId: required(ctx, 'dataset', 'D'),
      numeric: list(ctx, 'numeric'),
      categorical: list(ctx, 'categorical'),
      transforms: transforms(ctx),
      ...(gamma !== undefined ? { gamma } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(restarts !== undefined ? { restarts } : {}),
    };
    const scan = text(ctx, 'scan');
    if (scan !== undefined) return scanOutput(await ctx.client().call('kproto.scan', { ...common, ...kRange(scan) }, progress(ctx)));
    const k = integer(ctx, 'k');
    if (k === undefined) throw bad('Missing --k N (or --scan 2..8)', '缺少参数 --k N（或 --scan 2..8）');
    return runOutput(await ctx.client().call('kproto.run', { ...common, k, ...(name ? { name } : {}) }, progress(ctx)));
  },
  human(result, lang) {
    const zh = lang === 'zh';
    const r = result as Partial<ReturnType<typeof runOutput> & ReturnType<typeof scanOutput>> & { scored?: { segmentation: string; assigned: number } };
    if (r.scored) return `${zh ? '细分' : 'Segmentation'} ${r.scored.segmentation}: ${r.scored.assigned} ${zh ? '行已评分' : 'rows scored'}`;
    if (r.scan) {
      const rows = r.scan.map((m) => `${m.k}\t${m.cost.toFixed(2)}\t${m.silhouette?.toFixed(4) ?? '-'}`);
      return [zh ? 'k\t总代价\tGower 轮廓系数' : 'k\tcost\tGower silhouette', ...rows, `${zh ? '建议' : 'Suggested'} k=${r.suggestedK}: ${zh ? r.reason?.zh : r.reason?.en}`].join('\n');
    }
    const lines = (r.clusters ?? []).map((c) => `${c.id}\t${c.name}\t${c.size}\t${c.modes.map((m) => `${m.column}=${m.level} ${(m.share * 100).toFixed(0)}%`).join(' ')}`);
    return [`${zh ? '细分' : 'Segmentation'} ${r.segmentation}  γ=${r.gamma?.toFixed(3)}  ${zh ? '代价' : 'cost'}=${r.cost?.toFixed(2)}`, ...lines].join('\n');
  },
};

function runOutput(r: KprotoResult) {
  return {
    segmentation: r.segmentation.id,
    k: r.k,
    gamma: r.gamma,
    gammaDefault: r.gammaDefault,
    cost: r.cost,
    silhouette: r.silhouette,
    iterations: r.iterations,
    rowsUsed: r.rowsUsed,
    rowsDropped: r.rowsDropped,
    clusters: r.clusters.map((c) => ({
      id: c.id,
      name: c.name,
      size: c.size,
      means: Object.fromEntries(r.numeric.map((f, j) => [f.name, c.means[j]!])),
      modes: c.modes,
    })),
  };
}

function scanOutput(r: KprotoScanResult) {
  return { scan: r.metrics, suggestedK: r.suggestedK, reason: r.reason, gamma: r.gamma, rowsUsed: r.rowsUsed, silhouetteSampleSize: r.silhouetteSampleSize };
}
