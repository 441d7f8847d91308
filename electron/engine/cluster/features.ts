import type { ClusterTransform, EncodedFeature, MissingPolicy, MissingReport } from '../../../shared/contract/cluster';
import type { ColumnInfo } from '../../../shared/contract/datasets';
import { resolveColumn, type DatasetSnapshot } from '../store/dataset-snapshot';
import { matrixInMemory, type Matrix } from './kernel-memory';
import { gatheredSums } from './row-sums';
import { applyChainInPlace, constant, fitAndApplyInPlace, invalid, quantile } from './transforms';

/**
 * Turns dataset columns into the model's input: ONE row-major Float64Array (rows × encoded
 * features) in shared memory, so the worker reads it without a copy. Numeric columns pass through
 * their fitted transform chain; text columns become one 0/1 input per level (one-hot).
 */
export interface FeatureInput {
  column: string;
  transforms: ClusterTransform[];
}

export interface FeatureMatrix {
  /** The dataset the matrix was read from. */
  datasetId: string;
  matrix: Matrix;
  /** Dataset row positions (0-based, in _row order) of the matrix rows. */
  rows: Int32Array;
  rowsTotal: number;
  features: EncodedFeature[];
  missing: MissingReport;
  /** Encoded feature f at matrix row r in original units (imputed where missing; one-hot 0/1). */
  originalAt(f: number, r: number): number;
  /**
   * Per cluster and feature (k × p), the sum of originalAt over the rows labelled c, each sum
   * over the rows in order (the same numbers as summing originalAt row by row).
   */
  originalSums(labels: Int32Array, k: number): Float64Array;
}

/** Most one-hot levels a text column may bring (more is an identifier, not a segment basis). */
export const MAX_LEVELS = 30;

interface RawNumeric {
  kind: 'numeric';
  info: ColumnInfo;
  values: Float64Array;
  transforms: ClusterTransform[];
}
interface RawCategory {
  kind: 'category';
  info: ColumnInfo;
  codes: Int32Array;
  labels: string[];
}
type RawColumn = RawNumeric | RawCategory;

function readColumns(snapshot: DatasetSnapshot, inputs: FeatureInput[]): { raw: RawColumn[]; rowsTotal: number } {
  const ds = snapshot.info;
  const seen = new Set<string>();
  const raw = inputs.map((input): RawColumn => {
    const info = resolveColumn(ds.columns, input.column);
    if (seen.has(info.key)) throw invalid(info.name, `Column "${info.name}" is selected twice`, `列“${info.name}”被重复选择`);
    seen.add(info.key);
    if (info.type === 'text') {
      const c = snapshot.category(info.key);
      return { kind: 'category', info, codes: c.codes, labels: c.labels };
    }
    return { kind: 'numeric', info, values: snapshot.numeric(info.key).values, transforms: input.transforms };
  });
  return { raw, rowsTotal: ds.rowCount };
}

/**
 * Reads the feature columns into the column cache one at a time, yielding between columns, so a
 * large dataset does not hold the engine's thread for the whole read (the grid keeps paging).
 */
export async function prefetchColumns(snapshot: DatasetSnapshot, columns: string[], between: (done: number, total: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < columns.length; i++) {
    const info = snapshot.column(columns[i]!);
    if (info.type === 'text') snapshot.category(info.key);
    else snapshot.numeric(info.key);
    await between(i + 1, columns.length);
  }
}

/** Row positions kept under the policy, and missing cells per column. */
function selectRows(raw: RawColumn[], rowsTotal: number, policy: MissingPolicy): { rows: Int32Array; perColumn: Record<string, number>; imputed: number } {
  const perColumn: Record<string, number> = {};
  const keep = new Uint8Array(rowsTotal).fill(1);
  let imputed = 0;
  for (const c of raw) {
    let count = 0;
    const drop = policy === 'drop';
    if (c.kind === 'numeric') {
      const v = c.values;
      for (let i = 0; i < rowsTotal; i++) {
        // v − v is NaN exactly for NaN and ±∞ (what Number.isFinite rejects).
        if (v[i]! - v[i]! !== 0) {
          count++;
          if (drop) keep[i] = 0;
        }
      }
    } else {
      const codes = c.codes;
      for (let i = 0; i < rowsTotal; i++) {
        if (codes[i]! < 0) {
          count++;
          if (drop) keep[i] = 0;
        }
      }
    }
    perColumn[c.info.name] = count;
    imputed += drop ? 0 : count;
  }
  let used = 0;
  for (let i = 0; i < rowsTotal; i++) used += keep[i]!;
  const rows = new Int32Array(used);
  for (let i = 0, r = 0; i < rowsTotal; i++) if (keep[i]) rows[r++] = i;
  return { rows, perColumn, imputed };
}

/**
 * The column's values at the kept rows, missing cells replaced by `impute` (when given); a new
 * array (callers transform it in place). Every row kept and none missing: a plain copy.
 */
function valuesAt(values: Float64Array, rows: Int32Array, impute: number | null, missing = -1): Float64Array {
  if (missing === 0 && rows.length === values.length) return values.slice();
  const out = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const v = values[rows[r]!]!;
    out[r] = v - v === 0 ? v : impute!;
  }
  return out;
}

/**
 * Mean (sum in row order) or median of the finite values at the kept rows (undefined when none);
 * null when dropping (the kept rows then have every value, at least 2 of them).
 */
function imputeValueOf(values: Float64Array, rows: Int32Array, policy: MissingPolicy): number | null | undefined {
  if (policy === 'drop') return rows.length > 0 ? null : undefined;
  if (policy === 'median') {
    const present = new Float64Array(rows.length);
    let m = 0;
    for (let r = 0; r < rows.length; r++) {
      const v = values[rows[r]!]!;
      if (v - v === 0) present[m++] = v;
    }
    return m === 0 ? undefined : quantile(present.subarray(0, m).sort(), 0.5);
  }
  let s = 0;
  let m = 0;
  for (let r = 0; r < rows.length; r++) {
    const v = values[rows[r]!]!;
    if (v - v === 0) {
      s += v;
      m++;
    }
  }
  return m === 0 ? undefined : s / m;
}

/** Fits the encoding on a dataset (training) and builds its matrix. */
export function buildTrainingMatrix(snapshot: DatasetSnapshot, inputs: FeatureInput[], policy: MissingPolicy): FeatureMatrix {
  const { raw, rowsTotal } = readColumns(snapshot, inputs);
  const { rows, perColumn, imputed } = selectRows(raw, rowsTotal, policy);
  if (rows.length < 2) {
    throw invalid('', 'Fewer than 2 rows have values in every selected column', '所选列中都有值的行少于 2 行');
  }
  const features: EncodedFeature[] = [];
  // Transformed numeric columns computed while fitting (feature index → column), reused by encode.
  const transformed = new Map<number, Float64Array>();
  for (const c of raw) {
    if (c.kind === 'numeric') {
      const imputeValue = imputeValueOf(c.values, rows, policy);
      if (imputeValue === undefined) {
        throw invalid(c.info.name, `Column "${c.info.name}" has no numeric values`, `列“${c.info.name}”中没有数值`);
      }
      const values = valuesAt(c.values, rows, imputeValue, perColumn[c.info.name]);
      let min = Infinity;
      let max = -Infinity;
      for (let r = 0; r < values.length; r++) {
        const v = values[r]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (!(max > min)) throw constant(c.info.name);
      const originalMean = mean(values);
      // The copy is this column's own: the transforms run in place.
      const fitted = fitAndApplyInPlace(c.info.name, c.transforms.filter((t) => t !== 'none'), values);
      transformed.set(features.length, values);
      features.push({
        name: c.info.name,
        column: c.info.name,
        columnKey: c.info.key,
        kind: 'numeric',
        level: null,
        transforms: c.transforms.filter((t) => t !== 'none'),
        fitted,
        imputeValue,
        min,
        max,
        mean: originalMean,
      });
    } else {
      const counts = new Float64Array(c.labels.length);
      for (const i of rows) if (c.codes[i]! >= 0) counts[c.codes[i]!]! += 1;
      const levels = c.labels.map((label, code) => ({ label, code, count: counts[code]! })).filter((l) => l.count > 0);
      if (levels.length < 2) throw constant(c.info.name);
      if (levels.length > MAX_LEVELS) {
        throw invalid(
          c.info.name,
          `Column "${c.info.name}" has ${levels.length} different values; at most ${MAX_LEVELS} can be one-hot encoded`,
          `列“${c.info.name}”有 ${levels.length} 个不同取值，独热编码最多支持 ${MAX_LEVELS} 个`,
        );
      }
      // The most frequent level fills missing cells when imputing (the earliest on ties).
      const mode = levels.reduce((a, b) => (b.count > a.count ? b : a));
      const present = levels.reduce((s, l) => s + l.count, 0);
      for (const l of levels) {
        const share = (l.count + (policy === 'drop' || l !== mode ? 0 : rows.length - present)) / rows.length;
        features.push({
          name: `${c.info.name}=${l.label}`,
          column: c.info.name,
          columnKey: c.info.key,
          kind: 'category',
          level: l.label,
          transforms: [],
          fitted: [],
          imputeValue: policy === 'drop' ? null : l === mode ? 1 : 0,
          min: 0,
          max: 1,
          mean: share,
        });
      }
    }
  }
  return {
    ...encode(raw, rows, rowsTotal, features, { policy, rowsTotal, rowsUsed: rows.length, rowsDropped: rowsTotal - rows.length, perColumn, imputed }, transformed),
    datasetId: snapshot.id,
  };
}

/** Encodes another dataset with a saved model's fitted features (scoring). */
export function buildScoringMatrix(snapshot: DatasetSnapshot, features: EncodedFeature[], policy: MissingPolicy): FeatureMatrix {
  const columns: FeatureInput[] = [];
  for (const f of features) if (!columns.some((c) => c.column === f.column)) columns.push({ column: f.column, transforms: f.transforms });
  const { raw, rowsTotal } = readColumns(snapshot, columns);
  raw.forEach((c, i) => {
    const wanted = features.find((f) => f.column === columns[i]!.column)!;
    if ((c.kind === 'category') !== (wanted.kind === 'category')) {
      throw invalid(c.info.name, `Column "${c.info.name}" has a different type than in the model`, `列“${c.info.name}”的类型与模型训练时不同`);
    }
  });
  const { rows, perColumn, imputed } = selectRows(raw, rowsTotal, policy);
  return { ...encode(raw, rows, rowsTotal, features, { policy, rowsTotal, rowsUsed: rows.length, rowsDropped: rowsTotal - rows.length, perColumn, imputed }), datasetId: snapshot.id };
}

/** A feature's source: the raw column and how a matrix row's original value is read from it. */
interface FeatureSource {
  numeric: Float64Array | null;
  codes: Int32Array | null;
  /** One-hot: the level's code in `codes` (−1 when the dataset lacks the level). */
  code: number;
  impute: number;
}

function encode(
  raw: RawColumn[],
  rows: Int32Array,
  rowsTotal: number,
  features: EncodedFeature[],
  missing: MissingReport,
  transformed: Map<number, Float64Array> = new Map(),
): Omit<FeatureMatrix, 'datasetId'> {
  const p = features.length;
  const n = rows.length;
  const matrix = matrixInMemory(n, p);
  const data = matrix.data;
  const byColumn = new Map(raw.map((c) => [c.info.name, c]));
  const sources = features.map((f): FeatureSource => {
    const c = byColumn.get(f.column)!;
    if (c.kind === 'numeric') return { numeric: c.values, codes: null, code: -1, impute: f.imputeValue ?? NaN };
    return { numeric: null, codes: c.codes, code: c.labels.indexOf(f.level ?? ''), impute: f.imputeValue ?? NaN };
  });
  // Each feature as a column first, then the row-major matrix row by row: writing it column by
  // column (stride p) would touch every cache line of the matrix once per feature.
  const columns = features.map((f, j): Float64Array => {
    const s = sources[j]!;
    if (s.numeric) {
      let column = transformed.get(j);
      if (!column) {
        column = valuesAt(s.numeric, rows, f.imputeValue);
        applyChainInPlace(f.transforms, f.fitted, column);
      }
      return column;
    }
    const { codes, code, impute } = s as { codes: Int32Array; code: number; impute: number };
    const column = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const v = codes[rows[r]!]!;
      column[r] = v < 0 ? impute : v === code ? 1 : 0;
    }
    return column;
  });
  for (let r = 0; r < n; r++) {
    const at = r * p;
    for (let j = 0; j < p; j++) data[at + j] = columns[j]![r]!;
  }
  const originalAt = (f: number, r: number): number => {
    const s = sources[f]!;
    const i = rows[r]!;
    if (s.numeric) {
      const v = s.numeric[i]!;
      return Number.isFinite(v) ? v : s.impute;
    }
    const v = s.codes![i]!;
    return v < 0 ? s.impute : v === s.code ? 1 : 0;
  };
  const numeric = sources.every((s) => s.numeric !== null);
  const originalSums = (labels: Int32Array, k: number): Float64Array => {
    if (numeric) return gatheredSums(sources.map((s) => s.numeric!), rows, labels, Float64Array.from(sources, (s) => s.impute), k);
    const sums = new Float64Array(k * p);
    sources.forEach((s, f) => {
      if (s.numeric) {
        const values = s.numeric;
        for (let r = 0; r < n; r++) {
          const v = values[rows[r]!]!;
          sums[labels[r]! * p + f]! += v - v === 0 ? v : s.impute;
        }
      } else {
        // One-hot originals are the matrix column itself (categories take no transforms).
        for (let r = 0; r < n; r++) sums[labels[r]! * p + f]! += data[r * p + f]!;
      }
    });
    return sums;
  };
  return { matrix, rows, rowsTotal, features, missing, originalAt, originalSums } satisfies Omit<FeatureMatrix, 'datasetId'>;
}

function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return values.length > 0 ? s / values.length : NaN;
}
