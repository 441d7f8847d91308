/**
 * Quasi-Newton minimisation (BFGS with a backtracking Armijo line search) for the small,
 * smooth likelihoods of the customer-value models. Parameters are searched in log space by the
 * callers, so the box bounds here only keep them from running off to 0 or ∞.
 */

/** Writes the gradient into `grad` and returns the value; non-finite values are rejected steps. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface MinimizeOptions {
  maxIterations?: number;
  /** Stop when every gradient component is at most this (the objective should be O(1)). */
  gradientTolerance?: number;
  lower?: number;
  upper?: number;
  /** Called after each iteration (progress, cancellation). */
  onIteration?: (iteration: number, value: number) => Promise<void> | void;
  /** Curvature already learnt (row-major n×n inverse Hessian), e.g. from a fit on a sample. */
  initialInverseHessian?: Float64Array;
}

export type StopReason = 'gradient' | 'no-progress' | 'max-iterations' | 'line-search';

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  /** Largest gradient component at the end. */
  gradientNorm: number;
  iterations: number;
  evaluations: number;
  /** True when the gradient test passed (or the objective stopped changing at machine precision). */
  converged: boolean;
  reason: StopReason;
  /** The final inverse-Hessian approximation (to warm-start a related fit). */
  inverseHessian: Float64Array;
}

export async function minimize(fn: Objective, start: ArrayLike<number>, options: MinimizeOptions = {}): Promise<MinimizeResult> {
  const n = start.length;
  const maxIterations = options.maxIterations ?? 500;
  const tol = options.gradientTolerance ?? 1e-8;
  const lower = options.lower ?? -Infinity;
  const upper = options.upper ?? Infinity;
  const clamp = (v: number): number => Math.min(upper, Math.max(lower, v));
  let x = Float64Array.from(start, clamp);
  let g = new Float64Array(n);
  let evaluations = 1;
  let f = fn(x, g);
  if (!Number.isFinite(f)) throw new RangeError('objective is not finite at the start');
  // Inverse Hessian approximation, row-major n×n.
  const warm = options.initialInverseHessian !== undefined && options.initialInverseHessian.length === n * n;
  const H = warm ? Float64Array.from(options.initialInverseHessian!) : identity(n);
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let stalled = 0;
  let iterations = 0;
  let reason: StopReason = 'max-iterations';
  while (iterations < maxIterations) {
    if (maxAbs(g) <= tol) {
      reason = 'gradient';
      break;
    }
    iterations++;
    multiply(H, g, d, -1);
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction: restart from steepest descent.
      setIdentity(H);
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = dot(g, d);
    }
    // At most 5 units in any log-parameter per step: keeps exp() of the parameters finite.
    const longest = maxAbs(d);
    let step = longest > 5 ? 5 / longest : 1;
    let fNew = NaN;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) xNew[i] = clamp(x[i]! + step * d[i]!);
      fNew = fn(xNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= Number.isFinite(fNew) ? Math.max(0.1, Math.min(0.5, (-slope * step) / (2 * (fNew - f - slope * step)))) : 0.25;
    }
    if (!accepted) {
      reason = 'line-search';
      break;
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (iterations === 1 && sy > 0 && !warm) {
      // Scale the first inverse-Hessian guess to the curvature just seen.
      const scale = sy / dot(y, y);
      for (let i = 0; i < n; i++) H[i * n + i] = scale;
    }
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) bfgsUpdate(H, s, y, sy);
    const change = f - fNew;
    x = Float64Array.from(xNew);
    [g, gNew] = [gNew, g];
    f = fNew;
    await options.onIteration?.(iterations, f);
    stalled = change <= 1e-15 * Math.max(1, Math.abs(f)) ? stalled + 1 : 0;
    if (stalled >= 3) {
      reason = 'no-progress';
      break;
    }
  }
  const gradientNorm = maxAbs(g);
  // A stall at machine precision with a small gradient is a converged optimum too.
  const converged = reason === 'gradient' || (reason !== 'max-iterations' && gradientNorm <= tol * 1e3);
  return { x, value: f, gradientNorm, iterations, evaluations, converged, reason, inverseHessian: Float64Array.from(H) };
}

function bfgsUpdate(H: Float64Array, s: Float64Array, y: Float64Array, sy: number): void {
  const n = s.length;
  const rho = 1 / sy;
  const Hy = new Float64Array(n);
  multiply(H, y, Hy, 1);
  const yHy = dot(y, Hy);
  // H ← H − ρ(Hy sᵀ + s yᵀH) + (ρ² yᵀHy + ρ) s sᵀ  (H symmetric).
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      H[i * n + j] = H[i * n + j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!;
    }
  }
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  setIdentity(m);
  return m;
}

function setIdentity(m: Float64Array): void {
  const n = Math.round(Math.sqrt(m.length));
  m.fill(0);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
}

function multiply(m: Float64Array, v: Float64Array, out: Float64Array, sign: number): void {
  const n = v.length;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += m[i * n + j]! * v[j]!;
    out[i] = sign * s;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

/**
 * Inverts a symmetric matrix after checking it is positive definite (a Cholesky factorisation
 * must succeed); null otherwise, and then no standard errors are reported.
 */
export function invertPositiveDefinite(m: ArrayLike<number>, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i * n + j]!;
      for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return null;
        L[i * n + i] = Math.sqrt(s);
      } else L[i * n + j] = s / L[j * n + j]!;
    }
  }
  // inv = L⁻ᵀ L⁻¹, column by column: solve L y = eⱼ, then Lᵀ z = y.
  const inv = new Float64Array(n * n);
  const y = new Float64Array(n);
  for (let col = 0; col < n; col++) {
    for (let i = 0; i < n; i++) {
      let s = i === col ? 1 : 0;
      for (let k = 0; k < i; k++) s -= L[i * n + k]! * y[k]!;
      y[i] = s / L[i * n + i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i]!;
      for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * inv[k * n + col]!;
      inv[i * n + col] = s / L[i * n + i]!;
    }
  }
  return inv;
}

/**
 * Hessian of a function by central differences of its analytic gradient (symmetrised), with
 * steps relative to each coordinate.
 */
export function numericHessian(gradient: (x: Float64Array, out: Float64Array) => void, at: ArrayLike<number>): Float64Array {
  const n = at.length;
  const h = new Float64Array(n * n);
  const x = Float64Array.from(at);
  const gp = new Float64Array(n);
  const gm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const step = 1e-5 * Math.max(1e-3, Math.abs(at[j]!));
    x[j] = at[j]! + step;
    gradient(x, gp);
    x[j] = at[j]! - step;
    gradient(x, gm);
    x[j] = at[j]!;
    for (let i = 0; i < n; i++) h[i * n + j] = (gp[i]! - gm[i]!) / (2 * step);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = (h[i * n + j]! + h[j * n + i]!) / 2;
      h[i * n + j] = v;
      h[j * n + i] = v;
    }
  }
  return h;
}
