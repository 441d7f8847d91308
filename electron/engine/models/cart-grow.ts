import type { StepHook, TreeFeature, TreeNode, TreeSplit } from './cart';
import { sortColumn } from './cart-sort';

/**
 * Growing the tree level by level over presorted columns (as SLIQ/SPRINT): every feature keeps
 * its training rows in one array, grouped by node and, for numeric features, sorted by value
 * within each node. A level sweeps each node's stretch sequentially (no random access), and after
 * the splits every array is partitioned stably into the children's stretches, which keeps the
 * value order. Cost per level: O(rows × features).
 */
interface Layout {
  ids: Int32Array;
  /** Rank among distinct values (numeric) or the level code (category), aligned with ids. */
  key: Int32Array;
  y: Uint16Array;
  distinct: Float64Array | null;
  levels: number;
}

interface Best {
  score: number;
  split: TreeSplit | null;
  /** Numeric: the first `nLeft` entries of the node's stretch go left. */
  nLeft: number;
}

const EXHAUSTIVE_LEVELS = 10;

function majority(counts: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < counts.length; c++) if (counts[c]! > counts[best]!) best = c;
  return best;
}

function layoutOf(f: TreeFeature, target: Int32Array, rows: Int32Array): Layout {
  // Plain loops: TypedArray.from with a map function goes through the iterator protocol and is
  // many times slower on a million rows.
  const n = rows.length;
  const y = new Uint16Array(n);
  if (f.kind === 'numeric') {
    const s = sortColumn(f.values, rows);
    for (let i = 0; i < n; i++) y[i] = target[s.order[i]!]!;
    return { ids: s.order, key: s.rank, y, distinct: s.distinct, levels: 0 };
  }
  const ids = new Int32Array(n);
  const key = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    ids[i] = r;
    key[i] = f.codes[r]!;
    y[i] = target[r]!;
  }
  return { ids, key, y, distinct: null, levels: f.levels.length };
}

/** Σ left² / nL + Σ right² / nR: larger is a purer split (Gini gain up to a constant). */
function proxy(left: Float64Array, total: number[], nL: number, nR: number, K: number): number {
  let a = 0;
  let b = 0;
  for (let c = 0; c < K; c++) {
    const l = left[c]!;
    const r = total[c]! - l;
    a += l * l;
    b += r * r;
  }
  return a / nL + b / nR;
}

function sweepNumeric(f: number, L: Layout, start: number, end: number, node: TreeNode, K: number, minLeaf: number, best: Best): void {
  const left = new Float64Array(K);
  const { key, y } = L;
  let bestScore = best.score;
  let bestAt = -1;
  let last = -1;
  for (let i = start; i < end; i++) {
    const rk = key[i]!;
    if (last >= 0 && rk !== last) {
      const nL = i - start;
      const nR = node.n - nL;
      if (nL >= minLeaf && nR >= minLeaf) {
        const score = proxy(left, node.counts, nL, nR, K);
        if (score > bestScore) {
          bestScore = score;
          bestAt = i;
        }
      }
    }
    left[y[i]!]! += 1;
    last = rk;
  }
  if (bestAt < 0) return;
  const a = L.distinct![key[bestAt - 1]!]!;
  const b = L.distinct![key[bestAt]!]!;
  let threshold = a / 2 + b / 2;
  // As scikit-learn: a midpoint that rounds up to the upper value falls back to the lower one.
  if (!(threshold < b) || !Number.isFinite(threshold)) threshold = a;
  best.score = bestScore;
  best.split = { kind: 'numeric', feature: f, threshold };
  best.nLeft = bestAt - start;
}

function sweepCategory(f: number, L: Layout, start: number, end: number, node: TreeNode, K: number, minLeaf: number, best: Best): void {
  const levels = L.levels;
  const counts = new Float64Array(levels * K);
  const levelN = new Float64Array(levels);
  for (let i = start; i < end; i++) {
    counts[L.key[i]! * K + L.y[i]!]! += 1;
    levelN[L.key[i]!]! += 1;
  }
  const present: number[] = [];
  for (let l = 0; l < levels; l++) if (levelN[l]! > 0) present.push(l);
  if (present.length < 2) return;
  const score = (members: number[]): number | null => {
    const left = new Float64Array(K);
    let nL = 0;
    for (const l of members) {
      nL += levelN[l]!;
      for (let c = 0; c < K; c++) left[c]! += counts[l * K + c]!;
    }
    const nR = node.n - nL;
    return nL < minLeaf || nR < minLeaf ? null : proxy(left, node.counts, nL, nR, K);
  };
  let found: { score: number; left: number[] } | null = null;
  const consider = (members: number[]): void => {
    const s = score(members);
    if (s !== null && (found === null || s > found.score)) found = { score: s, left: members };
  };
  if (K === 2 || present.length > EXHAUSTIVE_LEVELS) {
    // Two classes: order by the share of class 1, best prefix (exact, Breiman). More: the node's majority class (heuristic).
    const cls = K === 2 ? 1 : node.prediction;
    const ordered = [...present].sort((a, b) => counts[a * K + cls]! / levelN[a]! - counts[b * K + cls]! / levelN[b]! || a - b);
    for (let i = 1; i < ordered.length; i++) consider(ordered.slice(0, i));
  } else {
    // Every subset once: the last present level always goes right.
    for (let mask = 1; mask < 1 << (present.length - 1); mask++) consider(present.filter((_, i) => (mask >> i) & 1));
  }
  const chosen = found as { score: number; left: number[] } | null;
  if (chosen && chosen.score > best.score) {
    best.score = chosen.score;
    best.split = { kind: 'category', feature: f, left: chosen.left.sort((a, b) => a - b) };
    best.nLeft = -1;
  }
}

/** Grows the unpruned tree (see cart.ts for the conventions). */
export async function growTree(features: TreeFeature[], target: Int32Array, K: number, rows: Int32Array, maxDepth: number, minLeaf: number, step?: StepHook): Promise<TreeNode[]> {
  const total = features.length * (maxDepth + 1);
  let done = 0;
  const layouts: Layout[] = [];
  for (const f of features) {
    layouts.push(layoutOf(f, target, rows));
    await step?.(++done, total);
  }
  const rootCounts = new Array<number>(K).fill(0);
  for (const r of rows) rootCounts[target[r]!]! += 1;
  const nodes: TreeNode[] = [{ id: 0, depth: 0, counts: rootCounts, n: rows.length, prediction: majority(rootCounts), split: null, left: -1, right: -1 }];
  const start: number[] = [0];
  const goLeft = new Uint8Array(target.length);
  const tmpIds = new Int32Array(rows.length);
  const tmpKey = new Int32Array(rows.length);
  const tmpY = new Uint16Array(rows.length);
  let frontier = [0];
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
    const open = frontier.filter((id) => {
      const node = nodes[id]!;
      return node.n >= 2 * minLeaf && node.n >= 2 && node.counts.filter((c) => c > 0).length > 1;
    });
    if (open.length === 0) break;
    const best: Best[] = open.map(() => ({ score: -Infinity, split: null, nLeft: -1 }));
    for (let f = 0; f < features.length; f++) {
      const L = layouts[f]!;
      open.forEach((id, s) => {
        const node = nodes[id]!;
        if (L.distinct) sweepNumeric(f, L, start[id]!, start[id]! + node.n, node, K, minLeaf, best[s]!);
        else sweepCategory(f, L, start[id]!, start[id]! + node.n, node, K, minLeaf, best[s]!);
      });
      await step?.(++done, total);
    }
    const next: number[] = [];
    const splitting: number[] = [];
    open.forEach((id, s) => {
      const b = best[s]!;
      if (!b.split) return;
      const node = nodes[id]!;
      node.split = b.split;
      const L = layouts[b.split.feature]!;
      const from = start[id]!;
      const to = from + node.n;
      const leftSet = b.split.kind === 'category' ? new Set(b.split.left) : null;
      const lc = new Array<number>(K).fill(0);
      const rc = new Array<number>(K).fill(0);
      for (let i = from; i < to; i++) {
        const left = leftSet ? leftSet.has(L.key[i]!) : i - from < b.nLeft;
        goLeft[L.ids[i]!] = left ? 1 : 0;
        (left ? lc : rc)[L.y[i]!]! += 1;
      }
      const nl = lc.reduce((a, v) => a + v, 0);
      const mk = (counts: number[], n: number, at: number): number => {
        nodes.push({ id: nodes.length, depth: depth + 1, counts, n, prediction: majority(counts), split: null, left: -1, right: -1 });
        start.push(at);
        return nodes.length - 1;
      };
      node.left = mk(lc, nl, from);
      node.right = mk(rc, node.n - nl, from + nl);
      next.push(node.left, node.right);
      splitting.push(id);
    });
    // Stable partition of every layout's stretch of every split node: left rows first (not
    // needed after the last level, whose children are never swept).
    for (const L of depth + 1 < maxDepth ? layouts : []) {
      for (const id of splitting) {
        const from = start[id]!;
        const to = from + nodes[id]!.n;
        // Left rows are compacted in place (the write position never passes the read position);
        // right rows wait in the scratch arrays and are copied in after them.
        let a = from;
        let b = 0;
        const { ids, key, y } = L;
        for (let i = from; i < to; i++) {
          const r = ids[i]!;
          if (goLeft[r]) {
            ids[a] = r;
            key[a] = key[i]!;
            y[a] = y[i]!;
            a++;
          } else {
            tmpIds[b] = r;
            tmpKey[b] = key[i]!;
            tmpY[b] = y[i]!;
            b++;
          }
        }
        ids.set(tmpIds.subarray(0, b), a);
        key.set(tmpKey.subarray(0, b), a);
        y.set(tmpY.subarray(0, b), a);
      }
    }
    frontier = next;
  }
  return nodes;
}
