import { growTree } from './cart-grow';

/**
 * CART classification tree (Breiman et al. 1984) with the Gini criterion, grown level by level
 * (cart-grow.ts) over columns sorted once (cart-sort.ts).
 *
 * Inputs are typed arrays only (numeric columns as Float64Array with NaN = missing, category
 * columns as Int32Array codes with -1 = missing), so this module knows nothing of datasets.
 *
 * - Numeric splits: `x ≤ t` goes left, with t the midpoint of two neighbouring training values
 *   (as scikit-learn's DecisionTreeClassifier). A level costs O(rows × columns).
 * - Category splits: a subset of levels goes left. Two classes: levels ordered by the share of
 *   class 1 and the best prefix taken (Breiman's theorem, exact). More classes: every subset for
 *   up to 10 levels, otherwise levels ordered by the share of the node's majority class.
 *   Levels never seen at a node, and levels unseen in training, go right.
 * - Ties between equally good splits: the first column (in input order), then the lowest threshold.
 * - Like scikit-learn, a node is split whenever a split keeping `minLeaf` rows on each side exists
 *   (even with zero gain); afterwards sibling leaves with the same prediction are merged, which
 *   changes no prediction and keeps the rules short.
 * - Training uses only rows with every feature present. When predicting, a row missing the split
 *   column at a node stops there and takes that node's prediction.
 */

export type TreeFeature =
  | { name: string; kind: 'numeric'; values: Float64Array }
  | { name: string; kind: 'category'; codes: Int32Array; levels: readonly string[] };

export interface TreeOptions {
  maxDepth: number;
  minLeaf: number;
  /** Merge sibling leaves with the same prediction (default true). */
  prune?: boolean;
}

export type TreeSplit = { kind: 'numeric'; feature: number; threshold: number } | { kind: 'category'; feature: number; left: number[] };

export interface TreeNode {
  id: number;
  depth: number;
  /** Training rows per class at this node. */
  counts: number[];
  n: number;
  /** Majority class (ties: the lowest class index). */
  prediction: number;
  split: TreeSplit | null;
  left: number;
  right: number;
}

export interface FittedTree {
  nodes: TreeNode[];
  classes: number;
}

export type StepHook = (done: number, total: number) => void | Promise<void>;

/**
 * Grows the tree on `rows` (training rows with a class and every feature present), then merges
 * same-prediction sibling leaves unless `prune` is false. `target[r]` is row r's class in 0..classes-1.
 */
export async function fitTree(features: TreeFeature[], target: Int32Array, classes: number, rows: Int32Array, options: TreeOptions, step?: StepHook): Promise<FittedTree> {
  const nodes = await growTree(features, target, classes, rows, options.maxDepth, Math.max(1, options.minLeaf), step);
  return { nodes: prune(nodes, options.prune !== false), classes };
}

/** Merges sibling leaves with the same prediction (bottom-up); renumbers nodes depth-first. */
function prune(nodes: TreeNode[], merge: boolean): TreeNode[] {
  const collapse = (id: number): void => {
    const node = nodes[id]!;
    if (!node.split) return;
    collapse(node.left);
    collapse(node.right);
    const l = nodes[node.left]!;
    const r = nodes[node.right]!;
    if (!l.split && !r.split && l.prediction === r.prediction && l.prediction === node.prediction) {
      node.split = null;
      node.left = -1;
      node.right = -1;
    }
  };
  if (merge) collapse(0);
  const out: TreeNode[] = [];
  const visit = (id: number, depth: number): number => {
    const node = nodes[id]!;
    const copy: TreeNode = { ...node, id: out.length, depth, counts: [...node.counts] };
    out.push(copy);
    if (node.split) {
      copy.left = visit(node.left, depth + 1);
      copy.right = visit(node.right, depth + 1);
    }
    return copy.id;
  };
  visit(0, 0);
  return out;
}

/** The leaf (or the node where a missing value stopped the row) that row r reaches. */
export function nodeFor(tree: FittedTree, features: TreeFeature[], r: number): number {
  let id = 0;
  for (;;) {
    const node = tree.nodes[id]!;
    const split = node.split;
    if (!split) return id;
    const feat = features[split.feature]!;
    if (split.kind === 'numeric') {
      const v = feat.kind === 'numeric' ? feat.values[r]! : NaN;
      if (Number.isNaN(v)) return id;
      id = v <= split.threshold ? node.left : node.right;
    } else {
      const code = feat.kind === 'category' ? feat.codes[r]! : -1;
      // −1 = missing; other negative codes are levels unseen in training (they go right).
      if (code === -1) return id;
      id = split.left.includes(code) ? node.left : node.right;
    }
  }
}

export function predictRow(tree: FittedTree, features: TreeFeature[], r: number): number {
  return tree.nodes[nodeFor(tree, features, r)]!.prediction;
}
