import type { ClusterProfile, ClusterWarning, EncodedFeature } from '../../../shared/contract/cluster';
import { KMEANS_DEFAULTS } from '../../../shared/contract/cluster-defaults';

/** A numeric column this skewed (max over ten times its mean, no negatives) is a log-transform candidate. */
const SKEW_RATIO = 10;

function pct(share: number): string {
  return `${(share * 100).toFixed(share < 0.001 ? 2 : 1)}%`;
}

/**
 * Tiny clusters are almost always a few extreme customers (one ¥25,000 buyer among ¥200 ones)
 * that k-means gave a cluster of their own. Each is a coded warning with what to try: the log
 * transform for skewed numeric columns that are not logged yet, otherwise trimming the outliers.
 */
export function clusterWarnings(clusters: Pick<ClusterProfile, 'id' | 'name' | 'size' | 'share'>[], features: Pick<EncodedFeature, 'name' | 'column' | 'kind' | 'transforms' | 'min' | 'max' | 'mean'>[]): ClusterWarning[] {
  const { tinyClusterRows, tinyClusterShare } = KMEANS_DEFAULTS;
  const skewed = [
    ...new Set(features.filter((f) => f.kind === 'numeric' && !f.transforms.includes('log1p') && f.min >= 0 && f.mean > 0 && f.max > SKEW_RATIO * f.mean).map((f) => f.column)),
  ];
  return clusters
    .filter((c) => c.size > 0 && (c.size < tinyClusterRows || c.share < tinyClusterShare))
    .map((c) => {
      const who = { zh: `第 ${c.id} 群「${c.name}」只有 ${c.size} 位客户（${pct(c.share)}），很可能是异常值`, en: `Cluster ${c.id} "${c.name}" has only ${c.size} customer${c.size === 1 ? '' : 's'} (${pct(c.share)}): most likely outliers` };
      if (skewed.length > 0) {
        const cols = skewed.join(', ');
        return {
          code: 'CLUSTER_TINY',
          clusterId: c.id,
          size: c.size,
          share: c.share,
          suggestion: 'log',
          columns: skewed,
          zh: `${who.zh}。建议对「${skewed.join('」「')}」先做对数变换（log1p,zscore），或截尾/剔除异常值后再聚类。`,
          en: `${who.en}. Try the log transform (log1p,zscore) on ${cols}, or cap or remove the outliers before clustering.`,
        };
      }
      return {
        code: 'CLUSTER_TINY',
        clusterId: c.id,
        size: c.size,
        share: c.share,
        suggestion: 'trim',
        columns: [],
        zh: `${who.zh}。建议先截尾或剔除异常值（清洗 › 异常值，或 kequn clean outliers）再聚类，或减小 k。`,
        en: `${who.en}. Cap or remove the outliers first (Clean › Outliers, or kequn clean outliers), or use a smaller k.`,
      };
    });
}
