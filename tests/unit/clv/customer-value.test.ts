import { describe, expect, it } from 'vitest';
import { expectedIfAlive, pAlive } from '../../../electron/engine/clv/bgnbd-predict';
import { customerValues, MONTH_DAYS } from '../../../electron/engine/clv/customer-value';
import { expectedSpend } from '../../../electron/engine/clv/gamma-gamma';
import { rfmCross } from '../../../electron/engine/clv/rfm-cross';
import { holdoutFit, trackingCurve, trackingMape } from '../../../electron/engine/clv/tracking';
import { pAliveHistogram, rankTiers, tierNames } from '../../../electron/engine/clv/value-tiers';

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };

describe('customer value', () => {
  const input = { x: Int32Array.of(2, 0, 7), txDays: Int32Array.of(213, 0, 206), TDays: Int32Array.of(272, 272, 272), monetary: Float64Array.of(22.35, NaN, 73.74) };

  it('without discounting, CLV = margin × E[spend] × E[Y(horizon)]', async () => {
    const v = await customerValues(BG, GG, input, { unitDays: 7, predictPeriods: 52, horizonMonths: 12, discountRate: 0, margin: 0.3, holdoutPeriods: null });
    for (let i = 0; i < 3; i++) {
      const x = input.x[i]!;
      const tx = input.txDays[i]! / 7;
      const T = input.TDays[i]! / 7;
      const horizon = (12 * MONTH_DAYS) / 7;
      const want = 0.3 * expectedSpend(GG, x, x ? input.monetary[i]! : 0)! * pAlive(BG, x, tx, T) * expectedIfAlive(BG, horizon, x, T);
      expect(v.clv[i]).toBeCloseTo(want, 9);
      expect(v.expectedPurchases[i]).toBeCloseTo(pAlive(BG, x, tx, T) * expectedIfAlive(BG, 52, x, T), 12);
    }
    expect(v.holdoutPredicted).toBeNull();
  });

  it('discounts each month’s expected purchases at the monthly rate', async () => {
    const d = 0.02;
    const v = await customerValues(BG, GG, input, { unitDays: 7, predictPeriods: 52, horizonMonths: 3, discountRate: d, margin: 1, holdoutPeriods: 39 });
    const T = 272 / 7;
    const m = MONTH_DAYS / 7;
    const e = [0, 1, 2, 3].map((k) => expectedIfAlive(BG, k * m, 2, T));
    const sum = (e[1]! - e[0]!) / (1 + d) + (e[2]! - e[1]!) / (1 + d) ** 2 + (e[3]! - e[2]!) / (1 + d) ** 3;
    expect(v.clv[0]).toBeCloseTo(expectedSpend(GG, 2, 22.35)! * pAlive(BG, 2, 213 / 7, T) * sum, 9);
    expect(v.holdoutPredicted![0]).toBeCloseTo(pAlive(BG, 2, 213 / 7, T) * expectedIfAlive(BG, 39, 2, T), 12);
  });
});

describe('tiers, histogram and the RFM cross', () => {
  it('ranks by CLV, highest first; ties share the better tier', () => {
    const clv = Float64Array.of(5, 50, 50, 1, 30, NaN, 40, 2, 3, 4, 10);
    const tiers = rankTiers(clv, 5);
    // Order: 50, 50, 40, 30, 10, 5, 4, 3, 2, 1 (n = 10): positions 0–1 → 1, 2–3 → 2, 4–5 → 3, …
    expect(Array.from(tiers)).toEqual([3, 1, 1, 5, 2, 0, 2, 5, 4, 4, 3]);
    expect(tierNames(5)).toEqual(['T1 前20%', 'T2 20–40%', 'T3 40–60%', 'T4 60–80%', 'T5 后20%']);
    expect(tierNames(4)[3]).toBe('T4 后25%');
  });

  it('bins P(alive) of repeat customers and counts one-time buyers apart', () => {
    const h = pAliveHistogram(Float64Array.of(1, 0.05, 0.95, 1, 0.5), Int32Array.of(0, 3, 2, 1, 4));
    expect(h.oneTime).toBe(1);
    expect(h.repeatCounts).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
  });

  it('crosses RFM-8 (mean thresholds, strict) with P(alive)', () => {
    const cross = rfmCross(
      {
        recencyDays: Float64Array.of(200, 200, 10, 10),
        frequency: Float64Array.of(1, 2, 5, 1),
        monetary: Float64Array.of(900, 300, 400, 10),
        x: Int32Array.of(0, 1, 4, 0),
        pAlive: Float64Array.of(1, 0.7, 0.9, 1),
        clv: Float64Array.of(10, 20, 30, 5),
      },
      0.5,
    );
    // Means: R 105, F 2.25, M 402.5
    expect(cross.labels).toEqual(['重要挽留客户', '一般挽留客户', '一般价值客户', '一般发展客户']);
    const winBack = cross.rows.find((r) => r.segment === '重要挽留客户')!;
    expect(winBack).toMatchObject({ customers: 1, oneTime: 1, repeat: 0, likelyAlive: 0, meanPAliveRepeat: null, clvTotal: 10 });
    expect(cross.rows.find((r) => r.segment === '一般挽留客户')).toMatchObject({ repeat: 1, likelyAlive: 1, meanPAliveRepeat: 0.7 });
  });
});

describe('validation against a holdout', () => {
  it('tracks cumulative repeat purchases of the cohort, actual against Σ E[X(τ − first)]', () => {
    const firstDay = Int32Array.of(0, 0, 7, 14);
    const repeatsByDay = new Int32Array(29);
    repeatsByDay[10] = 2;
    repeatsByDay[20] = 1;
    const c = trackingCurve(BG, { firstDay, cohortStartDay: 0, calibrationEndDay: 14, endDay: 28, repeatsByDay, unitDays: 7 });
    expect(c.stepDays).toBe(7);
    expect(c.days).toEqual([0, 7, 14, 21, 28]);
    expect(c.actual).toEqual([0, 0, 2, 3, 3]);
    expect(c.calibrationEndIndex).toBe(2);
    const E = (days: number): number => expectedIfAlive(BG, days / 7, 0, 0);
    expect(c.predicted[0]).toBe(0);
    expect(c.predicted[2]).toBeCloseTo(2 * E(14) + E(7), 12);
    expect(c.predicted[4]).toBeCloseTo(2 * E(28) + E(21) + E(14), 12);
    const mape = trackingMape(c)!;
    expect(mape).toBeCloseTo((Math.abs(c.predicted[3]! - 3) / 3 + Math.abs(c.predicted[4]! - 3) / 3) / 2, 12);
  });

  it('compares holdout purchases by calibration frequency, 0 … 6 and 7+', () => {
    const x = Int32Array.of(0, 0, 1, 9, 12);
    const actual = Int32Array.of(0, 1, 2, 5, 3);
    const predicted = Float64Array.of(0.5, 0.5, 1, 4, 4);
    const f = holdoutFit(x, actual, predicted);
    expect(f.byFrequency.map((g) => g.group)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(f.byFrequency[0]).toEqual({ group: '0', customers: 2, actual: 0.5, predicted: 0.5 });
    expect(f.byFrequency[7]).toEqual({ group: '7+', customers: 2, actual: 4, predicted: 4 });
    expect(f.actualTotal).toBe(11);
    expect(f.predictedTotal).toBe(10);
    expect(f.relativeError).toBeCloseTo(-1 / 11, 12);
    expect(f.mae).toBeCloseTo((0.5 + 0.5 + 1 + 1 + 1) / 5, 12);
    expect(f.rmse).toBeCloseTo(Math.sqrt((0.25 + 0.25 + 1 + 1 + 1) / 5), 12);
  });
});
