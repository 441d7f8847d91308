/**
 * Ward's hierarchical clustering, exact, by the nearest-neighbour chain (Murtagh 1983).
 *
 * Memory is O(n·p), not O(n²): instead of a condensed distance matrix (1.6 GB in float64 at
 * 20,000 rows) each active cluster keeps its centroid and size, and the Ward distance is computed
 * when needed as sqrt(2·nᵢ·nⱼ / (nᵢ + nⱼ)) · ‖cᵢ − cⱼ‖, which is what the Lance–Williams update of
 * scipy's `linkage(method='ward')` gives (Euclidean input). Merge heights are reported on that
 * scale, the merges are sorted by height (stable) and numbered as scipy does (new cluster
 * n + i, the smaller id first, the size in the fourth column), so the output is scipy's Z matrix.
 *
 * Optional `weights` start clusters with a size (k-means micro-clusters as points).
 */
export interface WardInput {
  /** Row-major n × p. */
  data: Float64Array;
  n: number;
  p: number;
  weights?: Float64Array;
}

export interface WardTree {
  n: number;
  /** (n − 1) × 4 row-major: left id, right id, height, size (scipy's Z). */
  merges: Float64Array;
}

export type WardStep = (done: number, total: number) => void;

export function wardLinkage(input: WardInput, onStep?: WardStep): WardTree {
  const { data, n, p } = input;
  if (n < 2) return { n, merges: new Float64Array(0) };
  const centroid = Float64Array.from(data.subarray(0, n * p));
  const size = input.weights ? Float64Array.from(input.weights) : new Float64Array(n).fill(1);
  // Active clusters in index order as a doubly linked list (scipy scans in index order; ties
  // therefore resolve the same way).
  const next = new Int32Array(n + 1);
  const prev = new Int32Array(n + 1);
  const HEAD = n;
  for (let i = 0; i < n; i++) {
    next[i] = i + 1 < n ? i + 1 : HEAD;
    prev[i] = i > 0 ? i - 1 : HEAD;
  }
  next[HEAD] = 0;
  prev[HEAD] = n - 1;
  const remove = (i: number): void => {
    next[prev[i]!] = next[i]!;
    prev[next[i]!] = prev[i]!;
  };
  const dist2 = (a: number, b: number): number => {
    let s = 0;
    const ao = a * p;
    const bo = b * p;
    for (let j = 0; j < p; j++) {
      const t = centroid[ao + j]! - centroid[bo + j]!;
      s += t * t;
    }
    const na = size[a]!;
    const nb = size[b]!;
    return ((2 * na * nb) / (na + nb)) * s;
  };
  const raw = new Float64Array((n - 1) * 4);
  const chain = new Int32Array(n);
  let len = 0;
  for (let k = 0; k < n - 1; k++) {
    if (len === 0) {
      chain[0] = next[HEAD]!;
      len = 1;
    }
    let x = 0;
    let y = 0;
    let best = 0;
    for (;;) {
      x = chain[len - 1]!;
      if (len > 1) {
        y = chain[len - 2]!;
        best = dist2(x, y);
      } else best = Infinity;
      // The scan over every active cluster is the whole cost: the distance is written out here.
      const xo = x * p;
      const nx = size[x]!;
      for (let i = next[HEAD]!; i !== HEAD; i = next[i]!) {
        if (i === x) continue;
        const io = i * p;
        let s = 0;
        for (let j = 0; j < p; j++) {
          const t = centroid[xo + j]! - centroid[io + j]!;
          s += t * t;
        }
        const ni = size[i]!;
        const d = ((2 * nx * ni) / (nx + ni)) * s;
        if (d < best) {
          best = d;
          y = i;
        }
      }
      if (len > 1 && y === chain[len - 2]) break;
      chain[len++] = y;
    }
    len -= 2;
    if (x > y) [x, y] = [y, x];
    const nx = size[x]!;
    const ny = size[y]!;
    raw[k * 4] = x;
    raw[k * 4 + 1] = y;
    raw[k * 4 + 2] = Math.sqrt(best);
    raw[k * 4 + 3] = nx + ny;
    // The merged cluster lives on in slot y (as in scipy); x is dropped.
    for (let j = 0; j < p; j++) centroid[y * p + j] = (nx * centroid[x * p + j]! + ny * centroid[y * p + j]!) / (nx + ny);
    size[y] = nx + ny;
    size[x] = 0;
    remove(x);
    if (onStep && k % 256 === 0) onStep(k, n - 1);
  }
  return { n, merges: relabel(raw, n) };
}

/** Stable sort by height, then scipy's labelling (union-find; new clusters n, n+1, …). */
function relabel(raw: Float64Array, n: number): Float64Array {
  const m = n - 1;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => raw[a * 4 + 2]! - raw[b * 4 + 2]! || a - b);
  const parent = new Int32Array(2 * n - 1).fill(-1);
  const count = new Float64Array(2 * n - 1);
  const out = new Float64Array(m * 4);
  const find = (x: number): number => {
    let r = x;
    while (parent[r]! >= 0) r = parent[r]!;
    while (parent[x]! >= 0 && parent[x] !== r) {
      const up = parent[x]!;
      parent[x] = r;
      x = up;
    }
    return r;
  };
  for (let i = 0; i < n; i++) count[i] = 1;
  order.forEach((src, i) => {
    const a = find(raw[src * 4]!);
    const b = find(raw[src * 4 + 1]!);
    const id = n + i;
    parent[a] = id;
    parent[b] = id;
    count[id] = count[a]! + count[b]!;
    out[i * 4] = Math.min(a, b);
    out[i * 4 + 1] = Math.max(a, b);
    out[i * 4 + 2] = raw[src * 4 + 2]!;
    out[i * 4 + 3] = raw[src * 4 + 3]!;
  });
  return out;
}

/**
 * Flat clusters from the first n − k merges (the tree cut into k): labels 0..k−1 numbered by
 * first appearance in row order.
 */
export function cutTree(tree: WardTree, k: number): Int32Array {
  const { n, merges } = tree;
  const clusters = Math.max(1, Math.min(n, k));
  const parent = new Int32Array(2 * n - 1).fill(-1);
  for (let i = 0; i < n - clusters; i++) {
    parent[merges[i * 4]!] = n + i;
    parent[merges[i * 4 + 1]!] = n + i;
  }
  const rootOf = (x: number): number => {
    while (parent[x]! >= 0) x = parent[x]!;
    return x;
  };
  const labels = new Int32Array(n);
  const number = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = rootOf(i);
    let l = number.get(r);
    if (l === undefined) {
      l = number.size;
      number.set(r, l);
    }
    labels[i] = l;
  }
  return labels;
}

/**
 * Cophenetic correlation: Pearson correlation, over all pairs of rows, between their Euclidean
 * distance and the height at which they first join. Each pair is visited once, at the merge that
 * joins it (members kept as linked lists), so memory stays O(n). Sums are taken around the mean
 * cophenetic height (known in advance) to keep them well conditioned.
 */
export function copheneticCorrelation(input: WardInput, tree: WardTree, onStep?: WardStep): number {
  const { data, p } = input;
  const { n, merges } = tree;
  if (n < 3) return NaN;
  const total = 2 * n - 1;
  const head = new Int32Array(total).fill(-1);
  const tail = new Int32Array(total).fill(-1);
  const link = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    head[i] = i;
    tail[i] = i;
  }
  const pairs = (n * (n - 1)) / 2;
  let meanC = 0;
  for (let i = 0; i < n - 1; i++) {
    const a = merges[i * 4]!;
    const b = merges[i * 4 + 1]!;
    meanC += merges[i * 4 + 2]! * countOf(a, n, merges) * countOf(b, n, merges);
  }
  meanC /= pairs;
  let sd = 0;
  let sdd = 0;
  let sc = 0;
  let scc = 0;
  let sdc = 0;
  for (let i = 0; i < n - 1; i++) {
    const a = merges[i * 4]!;
    const b = merges[i * 4 + 1]!;
    const c = merges[i * 4 + 2]! - meanC;
    let blockD = 0;
    let blockDD = 0;
    let blockN = 0;
    for (let u = head[a]!; u >= 0; u = link[u]!) {
      const uo = u * p;
      for (let v = head[b]!; v >= 0; v = link[v]!) {
        const vo = v * p;
        let s = 0;
        for (let j = 0; j < p; j++) {
          const t = data[uo + j]! - data[vo + j]!;
          s += t * t;
        }
        const d = Math.sqrt(s) - meanC;
        blockD += d;
        blockDD += d * d;
        blockN++;
      }
    }
    sd += blockD;
    sdd += blockDD;
    sc += c * blockN;
    scc += c * c * blockN;
    sdc += c * blockD;
    const id = n + i;
    link[tail[a]!] = head[b]!;
    head[id] = head[a]!;
    tail[id] = tail[b]!;
    if (onStep && i % 256 === 0) onStep(i, n - 1);
  }
  const cov = sdc - (sd * sc) / pairs;
  const vd = sdd - (sd * sd) / pairs;
  const vc = scc - (sc * sc) / pairs;
  return cov / Math.sqrt(vd * vc);
}

function countOf(id: number, n: number, merges: Float64Array): number {
  return id < n ? 1 : merges[(id - n) * 4 + 3]!;
}
