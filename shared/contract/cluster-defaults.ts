import type { ClusterTransform } from './cluster';
import type { ColumnType } from './datasets';

/**
 * The one set of k-means defaults: the cluster view and `kequn kmeans` both start from these, so
 * the same data and the same columns give the same model and the same suggested k either way.
 */
export const KMEANS_DEFAULTS = {
  /** Money is heavily right-skewed: log1p first keeps a few big buyers from owning a cluster each. */
  transforms: { money: ['log1p', 'zscore'], numeric: ['zscore'] } satisfies Record<'money' | 'numeric', ClusterTransform[]>,
  missing: 'drop',
  seed: 42,
  restarts: 10,
  maxIterations: 300,
  /** Relative tolerance as in scikit-learn. */
  tolerance: 1e-4,
  /** The k advisor's range and the k a new run starts from. */
  kMin: 2,
  kMax: 10,
  k: 4,
  /** Silhouette exact up to this many rows; a seeded sample above. */
  silhouetteSample: 20_000,
  /**
   * Close calls on a sample: when the best k's lead over another k is within this many paired
   * standard errors, the silhouettes of the close candidates are computed on every row (up to
   * `exactRowsLimit` rows); above that the advisor says the call is within sampling error.
   * Cost grows with rows²: 40,000 rows is 16× the 10,000-row sample pass (measured 37.7× at
   * 60,000 rows, 160 s on a busy 2-core machine), so the limit stays at 40,000.
   */
  closeCallSe: 2,
  exactRowsLimit: 40_000,
  /** A cluster this small is flagged as outliers: fewer rows, or a smaller share of the rows. */
  tinyClusterRows: 5,
  tinyClusterShare: 0.01,
} as const;

/** Words that mark a money column when its type does not (imported amounts are often decimal). */
const MONEY_NAME = /金额|消费|支付|花费|销售额|营收|amount|spend|monetary|revenue|sales|^m$/i;
/** Identifier-like columns are never default features. */
const ID_NAME = /id$|编号|^id|客户|会员名|电话|phone/i;

export type ClusterFeatureKind = 'money' | 'numeric' | 'category';

export function featureKindOf(column: { name: string; type: ColumnType }): ClusterFeatureKind {
  if (column.type === 'text') return 'category';
  return column.type === 'currency' || MONEY_NAME.test(column.name) ? 'money' : 'numeric';
}

/** The default transform chain of a column: log1p + z-score for money, z-score for other numbers. */
export function defaultTransforms(column: { name: string; type: ColumnType }): ClusterTransform[] {
  const kind = featureKindOf(column);
  return kind === 'money' ? [...KMEANS_DEFAULTS.transforms.money] : [...KMEANS_DEFAULTS.transforms.numeric];
}

/** Default picks for a dataset: numeric columns on (not identifiers), text off; dates are not features. */
export function defaultFeatureChoices(columns: { name: string; type: ColumnType }[]): { column: string; include: boolean; transforms: ClusterTransform[] }[] {
  return columns
    .filter((c) => c.type !== 'date' && c.type !== 'datetime')
    .map((c) => ({ column: c.name, include: featureKindOf(c) !== 'category' && !ID_NAME.test(c.name), transforms: defaultTransforms(c) }));
}
