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
  iterations: number;
  gradientNorm: number;
  starts: StartOutcome[];
  /** Starts that reached the best log-likelihood (within 1e-6 per customer). */
  agreeingStarts: number;
}

export interface MlProblem {
  /** Total log-likelihood at natural (positive) parameters; with `grad`, its gradient there. */
  logLik: (params: Float64Array, grad: Float64Array | null) => number;
  /** Customers the likelihood sums over (the objective is scaled per customer). */
  customers: number;
  starts: number[][];
  onIteration?: () => Promise<void> | void;
}

/**
 * Maximises a likelihood over positive parameters in log space from several starts, keeps the
 * best, and reports whether the starts agree — a fit that depends on its start is flagged.
 */
export async function fitMaximumLikelihood(problem: MlProblem): Promise<MlFit> {
  const n = problem.customers;
  const natural = new Float64Array(problem.starts[0]!.length);
  const g = new Float64Array(natural.length);
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    for (let i = 0; i < theta.length; i++) natural[i] = Math.exp(theta[i]!);
    const ll = problem.logLik(natural, g);
    for (let i = 0; i < theta.length; i++) grad[i] = (-g[i]! * natural[i]!) / n;
    return -ll / n;
  };
  const outcomes: (StartOutcome & { reason: StopReason; gradientNorm: number })[] = [];
  for (const start of problem.starts) {
    const r = await minimize(
      objective,
      start.map((v) => Math.log(v)),
      { lower: -30, upper: 30, maxIterations: 400, gradientTolerance: 1e-9, onIteration: problem.onIteration },
    );
    outcomes.push({
      start,
      estimate: Array.from(r.x, (v) => Math.exp(v)),
      logLik: -r.value * n,
      converged: r.converged,
      iterations: r.iterations,
      reason: r.reason,
      gradientNorm: r.gradientNorm,
    });
  }
  const best = outcomes.reduce((a, b) => (b.logLik > a.logLik ? b : a));
  const agreeing = outcomes.filter((o) => Math.abs(o.logLik - best.logLik) <= 1e-6 * n).length;
  const hessian = numericHessian((at, out) => {
    problem.logLik(at, out);
    for (let i = 0; i < out.length; i++) out[i] = -out[i]!;
  }, best.estimate);
  const inv = invertPositiveDefinite(hessian, best.estimate.length);
  const standardErrors = inv ? best.estimate.map((_, i) => Math.sqrt(inv[i * best.estimate.length + i]!)) : null;
  return {
    estimate: best.estimate,
    logLik: best.logLik,
    standardErrors,
    converged: best.converged,
    reason: best.reason,
    iterations: best.iterations,
    gradientNorm: best.gradientNorm,
    starts: outcomes.map(({ start, estimate, logLik, converged, iterations }) => ({ start, estimate, logLik, converged, iterations })),
    agreeingStarts: agreeing,
  };
}
