import type { DatasetInfo } from '../../../shared/contract/datasets';
import type { FactorModel } from '../../../shared/contract/factor';
import type { KprotoResult } from '../../../shared/contract/kproto';
import type { SegmentationInfo } from '../../../shared/contract/segmentations';
import type { TreeModel } from '../../../shared/contract/tree';
import { invert } from '../models/factor';
import { storedTree } from '../models/tree-run';
import { conditionText, pathRules, type RuleColumn } from '../models/tree-rules';
import type { FactorSqlModel, TreeBound, TreeSqlModel } from './model-types';
import { findByName, type BuiltModel } from './project-models';

/**
 * The models of issue 22 → the generator's typed models: k-prototypes segmentations, decision-tree
 * explanations and factor / PCA models. The numbers are the engine's own (its path rules, its
 * score weights computed as models/factor-run.ts computes them), so the SQL routes and scores
 * every row as the app does.
 */

/** A k-prototypes segmentation's definition (models/kproto-run.ts). */
export type KprotoRecord = Omit<KprotoResult, 'segmentation'> & { kind: 'kproto-model'; scoredFrom?: string };

/** A column of a saved record: by key on the model's own dataset, by name on a dataset it was applied to. */
function columnName(ds: DatasetInfo, key: string, name: string, byName: boolean): string {
  return findByName(ds, byName ? name : key).name;
}

export function kprotoModel(ds: DatasetInfo, seg: SegmentationInfo, record: KprotoRecord): BuiltModel {
  const byName = record.scoredFrom !== undefined;
  const numeric = record.numeric.map((f) => ({ name: f.name, column: columnName(ds, f.columnKey, f.column, byName), transforms: f.transforms, fitted: f.fitted }));
  const categorical = record.categorical.map((c) => columnName(ds, c.columnKey, c.name, byName));
  // Summaries are in cluster order: a cluster renamed after saving is labelled by its current name.
  const names = record.clusters.map((c, i) => seg.segments[i]?.name ?? c.name);
  return {
    model: {
      kind: 'kprototypes',
      numeric,
      categorical,
      prototypes: record.clusters.map((c) => ({ centroid: c.centroid, modes: c.modes.map((m) => m.level) })),
      gamma: record.gamma,
      names,
    },
    columns: [...new Set([...numeric.map((f) => f.column), ...categorical])],
    parameters: [
      `k = ${record.k}, seed ${record.seed}, ${record.restarts} restarts, γ = ${record.gamma}${record.gamma === record.gammaDefault ? ' (default: half the mean SD of the transformed numeric inputs)' : ''}`,
      `numeric: ${numeric.map((f) => f.column).join(', ') || '—'}; text: ${categorical.join(', ') || '—'}`,
      'rows missing any input get no cluster',
    ],
    trendDatasetId: null,
  };
}

/** The tree's path rules (models/tree-rules.ts) with the training purity and size of each node. */
export function treeModel(ds: DatasetInfo, record: TreeModel): BuiltModel {
  const tree = storedTree(record);
  const rc: RuleColumn[] = record.columns.map((c) => ({ name: c.name, kind: c.kind, integer: c.integer, date: c.date, levels: c.levels }));
  const names = record.columns.map((c) => columnName(ds, c.key, c.name, false));
  const rules = pathRules(tree, rc).map((r) => {
    const node = tree.nodes[r.node]!;
    const when: TreeBound[] = [];
    for (const [f, b] of r.bounds) {
      const column = names[f]!;
      if (b.kind === 'numeric') when.push({ kind: 'numeric', column, lower: b.lower > -Infinity ? b.lower : null, upper: b.upper < Infinity ? b.upper : null });
      else if (b.unseen) when.push({ kind: 'notIn', column, levels: rc[f]!.levels.filter((_, i) => !b.allowed.has(i)) });
      else when.push({ kind: 'in', column, levels: [...b.allowed].sort((x, y) => x - y).map((i) => rc[f]!.levels[i]!) });
    }
    if (r.missing !== null) when.push({ kind: 'missing', column: names[r.missing]! });
    return {
      node: r.node,
      segment: record.classes[r.prediction]!,
      purity: node.n > 0 ? node.counts[node.prediction]! / node.n : 0,
      n: node.n,
      text: conditionText(r, rc).en,
      when,
    };
  });
  const model: TreeSqlModel = { kind: 'tree', rules, columns: record.columns.map((c, j) => ({ name: names[j]!, kind: c.kind, date: c.date })) };
  return {
    model,
    columns: [...new Set(names)],
    parameters: [
      `explains: ${record.segmentationName} (${record.classes.length} segments)`,
      `depth ≤ ${record.settings.maxDepth}, leaves ≥ ${record.settings.minLeaf} rows, seed ${record.settings.seed}; ${rules.length} rules`,
      `accuracy: ${(record.trainAccuracy * 100).toFixed(1)}% on training rows${record.testAccuracy === null ? '' : `, ${(record.testAccuracy * 100).toFixed(1)}% on held-out rows`}`,
    ],
    trendDatasetId: null,
  };
}

const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((acc, v, j) => acc + v * b[j]!, 0);

/**
 * Score weights exactly as models/factor-run.ts computes them: PCA by regression (L·(LᵀL)⁻¹,
 * `regressionScores`), factor analysis as scikit-learn's transform (`factorScores`).
 */
export function factorModel(ds: DatasetInfo, record: FactorModel): BuiltModel {
  const columns = record.columns.map((c) => columnName(ds, c.key, c.name, false));
  const L = record.loadings;
  const k = record.factors;
  let weights: number[][];
  let mix: number[][] | null = null;
  if (record.method === 'pca') {
    const inv = invert(Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => dot(L[a]!, L[b]!))));
    weights = Array.from({ length: k }, (_, f) => columns.map((_, j) => L.reduce((acc, row, g) => acc + row[j]! * inv[g]![f]!, 0)));
  } else {
    weights = L.map((row) => row.map((w, j) => w / record.uniqueness[j]!));
    mix = invert(Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => (a === b ? 1 : 0) + dot(weights[a]!, L[b]!))));
  }
  const model: FactorSqlModel = { kind: 'factor', method: record.method, columns, mean: record.mean, sd: record.sd, weights, mix, names: record.names };
  return {
    model,
    columns,
    parameters: [
      `${record.method === 'pca' ? 'principal components' : 'maximum-likelihood factor analysis'}, ${k} factors, rotation ${record.rotation}`,
      `columns: ${columns.join(', ')}; standardised with the training means and population SDs (${record.rowsUsed} rows)`,
      `scores: ${record.names.join(', ')}`,
    ],
    trendDatasetId: null,
  };
}
