import type { ParamsOut } from '../../../shared/contract/index';
import type { Rfm8Definition, SegmentRunResult } from '../../../shared/contract/segment';
import { findColumn, hasColumn, readNumbers } from './dataset-access';
import { persist } from './persist';
import { RFM8_SEGMENTS, rfmCellOf } from './rfm8-segments';
import { readRfm, scoreRfm } from './rfm-scores';
import { segmentInvalid } from './segment-error';
import { mean, median, summarise, type Metric } from './summary';
import type { SegmentWork } from './work';

/**
 * The eight RFM segments. High/low per dimension, strictly against the threshold so that a
 * customer exactly at the mean/median is 低: R 高 when days < t (recent), F/M 高 when value > t.
 * With 'score', a dimension is 高 when its quintile (or cut-point) score ≥ scoreThreshold.
 * Rows missing any of R/F/M get no segment and are reported as unassigned.
 */
export async function runRfm8(work: SegmentWork, p: ParamsOut<'segment.rfm8'>): Promise<SegmentRunResult> {
  const outcome = await computeRfm8(work, p.datasetId, p.definition);
  return persist(work, { datasetId: outcome.datasetId, method: 'rfm8', name: p.name ?? 'RFM细分', preview: p.preview }, outcome);
}

export async function computeRfm8(work: SegmentWork, datasetId: string, def: Rfm8Definition) {
  const ds = work.store.getDataset(datasetId);
  work.progress(0, 3, 'rfm8');
  const input = readRfm(work, ds, def.columns);
  if (input.r.length === 0) throw segmentInvalid('The dataset has no rows', '数据集没有数据行', { dataset: ds.id });
  await work.checkpoint();
  const rename = (n: string): string => def.names?.[n] ?? n;
  for (const key of Object.keys(def.names ?? {})) {
    if (!RFM8_SEGMENTS.some((c) => c.name === key)) throw segmentInvalid(`Unknown RFM segment: ${key}`, `没有名为“${key}”的 RFM 细分`, { segment: key });
  }
  const complete = (i: number): boolean => !Number.isNaN(input.r[i]!) && !Number.isNaN(input.f[i]!) && !Number.isNaN(input.m[i]!);
  const finalNames = RFM8_SEGMENTS.map((c) => rename(c.name));
  if (new Set(finalNames).size !== finalNames.length) {
    throw segmentInvalid('Two RFM segments would get the same name', '两个 RFM 细分不能使用同一个名称', { names: finalNames });
  }
  let isHigh: (dim: 'r' | 'f' | 'm', row: number) => boolean;
  let thresholds: { r: number; f: number; m: number };
  if (def.threshold === 'score') {
    const scores = scoreRfm(input, def.cuts);
    thresholds = { r: def.scoreThreshold, f: def.scoreThreshold, m: def.scoreThreshold };
    isHigh = (dim, row) => scores[dim].scores[row]! >= def.scoreThreshold;
  } else {
    // Thresholds over the customers being segmented (all three values present).
    const stat = (values: Float64Array): number => (def.threshold === 'mean' ? mean : median)(values.filter((_, i) => complete(i)));
    thresholds = { r: stat(input.r), f: stat(input.f), m: stat(input.m) };
    isHigh = (dim, row) => (dim === 'r' ? input.r[row]! < thresholds.r : input[dim][row]! > thresholds[dim]);
  }
  work.progress(1, 3, 'rfm8');
  await work.checkpoint();
  const names = [0, 1, 2, 3, 4, 5, 6, 7].map((bits) => rename(rfmCellOf(bits >= 4, (bits & 2) === 2, (bits & 1) === 1).name));
  const labels = new Array<string | null>(input.r.length);
  for (let i = 0; i < labels.length; i++) {
    labels[i] = complete(i) ? names[(isHigh('r', i) ? 4 : 0) + (isHigh('f', i) ? 2 : 0) + (isHigh('m', i) ? 1 : 0)]! : null;
    if (i % 200_000 === 199_999) await work.checkpoint();
  }
  work.progress(2, 3, 'rfm8');
  const metrics: Metric[] = [
    { name: input.names.r, values: input.r },
    { name: input.names.f, values: input.f },
    { name: input.names.m, values: input.m },
  ];
  if (hasColumn(ds, '客单价')) metrics.push({ name: '客单价', values: readNumbers(work, ds.id, findColumn(ds, '客单价').key) });
  const actions = Object.fromEntries(RFM8_SEGMENTS.map((c) => [rename(c.name), def.actions?.[c.name] ?? def.actions?.[rename(c.name)] ?? c.action]));
  const segments = summarise(
    labels,
    RFM8_SEGMENTS.map((c) => rename(c.name)),
    metrics,
    input.m,
    actions,
  );
  work.progress(3, 3, 'rfm8');
  const safe = (v: number): number | null => (Number.isFinite(v) ? v : null);
  return {
    datasetId: ds.id,
    labels,
    segments,
    definition: { ...def, cuts: def.cuts ?? null, names: def.names ?? null, actions: def.actions ?? null, roles: { recency: input.names.r, frequency: input.names.f, monetary: input.names.m } },
    details: { threshold: def.threshold, thresholds: { r: safe(thresholds.r), f: safe(thresholds.f), m: safe(thresholds.m) } },
  };
}
