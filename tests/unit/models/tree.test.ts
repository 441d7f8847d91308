import { describe, expect, it } from 'vitest';
import { fitTree, nodeFor, predictRow, type TreeFeature } from '../../../electron/engine/models/cart';
import { sortColumn } from '../../../electron/engine/models/cart-sort';
import { conditionText, pathRules, treeScheme, type RuleColumn } from '../../../electron/engine/models/tree-rules';
import { categoryColumn, fixtureJson, numericColumn, readCsv, type CsvRow } from './model-fixtures';

interface TreeCase {
  name: string;
  data: 'bank' | 'wholesale';
  features: string[];
  target: string;
  maxDepth: number;
  minLeaf: number;
  test: number[];
  trainAccuracy: number;
  testAccuracy: number;
  leaves: number;
}

const fixture = fixtureJson<{ sklearn: string; cases: TreeCase[] }>('sklearn-tree.json');
const data: Record<string, CsvRow[]> = { bank: readCsv('bank.csv'), wholesale: readCsv('wholesale.csv') };

function accuracy(rows: Int32Array, pred: (r: number) => number, target: Int32Array): number {
  let ok = 0;
  for (const r of rows) if (pred(r) === target[r]) ok++;
  return ok / rows.length;
}

describe('CART against scikit-learn DecisionTreeClassifier (same rows, same settings)', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: train and held-out accuracy within 1 point of sklearn ${fixture.sklearn}`, async () => {
      const rows = data[c.data]!;
      const features: TreeFeature[] = c.features.map((f) => ({ name: f, kind: 'numeric', values: numericColumn(rows, f) }));
      // Classes in sorted order, as sklearn's np.unique (ties in the majority go to the first).
      const levels = [...new Set(rows.map((r) => r[c.target]!))].sort();
      const { codes } = categoryColumn(rows, c.target, levels);
      const testSet = new Set(c.test);
      const train = Int32Array.from(rows.keys()).filter((i) => !testSet.has(i));
      const test = Int32Array.from(c.test);
      const tree = await fitTree(features, codes, levels.length, train, { maxDepth: c.maxDepth, minLeaf: c.minLeaf });
      const pred = (r: number): number => predictRow(tree, features, r);
      expect(Math.abs(accuracy(train, pred, codes) - c.trainAccuracy)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(accuracy(test, pred, codes) - c.testAccuracy)).toBeLessThanOrEqual(0.01);
      // Merging same-prediction siblings keeps the tree at most as large as sklearn's.
      expect(tree.nodes.filter((n) => !n.split).length).toBeLessThanOrEqual(c.leaves);
    });
  }
});

describe('CART category splits and rules', () => {
  const rows = data.bank!;
  const job = categoryColumn(rows, 'job');
  const marital = categoryColumn(rows, 'marital');
  const features: TreeFeature[] = [
    { name: 'job', kind: 'category', codes: job.codes, levels: job.levels },
    { name: 'marital', kind: 'category', codes: marital.codes, levels: marital.levels },
    { name: 'duration', kind: 'numeric', values: numericColumn(rows, 'duration') },
    { name: 'age', kind: 'numeric', values: numericColumn(rows, 'age') },
  ];
  const y = categoryColumn(rows, 'y', ['no', 'yes']);
  const all = Int32Array.from(rows.keys());
  const columns: RuleColumn[] = features.map((f) => ({ name: f.name, kind: f.kind, integer: true, date: false, levels: f.kind === 'category' ? f.levels : [] }));

  it('finds the best subset split of a category column (two classes: exact by ordering)', async () => {
    // Depth 1 on job alone: the best prefix of levels ordered by the share of "yes", checked by brute force.
    const tree = await fitTree([features[0]!], y.codes, 2, all, { maxDepth: 1, minLeaf: 1, prune: false });
    const split = tree.nodes[0]!.split;
    expect(split?.kind).toBe('category');
    const score = (left: Set<number>): number => {
      const l = [0, 0];
      const r = [0, 0];
      for (const i of all) (left.has(job.codes[i]!) ? l : r)[y.codes[i]!]! += 1;
      const g = (c: number[]): number => (c[0]! ** 2 + c[1]! ** 2) / (c[0]! + c[1]!);
      return g(l) + g(r);
    };
    let best = -Infinity;
    const L = job.levels.length;
    for (let mask = 1; mask < (1 << L) - 1; mask++) best = Math.max(best, score(new Set(Array.from({ length: L }, (_, i) => i).filter((i) => (mask >> i) & 1))));
    expect(score(new Set(split!.kind === 'category' ? split!.left : []))).toBeCloseTo(best, 9);
  });

  it('three classes: exhaustive subsets for a small category column', async () => {
    const edu = categoryColumn(rows, 'education');
    const tree = await fitTree([{ name: 'education', kind: 'category', codes: edu.codes, levels: edu.levels }], marital.codes, 3, all, { maxDepth: 1, minLeaf: 1, prune: false });
    expect(tree.nodes[0]!.split?.kind).toBe('category');
  });

  it('is deterministic, and each row reaches exactly one rule, whose segment is the prediction', async () => {
    const a = await fitTree(features, y.codes, 2, all, { maxDepth: 4, minLeaf: 20 });
    const b = await fitTree(features, y.codes, 2, all, { maxDepth: 4, minLeaf: 20 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const rules = pathRules(a, columns);
    const leafRules = rules.filter((r) => r.missing === null);
    expect(leafRules.length).toBe(a.nodes.filter((n) => !n.split).length);
    for (const i of all.subarray(0, 500)) {
      const leaf = nodeFor(a, features, i);
      const hits = leafRules.filter((r) => r.node === leaf);
      expect(hits).toHaveLength(1);
      expect(hits[0]!.prediction).toBe(predictRow(a, features, i));
    }
    const scheme = treeScheme('bank', a, columns, ['no', 'yes']);
    expect(scheme.rules.length).toBe(rules.length);
    expect(conditionText(leafRules[0]!, columns).zh).toMatch(/ 且 |为|≤|≥|在/);
  });

  it('a row missing the split column stops at that node and takes its prediction', async () => {
    const values = numericColumn(rows, 'duration');
    const f: TreeFeature[] = [{ name: 'duration', kind: 'numeric', values }];
    const tree = await fitTree(f, y.codes, 2, all, { maxDepth: 2, minLeaf: 5 });
    values[0] = NaN;
    expect(nodeFor(tree, f, 0)).toBe(0);
    expect(predictRow(tree, f, 0)).toBe(tree.nodes[0]!.prediction);
  });

  it('reads integer thresholds as whole numbers in Chinese and English', async () => {
    const f: TreeFeature[] = [{ name: '年龄', kind: 'numeric', values: Float64Array.from([20, 21, 22, 40, 41, 42]) }];
    const target = Int32Array.from([0, 0, 0, 1, 1, 1]);
    const tree = await fitTree(f, target, 2, Int32Array.from([0, 1, 2, 3, 4, 5]), { maxDepth: 2, minLeaf: 1 });
    const cols: RuleColumn[] = [{ name: '年龄', kind: 'numeric', integer: true, date: false, levels: [] }];
    const texts = pathRules(tree, cols).filter((r) => r.missing === null).map((r) => conditionText(r, cols));
    expect(texts.map((t) => t.zh)).toEqual(['年龄 ≤ 31', '年龄 ≥ 32']);
    expect(treeScheme('t', tree, cols, ['a', 'b']).rules[1]).toEqual({ segment: 'a', when: [{ column: '年龄', op: 'lte', value: 31 }] });
  });
});

describe('radix sort of a numeric column', () => {
  it('orders negatives, −0, 0, fractions and large values, ranks ties together, keeps ties stable', () => {
    const values = Float64Array.from([3.5, -2, 0, -0, 1e300, -1e-300, 3.5, -2.5, 7, 0.25]);
    const rows = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const s = sortColumn(values, rows);
    // ±0 compare equal: normalise them before comparing orders.
    expect(Array.from(s.order, (r) => values[r]! + 0)).toEqual([...values].sort((a, b) => a - b).map((v) => v + 0));
    expect(Array.from(s.distinct, (v) => v + 0)).toEqual([-2.5, -2, -1e-300, 0, 0.25, 3.5, 7, 1e300]);
    // Equal values share a rank; −0 and 0 are one value.
    expect(s.rank[s.order.indexOf(2)]).toBe(s.rank[s.order.indexOf(3)]);
    expect(s.order.indexOf(0)).toBeLessThan(s.order.indexOf(6));
  });

  it('orders values that differ only in the lowest bits (the index bits of the sort key)', () => {
    const eps = 2 ** -52;
    const values = Float64Array.from([1 + 3 * eps, 1 + eps, 5, 1 + 2 * eps, 1, 1 + eps, -1 - eps, -1]);
    const s = sortColumn(values, Int32Array.from(values.keys()));
    expect(Array.from(s.order, (r) => values[r])).toEqual([...values].sort((a, b) => a - b));
    expect(Array.from(s.order).filter((r) => values[r] === 1 + eps)).toEqual([1, 5]);
    expect(s.distinct.length).toBe(7);
  });
});
