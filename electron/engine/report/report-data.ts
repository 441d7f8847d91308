import type { ColumnInfo, DatasetInfo } from '../../../shared/contract/datasets';
import type { SegmentationInfo } from '../../../shared/contract/segmentations';
import { ColumnReader } from '../store/column-reader';
import type { ProjectStore } from '../store/project-store';
import { listSegmentations } from '../store/segmentation-store';

/** The per-segment figures every report sheet and chart is built from. */
export interface SegmentFigures {
  name: string;
  count: number;
  share: number;
  revenue: number | null;
  revenueShare: number | null;
  /** Mean per metric column key (null when no numeric value in the segment). */
  means: Record<string, number | null>;
  action: string | null;
}

export interface ReportData {
  dataset: DatasetInfo;
  segmentation: SegmentationInfo;
  metrics: ColumnInfo[];
  revenueColumn: ColumnInfo | null;
  overallMeans: Record<string, number | null>;
  segments: SegmentFigures[];
  customers: number;
  unassigned: number;
}

const NUMERIC = new Set(['integer', 'decimal', 'currency', 'percent']);

/**
 * Picks the revenue column: M of an RFM dataset, else the first currency column, else none.
 * Metric columns: numeric columns other than segment label columns.
 */
export function collectReportData(store: ProjectStore, seg: SegmentationInfo): ReportData {
  const dataset = store.getDataset(seg.datasetId);
  const labelKeys = new Set(listSegmentations(store, dataset.id).map((s) => s.columnKey));
  const metrics = dataset.columns.filter((c) => NUMERIC.has(c.type) && !labelKeys.has(c.key)).slice(0, 12);
  const revenueColumn = dataset.columns.find((c) => c.name === 'M') ?? dataset.columns.find((c) => c.type === 'currency') ?? null;
  const reader = new ColumnReader(store);
  const labels = reader.category(dataset.id, seg.columnKey);
  const values = new Map(metrics.map((m) => [m.key, reader.numeric(dataset.id, m.key).values]));
  const revenue = revenueColumn ? reader.numeric(dataset.id, revenueColumn.key).values : null;

  // Segment order: the saved summary order first (it is meaningful, e.g. the RFM-8 order), then others.
  const order = [...seg.segments.map((s) => s.name), ...labels.labels.filter((l) => !seg.segments.some((s) => s.name === l))];
  const codeOf = new Map(labels.labels.map((l, i) => [l, i]));
  const k = order.length;
  const counts = new Float64Array(k);
  const revSums = new Float64Array(k);
  const sums = new Map(metrics.map((m) => [m.key, { sum: new Float64Array(k), n: new Float64Array(k), all: 0, allN: 0 }]));
  const slotOfCode = new Int32Array(labels.labels.length).fill(-1);
  order.forEach((name, slot) => {
    const code = codeOf.get(name);
    if (code !== undefined) slotOfCode[code] = slot;
  });
  let unassigned = 0;
  let revTotal = 0;
  for (let i = 0; i < labels.codes.length; i++) {
    const code = labels.codes[i]!;
    const slot = code < 0 ? -1 : slotOfCode[code]!;
    for (const m of metrics) {
      const v = values.get(m.key)![i]!;
      if (Number.isNaN(v)) continue;
      const s = sums.get(m.key)!;
      s.all += v;
      s.allN += 1;
      if (slot >= 0) {
        s.sum[slot]! += v;
        s.n[slot]! += 1;
      }
    }
    if (slot < 0) {
      unassigned++;
      continue;
    }
    counts[slot]! += 1;
    const r = revenue ? revenue[i]! : NaN;
    if (!Number.isNaN(r)) {
      revSums[slot]! += r;
      revTotal += r;
    }
  }
  const assigned = labels.codes.length - unassigned;
  const overallMeans: Record<string, number | null> = {};
  for (const m of metrics) {
    const s = sums.get(m.key)!;
    overallMeans[m.key] = s.allN ? s.all / s.allN : null;
  }
  const segments = order.map((name, slot): SegmentFigures => {
    const saved = seg.segments.find((s) => s.name === name);
    const means: Record<string, number | null> = {};
    for (const m of metrics) {
      const s = sums.get(m.key)!;
      means[m.key] = s.n[slot] ? s.sum[slot]! / s.n[slot]! : null;
    }
    return {
      name,
      count: counts[slot]!,
      share: assigned ? counts[slot]! / assigned : 0,
      revenue: revenue ? revSums[slot]! : null,
      revenueShare: revenue && revTotal !== 0 ? revSums[slot]! / revTotal : null,
      means,
      action: saved?.action ?? null,
    };
  });
  return { dataset, segmentation: seg, metrics, revenueColumn, overallMeans, segments, customers: labels.codes.length, unassigned };
}
