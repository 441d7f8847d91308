import type { HclustKeepResult, HclustResult } from '../../../../shared/contract/hclust';
import type { CliCommand } from '../command';
import { arg, DATASET_OPTION, NAME_OPTION } from '../options';
import { bad, integer, list, progress, required, text, transforms } from './model-cli-args';

/** `kequn hclust`: Ward's hierarchical clustering to choose k, and keeping a cut as a segmentation. */
export const hclustCommand: CliCommand = {
  name: 'hclust',
  summary: { zh: 'Ward 层次聚类：看树状图选 k，或保留切出的群', en: "Ward's hierarchical clustering: choose k from the tree, or keep a cut" },
  usage:
    'kequn hclust --project P --dataset D --columns a,b,c [--transform zscore] [--missing drop|mean|median] [--mode auto|sample|micro] [--sample 20000] [--micro 1000] [--seed 42] [--keep K] [--name N] [--json]',
  details: {
    zh: [
      'Ward 层次聚类（最近邻链算法，精确）：与 scipy linkage(method="ward") 相同的合并与高度。',
      '  --columns      特征列（数值列按 --transform 变换，默认 zscore；文本列独热编码，与 K-均值相同）',
      '  --mode         auto：20,000 行以内用全部行，超过则取种子样本；sample：样本 --sample 行（默认且最多 20,000）；',
      '                 micro：先用 K-均值分成 --micro 个小群（默认 1,000），再按大小加权做 Ward',
      '  --seed         样本与小群的随机种子（默认 42）',
      '  --keep K       把树切成 K 群并保存为细分结果（样本外的行归入最近的群中心；micro 模式按所在小群）',
      '输出：共表相关系数（cophenetic correlation）、顶部 30 次合并的高度、建议的 k（2–10 中合并高度跳升最大处）。',
      '要把这个 k 用于 K-均值：kequn kmeans … --k K。',
    ].join('\n'),
    en: [
      "Ward's hierarchical clustering (nearest-neighbour chain, exact): the same merges and heights as scipy linkage(method='ward').",
      '  --columns      features (numbers through --transform, default zscore; text columns one-hot, as for k-means)',
      '  --mode         auto: every row up to 20,000, a seeded sample above; sample: a sample of --sample rows (default and at',
      '                 most 20,000); micro: k-means into --micro small clusters first (default 1,000), then Ward weighted by size',
      '  --seed         seed of the sample and of the micro-clusters (default 42)',
      '  --keep K       cut the tree into K clusters and save them as a segmentation (rows outside a sample go to the nearest',
      '                 cluster centre; in micro mode each row follows its micro-cluster)',
      'Output: the cophenetic correlation, the heights of the top 30 merges, and a suggested k (2–10: the largest jump in height).',
      'To use that k for k-means: kequn kmeans … --k K.',
    ].join('\n'),
  },
  options: {
    dataset: DATASET_OPTION,
    columns: arg('a,b,c', '特征列', 'feature columns'),
    transform: arg('T1,T2', '数值列的变换链', 'transform chain for numeric columns', { default: 'zscore' }),
    missing: arg('drop|mean|median', '缺失值：drop 不参与；mean/median 填补', 'missing values: drop leaves rows out; mean/median fill', { choices: ['drop', 'mean', 'median'], default: 'drop' }),
    mode: arg('auto|sample|micro', '全部行、种子样本或先分小群（见下文）', 'every row, a seeded sample, or micro-clusters first (below)', { choices: ['auto', 'sample', 'micro'], default: 'auto' }),
    sample: arg('N', 'sample 模式的样本行数（最多 20,000）', 'sample rows in sample mode (at most 20,000)', { default: '20000' }),
    micro: arg('N', 'micro 模式的小群个数', 'micro-clusters in micro mode', { default: '1000' }),
    seed: arg('N', '样本与小群的随机种子', 'seed of the sample and the micro-clusters', { default: '42' }),
    keep: arg('K', '切成 K 群并保存为细分结果', 'cut into K clusters and save them as a segmentation'),
    name: NAME_OPTION,
  },
  async run(ctx) {
    await ctx.openProject();
    const columns = list(ctx, 'columns');
    if (columns.length === 0) throw bad('Missing --columns a,b,c', '缺少参数 --columns a,b,c');
    const chain = transforms(ctx);
    const missing = text(ctx, 'missing') ?? 'drop';
    if (missing !== 'drop' && missing !== 'mean' && missing !== 'median') throw bad('--missing must be drop, mean or median', '--missing 只能是 drop、mean 或 median');
    const mode = text(ctx, 'mode') ?? 'auto';
    if (mode !== 'auto' && mode !== 'sample' && mode !== 'micro') throw bad('--mode must be auto, sample or micro', '--mode 只能是 auto、sample 或 micro');
    const sampleSize = integer(ctx, 'sample');
    const microClusters = integer(ctx, 'micro');
    const seed = integer(ctx, 'seed');
    const params = {
      datasetId: required(ctx, 'dataset', 'D'),
      features: columns.map((column) => ({ column, transforms: chain })),
      missing,
      mode,
      ...(sampleSize !== undefined ? { sampleSize } : {}),
      ...(microClusters !== undefined ? { microClusters } : {}),
      ...(seed !== undefined ? { seed } : {}),
    } as const;
    const keep = integer(ctx, 'keep');
    if (keep !== undefined) {
      const name = text(ctx, 'name');
      return keepOutput(await ctx.client().call('hclust.keep', { ...params, k: keep, ...(name ? { name } : {}) }, progress(ctx)));
    }
    return runOutput(await ctx.client().call('hclust.run', params, progress(ctx)));
  },
  human(result, lang) {
    const zh = lang === 'zh';
    const r = result as Partial<ReturnType<typeof runOutput> & ReturnType<typeof keepOutput>>;
    if (r.segmentation) return [`${zh ? '细分' : 'Segmentation'} ${r.segmentation} (k=${r.k})`, ...(r.clusters ?? []).map((c) => `${c.id}\t${c.name}\t${c.size}`)].join('\n');
    const heights = (r.heights ?? []).slice(0, 9).map((h, i) => `${i + 2}→${i + 1}: ${h.toFixed(3)}`);
    return [
      `${zh ? '点数' : 'Points'} ${r.points} (${r.mode})  ${zh ? '共表相关系数' : 'cophenetic correlation'} ${r.cophenetic?.toFixed(4) ?? '-'}`,
      ...heights,
      `${zh ? '建议' : 'Suggested'} k=${r.suggestedK}: ${zh ? r.reason?.zh : r.reason?.en}`,
    ].join('\n');
  },
};

function runOutput(r: HclustResult) {
  return { rowsUsed: r.rowsUsed, points: r.points, mode: r.mode, cophenetic: r.cophenetic, heights: r.heights, suggestedK: r.suggestedK, reason: r.reason, sizesByK: r.sizesByK, dendrogram: r.dendrogram };
}

function keepOutput(r: HclustKeepResult) {
  return { segmentation: r.segmentation.id, k: r.k, mode: r.mode, clusters: r.clusters.map((c) => ({ id: c.id, name: c.name, size: c.size })) };
}
