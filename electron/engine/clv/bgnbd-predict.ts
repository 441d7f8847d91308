import type { BgNbdParams } from './bgnbd-likelihood';
import { hyp2f1 } from './special-functions';

/**
 * P(alive | x, tₓ, T) = 1 / (1 + [x > 0] · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x))   (FHL 2005, eq. 13).
 * A customer without repeat purchases is alive with probability 1 under BG/NBD (a property of
 * the model: dropout can only follow a repeat purchase).
 */
export function pAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const lnOdds = Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
  // 1 / (1 + e^lnOdds) without overflow.
  return lnOdds > 0 ? Math.exp(-lnOdds) / (1 + Math.exp(-lnOdds)) : 1 / (1 + Math.exp(lnOdds));
}

/**
 * E[Y(t)] for a customer known to be alive — FHL's eq. 10 without its P(alive) factor:
 *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z)],  z = t/(α+T+t).
 * Euler's transformation 2F1(a', b'; c'; z) = (1−z)^(c'−a'−b') 2F1(c'−a', c'−b'; c'; z) gives the
 * same bracket as 1 − (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z). The form whose upper
 * parameters are smaller is summed: the transformed one for customers with hundreds of
 * purchases (where the original overflows), the original one when a is huge (a fit at the edge,
 * where the transformed one overflows). Both stay near 1 then, and c' is the large parameter.
 */
export function expectedIfAlive(p: BgNbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0;
  if (Math.abs(p.a - 1) < 1e-7) {
    // Removable singularity at a = 1: the mean of the values just either side.
    const h = 1e-5;
    return (expectedIfAlive({ ...p, a: 1 + h }, t, x, T) + expectedIfAlive({ ...p, a: 1 - h }, t, x, T)) / 2;
  }
  const z = t / (p.alpha + T + t);
  const lw = Math.log1p(-z);
  const c = p.a + p.b + x - 1;
  const euler = Math.abs(p.a + p.b - 1 - p.r) + Math.abs(p.a - 1) <= p.r + x + p.b + x;
  const f = euler ? hyp2f1(p.a + p.b - 1 - p.r, p.a - 1, c, z) : hyp2f1(p.r + x, p.b + x, c, z);
  // 1 − e^u·f written as −expm1(u) + e^u(1 − f): no cancellation when t is short.
  const u = (euler ? p.a - 1 : p.r + x) * lw;
  return ((p.a + p.b + x - 1) / (p.a - 1)) * (-Math.expm1(u) + Math.exp(u) * (1 - f));
}

/** E[Y(t) | x, tₓ, T]: expected repeat purchases in the next t units (FHL 2005, eq. 10). */
export function expectedPurchases(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  return expectedIfAlive(p, t, x, T) * pAlive(p, x, tx, T);
}

/** E[X(t)]: expected repeat purchases in the first t units after a customer's first purchase (eq. 9). */
export function expectedPurchasesFromStart(p: BgNbdParams, t: number): number {
  return expectedIfAlive(p, t, 0, 0);
}
