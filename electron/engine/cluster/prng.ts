/**
 * The seeded random source of cluster analysis. Only 32-bit integer operations (Math.imul, shifts)
 * are used, so a seed gives the same stream on every machine and JavaScript engine.
 *
 * - Seeding: SplitMix32 (golden-ratio increment 0x9e3779b9, mixer constants 0x85ebca6b and
 *   0xc2b2ae35, as in MurmurHash3's finaliser) expands (seed, stream) into the four state words.
 * - Generator: xoshiro128** (Blackman & Vigna): result = rotl(s1 × 5, 7) × 9.
 * - Doubles: two outputs a, b give (a >>> 5) × 2^26 + (b >>> 6), divided by 2^53: uniform in [0, 1).
 *
 * `stream` separates independent sequences from one user seed (restart r uses stream r + 1, the
 * silhouette sample uses stream 0), so running restarts in any order or on any number of workers
 * gives the same result.
 */
export class SeededRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number, stream = 0) {
    let x = (seed >>> 0) ^ Math.imul(stream + 1, 0x632be5ab);
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Uniform integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.nextDouble() * n);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A seeded sample of `m` distinct indices out of n, sorted (partial Fisher–Yates). */
export function sampleIndices(n: number, m: number, seed: number): Int32Array {
  if (m >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const rng = new SeededRandom(seed, 0);
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < m; i++) {
    const j = i + rng.nextInt(n - i);
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, m).sort();
}
