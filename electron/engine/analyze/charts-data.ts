import type { ChartData, ChartRequest, DistributionData, HeatmapData, LorenzData, ScatterData, ScoreRange, ShareData, TrendData } from '../../../shared/contract/analyze';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import { KequnError } from '../../../shared/contract/errors';
import type { ProjectStore } from '../store/project-store';
import { resolveColumn } from '../store/column-reader';
import { BLANK_LABEL } from './axis';
import { groupedColumn, numericColumn, type GroupedColumn } from './columns';
import { joinRowCodes, UNMATCHED } from './join';
import { labelOrder } from './label-order';
import { quintileScores } from '../segment/quintile';

/**
 * Aggregated data for the descriptive charts. The engine reduces the rows; the option builders
 * in shared/charts turn the data into ECharts options (for the UI and for report images).
 */
export function chartData(store: ProjectStore, req: ChartRequest): ChartData {
  const ds = store.getDataset(req.datasetId);
  switch (req.chart) {
    case 'share':
      return { chart: 'share', data: shareData(store, ds, req.group, req.amount) };
    case 'trend':
      return { chart: 'trend', data: trendData(store, ds, req) };
    case 'distribution':
      return { chart: 'distribution', data: distributionData(store, ds, req.column, req.bins, req.group) };
    case 'scatter':
      return { chart: 'scatter', data: scatterData(store, ds, req.x, req.y, req.maxPoints, req.group) };
    case 'rfmHeatmap':
      return { chart: 'rfmHeatmap', data: heatmapData(store, ds, req.r, req.f, req.m) };
    case 'lorenz':
      return { chart: 'lorenz', data: lorenzData(numericColumn(store, ds, req.amount).values) };
  }
}

function shareData(store: ProjectStore, ds: DatasetInfo, group: string, amount: string | undefined): ShareData {
  const g = groupedColumn(store, ds, { column: group });
  const amounts = amount ? numericColumn(store, ds, amount).values : null;
  const counts = new Float64Array(g.labels.length);
  const sums = new Float64Array(g.labels.length);
  for (let i = 0; i < g.codes.length; i++) {
    const c = g.codes[i]!;
    if (c < 0) continue;
    counts[c]! += 1;
    if (amounts) {
      const v = amounts[i]!;
      if (v === v) sums[c]! += v;
    }
  }
  // Largest segment first, as share charts are read.
  const order = g.labels.map((_, i) => i).sort((a, b) => counts[b]! - counts[a]!);
  return { labels: order.map((i) => g.labels[i]!), counts: order.map((i) => counts[i]!), amounts: amounts ? order.map((i) => sums[i]!) : null };
}

function trendData(store: ProjectStore, ds: DatasetInfo, req: Extract<ChartRequest, { chart: 'trend' }>): TrendData {
  const { date, period, amount } = req;
  const p = groupedColumn(store, ds, { column: date, dateGroup: period });
  const s = seriesColumn(store, ds, req);
  const amounts = amount ? numericColumn(store, ds, amount).values : null;
  const P = p.labels.length;
  const S = s ? s.labels.length + 1 : 1;
  const acc = new Float64Array(P * S);
  for (let i = 0; i < p.codes.length; i++) {
    const pc = p.codes[i]!;
    if (pc < 0) continue;
    const sc = s ? s.codes[i]! + 1 : 0;
    const v = amounts ? amounts[i]! : 1;
    if (v === v) acc[pc * S + sc]! += v;
  }
  const periods = labelOrder(p);
  const seriesCodes = s ? [...labelOrder(s).map((c) => c + 1), 0] : [0];
  const series = seriesCodes
    .map((sc) => ({ name: s ? (sc === 0 ? BLANK_LABEL : s.labels[sc - 1]!) : amount ? resolveColumn(ds.columns, amount).name : '计数', values: periods.map((pc) => acc[pc * S + sc]!) }))
    .filter((x) => x.values.some((v) => v !== 0));
  return { periods: periods.map((c) => p.labels[c]!), series };
}

/**
 * The series of a trend: a column of the transactions, or a customer column (a segment) carried
 * over through the customer key; orders of unknown customers fall into the blank series.
 */
function seriesColumn(store: ProjectStore, ds: DatasetInfo, req: Extract<ChartRequest, { chart: 'trend' }>): GroupedColumn | null {
  if (!req.by) return null;
  if (!req.byDataset) return groupedColumn(store, ds, { column: req.by });
  const customers = store.getDataset(req.byDataset.datasetId);
  const label = groupedColumn(store, customers, { column: req.by });
  const codes = joinRowCodes(store, customers, label, req.byDataset.key, ds, req.byDataset.factsKey ?? req.byDataset.key);
  for (let i = 0; i < codes.length; i++) if (codes[i] === UNMATCHED) codes[i] = -1;
  return { ...label, codes };
}

function finiteValues(values: Float64Array, codes: Int32Array | null, code: number | null): Float64Array {
  const out = new Float64Array(values.length);
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v || !Number.isFinite(v)) continue;
    if (codes && code !== null && codes[i] !== code) continue;
    out[m++] = v;
  }
  return out.slice(0, m).sort();
}

/** Quantile with linear interpolation (Excel's QUARTILE.INC). */
export function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function distributionData(store: ProjectStore, ds: DatasetInfo, column: string, binCount: number, group?: string): DistributionData {
  const values = numericColumn(store, ds, column).values;
  const all = finiteValues(values, null, null);
  if (all.length === 0) {
    throw new KequnError('ANALYSIS_INVALID', `Column "${column}" has no numbers`, { zh: `列“${column}”没有数值`, details: { column } });
  }
  const min = all[0]!;
  const max = all[all.length - 1]!;
  const width = max > min ? (max - min) / binCount : 1;
  const bins = Array.from({ length: binCount }, (_, b) => ({ from: min + b * width, to: min + (b + 1) * width, count: 0 }));
  for (const v of all) bins[Math.min(binCount - 1, Math.floor((v - min) / width))]!.count++;
  const g = group ? groupedColumn(store, ds, { column: group }) : null;
  const groups = g ? labelOrder(g).map((c) => ({ name: g.labels[c]!, sorted: finiteValues(values, g.codes, c) })) : [{ name: '全部', sorted: all }];
  const boxes = groups
    .filter((x) => x.sorted.length > 0)
    .map(({ name, sorted }) => {
      const q1 = quantile(sorted, 0.25);
      const q3 = quantile(sorted, 0.75);
      const lo = q1 - 1.5 * (q3 - q1);
      const hi = q3 + 1.5 * (q3 - q1);
      const inside = sorted.filter((v) => v >= lo && v <= hi);
      const outliers = Array.from(sorted.filter((v) => v < lo || v > hi));
      // A box plot needs a few outliers to show the tail, not thousands of dots.
      const shown = outliers.length > 200 ? outliers.filter((_, i) => i % Math.ceil(outliers.length / 200) === 0) : outliers;
      return { group: name, min: inside[0] ?? q1, q1, median: quantile(sorted, 0.5), q3, max: inside[inside.length - 1] ?? q3, n: sorted.length, outliers: shown };
    });
  return { column: resolveColumn(ds.columns, column).name, bins, boxes };
}

function scatterData(store: ProjectStore, ds: DatasetInfo, x: string, y: string, maxPoints: number, group?: string): ScatterData {
  const xs = numericColumn(store, ds, x).values;
  const ys = numericColumn(store, ds, y).values;
  const g = group ? groupedColumn(store, ds, { column: group }) : null;
  const valid: number[] = [];
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i]!) && Number.isFinite(ys[i]!)) valid.push(i);
  // Even stride over row order: deterministic (same picture each time) and keeps every group in proportion.
  const count = Math.min(valid.length, maxPoints);
  const byGroup = new Map<string, [number, number][]>();
  for (let k = 0; k < count; k++) {
    const i = valid[Math.floor((k * valid.length) / count)]!;
    const name = g ? (g.codes[i]! < 0 ? BLANK_LABEL : g.labels[g.codes[i]!]!) : '全部';
    let list = byGroup.get(name);
    if (!list) byGroup.set(name, (list = []));
    list.push([xs[i]!, ys[i]!]);
  }
  return { x: resolveColumn(ds.columns, x).name, y: resolveColumn(ds.columns, y).name, groups: [...byGroup].map(([name, points]) => ({ name, points })), sampled: count < valid.length, totalPoints: valid.length };
}

/** More distinct values than this on an axis and the heat map would be unreadable: it shows quintile scores. */
const HEATMAP_MAX_RAW = 10;

function distinctMoreThan(values: Float64Array, limit: number): boolean {
  const seen = new Set<number>();
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    seen.add(v);
    if (seen.size > limit) return true;
  }
  return false;
}

/**
 * R × F grid coloured by mean M. Columns that are already scores (few distinct values) are used as
 * they are; raw days or counts are turned into 1–5 quintile scores by the RFM-8 rule (R reversed:
 * most recent = 5; equal values share a score), with the raw edges returned for the axis labels.
 */
function heatmapData(store: ProjectStore, ds: DatasetInfo, r: string, f: string, m: string): HeatmapData {
  const rawR = numericColumn(store, ds, r).values;
  const rawF = numericColumn(store, ds, f).values;
  const ms = numericColumn(store, ds, m).values;
  const rScored = distinctMoreThan(rawR, HEATMAP_MAX_RAW) ? quintileScores(rawR, true) : null;
  const fScored = distinctMoreThan(rawF, HEATMAP_MAX_RAW) ? quintileScores(rawF, false) : null;
  const asValues = (s: { scores: Uint8Array }): Float64Array => Float64Array.from(s.scores, (x) => (x === 0 ? NaN : x));
  const rs = rScored ? asValues(rScored) : rawR;
  const fs = fScored ? asValues(fScored) : rawF;
  const cells = new Map<string, { r: number; f: number; sum: number; n: number; nm: number }>();
  for (let i = 0; i < rs.length; i++) {
    const rv = rs[i]!;
    const fv = fs[i]!;
    if (!Number.isFinite(rv) || !Number.isFinite(fv)) continue;
    const key = `${rv}:${fv}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { r: rv, f: fv, sum: 0, n: 0, nm: 0 }));
    c.n++;
    const mv = ms[i]!;
    if (Number.isFinite(mv)) {
      c.sum += mv;
      c.nm++;
    }
  }
  const rScores = [...new Set([...cells.values()].map((c) => c.r))].sort((a, b) => a - b);
  const fScores = [...new Set([...cells.values()].map((c) => c.f))].sort((a, b) => a - b);
  return {
    rScores,
    fScores,
    cells: [...cells.values()].map((c) => [rScores.indexOf(c.r), fScores.indexOf(c.f), c.nm > 0 ? c.sum / c.nm : null, c.n]),
    binned: { r: rScored ? scoreRanges(rawR, rScored.scores, rScores) : null, f: fScored ? scoreRanges(rawF, fScored.scores, fScores) : null },
  };
}

/** The raw range behind each score shown (for the axis labels). */
function scoreRanges(raw: Float64Array, scores: Uint8Array, shown: number[]): ScoreRange[] {
  const min = new Array<number>(6).fill(Infinity);
  const max = new Array<number>(6).fill(-Infinity);
  for (let i = 0; i < raw.length; i++) {
    const s = scores[i]!;
    if (s === 0) continue;
    if (raw[i]! < min[s]!) min[s] = raw[i]!;
    if (raw[i]! > max[s]!) max[s] = raw[i]!;
  }
  return shown.map((score) => ({ score, min: min[score]!, max: max[score]! }));
}

/** Lorenz curve from the largest customer down (the Pareto view), with the Gini coefficient. */
export function lorenzData(values: Float64Array): LorenzData {
  const sorted = finiteValues(values, null, null).filter((v) => v >= 0);
  const n = sorted.length;
  const total = sorted.reduce((s, v) => s + v, 0);
  if (n === 0 || total === 0) return { points: [[0, 0], [1, 1]], gini: 0, top80Share: 0 };
  // Ascending order gives the Gini sum; the curve is drawn from the top customer down.
  let weighted = 0;
  for (let i = 0; i < n; i++) weighted += (i + 1) * sorted[i]!;
  const gini = (2 * weighted) / (n * total) - (n + 1) / n;
  const points: [number, number][] = [[0, 0]];
  const every = Math.max(1, Math.floor(n / 200));
  let cum = 0;
  let top80 = -1;
  for (let k = 0; k < n; k++) {
    cum += sorted[n - 1 - k]!;
    if (top80 < 0 && cum >= 0.8 * total) top80 = (k + 1) / n;
    if ((k + 1) % every === 0 || k === n - 1) points.push([(k + 1) / n, cum / total]);
  }
  return { points, gini, top80Share: top80 };
}
