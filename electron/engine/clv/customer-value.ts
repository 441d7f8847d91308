import type { BgNbdParams } from './bgnbd-likelihood';
import { expectedIfAlive, pAlive } from './bgnbd-predict';
import { expectedSpend, type GammaGammaParams } from './gamma-gamma';

/** What the value calculation needs per customer (whole days; the unit converts them). */
export interface ValueInput {
  x: Int32Array;
  txDays: Int32Array;
  TDays: Int32Array;
  /** Mean repeat spend (NaN when x = 0). */
  monetary: Float64Array;
}

export interface ValueOptions {
  unitDays: number;
  /** Expected purchases are reported for this many units. */
  predictPeriods: number;
  horizonMonths: number;
  /** Monthly. */
  discountRate: number;
  margin: number;
  /** Holdout length in units (predicted holdout purchases); null = none. */
  holdoutPeriods: number | null;
}

export interface CustomerValues {
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  /** Gamma-Gamma expected mean spend; NaN when there is no spend model. */
  expectedSpend: Float64Array;
  clv: Float64Array;
  holdoutPredicted: Float64Array | null;
}

/** A month in days: a twelfth of a Julian year, the same month the discount rate is quoted in. */
export const MONTH_DAYS = 365.25 / 12;

/**
 * P(alive), expected purchases, expected spend and CLV per customer.
 *
 * CLV = margin × E[spend] × Σ_{k=1..H} (E[Y(k·month)] − E[Y((k−1)·month)]) ÷ (1 + d)^k
 * — expected purchases in each future month, discounted at the monthly rate d from the end of
 * that month. E[Y(t)] = P(alive) × E[Y(t) | alive] and the second factor depends only on x and T,
 * so it is computed once per distinct (x, T) — a few thousand pairs for a million customers.
 */
export async function customerValues(
  bg: BgNbdParams,
  gg: GammaGammaParams | null,
  input: ValueInput,
  options: ValueOptions,
  tick?: (done: number, total: number) => Promise<void> | void,
): Promise<CustomerValues> {
  const n = input.x.length;
  const monthUnits = MONTH_DAYS / options.unitDays;
  const H = options.horizonMonths;
  const discount = new Float64Array(H + 1);
  for (let k = 1; k <= H; k++) discount[k] = Math.pow(1 + options.discountRate, -k);
  const cache = new Map<number, { predict: number; discounted: number; holdout: number }>();
  const out: CustomerValues = {
    pAlive: new Float64Array(n),
    expectedPurchases: new Float64Array(n),
    expectedSpend: new Float64Array(n),
    clv: new Float64Array(n),
    holdoutPredicted: options.holdoutPeriods === null ? null : new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    if (i % 100_000 === 99_999) await tick?.(i, n);
    const x = input.x[i]!;
    const Tdays = input.TDays[i]!;
    const key = x * 2 ** 20 + Tdays;
    let c = cache.get(key);
    if (!c) {
      const T = Tdays / options.unitDays;
      let discounted = 0;
      let prev = 0;
      for (let k = 1; k <= H; k++) {
        const e = expectedIfAlive(bg, k * monthUnits, x, T);
        discounted += (e - prev) * discount[k]!;
        prev = e;
      }
      c = {
        predict: expectedIfAlive(bg, options.predictPeriods, x, T),
        discounted,
        holdout: options.holdoutPeriods === null ? 0 : expectedIfAlive(bg, options.holdoutPeriods, x, T),
      };
      cache.set(key, c);
    }
    const alive = pAlive(bg, x, input.txDays[i]! / options.unitDays, Tdays / options.unitDays);
    const spend = gg ? (expectedSpend(gg, x, x > 0 ? input.monetary[i]! : 0) ?? NaN) : NaN;
    out.pAlive[i] = alive;
    out.expectedPurchases[i] = alive * c.predict;
    out.expectedSpend[i] = spend;
    out.clv[i] = Number.isNaN(spend) ? NaN : options.margin * spend * alive * c.discounted;
    if (out.holdoutPredicted) out.holdoutPredicted[i] = alive * c.holdout;
  }
  return out;
}
