import { SeededRandom } from '../cluster/prng';
import type { BgNbdParams } from './bgnbd-likelihood';
import type { GammaGammaParams } from './gamma-gamma';

/**
 * A generator of customers from known model parameters, for tests, benchmarks and demos:
 * λ ~ Gamma(r, α) purchases per unit, after each repeat purchase a dropout with p ~ Beta(a, b)
 * (the BG/NBD story); spend per purchase ~ Gamma(p, ν) with ν ~ Gamma(q, γ) (Gamma-Gamma).
 * Seeded (xoshiro128**), so a seed gives the same customers on every machine.
 */
export class ModelRandom {
  private readonly rng: SeededRandom;
  private spare: number | null = null;

  constructor(seed: number, stream = 0) {
    this.rng = new SeededRandom(seed, stream);
  }

  uniform(): number {
    return this.rng.nextDouble();
  }

  /** Uniform on (0, 1): never exactly 0, so logs stay finite. */
  open(): number {
    let u = this.rng.nextDouble();
    while (u === 0) u = this.rng.nextDouble();
    return u;
  }

  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    // Marsaglia's polar method.
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * f;
        return u * f;
      }
    }
  }

  /** Gamma with this shape and RATE (mean shape ÷ rate): Marsaglia & Tsang (2000). */
  gamma(shape: number, rate: number): number {
    if (shape < 1) return this.gamma(shape + 1, rate) * Math.pow(this.open(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let z: number;
      let v: number;
      do {
        z = this.normal();
        v = 1 + c * z;
      } while (v <= 0);
      v = v * v * v;
      const u = this.open();
      if (u < 1 - 0.0331 * z * z * z * z || Math.log(u) < 0.5 * z * z + d * (1 - v + Math.log(v))) return (d * v) / rate;
    }
  }

  beta(a: number, b: number): number {
    const x = this.gamma(a, 1);
    return x / (x + this.gamma(b, 1));
  }

  exponential(rate: number): number {
    return -Math.log(this.open()) / rate;
  }
}

export interface SimulatedCustomer {
  /** Purchase times in units after the first purchase (0 first), up to the end of observation. */
  times: number[];
  /** Value of each purchase. */
  values: number[];
}

/** One customer's purchases over `observe` units after their first purchase. */
export function simulateCustomer(rng: ModelRandom, bg: BgNbdParams, gg: GammaGammaParams, observe: number): SimulatedCustomer {
  const lambda = rng.gamma(bg.r, bg.alpha);
  const p = rng.beta(bg.a, bg.b);
  const nu = rng.gamma(gg.q, gg.gamma);
  const times = [0];
  const values = [rng.gamma(gg.p, nu)];
  let t = 0;
  for (;;) {
    t += rng.exponential(lambda);
    if (t > observe) break;
    times.push(t);
    values.push(rng.gamma(gg.p, nu));
    // Dropout can only follow a repeat purchase (BG/NBD).
    if (rng.uniform() < p) break;
  }
  return { times, values };
}

export interface SummarySimulation {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Mean of the repeat purchase values (NaN for x = 0). */
  monetary: Float64Array;
  /** Purchases in (T, T + holdout]. */
  holdout: Int32Array;
}

/**
 * Continuous-time customers summarised the BG/NBD way: first purchases spread evenly over the
 * first `acquisition` units, calibration ends at `calibration` units, optional holdout after it.
 */
export function simulateSummaries(
  n: number,
  bg: BgNbdParams,
  gg: GammaGammaParams,
  opts: { seed: number; acquisition: number; calibration: number; holdout?: number },
): SummarySimulation {
  const rng = new ModelRandom(opts.seed, 1);
  const out: SummarySimulation = { x: new Float64Array(n), tx: new Float64Array(n), T: new Float64Array(n), monetary: new Float64Array(n), holdout: new Int32Array(n) };
  for (let i = 0; i < n; i++) {
    const start = rng.uniform() * opts.acquisition;
    const T = opts.calibration - start;
    const c = simulateCustomer(rng, bg, gg, T + (opts.holdout ?? 0));
    let x = 0;
    let last = 0;
    let spend = 0;
    let held = 0;
    for (let k = 1; k < c.times.length; k++) {
      if (c.times[k]! <= T) {
        x++;
        last = c.times[k]!;
        spend += c.values[k]!;
      } else held++;
    }
    out.x[i] = x;
    out.tx[i] = last;
    out.T[i] = T;
    out.monetary[i] = x > 0 ? spend / x : NaN;
    out.holdout[i] = held;
  }
  return out;
}

export interface TransactionSimulationSpec {
  customers: number;
  bgnbd: BgNbdParams;
  gammaGamma: GammaGammaParams;
  seed: number;
  /** Length of the model's time unit in days (λ is per unit). */
  unitDays: number;
  /** First purchases fall uniformly on days 0 … acquisitionDays−1. */
  acquisitionDays: number;
  /** Purchases are generated up to this day (exclusive). */
  endDay: number;
}

/**
 * Transactions with whole-day dates, customer by customer: `next(k, emit)` simulates the next k
 * customers and calls `emit(customer, day, amount)` per purchase in time order (amounts in
 * cents), so a caller can write ten million rows in batches. Seeded: the same spec and seed give
 * the same transactions however the batches are cut.
 */
export class TransactionSimulator {
  private readonly rng: ModelRandom;
  private done = 0;

  constructor(private readonly spec: TransactionSimulationSpec) {
    this.rng = new ModelRandom(spec.seed, 2);
  }

  get remaining(): number {
    return this.spec.customers - this.done;
  }

  /** Returns the number of transactions emitted. */
  next(k: number, emit: (customer: number, day: number, amount: number) => void): number {
    const spec = this.spec;
    const end = Math.min(spec.customers, this.done + k);
    let count = 0;
    for (let i = this.done; i < end; i++) {
      const startDay = Math.floor(this.rng.uniform() * spec.acquisitionDays);
      const observeUnits = (spec.endDay - startDay) / spec.unitDays;
      const c = simulateCustomer(this.rng, spec.bgnbd, spec.gammaGamma, observeUnits);
      for (let j = 0; j < c.times.length; j++) {
        const day = startDay + Math.floor(c.times[j]! * spec.unitDays);
        if (day >= spec.endDay) break;
        emit(i, day, Math.round(c.values[j]! * 100) / 100);
        count++;
      }
    }
    this.done = end;
    return count;
  }
}

/** All customers at once (tests and small data). Returns the number of transactions. */
export function simulateTransactions(spec: TransactionSimulationSpec, emit: (customer: number, day: number, amount: number) => void): number {
  return new TransactionSimulator(spec).next(spec.customers, emit);
}
