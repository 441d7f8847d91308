import { describe, expect, it } from 'vitest';
import { runWardJob } from '../../../electron/engine/models/models-client';
import { copheneticCorrelation, cutTree, wardLinkage } from '../../../electron/engine/models/ward';
import { adjustedRand } from '../cluster/cluster-fixtures';
import { fixtureJson, numericColumn, readCsv, zscoreMatrix } from './model-fixtures';

interface WardCase {
  name: string;
  rows: number;
  merges: number[][];
  cophenetic: number;
  cuts: Record<string, number[]>;
}
const fixture = fixtureJson<{ scipy: string; bankColumns: string[]; spendColumns: string[]; cases: WardCase[] }>('scipy-ward.json');

function input(name: string): { data: Float64Array; n: number; p: number } {
  if (name === 'wholesale-log-z') {
    const rows = readCsv('wholesale.csv');
    const cols = fixture.spendColumns.map((c) => numericColumn(rows, c).map((v) => Math.log1p(v)));
    return { data: zscoreMatrix(cols), n: rows.length, p: cols.length };
  }
  const rows = readCsv('bank.csv').slice(0, 2000);
  const cols = fixture.bankColumns.map((c) => numericColumn(rows, c));
  return { data: zscoreMatrix(cols), n: rows.length, p: cols.length };
}

describe(`Ward linkage against scipy ${fixture.scipy} linkage(method='ward')`, () => {
  for (const c of fixture.cases) {
    it(`${c.name}: identical merges (ids, sizes), heights and cophenetic correlation to 1e-9, identical cuts`, () => {
      const x = input(c.name);
      expect(x.n).toBe(c.rows);
      const tree = wardLinkage(x);
      for (let i = 0; i < x.n - 1; i++) {
        const [a, b, h, size] = c.merges[i]!;
        expect([tree.merges[i * 4], tree.merges[i * 4 + 1], tree.merges[i * 4 + 3]]).toEqual([a, b, size]);
        expect(Math.abs(tree.merges[i * 4 + 2]! - h!)).toBeLessThanOrEqual(1e-9 * Math.max(1, h!));
      }
      expect(Math.abs(copheneticCorrelation(x, tree) - c.cophenetic)).toBeLessThanOrEqual(1e-9);
      for (const [k, labels] of Object.entries(c.cuts)) {
        const ours = cutTree(tree, Number(k));
        expect(new Set(ours).size).toBe(Number(k));
        expect(adjustedRand(ours, labels)).toBe(1);
      }
    });
  }

  it('in the worker: same merges as in-process, progress reported, and cancel stops it', async () => {
    const x = input('wholesale-log-z');
    const seen: number[] = [];
    const out = await runWardJob({ data: x.data, n: x.n, p: x.p, weights: null, cophenetic: true }, { onProgress: (d) => seen.push(d) });
    expect(Array.from(out.merges)).toEqual(Array.from(wardLinkage(x).merges));
    expect(seen.length).toBeGreaterThan(0);
    const big = { data: Float64Array.from({ length: 8000 * 3 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1), n: 8000, p: 3 };
    let cancel: (() => void) | null = null;
    const control = { cancel: { onCancel: (fn: () => void) => ((cancel = fn), () => (cancel = null)) }, onProgress: () => cancel?.() };
    await expect(runWardJob({ ...big, weights: null, cophenetic: true }, control)).rejects.toMatchObject({ code: 'CANCELLED' });
  }, 60_000);

  it('hand-computed: points 0, 1, 5 on a line merge at 1 and √(2·2·1/3)·4.5', () => {
    const tree = wardLinkage({ data: Float64Array.from([0, 1, 5]), n: 3, p: 1 });
    expect(Array.from(tree.merges)).toEqual([0, 1, 1, 2, 2, 3, Math.sqrt((2 * 2 * 1) / 3) * 4.5, 3]);
    expect(Array.from(cutTree(tree, 2))).toEqual([0, 0, 1]);
  });

  it('weighted points (micro-clusters) act as that many copies of the point', () => {
    const plain = wardLinkage({ data: Float64Array.from([0, 0, 1, 7]), n: 4, p: 1 });
    const weighted = wardLinkage({ data: Float64Array.from([0, 1, 7]), n: 3, p: 1, weights: Float64Array.from([2, 1, 1]) });
    // The last two merges of the plain tree are the two merges of the weighted one.
    expect(weighted.merges[2]).toBeCloseTo(plain.merges[6]!, 12);
    expect(weighted.merges[6]).toBeCloseTo(plain.merges[10]!, 12);
  });
});
