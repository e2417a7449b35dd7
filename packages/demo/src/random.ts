// A small seeded PRNG and the distributions the demo generator draws from.
//
// sfc32 (Chris Doty-Humphrey's Small Fast Counting generator) is fast in JS (32-bit integer ops
// only), passes PractRand, and its 128-bit state is cheap to create — the generator makes one
// stream per customer so that each customer's purchase history can be replayed on its own
// (calibration in buying.ts, then emission in gen/orders.ts). The state is seeded through
// splitmix32 so that nearby seeds (1, 2, 3…) give unrelated streams.
//
// Nothing here reads the clock, Math.random or crypto: the same seed gives the same numbers
// on every machine (all arithmetic is IEEE double or 32-bit integer, which JS defines exactly;
// Math.log/exp/sqrt/cos may differ in the last ulp between engines, which only matters when
// comparing output across different JS engines, not across runs).

/** One step of splitmix32: a good 32-bit mixer, used to seed and to derive sub-seeds. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function hashString(s: string): number {
  // FNV-1a, then mixed: stream names become well-spread 32-bit keys.
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return splitmix32(h);
}

/**
 * A 32-bit seed derived from a root seed and a path of keys, e.g. (seed, 'buy', customerIndex).
 * Each part of the generator draws from its own derived stream, so adding draws to one part
 * does not shift the numbers every later part sees.
 */
export function deriveSeed(seed: number, ...path: readonly (string | number)[]): number {
  let h = splitmix32(seed >>> 0);
  for (const p of path) {
    const k = typeof p === 'string' ? hashString(p) : splitmix32(p >>> 0) ^ Math.floor(p / 4294967296);
    h = splitmix32(h ^ k);
  }
  return h;
}

const TWO_32 = 4294967296;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Second value of the last polar normal pair (Marsaglia's method makes two at a time). */
  private spare: number | undefined;

  constructor(seed: number) {
    const s0 = splitmix32(seed >>> 0);
    const s1 = splitmix32(s0);
    const s2 = splitmix32(s1);
    const s3 = splitmix32(s2);
    this.a = s0;
    this.b = s1;
    this.c = s2;
    this.d = s3 | 1;
    // Discard the first outputs: sfc32 mixes its state over the first dozen steps.
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** An independent stream seeded from this one's next output and a key (consumes one draw). */
  fork(key: string | number): Rng {
    return new Rng(deriveSeed(this.u32(), key));
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). 32 bits of resolution is plenty for simulation. */
  float(): number {
    return this.u32() / TWO_32;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Index drawn with probability proportional to `weights[i]` (linear scan: for short lists). */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new Error('weighted pick needs a positive total weight');
    let x = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i] as number;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** An item drawn with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    if (items.length !== weights.length) throw new Error('weighted pick: items and weights differ in length');
    return items[this.weightedIndex(weights)] as T;
  }

  /** Picks a key of a { key: weight } table. */
  weightedKey<K extends string>(table: Readonly<Partial<Record<K, number>>>): K {
    const keys = Object.keys(table) as K[];
    return this.weighted(keys, keys.map((k) => table[k] ?? 0));
  }

  /** Standard normal (Marsaglia polar method). */
  normal(mean = 0, sd = 1): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return mean + sd * s;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.float() - 1;
      v = 2 * this.float() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return mean + sd * u * f;
  }

  /** exp(N(mu, sigma)): positive, right-skewed (durations, sizes). The median is exp(mu). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number {
    // 1 - u is in (0, 1], so the log is finite.
    return -Math.log(1 - this.float()) / rate;
  }

  /**
   * Gamma(shape, scale), mean shape·scale (Marsaglia & Tsang 2000). For shape < 1 it uses
   * Gamma(shape + 1)·U^(1/shape).
   */
  gamma(shape: number, scale = 1): number {
    if (!(shape > 0) || !(scale > 0)) throw new Error(`gamma needs positive shape and scale (${shape}, ${scale})`);
    if (shape < 1) {
      const u = 1 - this.float();
      return this.gamma(shape + 1, scale) * Math.pow(u, 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.float();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  /** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x / (x + y);
  }

  /** Poisson(mean): Knuth's product method for small means, PTRS (Hörmann 1993) above 30. */
  poisson(mean: number): number {
    if (!(mean >= 0)) throw new Error(`poisson needs a mean ≥ 0 (${mean})`);
    if (mean === 0) return 0;
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = this.float();
      while (p > limit) {
        k++;
        p *= this.float();
      }
      return k;
    }
    const slam = Math.sqrt(mean);
    const loglam = Math.log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.float() - 0.5;
      const v = this.float();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logGamma(k + 1)) {
        return k;
      }
    }
  }

  /** Geometric number of trials up to and including the first success (≥ 1), success prob p. */
  geometric(p: number): number {
    if (p >= 1) return 1;
    if (!(p > 0)) return Number.POSITIVE_INFINITY;
    return 1 + Math.floor(Math.log(1 - this.float()) / Math.log(1 - p));
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7), used by the Poisson sampler. */
export function logGamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let a = c[0] as number;
  const t = xx + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += (c[i] as number) / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Walker/Vose alias table: O(1) weighted picks from a fixed distribution (products by
 * popularity, accounts by activity level), where a linear scan per pick would be too slow for
 * the 1.5 million activities of size L.
 */
export class AliasTable {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;
  readonly size: number;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    if (n === 0) throw new Error('alias table needs at least one weight');
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i] as number;
      if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`alias table weight ${i} is not a finite number ≥ 0`);
      total += w;
    }
    if (!(total > 0)) throw new Error('alias table needs a positive total weight');
    this.size = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = ((weights[i] as number) * n) / total;
      ((scaled[i] as number) < 1 ? small : large).push(i);
    }
    while (small.length && large.length) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.prob[s] = scaled[s] as number;
      this.alias[s] = l;
      scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
      ((scaled[l] ?? 0) < 1 ? small : large).push(l);
    }
    for (const i of large) this.prob[i] = 1;
    for (const i of small) this.prob[i] = 1; // rounding leftovers
  }

  sample(rng: Rng): number {
    const x = rng.float() * this.size;
    const i = Math.floor(x);
    return x - i < (this.prob[i] as number) ? i : (this.alias[i] as number);
  }
}
