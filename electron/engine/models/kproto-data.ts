import type { ClusterTransform, EncodedFeature } from '../../../shared/contract/cluster';
import type { KprotoCategory } from '../../../shared/contract/kproto';
import { readerFor } from '../cluster/model-record';
import { applyChain, constant, fitChain } from '../cluster/transforms';
import { resolveColumn } from '../store/column-reader';
import type { ProjectStore } from '../store/project-store';
import type { MixedMatrix } from './kprototypes';
import { modelInvalid } from './tree-data';

/**
 * Dataset columns → k-prototypes input: numeric columns through their fitted transform chain,
 * text columns as level codes. Rows missing any selected value are left out (stated in the UI).
 */
export interface MixedTraining {
  matrix: MixedMatrix;
  rows: Int32Array;
  rowsTotal: number;
  numeric: EncodedFeature[];
  categorical: KprotoCategory[];
  /** Numeric column j at matrix row r in original units. */
  original: Float64Array[];
}

/** Most levels a text column may have (more is an identifier, not a segment basis). */
export const MAX_LEVELS = 200;

export function buildMixedTraining(store: ProjectStore, datasetId: string, numeric: string[], categorical: string[], transforms: ClusterTransform[]): MixedTraining {
  if (numeric.length + categorical.length === 0) throw modelInvalid('Choose at least one column', '请至少选择一列');
  const ds = store.getDataset(datasetId);
  const reader = readerFor(store);
  const seen = new Set<string>();
  const pick = (name: string, wantText: boolean) => {
    const info = resolveColumn(ds.columns, name);
    if (seen.has(info.key)) throw modelInvalid(`Column "${info.name}" is selected twice`, `列“${info.name}”被重复选择`, { column: info.name });
    seen.add(info.key);
    if (wantText !== (info.type === 'text')) {
      throw modelInvalid(
        wantText ? `"${info.name}" is not a text column` : `"${info.name}" is a text column: list it under categorical`,
        wantText ? `“${info.name}”不是文本列` : `“${info.name}”是文本列：请放在类别列中`,
        { column: info.name },
      );
    }
    return info;
  };
  const numInfo = numeric.map((n) => pick(n, false));
  const catInfo = categorical.map((n) => pick(n, true));
  const numValues = numInfo.map((c) => reader.numeric(ds.id, c.key).values);
  const catCols = catInfo.map((c) => reader.category(ds.id, c.key));
  const keep: number[] = [];
  for (let r = 0; r < ds.rowCount; r++) {
    if (numValues.every((v) => Number.isFinite(v[r]!)) && catCols.every((c) => c.codes[r]! >= 0)) keep.push(r);
  }
  const rows = Int32Array.from(keep);
  if (rows.length < 2) throw modelInvalid('Fewer than 2 rows have every selected value', '所选各列都有值的行少于 2 行');
  const n = rows.length;
  const pn = numInfo.length;
  const pc = catInfo.length;
  const num = new Float64Array(n * pn);
  const original: Float64Array[] = [];
  const numericFeatures: EncodedFeature[] = numInfo.map((info, j) => {
    const values = Float64Array.from(rows, (r) => numValues[j]![r]!);
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    if (!(max > min)) throw constant(info.name);
    const chain = transforms.filter((t) => t !== 'none');
    const fitted = fitChain(info.name, chain, values);
    for (let r = 0; r < n; r++) num[r * pn + j] = applyChain(chain, fitted, values[r]!);
    original.push(values);
    return { name: info.name, column: info.name, columnKey: info.key, kind: 'numeric', level: null, transforms: chain, fitted, imputeValue: null, min, max, mean: sum / n };
  });
  const cat = new Int32Array(n * pc);
  const categoricalFeatures: KprotoCategory[] = catInfo.map((info, j) => {
    const col = catCols[j]!;
    // Levels present among the rows used, in first-seen order; codes renumbered densely.
    const remap = new Int32Array(col.labels.length).fill(-1);
    const levels: string[] = [];
    const counts: number[] = [];
    for (let r = 0; r < n; r++) {
      const code = col.codes[rows[r]!]!;
      if (remap[code] === -1) {
        remap[code] = levels.length;
        levels.push(col.labels[code]!);
        counts.push(0);
      }
      cat[r * pc + j] = remap[code]!;
      counts[remap[code]!]! += 1;
    }
    if (levels.length < 2) throw constant(info.name);
    if (levels.length > MAX_LEVELS) {
      throw modelInvalid(`Column "${info.name}" has ${levels.length} different values (at most ${MAX_LEVELS})`, `列“${info.name}”有 ${levels.length} 个不同取值（最多 ${MAX_LEVELS} 个）`, { column: info.name });
    }
    return { name: info.name, columnKey: info.key, levels, shares: counts.map((c) => c / n) };
  });
  return {
    matrix: { n, num, pn, cat, pc, levels: categoricalFeatures.map((c) => c.levels.length) },
    rows,
    rowsTotal: ds.rowCount,
    numeric: numericFeatures,
    categorical: categoricalFeatures,
    original,
  };
}

/** Another dataset encoded with a stored model's transforms and levels (unseen level = −2: a mismatch everywhere). */
export function buildMixedScoring(
  store: ProjectStore,
  datasetId: string,
  numeric: EncodedFeature[],
  categorical: KprotoCategory[],
): { matrix: MixedMatrix; rows: Int32Array; rowsTotal: number; unseen: { column: string; values: string[]; rows: number }[] } {
  const ds = store.getDataset(datasetId);
  const reader = readerFor(store);
  const numValues = numeric.map((f) => reader.numeric(ds.id, resolveColumn(ds.columns, f.column).key).values);
  const catCols = categorical.map((c) => {
    const info = resolveColumn(ds.columns, c.name);
    if (info.type !== 'text') throw modelInvalid(`Column "${info.name}" has a different type than in the model`, `列“${info.name}”的类型与模型训练时不同`, { column: info.name });
    return reader.category(ds.id, info.key);
  });
  const keep: number[] = [];
  for (let r = 0; r < ds.rowCount; r++) if (numValues.every((v) => Number.isFinite(v[r]!)) && catCols.every((c) => c.codes[r]! >= 0)) keep.push(r);
  const rows = Int32Array.from(keep);
  const n = rows.length;
  const pn = numeric.length;
  const pc = categorical.length;
  const num = new Float64Array(n * pn);
  numeric.forEach((f, j) => {
    for (let r = 0; r < n; r++) num[r * pn + j] = applyChain(f.transforms, f.fitted, numValues[j]![rows[r]!]!);
  });
  const cat = new Int32Array(n * pc);
  const unseen = categorical.map((c, j) => {
    const index = new Map(c.levels.map((l, i) => [l, i]));
    const map = catCols[j]!.labels.map((l) => index.get(l) ?? -2);
    const values = new Set<string>();
    let count = 0;
    for (let r = 0; r < n; r++) {
      const code = catCols[j]!.codes[rows[r]!]!;
      cat[r * pc + j] = map[code]!;
      if (map[code] === -2) {
        values.add(catCols[j]!.labels[code]!);
        count++;
      }
    }
    return { column: c.name, values: [...values].slice(0, 20), rows: count };
  });
  return { matrix: { n, num, pn, cat, pc, levels: categorical.map((c) => c.levels.length) }, rows, rowsTotal: ds.rowCount, unseen: unseen.filter((u) => u.rows > 0) };
}
