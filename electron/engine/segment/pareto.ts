import type { ParamsOut } from '../../../shared/contract/index';
import type { ParetoDefinition, SegmentRunResult } from '../../../shared/contract/segment';
import { findColumn, readNumbers } from './dataset-access';
import { persist, type SegmentOutcome } from './persist';
import { segmentInvalid } from './segment-error';
import { summarise } from './summary';
import type { SegmentWork } from './work';

const LORENZ_POINTS = 100;

/**
 * Pareto value tiers. Customers are ranked by value, largest first (missing or negative value
 * counts as 0). A customer joins the first tier whose cumulative share boundary had not yet
 * been reached before adding it, so the customer who crosses 80% belongs to A. Equal values
 * always share the tier of the first of them. Also returns the Lorenz curve (customers ranked
 * from smallest to largest; x = share of customers, y = share of value) and the Gini index.
 */
export async function runPareto(work: SegmentWork, p: ParamsOut<'segment.pareto'>): Promise<SegmentRunResult> {
  const outcome = await computePareto(work, p.datasetId, p.definition);
  return persist(work, { datasetId: outcome.datasetId, method: 'pareto', name: p.name ?? '价值分层', preview: p.preview }, outcome);
}

export async function computePareto(work: SegmentWork, datasetId: string, def: ParetoDefinition): Promise<SegmentOutcome & { datasetId: string }> {
  if (def.shares.length !== def.labels.length) {
    throw segmentInvalid('Each tier needs one share and one label', '每个层级都需要一个占比和一个名称', { shares: def.shares.length, labels: def.labels.length });
  }
  const sum = def.shares.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 100) > 1e-6) throw segmentInvalid(`Tier shares must sum to 100 (got ${sum})`, `各层级占比之和必须为 100（当前 ${sum}）`, { sum });
  if (new Set(def.labels).size !== def.labels.length) throw segmentInvalid('Tier labels must differ', '层级名称不能重复', { labels: def.labels });
  const ds = work.store.getDataset(datasetId);
  const col = findColumn(ds, def.valueColumn);
  work.progress(0, 2, 'pareto');
  const raw = readNumbers(work, ds.id, col.key);
  const values = raw.map((v) => (Number.isNaN(v) || v < 0 ? 0 : v));
  const order = Array.from(values.keys()).sort((a, b) => values[b]! - values[a]!);
  const total = values.reduce((a, b) => a + b, 0);
  await work.checkpoint();
  const bounds: number[] = [];
  def.shares.reduce((acc, s) => {
    bounds.push((acc + s) / 100);
    return acc + s;
  }, 0);
  const labels = new Array<string | null>(values.length).fill(null);
  let cum = 0;
  let tier = 0;
  let prevValue = NaN;
  for (const i of order) {
    const v = values[i]!;
    if (v !== prevValue) {
      const before = total === 0 ? 1 : cum / total;
      while (tier < bounds.length - 1 && before >= bounds[tier]! - 1e-12) tier++;
    }
    labels[i] = def.labels[tier]!;
    cum += v;
    prevValue = v;
  }
  work.progress(1, 2, 'pareto');
  const lorenz = lorenzCurve(values, total);
  const segments = summarise(labels, def.labels, [{ name: col.name, values: raw }], raw, {});
  work.progress(2, 2, 'pareto');
  return { datasetId: ds.id, labels, segments, definition: { ...def, valueColumn: col.name }, details: { lorenz, gini: gini(values, total), total } };
}

/** Up to 101 points (0,0)…(1,1), customers from smallest to largest value. */
export function lorenzCurve(values: Float64Array, total: number): { x: number; y: number }[] {
  const asc = Float64Array.from(values).sort();
  const n = asc.length;
  const points = [{ x: 0, y: 0 }];
  if (n === 0) return points;
  const cum = new Float64Array(n);
  let acc = 0;
  asc.forEach((v, i) => {
    acc += v;
    cum[i] = acc;
  });
  const steps = Math.min(LORENZ_POINTS, n);
  for (let k = 1; k <= steps; k++) {
    const idx = Math.round((k * n) / steps) - 1;
    points.push({ x: (idx + 1) / n, y: total === 0 ? 0 : cum[idx]! / total });
  }
  return points;
}

/** Gini = 1 − 2 × area under the Lorenz curve (exact, over every customer). */
export function gini(values: Float64Array, total: number): number | null {
  const n = values.length;
  if (n === 0 || total === 0) return null;
  const asc = Float64Array.from(values).sort();
  let weighted = 0;
  asc.forEach((v, i) => {
    weighted += (i + 1) * v;
  });
  return (2 * weighted) / (n * total) - (n + 1) / n;
}
