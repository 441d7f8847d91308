import { CLUSTER_TRANSFORMS, type KmeansResult, type KmeansScanResult } from '../../../../shared/contract/cluster';
import { KMEANS_DEFAULTS } from '../../../../shared/contract/cluster-defaults';
import { KequnError } from '../../../../shared/contract/errors';
import type { CliCommand } from '../command';
import { arg, DATASET_OPTION, NAME_OPTION } from '../options';
import { featureColumns, kArg, kmeansCommonParams, nameArg, scanRange } from './kmeans-cli-args';

/** `kequn kmeans`: one model (--k) or the k advisor (--scan 2..10). */
export const kmeansCommand: CliCommand = {
  name: 'kmeans',
  summary: { zh: 'K-均值聚类（或用 --scan 比较多个 k）', en: 'k-means clustering (or compare several k with --scan)' },
  usage:
    'kequn kmeans --project P --dataset D --columns a,b,c (--k 5 | --scan 2..10) [--seed 42] [--restarts 10] [--transform log1p,zscore] [--missing drop|mean|median] [--name N] [--json]',
  details: {
    zh: [
      `约定（与界面的聚类分析相同，取自同一组默认值）：金额列（货币类型或列名含 金额/消费/支付 等）默认先 log1p 再 zscore，其他数值列 zscore；`,
      `种子 ${KMEANS_DEFAULTS.seed}、重启 ${KMEANS_DEFAULTS.restarts} 次、每次最多 ${KMEANS_DEFAULTS.maxIterations} 次迭代；群按大小编号（最大为 1）；群名不会重复（先加区分词，再加群号）。`,
      `少于 ${KMEANS_DEFAULTS.tinyClusterRows} 位客户或不足 ${KMEANS_DEFAULTS.tinyClusterShare * 100}% 的群给出 CLUSTER_TINY 警告（多为异常值），并建议对数变换或截尾。`,
      `k 建议：超过 ${KMEANS_DEFAULTS.silhouetteSample.toLocaleString('en-US')} 行时轮廓系数用种子抽样；最优 k 的领先在 ${KMEANS_DEFAULTS.closeCallSe} 倍配对标准误以内时，`,
      `在全部行上精确计算这几个 k（最多 ${KMEANS_DEFAULTS.exactRowsLimit.toLocaleString('en-US')} 行），更多行时直接说明抽样无法分出高下。`,
    ].join('\n'),
    en: [
      `Conventions (shared with the cluster view, from one set of defaults): money columns (currency type, or names like amount/spend) take log1p then zscore,`,
      `other numbers zscore; seed ${KMEANS_DEFAULTS.seed}, ${KMEANS_DEFAULTS.restarts} restarts, at most ${KMEANS_DEFAULTS.maxIterations} iterations each; clusters numbered by size (largest = 1);`,
      `names never repeat (a distinguishing word first, then the cluster number). A cluster under ${KMEANS_DEFAULTS.tinyClusterRows} customers or ${KMEANS_DEFAULTS.tinyClusterShare * 100}% of them`,
      `is a CLUSTER_TINY warning (mostly outliers) suggesting the log transform or trimming. k advisor: above ${KMEANS_DEFAULTS.silhouetteSample.toLocaleString('en-US')} rows the`,
      `silhouette is on a seeded sample; when the best k leads by less than ${KMEANS_DEFAULTS.closeCallSe} paired standard errors, those k are computed exactly on every`,
      `row (up to ${KMEANS_DEFAULTS.exactRowsLimit.toLocaleString('en-US')} rows); above that the reason says the sample cannot decide.`,
    ].join('\n'),
  },
  options: {
    dataset: DATASET_OPTION,
    columns: arg('a,b,c', '特征列（数值列按 --transform 变换；文本列独热编码）', 'feature columns (numbers through --transform; text columns one-hot)'),
    k: arg('N', '群数', 'number of clusters'),
    scan: arg('MIN..MAX', 'k 建议：比较这一范围内的每个 k（肘部、轮廓系数等）', 'k advisor: compare every k in this range (elbow, silhouette, …)'),
    seed: arg('N', '随机种子', 'random seed', { default: '42' }),
    restarts: arg('N', '重启次数，取总误差最小者', 'restarts; the lowest total error wins', { default: '10' }),
    transform: arg('T1,T2', `数值列的变换链（${CLUSTER_TRANSFORMS.join('、')}），用于所有所选列；不给时金额列用 log1p,zscore，其他数值列用 zscore（与界面相同）`, `transform chain for every numeric column (${CLUSTER_TRANSFORMS.join(', ')}); without it money columns take log1p,zscore and other numbers zscore (as in the cluster view)`),
    missing: arg('drop|mean|median', '缺失值：drop 不参与聚类；mean/median 填补', 'missing values: drop leaves rows out; mean/median fill', { choices: ['drop', 'mean', 'median'], default: 'drop' }),
    name: NAME_OPTION,
    'max-iter': arg('N', '每次重启的最大迭代次数', 'maximum iterations per restart'),
  },
  async run(ctx) {
    const dataset = ctx.values.dataset;
    if (typeof dataset !== 'string' || dataset === '') throw new KequnError('USAGE', 'Missing --dataset D', { zh: '缺少参数 --dataset D' });
    if (featureColumns(ctx.values).length === 0) throw new KequnError('USAGE', 'Missing --columns a,b,c', { zh: '缺少参数 --columns a,b,c' });
    const range = scanRange(ctx.values);
    const k = range ? undefined : kArg(ctx.values);
    await ctx.openProject();
    const info = await ctx.client().call('datasets.get', { datasetId: dataset });
    const common = kmeansCommonParams(ctx.values, dataset, info.columns);
    const onProgress = { onProgress: (p: { done: number; total: number | null; label: string }) => ctx.progress(p.label, p.done, p.total) };
    if (range) return scanOutput(await ctx.client().call('cluster.scan', { ...common, ...range }, onProgress));
    const name = nameArg(ctx.values);
    return runOutput(await ctx.client().call('cluster.run', { ...common, k: k!, ...(name ? { name } : {}) }, onProgress));
  },
  human(result, lang) {
    const r = result as Partial<ReturnType<typeof runOutput> & ReturnType<typeof scanOutput>>;
    if (r.scan) {
      const head = lang === 'zh' ? 'k\t误差平方和\t轮廓系数\tCH\tDB' : 'k\tSSE\tsilhouette\tCH\tDB';
      // Close calls settled on every row show the exact silhouette after the sampled one.
      const sil = (m: (typeof r.scan)[number]): string => `${m.silhouette?.toFixed(4) ?? '-'}${typeof m.silhouetteFull === 'number' ? ` (${lang === 'zh' ? '全量' : 'all rows'} ${m.silhouetteFull.toFixed(4)})` : ''}`;
      const rows = r.scan.map((m) => [m.k, m.sse.toFixed(2), sil(m), m.calinskiHarabasz?.toFixed(1) ?? '-', m.daviesBouldin?.toFixed(4) ?? '-'].join('\t'));
      return [head, ...rows, `${lang === 'zh' ? '建议' : 'Suggested'} k=${r.suggestedK}: ${lang === 'zh' ? r.reason?.zh : r.reason?.en}`].join('\n');
    }
    const lines = (r.clusters ?? []).map((c) => `${c.id}\t${c.name}\t${c.size}`);
    const warnings = (r.warnings ?? []).map((w) => `! [${w.code}] ${lang === 'zh' ? w.zh : w.en}`);
    return [`${lang === 'zh' ? '细分' : 'Segmentation'} ${r.segmentation?.id}  SSE=${r.sse?.toFixed(3)}  silhouette=${r.silhouette?.toFixed(4) ?? '-'}`, ...lines, ...warnings].join('\n');
  },
};

function runOutput(r: KmeansResult) {
  return {
    segmentation: { id: r.segmentation.id },
    sse: r.sse,
    silhouette: r.silhouette,
    iterations: r.iterations,
    warnings: r.warnings,
    clusters: r.clusters.map((c) => ({
      id: c.id,
      name: c.name,
      size: c.size,
      centroid: Object.fromEntries(r.features.map((f, j) => [f.name, c.means[j]!])),
    })),
  };
}

function scanOutput(r: KmeansScanResult) {
  return {
    scan: r.metrics,
    suggestedK: r.suggestedK,
    reason: r.reason,
    rowsUsed: r.rowsUsed,
    silhouetteSampleSize: r.silhouetteSampleSize,
    silhouetteExact: r.silhouetteExact,
    closeCall: r.closeCall,
  };
}
