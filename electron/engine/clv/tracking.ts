import type { BgNbdParams } from './bgnbd-likelihood';
import { expectedPurchasesFromStart } from './bgnbd-predict';

export interface TrackingInput {
  firstDay: Int32Array;
  cohortStartDay: number;
  calibrationEndDay: number;
  /** Last day shown (holdout end, or calibration end without a holdout). */
  endDay: number;
  /** Repeat purchase days per day since cohortStartDay. */
  repeatsByDay: Int32Array;
  unitDays: number;
}

export interface TrackingCurve {
  stepDays: number;
  /** Day numbers of the points (end of each step). */
  days: number[];
  calibrationEndIndex: number;
  actual: number[];
  predicted: number[];
}

/** At most this many points on the chart. */
const MAX_POINTS = 300;

/**
 * The classic tracking chart (FHL 2005, Fig. 1–2): cumulative repeat purchases of the cohort by
 * calendar time, actual against the model's Σᵢ E[X(τ − sᵢ)] where sᵢ is customer i's first
 * purchase day. E[X(·)] depends on the elapsed days only, so it is evaluated once per elapsed
 * day and the sum runs over first-purchase days, not customers.
 */
export function trackingCurve(params: BgNbdParams, input: TrackingInput): TrackingCurve {
  const span = input.endDay - input.cohortStartDay;
  const unitStep = Math.max(1, Math.round(input.unitDays));
  const stepDays = unitStep * Math.max(1, Math.ceil(span / (unitStep * MAX_POINTS)));
  const byFirstDay = new Map<number, number>();
  for (let i = 0; i < input.firstDay.length; i++) {
    const offset = input.firstDay[i]! - input.cohortStartDay;
    byFirstDay.set(offset, (byFirstDay.get(offset) ?? 0) + 1);
  }
  const cohorts = [...byFirstDay.entries()].sort((a, b) => a[0] - b[0]);
  const expected = new Float64Array(span + 1);
  for (let d = 1; d <= span; d++) expected[d] = expectedPurchasesFromStart(params, d / input.unitDays);
  const cumulativeActual = new Float64Array(span + 1);
  let running = 0;
  for (let d = 0; d <= span; d++) {
    running += input.repeatsByDay[d] ?? 0;
    cumulativeActual[d] = running;
  }
  const days: number[] = [];
  const actual: number[] = [];
  const predicted: number[] = [];
  let calibrationEndIndex = -1;
  for (let d = 0; ; d += stepDays) {
    const at = Math.min(d, span);
    let sum = 0;
    for (const [first, count] of cohorts) {
      if (first >= at) break;
      sum += count * expected[at - first]!;
    }
    days.push(input.cohortStartDay + at);
    actual.push(cumulativeActual[at]!);
    predicted.push(sum);
    if (input.cohortStartDay + at <= input.calibrationEndDay) calibrationEndIndex = days.length - 1;
    if (at === span) break;
  }
  return { stepDays, days, calibrationEndIndex, actual, predicted };
}

/** Mean absolute percentage error of the cumulative curve over points after calibration. */
export function trackingMape(curve: TrackingCurve): number | null {
  let sum = 0;
  let n = 0;
  for (let i = curve.calibrationEndIndex + 1; i < curve.days.length; i++) {
    const a = curve.actual[i]!;
    if (a <= 0) continue;
    sum += Math.abs(curve.predicted[i]! - a) / a;
    n++;
  }
  return n === 0 ? null : sum / n;
}

export interface FrequencyGroup {
  group: string;
  customers: number;
  /** Mean holdout purchases per customer. */
  actual: number;
  predicted: number;
}

export interface HoldoutFit {
  byFrequency: FrequencyGroup[];
  actualTotal: number;
  predictedTotal: number;
  relativeError: number | null;
  mae: number;
  rmse: number;
}

/**
 * Conditional expectations against the holdout (FHL 2005, Fig. 3): customers grouped by their
 * calibration repeat purchases 0, 1, …, 6 and 7+, mean actual and mean predicted holdout
 * purchases per group; plus totals and per-customer MAE / RMSE.
 */
export function holdoutFit(x: Int32Array, actual: Int32Array, predicted: Float64Array, topGroup = 7): HoldoutFit {
  const groups = topGroup + 1;
  const n = new Float64Array(groups);
  const a = new Float64Array(groups);
  const p = new Float64Array(groups);
  let actualTotal = 0;
  let predictedTotal = 0;
  let abs = 0;
  let sq = 0;
  for (let i = 0; i < x.length; i++) {
    const g = Math.min(x[i]!, topGroup);
    n[g]! += 1;
    a[g]! += actual[i]!;
    p[g]! += predicted[i]!;
    actualTotal += actual[i]!;
    predictedTotal += predicted[i]!;
    const e = predicted[i]! - actual[i]!;
    abs += Math.abs(e);
    sq += e * e;
  }
  const byFrequency: FrequencyGroup[] = [];
  for (let g = 0; g < groups; g++) {
    byFrequency.push({ group: g === topGroup ? `${topGroup}+` : String(g), customers: n[g]!, actual: n[g]! ? a[g]! / n[g]! : 0, predicted: n[g]! ? p[g]! / n[g]! : 0 });
  }
  const count = Math.max(1, x.length);
  return {
    byFrequency,
    actualTotal,
    predictedTotal,
    relativeError: actualTotal > 0 ? (predictedTotal - actualTotal) / actualTotal : null,
    mae: abs / count,
    rmse: Math.sqrt(sq / count),
  };
}
