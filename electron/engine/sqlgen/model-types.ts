import type { ClusterTransform } from '../../../shared/contract/cluster';
import type { RuleCondition } from '../../../shared/contract/segment-schemes';

/**
 * The models the SQL generator knows, as plain typed objects. They are built from a project's
 * saved records by from-project.ts, but nothing here reads a project: tests and other callers
 * can build them directly, and the generator survives changes to how datasets are stored.
 */

/** How a column of the customer relation is typed, which decides comparisons and casts. */
export type ColumnKind = 'number' | 'text' | 'date';

/** Transactions → RFM per customer, the engine's rules (metrics/rfm.ts). */
export interface TransactionsSource {
  kind: 'transactions';
  table: string;
  customer: string;
  date: string;
  amount: string;
  order: string | null;
  /** Fixed analysis date (yyyy-mm-dd), or null: the day after the last purchase in the table. */
  asOf: string | null;
  returns: 'exclude' | 'net';
}

/** A customer table: one row per customer, columns named as in the model (mapped to the table). */
export interface CustomerTableSource {
  kind: 'customers';
  table: string;
  /** The column that identifies a row in the output (customer id). */
  key: string;
  /** Model column name → the table's column and its kind. */
  columns: Record<string, { column: string; kind: ColumnKind }>;
}

export type ModelSource = TransactionsSource | CustomerTableSource;

/** Column names of the RFM relation built from transactions (the engine's RFM dataset). */
export const RFM_COLUMNS = { r: 'R', f: 'F', m: 'M', aov: '客单价', first: '首次购买', last: '末次购买', tenure: '客龄(天)' } as const;
export const RFM_COLUMN_KINDS: Record<string, ColumnKind> = { R: 'number', F: 'number', M: 'number', 客单价: 'number', 首次购买: 'date', 末次购买: 'date', '客龄(天)': 'number' };

/** Quintile (rank) scores, or four upper-inclusive cut points, per dimension. */
export interface RfmScoring {
  cuts: { r: number[] | null; f: number[] | null; m: number[] | null };
}

export interface RfmModel {
  kind: 'rfm';
  scoring: RfmScoring;
}

export interface Rfm8Model {
  kind: 'rfm8';
  columns: { r: string; f: string; m: string };
  threshold: 'mean' | 'median' | 'score';
  scoreThreshold: number;
  scoring: RfmScoring;
  /** Segment label per cell, indexed by r·4 + f·2 + m (1 = 高). */
  names: string[];
}

export interface ParetoModel {
  kind: 'pareto';
  valueColumn: string;
  shares: number[];
  labels: string[];
}

export type LifecycleTrend =
  | { kind: 'columns'; previous: string; recent: string }
  | {
      kind: 'transactions';
      table: string;
      customer: string;
      date: string;
      amount: string;
      periodDays: number;
      /** Column of the customer relation matched to the transactions' customer; null = the customer key. */
      keyColumn: string | null;
      /** RFM's exclude rule carried over: negative amounts (returns) are not spend. */
      excludeReturns?: boolean;
    };

export interface LifecycleModel {
  kind: 'lifecycle';
  recency: string;
  frequency: string;
  /** Tenure in days from a column, or from the first purchase and the analysis date. */
  tenure: { kind: 'column'; column: string } | { kind: 'firstPurchase'; column: string; lastPurchaseColumn: string | null };
  /** Analysis date of the definition (yyyy-mm-dd) or null: computed as the engine does. */
  asOf: string | null;
  newDays: number;
  decliningDays: number;
  churnDays: number;
  declineRatio: number;
  trend: LifecycleTrend | null;
  /** 潜在, 新, 成熟, 衰退, 流失: the labels in the engine's stage order. */
  stages: [string, string, string, string, string];
}

export interface RulesModel {
  kind: 'rules';
  rules: { segment: string; when: RuleCondition[] }[];
  defaultSegment: string;
}

export type TagRuleModel = { kind: 'when'; tag: string; when: RuleCondition[] } | { kind: 'fromColumn'; column: string; map: Record<string, string>; prefix: string };

export interface TagsModel {
  kind: 'tags';
  groups: { group: string; rules: TagRuleModel[] }[];
}

/** One input of a k-means model, as saved with it (cluster/features.ts). */
export interface KmeansFeature {
  name: string;
  column: string;
  kind: 'numeric' | 'category';
  level: string | null;
  transforms: ClusterTransform[];
  fitted: Record<string, number>[];
  imputeValue: number | null;
}

export interface KmeansModel {
  kind: 'kmeans';
  features: KmeansFeature[];
  /** Centroids in transformed units, one per cluster, in cluster order. */
  centroids: number[][];
  names: string[];
  /** Rows with a missing feature get no cluster (policy drop); otherwise the saved impute values fill them. */
  dropMissing: boolean;
}

/** A numeric input with its saved transform chain (k-means and k-prototypes share the form). */
export type NumericInput = Pick<KmeansFeature, 'name' | 'column' | 'transforms' | 'fitted'>;

/**
 * k-prototypes (models/kprototypes.ts): numeric inputs through their saved transforms, text
 * inputs compared with each prototype's mode; a row missing any input gets no cluster.
 */
export interface KprotoModel {
  kind: 'kprototypes';
  numeric: NumericInput[];
  /** Text columns (model column names), in the model's order. */
  categorical: string[];
  /** One per cluster, in cluster order: numeric centre (transformed units) and the mode of each text column. */
  prototypes: { centroid: number[]; modes: string[] }[];
  gamma: number;
  names: string[];
}

/** One test of a path rule of a tree (tree-rules.ts), on a model column. */
export type TreeBound =
  /** lower < x ≤ upper (either side may be open); thresholds in the column's numeric units (dates: epoch ms). */
  | { kind: 'numeric'; column: string; lower: number | null; upper: number | null }
  /** x is one of `levels`. */
  | { kind: 'in'; column: string; levels: string[] }
  /** x is present and none of `levels` (levels unseen in training are allowed: they go right). */
  | { kind: 'notIn'; column: string; levels: string[] }
  /** x is missing: the row stopped at this node. */
  | { kind: 'missing'; column: string };

/**
 * A decision tree as its path rules: one per leaf and one per internal node for rows missing
 * that node's column (they stop there). The rules are mutually exclusive and cover every row.
 */
export interface TreeSqlModel {
  kind: 'tree';
  rules: {
    node: number;
    segment: string;
    /** Share of the node's training rows in `segment`. */
    purity: number;
    /** Training rows that reached the node. */
    n: number;
    text: string;
    when: TreeBound[];
  }[];
  /** Columns the tree reads and whether a numeric test reads a date. */
  columns: { name: string; kind: 'numeric' | 'category'; date: boolean }[];
}

/**
 * Factor or principal-component scores (models/factor-run.ts): standardised inputs with the saved
 * means and deviations, weighted per factor; factor analysis adds a second step (sklearn's
 * transform: t = z · W·ψ⁻¹ᵀ, then scores = t · (I + W·ψ⁻¹·Wᵀ)⁻¹).
 */
export interface FactorSqlModel {
  kind: 'factor';
  method: 'pca' | 'fa';
  columns: string[];
  mean: number[];
  sd: number[];
  /** Per factor, one weight per column (PCA: the score coefficients; FA: loading ÷ uniqueness). */
  weights: number[][];
  /** FA only: the k × k matrix mixing the weighted sums into scores (entry [g][f]). */
  mix: number[][] | null;
  /** Output column per factor. */
  names: string[];
}

export type SqlModel = RfmModel | Rfm8Model | ParetoModel | LifecycleModel | RulesModel | TagsModel | KmeansModel | KprotoModel | TreeSqlModel | FactorSqlModel;
export type SqlModelKind = SqlModel['kind'];

/** What the header comment says about the model. */
export interface ModelHeader {
  title: string;
  /** yyyy-mm-dd hh:mm (or an ISO date) of the saved model. */
  savedAt: string | null;
  /** One line per parameter, "name: value". */
  parameters: string[];
}

export interface SqlRequest {
  model: SqlModel;
  source: ModelSource;
  header: ModelHeader;
}
