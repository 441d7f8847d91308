import type { DatasetInfo } from '../../../shared/contract/datasets';
import type { Rfm8Definition } from '../../../shared/contract/segment';
import { findColumn, readNumbers, type DataSource } from './dataset-access';
import { cutScores, quintileScores, validateCuts, type ScoredDimension } from './quintile';
import { segmentInvalid } from './segment-error';

export interface RfmInput {
  names: { r: string; f: string; m: string };
  r: Float64Array;
  f: Float64Array;
  m: Float64Array;
}

export function readRfm(store: DataSource, ds: DatasetInfo, columns: { r: string; f: string; m: string }): RfmInput {
  const rc = findColumn(ds, columns.r);
  const fc = findColumn(ds, columns.f);
  const mc = findColumn(ds, columns.m);
  return {
    names: { r: rc.name, f: fc.name, m: mc.name },
    r: readNumbers(store, ds.id, rc.key),
    f: readNumbers(store, ds.id, fc.key),
    m: readNumbers(store, ds.id, mc.key),
  };
}

export interface RfmScores {
  r: ScoredDimension;
  f: ScoredDimension;
  m: ScoredDimension;
}

/** Quintile scores per dimension (R reversed), or the user's cut points where given. */
export function scoreRfm(input: RfmInput, cuts: Rfm8Definition['cuts']): RfmScores {
  for (const dim of ['r', 'f', 'm'] as const) {
    const problem = validateCuts(cuts?.[dim]);
    if (problem) throw segmentInvalid(`${dim.toUpperCase()} ${problem}`, `${dim.toUpperCase()} 的分段点必须严格递增`, { dimension: dim, cuts: cuts?.[dim] ?? [] });
  }
  const one = (values: Float64Array, custom: number[] | undefined, reversed: boolean): ScoredDimension =>
    custom ? cutScores(values, custom, reversed) : quintileScores(values, reversed);
  return { r: one(input.r, cuts?.r, true), f: one(input.f, cuts?.f, false), m: one(input.m, cuts?.m, false) };
}

/** Composite code R×100+F×10+M, or null when a dimension is unscored. */
export function compositeCode(s: RfmScores, row: number): number | null {
  const r = s.r.scores[row]!;
  const f = s.f.scores[row]!;
  const m = s.m.scores[row]!;
  return r && f && m ? r * 100 + f * 10 + m : null;
}
