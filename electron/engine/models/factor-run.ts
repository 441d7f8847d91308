import { factorModelSchema, type FactorModel, type FactorResult } from '../../../shared/contract/factor';
import type { ParamsOut } from '../../../shared/contract/index';
import type { ModelInfo } from '../../../shared/contract/models';
import { readerFor } from '../cluster/model-record';
import type { EngineContext } from '../host/context';
import { addColumns } from '../store/column-writer';
import { readModelRecord, saveModel, updateModelRecord } from '../store/model-store';
import { adequacy, kmoVerdict } from './adequacy';
import { factorFit, factorScores, invert, pcaFit, standardise, varimax, type Standardised } from './factor';
import { modelInvalid, resolveColumns } from './tree-data';

/**
 * Factor analysis / PCA as a step. Factors are shown largest first (by Σ loading²), each signed so
 * that its largest loading is positive; names default to "<strongest column>因子" and can be edited.
 * PCA loadings are component × √eigenvalue (the correlation of column and component).
 * Scores: factor analysis as scikit-learn's transform; PCA by regression (R⁻¹·L), which for
 * unrotated components is the component divided by √eigenvalue (unit variance).
 */
function orient(loadings: number[][]): number[][] {
  const ss = (row: number[]): number => row.reduce((s, v) => s + v * v, 0);
  return [...loadings]
    .sort((a, b) => ss(b) - ss(a))
    .map((row) => {
      const big = row.reduce((m, v) => (Math.abs(v) > Math.abs(m) ? v : m), 0);
      return big < 0 ? row.map((v) => -v) : row;
    });
}

function defaultNames(loadings: number[][], columns: string[]): string[] {
  const used = new Set<string>();
  return loadings.map((row, f) => {
    let best = 0;
    row.forEach((v, j) => {
      if (Math.abs(v) > Math.abs(row[best]!)) best = j;
    });
    let name = `${columns[best]}因子`;
    if (used.has(name)) name = `因子${f + 1}`;
    used.add(name);
    return name;
  });
}

export async function runFactor(ctx: EngineContext, p: ParamsOut<'factor.run'>): Promise<FactorResult> {
  const store = ctx.store();
  const ds = store.getDataset(p.datasetId);
  const columns = resolveColumns(store, ds.id, p.columns, null);
  for (const c of columns) if (c.type === 'text') throw modelInvalid(`"${c.name}" is a text column; factor analysis needs numbers`, `“${c.name}”是文本列，因子分析需要数值列`, { column: c.name });
  ctx.progress(0, columns.length, 'read');
  const reader = readerFor(store);
  const values: Float64Array[] = [];
  for (const c of columns) {
    values.push(reader.numeric(ds.id, c.key).values);
    ctx.progress(values.length, columns.length, 'read');
    await ctx.checkpoint();
  }
  const keep: number[] = [];
  for (let r = 0; r < ds.rowCount; r++) if (values.every((v) => Number.isFinite(v[r]!))) keep.push(r);
  const rows = Int32Array.from(keep);
  if (rows.length <= columns.length) throw modelInvalid(`Only ${rows.length} rows have every selected value`, `只有 ${rows.length} 行在所选各列都有值`);
  const s = standardise(values, rows);
  s.sd.forEach((sd, j) => {
    if (!(sd > 0)) throw modelInvalid(`Column "${columns[j]!.name}" is constant`, `列“${columns[j]!.name}”的值全都相同`, { column: columns[j]!.name });
  });
  const pca = pcaFit(s);
  const kaiserK = Math.max(1, pca.eigenvalues.filter((v) => v > 1).length);
  const k = p.factors ?? kaiserK;
  const pcount = columns.length;
  if (k > pcount || (p.method === 'fa' && k >= pcount)) {
    throw modelInvalid(`${k} factors is too many for ${pcount} columns`, `${pcount} 列最多提取 ${p.method === 'fa' ? pcount - 1 : pcount} 个因子`);
  }
  const rotation = p.rotation ?? (p.method === 'fa' ? 'varimax' : 'none');
  let loadings: number[][];
  let uniqueness: number[];
  let iterations = 0;
  if (p.method === 'fa') {
    const fit = factorFit(s, k, { rotate: rotation === 'varimax' });
    loadings = fit.loadings;
    uniqueness = fit.uniqueness;
    iterations = fit.iterations;
  } else {
    const raw = pca.components.slice(0, k).map((v, f) => v.map((x) => x * Math.sqrt(pca.eigenvalues[f]!)));
    loadings = rotation === 'varimax' ? varimax(raw) : raw;
    uniqueness = [];
  }
  loadings = orient(loadings);
  const communalities = columns.map((_, j) => loadings.reduce((a, row) => a + row[j]! ** 2, 0));
  if (p.method === 'pca') uniqueness = communalities.map((c) => 1 - c);
  const a = adequacy(s.corr, s.p, s.n);
  const record: FactorModel = {
    kind: 'factor',
    version: 1,
    method: p.method,
    rotation,
    columns: columns.map((c) => ({ name: c.name, key: c.key })),
    rowsUsed: rows.length,
    rowsDropped: ds.rowCount - rows.length,
    mean: Array.from(s.mean),
    sd: Array.from(s.sd),
    eigenvalues: pca.eigenvalues,
    explainedRatio: pca.explainedRatio,
    kaiserK,
    factors: k,
    loadings,
    factorVariance: loadings.map((row) => row.reduce((acc, v) => acc + v * v, 0)),
    communalities,
    uniqueness,
    names: defaultNames(loadings, columns.map((c) => c.name)),
    kmo: a.kmo,
    kmoPerColumn: a.kmoPerColumn,
    kmoVerdict: kmoVerdict(a.kmo),
    bartlett: { chi2: a.bartlettChi2, df: a.bartlettDf, p: a.bartlettP },
    iterations,
    savedColumns: [],
  };
  const info = saveModel(store, { datasetId: ds.id, kind: 'factor', name: p.name ?? `${p.method === 'fa' ? '因子分析' : '主成分分析'}（${k} 个因子）`, record });
  return factorResult(info, record);
}

export function factorResult(model: ModelInfo, record: FactorModel): FactorResult {
  const { kind: _kind, version: _version, ...rest } = record;
  return { ...rest, model };
}

export function getFactor(ctx: EngineContext, modelId: string): FactorResult {
  const { info, record } = readModelRecord(ctx.store(), modelId, 'factor', factorModelSchema);
  return factorResult(info, record);
}

export function renameFactors(ctx: EngineContext, p: ParamsOut<'factor.rename'>): FactorResult {
  const store = ctx.store();
  const { info, record } = readModelRecord(store, p.modelId, 'factor', factorModelSchema);
  if (p.names.length !== record.factors) throw modelInvalid(`Give ${record.factors} names, one per factor`, `需要 ${record.factors} 个名称，每个因子一个`);
  if (new Set(p.names).size !== p.names.length) throw modelInvalid('Factor names must differ', '因子名称不能重复');
  const next = { ...record, names: p.names };
  updateModelRecord(store, p.modelId, next);
  return factorResult(info, next);
}

/** Score columns, one per factor, named by the factor names (made unique by the store if taken). */
export async function saveFactorScores(ctx: EngineContext, p: ParamsOut<'factor.save'>): Promise<FactorResult> {
  const store = ctx.store();
  const { info, record } = readModelRecord(store, p.modelId, 'factor', factorModelSchema);
  const ds = store.getDataset(info.datasetId);
  const reader = readerFor(store);
  const values = record.columns.map((c) => reader.numeric(ds.id, c.key).values);
  const s: Standardised = { n: record.rowsUsed, p: record.columns.length, mean: Float64Array.from(record.mean), sd: Float64Array.from(record.sd), corr: new Float64Array(0) };
  ctx.progress(0, 1, 'score');
  await ctx.checkpoint();
  const scores = record.method === 'fa' ? factorScores(s, record, values, ds.rowCount) : regressionScores(s, record, values, ds.rowCount);
  const next = ctx.work().commit(() => {
    const keys = addColumns(
      store,
      ds.id,
      record.names.map((name) => ({ name, originalHeader: null, type: 'decimal' as const })),
      (i) => scores.map((col) => (Number.isFinite(col[i]!) ? col[i]! : null)),
      ds.rowCount,
    );
    const withColumns = { ...record, savedColumns: keys };
    updateModelRecord(store, p.modelId, withColumns);
    return withColumns;
  });
  ctx.emit('datasets.changed', { datasetIds: [ds.id], reason: 'updated' });
  return factorResult(info, next);
}

/**
 * PCA scores by regression, F = Z·R⁻¹·L. With L = V·√Λ·T (T orthogonal: a rotation, the sign
 * flips and the reordering), R⁻¹·L = V·Λ^(-1/2)·T = L·(LᵀL)⁻¹, so the stored loadings suffice; for
 * unrotated components this is the component divided by √eigenvalue (unit-variance scores).
 */
export function regressionScores(s: Standardised, record: FactorModel, values: Float64Array[], length: number): Float64Array[] {
  const p = record.columns.length;
  const k = record.factors;
  const L = record.loadings;
  const LtL = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => L[a]!.reduce((acc, v, j) => acc + v * L[b]![j]!, 0)));
  const inv = invert(LtL);
  const weights = Array.from({ length: k }, (_, f) => Array.from({ length: p }, (_, j) => L.reduce((acc, row, g) => acc + row[j]! * inv[g]![f]!, 0)));
  const out = Array.from({ length: k }, () => new Float64Array(length));
  for (let r = 0; r < length; r++) {
    let missing = false;
    for (let j = 0; j < p; j++) if (!Number.isFinite(values[j]![r]!)) missing = true;
    for (let f = 0; f < k; f++) {
      if (missing) {
        out[f]![r] = NaN;
        continue;
      }
      let acc = 0;
      for (let j = 0; j < p; j++) acc += ((values[j]![r]! - s.mean[j]!) / s.sd[j]!) * weights[f]![j]!;
      out[f]![r] = acc;
    }
  }
  return out;
}
