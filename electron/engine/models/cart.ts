/**
 * CART classification tree (Breiman et al. 1984) with the Gini criterion, grown level by level.
 *
 * Inputs are typed arrays only (numeric columns as Float64Array with NaN = missing, category
 * columns as Int32Array codes with -1 = missing), so this module knows nothing of datasets.
 *
 * - Numeric splits: `x ≤ t` goes left, with t the midpoint of two neighbouring training values
 *   (as scikit-learn's DecisionTreeClassifier). Every numeric column is sorted once; each level
 *   sweeps each column's order once for all open nodes together, so a level costs O(rows × cols).
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

const EXHAUSTIVE_LEVELS = 10;

function majority(counts: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < counts.length; c++) if (counts[c]! > counts[best]!) best = c;
  return best;
}

/** Sorted order of the training rows by one numeric column, plus each row's rank among distinct values. */
interface SortedColumn {
  order: Int32Array;
  rank: Int32Array;
  distinct: Float64Array;
}

function sortColumn(values: Float64Array, rows: Int32Array): SortedColumn {
  const sorted = Float64Array.from(rows, (r) => values[r]!).sort();
  let u = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[u - 1]) sorted[u++] = sorted[i]!;
  const distinct = sorted.slice(0, u);
  const rank = new Int32Array(values.length).fill(-1);
  const bucket = new Int32Array(u + 1);
  for (const r of rows) {
    const v = values[r]!;
    let lo = 0;
    let hi = u - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    rank[r] = lo;
    bucket[lo + 1]! += 1;
  }
  for (let i = 1; i <= u; i++) bucket[i]! += bucket[i - 1]!;
  const order = new Int32Array(rows.length);
  for (const r of rows) order[bucket[rank[r]!]!++] = r;
  return { order, rank, distinct };
}

interface Best {
  score: number;
  split: TreeSplit | null;
}

/**
 * Grows the tree on `rows` (training rows with a class and every feature present).
 * `target[r]` is row r's class in 0..classes-1.
 */
export async function fitTree(features: TreeFeature[], target: Int32Array, classes: number, rows: Int32Array, options: TreeOptions, step?: StepHook): Promise<FittedTree> {
  const K = classes;
  const minLeaf = Math.max(1, options.minLeaf);
  const sortedCols = new Map<number, SortedColumn>();
  const totalSteps = features.length * (options.maxDepth + 1);
  let done = 0;
  for (let f = 0; f < features.length; f++) {
    const feat = features[f]!;
    if (feat.kind === 'numeric') sortedCols.set(f, sortColumn(feat.values, rows));
    done++;
    await step?.(done, totalSteps);
  }
  const rootCounts = new Array<number>(K).fill(0);
  for (const r of rows) rootCounts[target[r]!]! += 1;
  const nodes: TreeNode[] = [{ id: 0, depth: 0, counts: rootCounts, n: rows.length, prediction: majority(rootCounts), split: null, left: -1, right: -1 }];
  const nodeOf = new Int32Array(target.length).fill(-1);
  for (const r of rows) nodeOf[r] = 0;
  let frontier = [0];
  for (let depth = 0; depth < options.maxDepth && frontier.length > 0; depth++) {
    const open = frontier.filter((id) => {
      const node = nodes[id]!;
      return node.n >= 2 * minLeaf && node.n >= 2 && node.counts.filter((c) => c > 0).length > 1;
    });
    if (open.length === 0) break;
    const slotOf = new Int32Array(nodes.length).fill(-1);
    open.forEach((id, s) => (slotOf[id] = s));
    const best: Best[] = open.map(() => ({ score: -Infinity, split: null }));
    for (let f = 0; f < features.length; f++) {
      const feat = features[f]!;
      if (feat.kind === 'numeric') sweepNumeric(f, sortedCols.get(f)!, target, K, nodeOf, slotOf, open, nodes, minLeaf, best);
      else sweepCategory(f, feat.codes, feat.levels.length, rows, target, K, nodeOf, slotOf, open, nodes, minLeaf, best);
      done++;
      await step?.(done, totalSteps);
    }
    const next: number[] = [];
    const childOf = new Map<number, [number, number]>();
    open.forEach((id, s) => {
      const split = best[s]!.split;
      if (!split) return;
      const node = nodes[id]!;
      node.split = split;
      const make = (): number => {
        const child: TreeNode = { id: nodes.length, depth: depth + 1, counts: new Array<number>(K).fill(0), n: 0, prediction: 0, split: null, left: -1, right: -1 };
        nodes.push(child);
        return child.id;
      };
      node.left = make();
      node.right = make();
      childOf.set(id, [node.left, node.right]);
      next.push(node.left, node.right);
    });
    for (const r of rows) {
      const id = nodeOf[r]!;
      const kids = childOf.get(id);
      if (!kids) continue;
      const child = goesLeft(nodes[id]!.split!, features, r) ? kids[0] : kids[1];
      nodeOf[r] = child;
      const c = nodes[child]!;
      c.counts[target[r]!]! += 1;
      c.n++;
    }
    for (const id of next) nodes[id]!.prediction = majority(nodes[id]!.counts);
    frontier = next;
  }
  return { nodes: prune(nodes, options.prune !== false), classes: K };
}

function proxy(left: Float64Array, lo: number, total: number[], nL: number, nR: number, K: number): number {
  let a = 0;
  let b = 0;
  for (let c = 0; c < K; c++) {
    const l = left[lo + c]!;
    const r = total[c]! - l;
    a += l * l;
    b += r * r;
  }
  return a / nL + b / nR;
}

function sweepNumeric(
  f: number,
  col: SortedColumn,
  target: Int32Array,
  K: number,
  nodeOf: Int32Array,
  slotOf: Int32Array,
  open: number[],
  nodes: TreeNode[],
  minLeaf: number,
  best: Best[],
): void {
  const F = open.length;
  const left = new Float64Array(F * K);
  const leftN = new Float64Array(F);
  const lastRank = new Int32Array(F).fill(-1);
  const bestScore = new Float64Array(F).fill(-Infinity);
  const bestLo = new Int32Array(F).fill(-1);
  const bestHi = new Int32Array(F).fill(-1);
  const totals = open.map((id) => nodes[id]!.counts);
  const sizes = Float64Array.from(open, (id) => nodes[id]!.n);
  const { order, rank } = col;
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    const node = nodeOf[r]!;
    const s = node >= 0 && node < slotOf.length ? slotOf[node]! : -1;
    if (s < 0) continue;
    const rk = rank[r]!;
    const prev = lastRank[s]!;
    if (prev >= 0 && rk !== prev) {
      const nL = leftN[s]!;
      const nR = sizes[s]! - nL;
      if (nL >= minLeaf && nR >= minLeaf) {
        const score = proxy(left, s * K, totals[s]!, nL, nR, K);
        if (score > bestScore[s]!) {
          bestScore[s] = score;
          bestLo[s] = prev;
          bestHi[s] = rk;
        }
      }
    }
    left[s * K + target[r]!]! += 1;
    leftN[s]! += 1;
    lastRank[s] = rk;
  }
  for (let s = 0; s < F; s++) {
    if (bestLo[s]! < 0 || !(bestScore[s]! > best[s]!.score)) continue;
    const a = col.distinct[bestLo[s]!]!;
    const b = col.distinct[bestHi[s]!]!;
    let threshold = a / 2 + b / 2;
    if (!(threshold < b) || !Number.isFinite(threshold)) threshold = a;
    best[s] = { score: bestScore[s]!, split: { kind: 'numeric', feature: f, threshold } };
  }
}

function sweepCategory(
  f: number,
  codes: Int32Array,
  L: number,
  rows: Int32Array,
  target: Int32Array,
  K: number,
  nodeOf: Int32Array,
  slotOf: Int32Array,
  open: number[],
  nodes: TreeNode[],
  minLeaf: number,
  best: Best[],
): void {
  const F = open.length;
  const counts = new Float64Array(F * L * K);
  for (const r of rows) {
    const node = nodeOf[r]!;
    const s = node >= 0 && node < slotOf.length ? slotOf[node]! : -1;
    if (s < 0) continue;
    counts[(s * L + codes[r]!) * K + target[r]!]! += 1;
  }
  for (let s = 0; s < F; s++) {
    const node = nodes[open[s]!]!;
    const present: number[] = [];
    const levelN = new Float64Array(L);
    for (let l = 0; l < L; l++) {
      for (let c = 0; c < K; c++) levelN[l]! += counts[(s * L + l) * K + c]!;
      if (levelN[l]! > 0) present.push(l);
    }
    if (present.length < 2) continue;
    const found = K === 2 || present.length > EXHAUSTIVE_LEVELS ? orderedSubsets(present, counts, s, L, K, levelN, node, minLeaf) : allSubsets(present, counts, s, L, K, levelN, node, minLeaf);
    if (found && found.score > best[s]!.score) best[s] = { score: found.score, split: { kind: 'category', feature: f, left: found.left.sort((a, b) => a - b) } };
  }
}

function subsetScore(members: number[], counts: Float64Array, s: number, L: number, K: number, levelN: Float64Array, node: TreeNode, minLeaf: number): number | null {
  const left = new Float64Array(K);
  let nL = 0;
  for (const l of members) {
    nL += levelN[l]!;
    for (let c = 0; c < K; c++) left[c]! += counts[(s * L + l) * K + c]!;
  }
  const nR = node.n - nL;
  if (nL < minLeaf || nR < minLeaf) return null;
  return proxy(left, 0, node.counts, nL, nR, K);
}

function orderedSubsets(present: number[], counts: Float64Array, s: number, L: number, K: number, levelN: Float64Array, node: TreeNode, minLeaf: number): { score: number; left: number[] } | null {
  const cls = K === 2 ? 1 : node.prediction;
  const share = (l: number): number => counts[(s * L + l) * K + cls]! / levelN[l]!;
  const ordered = [...present].sort((a, b) => share(a) - share(b) || a - b);
  let found: { score: number; left: number[] } | null = null;
  for (let i = 1; i < ordered.length; i++) {
    const members = ordered.slice(0, i);
    const score = subsetScore(members, counts, s, L, K, levelN, node, minLeaf);
    if (score !== null && (found === null || score > found.score)) found = { score, left: members };
  }
  return found;
}

function allSubsets(present: number[], counts: Float64Array, s: number, L: number, K: number, levelN: Float64Array, node: TreeNode, minLeaf: number): { score: number; left: number[] } | null {
  let found: { score: number; left: number[] } | null = null;
  const m = present.length;
  // The last present level always goes right: each split is counted once.
  for (let mask = 1; mask < 1 << (m - 1); mask++) {
    const members = present.filter((_, i) => (mask >> i) & 1);
    const score = subsetScore(members, counts, s, L, K, levelN, node, minLeaf);
    if (score !== null && (found === null || score > found.score)) found = { score, left: members };
  }
  return found;
}

/** Whether row r goes left at a split; the caller has checked the value is present. */
function goesLeft(split: TreeSplit, features: TreeFeature[], r: number): boolean {
  const feat = features[split.feature]!;
  if (split.kind === 'numeric') return (feat as { values: Float64Array }).values[r]! <= split.threshold;
  return split.left.includes((feat as { codes: Int32Array }).codes[r]!);
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
