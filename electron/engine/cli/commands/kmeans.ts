import { CLUSTER_TRANSFORMS, type ClusterTransform, type KmeansResult, type KmeansScanResult } from '../../../../shared/contract/cluster';
import { KequnError } from '../../../../shared/contract/errors';
import type { CliCommand, CliContext } from '../command';
import { arg, DATASET_OPTION, NAME_OPTION } from '../options';

function text(ctx: CliContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

function bad(en: string, zh: string): KequnError {
  return new KequnError('USAGE', en, { zh });
}

function integer(ctx: CliContext, name: string): number | undefined {
  const v = text(ctx, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw bad(`--${name} must be a whole number`, `--${name} 必须是整数`);
  return Number(v);
}

function transforms(ctx: CliContext): ClusterTransform[] {
  const v = text(ctx, 'transform') ?? 'zscore';
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const t of list) {
    if (!(CLUSTER_TRANSFORMS as readonly string[]).includes(t)) {
      throw bad(`Unknown transform "${t}" (use ${CLUSTER_TRANSFORMS.join(', ')})`, `未知的变换“${t}”（可用：${CLUSTER_TRANSFORMS.join('、')}）`);
    }
  }
  return list as ClusterTransform[];
}

/** `kequn kmeans`: one model (--k) or the k advisor (--scan 2..10). */
export const kmeansCommand: CliCommand = {
  name: 'kmeans',
  summary: { zh: 'K-均值聚类（或用 --scan 比较多个 k）', en: 'k-means clustering (or compare several k with --scan)' },
  usage:
    'kequn kmeans --project P --dataset D --columns a,b,c (--k 5 | --scan 2..10) [--seed 42] [--restarts 10] [--transform log1p,zscore] [--missing drop|mean|median] [--name N] [--json]',
  options: {
    dataset: DATASET_OPTION,
    columns: arg('a,b,c', '特征列（数值列按 --transform 变换；文本列独热编码）', 'feature columns (numbers through --transform; text columns one-hot)'),
    k: arg('N', '群数', 'number of clusters'),
    scan: arg('MIN..MAX', 'k 建议：比较这一范围内的每个 k（肘部、轮廓系数等）', 'k advisor: compare every k in this range (elbow, silhouette, …)'),
    seed: arg('N', '随机种子', 'random seed', { default: '42' }),
    restarts: arg('N', '重启次数，取总误差最小者', 'restarts; the lowest total error wins', { default: '10' }),
    transform: arg('T1,T2', `数值列的变换链（${CLUSTER_TRANSFORMS.join('、')}）`, `transform chain for numeric columns (${CLUSTER_TRANSFORMS.join(', ')})`, { default: 'zscore' }),
    missing: arg('drop|mean|median', '缺失值：drop 不参与聚类；mean/median 填补', 'missing values: drop leaves rows out; mean/median fill', { choices: ['drop', 'mean', 'median'], default: 'drop' }),
    name: NAME_OPTION,
    'max-iter': arg('N', '每次重启的最大迭代次数', 'maximum iterations per restart'),
  },
  async run(ctx) {
    const dataset = text(ctx, 'dataset');
    const columns = text(ctx, 'columns')?.split(',').map((c) => c.trim()).filter(Boolean) ?? [];
    if (!dataset) throw bad('Missing --dataset D', '缺少参数 --dataset D');
    if (columns.length === 0) throw bad('Missing --columns a,b,c', '缺少参数 --columns a,b,c');
    const chain = transforms(ctx);
    const missing = text(ctx, 'missing') ?? 'drop';
    if (missing !== 'drop' && missing !== 'mean' && missing !== 'median') throw bad('--missing must be drop, mean or median', '--missing 只能是 drop、mean 或 median');
    const common = {
      datasetId: dataset,
      features: columns.map((column) => ({ column, transforms: chain })),
      missing,
      ...(integer(ctx, 'seed') !== undefined ? { seed: integer(ctx, 'seed') } : {}),
      ...(integer(ctx, 'restarts') !== undefined ? { restarts: integer(ctx, 'restarts') } : {}),
      ...(integer(ctx, 'max-iter') !== undefined ? { maxIterations: integer(ctx, 'max-iter') } : {}),
    } as const;
    await ctx.openProject();
    const onProgress = { onProgress: (p: { done: number; total: number | null; label: string }) => ctx.progress(p.label, p.done, p.total) };
    const scan = text(ctx, 'scan');
    if (scan !== undefined) {
      const m = scan.match(/^(\d+)\.\.(\d+)$/);
      if (!m) throw bad('--scan must look like 2..10', '--scan 的格式应为 2..10');
      const r = await ctx.client().call('cluster.scan', { ...common, kMin: Number(m[1]), kMax: Number(m[2]) }, onProgress);
      return scanOutput(r);
    }
    const k = integer(ctx, 'k');
    if (k === undefined) throw bad('Missing --k N (or --scan 2..10)', '缺少参数 --k N（或 --scan 2..10）');
    const name = text(ctx, 'name');
    const r = await ctx.client().call('cluster.run', { ...common, k, ...(name ? { name } : {}) }, onProgress);
    return runOutput(r);
  },
  human(result, lang) {
    const r = result as Partial<ReturnType<typeof runOutput> & ReturnType<typeof scanOutput>>;
    if (r.scan) {
      const head = lang === 'zh' ? 'k\t误差平方和\t轮廓系数\tCH\tDB' : 'k\tSSE\tsilhouette\tCH\tDB';
      const rows = r.scan.map((m) => [m.k, m.sse.toFixed(2), m.silhouette?.toFixed(4) ?? '-', m.calinskiHarabasz?.toFixed(1) ?? '-', m.daviesBouldin?.toFixed(4) ?? '-'].join('\t'));
      return [head, ...rows, `${lang === 'zh' ? '建议' : 'Suggested'} k=${r.suggestedK}: ${lang === 'zh' ? r.reason?.zh : r.reason?.en}`].join('\n');
    }
    const lines = (r.clusters ?? []).map((c) => `${c.id}\t${c.name}\t${c.size}`);
    return [`${lang === 'zh' ? '细分' : 'Segmentation'} ${r.segmentation?.id}  SSE=${r.sse?.toFixed(3)}  silhouette=${r.silhouette?.toFixed(4) ?? '-'}`, ...lines].join('\n');
  },
};

function runOutput(r: KmeansResult) {
  return {
    segmentation: { id: r.segmentation.id },
    sse: r.sse,
    silhouette: r.silhouette,
    iterations: r.iterations,
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
  };
}
