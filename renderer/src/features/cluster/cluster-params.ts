import type { ClusterTransform, MissingPolicy } from '../../../../shared/contract/cluster';
import { defaultFeatureChoices, KMEANS_DEFAULTS } from '../../../../shared/contract/cluster-defaults';
import type { ColumnInfo } from '../../../../shared/contract/datasets';
import type { ParamsIn } from '../../../../shared/contract/index';

export interface FeatureChoice {
  column: string;
  include: boolean;
  /** A chain key such as 'log1p,zscore'; text columns are one-hot encoded. */
  chain: string;
}

/** Default picks from the contract's k-means defaults (the CLI uses the same): money log-transformed. */
export function defaultChoices(columns: ColumnInfo[]): FeatureChoice[] {
  return defaultFeatureChoices(columns).map((c) => ({ column: c.column, include: c.include, chain: c.transforms.length === 0 ? 'none' : c.transforms.join(',') }));
}

/** The cluster view's settings: they start from the contract's KMEANS_DEFAULTS. */
export interface ClusterSettings {
  missing: MissingPolicy;
  seed: number;
  restarts: number;
  kMin: number;
  kMax: number;
  k: number;
}

/** A new view's settings; `k` when opened with one (the Ward view's "use this k"). */
export function initialSettings(k?: number): ClusterSettings {
  const d = KMEANS_DEFAULTS;
  return { missing: d.missing, seed: d.seed, restarts: d.restarts, kMin: d.kMin, kMax: d.kMax, k: k ?? d.k };
}

export function chainOf(choice: FeatureChoice): ClusterTransform[] {
  return choice.chain === 'none' ? [] : (choice.chain.split(',') as ClusterTransform[]);
}

function common(datasetId: string, choices: FeatureChoice[], s: ClusterSettings): ParamsIn<'cluster.scan'> {
  const features = choices.filter((c) => c.include).map((c) => ({ column: c.column, transforms: chainOf(c) }));
  return { datasetId, features, missing: s.missing, seed: s.seed, restarts: s.restarts };
}

/** What the view sends to the k advisor. */
export function scanParams(datasetId: string, choices: FeatureChoice[], s: ClusterSettings): ParamsIn<'cluster.scan'> {
  return { ...common(datasetId, choices, s), kMin: s.kMin, kMax: s.kMax };
}

/** What the view sends to fit one model. */
export function runParams(datasetId: string, choices: FeatureChoice[], s: ClusterSettings): ParamsIn<'cluster.run'> {
  return { ...common(datasetId, choices, s), k: s.k };
}
