import { invertPositiveDefinite, minimize, numericHessian, type StopReason } from './optimizer';

/** One optimiser run from one starting point. */
export interface StartOutcome {
  start: number[];
  estimate: number[];
  logLik: number;
  converged: boolean;
  iterations: number;
}

/** A maximum-likelihood fit: the best of several starts, with standard errors when defined. */
export interface MlFit {
  estimate: number[];
  logLik: number;
  /** From the inverse of the observed information (numerical Hessian); null when not invertible. */
  standardErrors: number[] | null;
  converged: boolean;
  reason: StopReason;
  /** Iterations of the final run (on all customers). */
  iterations: number;
  gradientNorm: number;
  starts: StartOutcome[];
  /** Starts that reached the best log-likelihood (within 1e-6 per customer). */
  agreeingStarts: number;
  /** Customers the starts were run on when that was a sample; null = all of them. */
  startsSample: number | null;
}

type LogLik = (params: Float64Array, grad: Float64Array | null) => number;

export interface MlProblem {
  /** Total log-likelihood at natural (positive) parameters; with `grad`, its gradient there. */
  logLik: LogLik;
  /** Customers the likelihood sums over (the objective is scaled per customer). */
  customers: number;
  starts: number[][];
  /**
   * A systematic sample of the customers for large data: the starts run on it, and the best
   * sample optimum is then polished on all customers (a few iterations from a point that is
   * already close), which costs a fraction of running every start on everything.
   */
  sample?: { logLik: LogLik; customers: number };
  onIteration?: () => Promise<void> | void;
}

const OPTIONS = { lower: -30, upper: 30, maxIterations: 400, gradientTolerance: 1e-9 };

/** The per-customer negative log-likelihood in log-parameter space, for the minimiser. */
function objective(logLik: LogLik, customers: number, size: number) {
  const natural = new Float64Array(size);
  const g = new Float64Array(size);
  return (theta: Float64Array, grad: Float64Array): number => {
    for (let i = 0; i < theta.length; i++) natural[i] = Math.exp(theta[i]!);
    const ll = logLik(natural, g);
    for (let i = 0; i < theta.length; i++) grad[i] = (-g[i]! * natural[i]!) / customers;
    return -ll / customers;
  };
}

/**
 * Maximises a likelihood over positive parameters in log space from several starts, keeps the
 * best, and reports whether the starts agree — a fit that depends on its start is flagged.
 */
export async function fitMaximumLikelihood(problem: MlProblem): Promise<MlFit> {
  const size = problem.starts[0]!.length;
  const stage = problem.sample ?? { logLik: problem.logLik, customers: problem.customers };
  const startObjective = objective(stage.logLik, stage.customers, size);
  const outcomes: (StartOutcome & { reason: StopReason; gradientNorm: number; inverseHessian: Float64Array })[] = [];
  for (const start of problem.starts) {
    const r = await minimize(
      startObjective,
      start.map((v) => Math.log(v)),
      { ...OPTIONS, onIteration: problem.onIteration },
    );
    outcomes.push({
      start,
      estimate: Array.from(r.x, (v) => Math.exp(v)),
      logLik: -r.value * stage.customers,
      converged: r.converged,
      iterations: r.iterations,
      reason: r.reason,
      gradientNorm: r.gradientNorm,
      inverseHessian: r.inverseHessian,
    });
  }
  const bestStart = outcomes.reduce((a, b) => (b.logLik > a.logLik ? b : a));
  const agreeing = outcomes.filter((o) => Math.abs(o.logLik - bestStart.logLik) <= 1e-6 * stage.customers).length;
  let final = { estimate: bestStart.estimate, logLik: bestStart.logLik, converged: bestStart.converged, reason: bestStart.reason, iterations: bestStart.iterations, gradientNorm: bestStart.gradientNorm };
  if (problem.sample) {
    const r = await minimize(
      objective(problem.logLik, problem.customers, size),
      bestStart.estimate.map((v) => Math.log(v)),
      // The per-customer objective has about the same curvature on the sample: start from it.
      { ...OPTIONS, onIteration: problem.onIteration, initialInverseHessian: bestStart.inverseHessian },
    );
    final = { estimate: Array.from(r.x, (v) => Math.exp(v)), logLik: -r.value * problem.customers, converged: r.converged, reason: r.reason, iterations: r.iterations, gradientNorm: r.gradientNorm };
  }
  const hessian = numericHessian((at, out) => {
    problem.logLik(at, out);
    for (let i = 0; i < out.length; i++) out[i] = -out[i]!;
  }, final.estimate);
  const inv = invertPositiveDefinite(hessian, size);
  const standardErrors = inv ? final.estimate.map((_, i) => Math.sqrt(inv[i * size + i]!)) : null;
  return {
    ...final,
    standardErrors,
    starts: outcomes.map(({ start, estimate, logLik, converged, iterations }) => ({ start, estimate, logLik, converged, iterations })),
    agreeingStarts: agreeing,
    startsSample: problem.sample ? problem.sample.customers : null,
  };
}

/** Customers above which the starts run on a systematic sample of this size. */
export const START_SAMPLE = 100_000;

/** Every k-th index of n (k = ⌈n / size⌉): a systematic sample, deterministic and spread evenly. */
export function systematicSample(n: number, size: number): Int32Array {
  const step = Math.ceil(n / size);
  const out = new Int32Array(Math.ceil(n / step));
  for (let i = 0, j = 0; i < n; i += step, j++) out[j] = i;
  return out;
}
