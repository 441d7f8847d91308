import { numberLiteral, type Dialect } from '../dialect';

/**
 * Score 1–5 of one RFM dimension as a SQL expression (segment/quintile.ts):
 * - quintiles: customers ordered worst → best (ascending; R by descending days); a value's
 *   score comes from the position of its first occurrence, floor(5 × position ÷ n) + 1, so
 *   equal values share one score (the lower bin of a tie group across a boundary). The
 *   position of the first occurrence is RANK() − 1, n the count of non-missing values;
 * - cut points c1…c4 (upper-inclusive): v ≤ c1 → 1 … > c4 → 5, reversed for R (days).
 * Missing values get no score (NULL).
 */
export function scoreExpr(d: Dialect, column: string, reversed: boolean, cuts: number[] | null): string {
  if (cuts) {
    const scores = reversed ? [5, 4, 3, 2] : [1, 2, 3, 4];
    const branches = cuts.map((c, i) => `WHEN ${column} <= ${numberLiteral(c)} THEN ${scores[i]}`).join(' ');
    return `CASE WHEN ${column} IS NULL THEN NULL ${branches} ELSE ${reversed ? 1 : 5} END`;
  }
  const rank = `${d.windowFn('RANK')}() OVER (PARTITION BY CASE WHEN ${column} IS NULL THEN 1 ELSE 0 END ORDER BY ${column}${reversed ? ' DESC' : ''})`;
  return `CASE WHEN ${column} IS NULL THEN NULL ELSE ${d.intDiv(`5 * (${rank} - 1)`, `COUNT(${column}) OVER ()`)} + 1 END`;
}

export function scoringComment(cuts: { r: number[] | null; f: number[] | null; m: number[] | null }): string {
  const one = (dim: string, c: number[] | null): string => (c ? `${dim} cut points ${c.join(' / ')}` : `${dim} quintiles`);
  return `scores 1–5: ${one('R', cuts.r)}, ${one('F', cuts.f)}, ${one('M', cuts.m)}; ties share the lower score (position of the first equal value)`;
}
