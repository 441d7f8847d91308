import { RFM8_SEGMENTS, rfmCellOf } from '../segment/rfm8-segments';

export interface RfmCrossInput {
  /** Days from the last purchase to the day after calibration end (RFM's R). */
  recencyDays: Float64Array;
  /** Purchase days in calibration (RFM's F without an order column). */
  frequency: Float64Array;
  /** Calibration spend (RFM's M). */
  monetary: Float64Array;
  x: Int32Array;
  pAlive: Float64Array;
  clv: Float64Array;
}

export interface RfmCrossRow {
  segment: string;
  customers: number;
  oneTime: number;
  repeat: number;
  /** Repeat customers with P(alive) ≥ the threshold. */
  likelyAlive: number;
  meanPAliveRepeat: number | null;
  meanClv: number | null;
  clvTotal: number;
}

export interface RfmCross {
  labels: string[];
  thresholds: { r: number; f: number; m: number };
  rows: RfmCrossRow[];
}

/**
 * The eight RFM segments (the RFM-8 rule with mean thresholds, compared strictly: R 高 when
 * days < mean, F/M 高 when value > mean) crossed with the model: how many in each segment are
 * still likely alive, and what they are worth. One-time buyers are counted apart because
 * BG/NBD gives them P(alive) = 1 by assumption; "likely alive" is about repeat customers.
 */
export function rfmCross(input: RfmCrossInput, aliveThreshold: number): RfmCross {
  const n = input.x.length;
  const mean = (v: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += v[i]!;
    return n ? s / n : 0;
  };
  const thresholds = { r: mean(input.recencyDays), f: mean(input.frequency), m: mean(input.monetary) };
  const index = new Map(RFM8_SEGMENTS.map((c, i) => [c.name, i]));
  const rows: RfmCrossRow[] = RFM8_SEGMENTS.map((c) => ({ segment: c.name, customers: 0, oneTime: 0, repeat: 0, likelyAlive: 0, meanPAliveRepeat: 0, meanClv: 0, clvTotal: 0 }));
  const clvCount = new Array<number>(rows.length).fill(0);
  const labels = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const cell = rfmCellOf(input.recencyDays[i]! < thresholds.r, input.frequency[i]! > thresholds.f, input.monetary[i]! > thresholds.m);
    labels[i] = cell.name;
    const row = rows[index.get(cell.name)!]!;
    row.customers++;
    if (input.x[i] === 0) row.oneTime++;
    else {
      row.repeat++;
      row.meanPAliveRepeat! += input.pAlive[i]!;
      if (input.pAlive[i]! >= aliveThreshold) row.likelyAlive++;
    }
    const v = input.clv[i]!;
    if (!Number.isNaN(v)) {
      row.clvTotal += v;
      clvCount[index.get(cell.name)!]! += 1;
    }
  }
  rows.forEach((r, k) => {
    r.meanPAliveRepeat = r.repeat > 0 ? r.meanPAliveRepeat! / r.repeat : null;
    r.meanClv = clvCount[k]! > 0 ? r.clvTotal / clvCount[k]! : null;
  });
  return { labels, thresholds, rows };
}
