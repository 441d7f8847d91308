import { describe, expect, it } from 'vitest';
import { adequacy } from '../../../electron/engine/models/adequacy';
import { factorFit, factorScores, pcaFit, standardise, varimax } from '../../../electron/engine/models/factor';
import { fixtureJson, numericColumn, readCsv } from './model-fixtures';

interface FactorCase {
  name: string;
  columns: string[];
  rows: number;
  explainedVariance: number[];
  explainedVarianceRatio: number[];
  components: number[][];
  factors: number;
  faLoadings: number[][];
  faNoiseVariance: number[];
  faIterations: number;
  faScoresHead: number[][];
  kmo: number;
  bartlettChi2: number;
  bartlettDf: number;
}
const fixture = fixtureJson<{ sklearn: string; cases: FactorCase[] }>('sklearn-factor.json');

function load(c: FactorCase): Float64Array[] {
  const rows = readCsv(c.name.startsWith('bank') ? 'bank.csv' : 'wholesale.csv');
  return c.columns.map((name) => numericColumn(rows, name));
}

/** Same vector up to sign: the sign that fits best. */
function signed(ours: number[], ref: number[]): number[] {
  const dot = ours.reduce((s, v, i) => s + v * ref[i]!, 0);
  return dot < 0 ? ours.map((v) => -v) : ours;
}

describe(`standardised PCA and factor analysis against scikit-learn ${fixture.sklearn}`, () => {
  for (const c of fixture.cases) {
    const columns = load(c);
    const all = Int32Array.from({ length: c.rows }, (_, i) => i);
    const s = standardise(columns, all);

    it(`${c.name}: PCA explained variance and loadings (up to sign) to 1e-9`, () => {
      const pca = pcaFit(s);
      pca.explainedVariance.forEach((v, i) => expect(Math.abs(v - c.explainedVariance[i]!)).toBeLessThanOrEqual(1e-9));
      pca.explainedRatio.forEach((v, i) => expect(Math.abs(v - c.explainedVarianceRatio[i]!)).toBeLessThanOrEqual(1e-9));
      pca.components.forEach((comp, i) => signed(comp, c.components[i]!).forEach((v, j) => expect(Math.abs(v - c.components[i]![j]!)).toBeLessThanOrEqual(1e-9)));
    });

    it(`${c.name}: varimax factor loadings within 1e-3, same iterations, scores match`, () => {
      const fa = factorFit(s, c.factors);
      expect(fa.iterations).toBe(c.faIterations);
      fa.uniqueness.forEach((v, j) => expect(Math.abs(v - c.faNoiseVariance[j]!)).toBeLessThanOrEqual(1e-3));
      const flips = fa.loadings.map((row, f) => (row.reduce((acc, v, j) => acc + v * c.faLoadings[f]![j]!, 0) < 0 ? -1 : 1));
      fa.loadings.forEach((row, f) => row.forEach((v, j) => expect(Math.abs(v * flips[f]! - c.faLoadings[f]![j]!)).toBeLessThanOrEqual(1e-3)));
      const scores = factorScores(s, fa, columns, 5);
      for (let r = 0; r < 5; r++) for (let f = 0; f < c.factors; f++) expect(Math.abs(scores[f]![r]! * flips[f]! - c.faScoresHead[r]![f]!)).toBeLessThanOrEqual(1e-3);
    });

    it(`${c.name}: KMO and Bartlett's χ² as computed from the correlation matrix in numpy`, () => {
      const a = adequacy(s.corr, s.p, s.n);
      expect(a.kmo).toBeCloseTo(c.kmo, 9);
      expect(a.bartlettChi2 / c.bartlettChi2).toBeCloseTo(1, 9);
      expect(a.bartlettDf).toBe(c.bartlettDf);
      expect(a.bartlettP).toBeGreaterThanOrEqual(0);
      expect(a.bartlettP).toBeLessThan(1e-6);
    });
  }

  it('varimax of already simple loadings leaves them simple', () => {
    const r = varimax([
      [0.9, 0.8, 0, 0],
      [0, 0, 0.7, 0.9],
    ]);
    expect(Math.abs(r[0]![0]!)).toBeCloseTo(0.9, 6);
    expect(Math.abs(r[1]![3]!)).toBeCloseTo(0.9, 6);
    expect(Math.abs(r[0]![2]!)).toBeLessThan(1e-6);
  });
});
