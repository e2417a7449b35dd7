// The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"):
// while alive a customer buys at a Poisson rate λ ~ Gamma(r, α); after every purchase they drop
// out with probability p ~ Beta(a, b). Fitted by maximum likelihood; SPEC M1–M5.
import { minimize, searchOptions } from './optimize.ts';
import { lbeta, lgamma, log2F1, logAddExp } from './special.ts';

/** What the customer-base models read from a summary: repeat count, recency and age. */
export interface History {
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
}

export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

export interface BgNbdFit extends BgNbdParams {
  readonly logLikelihood: number;
}

/** Identical histories collapse to one row with a weight, which makes fitting much cheaper. */
export interface HistoryGroups {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weight: Float64Array;
  /** Distinct frequencies, and for each group the index of its frequency in that list. */
  readonly distinctX: Float64Array;
  readonly xIndex: Int32Array;
}

export function groupHistories(data: Iterable<History>): HistoryGroups {
  const index = new Map<string, number>();
  const rows: { x: number; tx: number; T: number; w: number }[] = [];
  for (const h of data) {
    checkHistory(h);
    const key = `${h.frequency}|${h.recency}|${h.T}`;
    const i = index.get(key);
    if (i === undefined) {
      index.set(key, rows.length);
      rows.push({ x: h.frequency, tx: h.recency, T: h.T, w: 1 });
    } else (rows[i] as { w: number }).w++;
  }
  const xs = [...new Set(rows.map((r) => r.x))].sort((p, q) => p - q);
  const xPos = new Map(xs.map((x, i) => [x, i]));
  return {
    x: Float64Array.from(rows, (r) => r.x),
    tx: Float64Array.from(rows, (r) => r.tx),
    T: Float64Array.from(rows, (r) => r.T),
    weight: Float64Array.from(rows, (r) => r.w),
    distinctX: Float64Array.from(xs),
    xIndex: Int32Array.from(rows, (r) => xPos.get(r.x) as number),
  };
}

export function checkHistory(h: History): void {
  const { frequency: x, recency: tx, T } = h;
  if (!(Number.isInteger(x) && x >= 0) || !(tx >= 0) || !(T >= tx) || !Number.isFinite(T)) {
    throw new RangeError(`a history needs an integer frequency ≥ 0 and 0 ≤ recency ≤ T, got ${JSON.stringify(h)}`);
  }
  if (x === 0 && tx !== 0) throw new RangeError(`a customer without repeat purchases has recency 0, got ${JSON.stringify(h)}`);
}

/** Total log-likelihood of the grouped histories (M1), in log space throughout. */
export function bgnbdLogLikelihoodGroups(p: BgNbdParams, g: HistoryGroups): number {
  const { r, alpha, a, b } = p;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return -Infinity;
  // Terms that depend only on the frequency are computed once per distinct frequency.
  const nx = g.distinctX.length;
  const byX = new Float64Array(nx);
  const dropTerm = new Float64Array(nx);
  const base = lgamma(a + b) - lgamma(b) - lgamma(r) + r * Math.log(alpha);
  for (let k = 0; k < nx; k++) {
    const x = g.distinctX[k] as number;
    byX[k] = base + lgamma(r + x) + lgamma(b + x) - lgamma(a + b + x);
    dropTerm[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
  }
  let ll = 0;
  for (let i = 0; i < g.x.length; i++) {
    const x = g.x[i] as number;
    const k = g.xIndex[i] as number;
    const stay = -(r + x) * Math.log(alpha + (g.T[i] as number));
    const left = x > 0 ? (dropTerm[k] as number) - (r + x) * Math.log(alpha + (g.tx[i] as number)) : -Infinity;
    ll += (g.weight[i] as number) * ((byX[k] as number) + logAddExp(stay, left));
  }
  return ll;
}

export function bgnbdLogLikelihood(p: BgNbdParams, data: Iterable<History>): number {
  return bgnbdLogLikelihoodGroups(p, groupHistories(data));
}

export interface FitOptions {
  /** Starting point; by default one scaled to the data's time unit. */
  readonly start?: Partial<BgNbdParams>;
  /**
   * The start is a previous fit on nearly the same data (a recompute after a few changes): the
   * search begins with a small simplex around it and restarts once, instead of exploring.
   */
  readonly warm?: boolean;
}


/** Maximum-likelihood fit over log-parameters (SPEC M1). */
export function fitBgNbd(data: Iterable<History>, opts: FitOptions = {}): BgNbdFit {
  const g = groupHistories(data);
  if (g.x.length === 0) throw new RangeError('fitting BG/NBD needs at least one customer');
  const start = opts.start ?? {};
  const x0 = [
    Math.log(start.r ?? 1),
    Math.log(start.alpha ?? Math.max(1e-3, meanWeighted(g.T, g.weight))),
    Math.log(start.a ?? 1),
    Math.log(start.b ?? 1),
  ];
  const nll = (v: readonly number[]): number =>
    -bgnbdLogLikelihoodGroups({ r: Math.exp(v[0] as number), alpha: Math.exp(v[1] as number), a: Math.exp(v[2] as number), b: Math.exp(v[3] as number) }, g);
  const best = minimize(nll, x0, searchOptions(opts.warm));
  const [r, alpha, a, b] = best.x.map(Math.exp) as [number, number, number, number];
  return { r, alpha, a, b, logLikelihood: -best.value };
}

export function meanWeighted(values: Float64Array, weights: Float64Array): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < values.length; i++) {
    s += (values[i] as number) * (weights[i] as number);
    w += weights[i] as number;
  }
  return w > 0 ? s / w : 0;
}

/** ln of the odds "dropped out after the last purchase" : "still alive" (0 odds without repeats). */
function logDeadOdds(p: BgNbdParams, h: History): number {
  const { r, alpha, a, b } = p;
  const x = h.frequency;
  if (x === 0) return -Infinity;
  return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + h.T) - Math.log(alpha + h.recency));
}

/** P(alive | history) (M2). */
export function bgnbdPAlive(p: BgNbdParams, h: History): number {
  const d = logDeadOdds(p, h);
  return d === -Infinity ? 1 : 1 / (1 + Math.exp(d));
}

/** E[X(t)]: expected purchases of a new customer in a period of length t (M3). */
export function bgnbdExpected(p: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  if (t <= 0) return 0;
  const z = t / (alpha + t);
  const logTail = r * Math.log(alpha / (alpha + t)) + log2F1(r, b, a + b - 1, z);
  return ((a + b - 1) / (a - 1)) * -Math.expm1(logTail);
}

/** E[Y(t) | history]: expected purchases in the next t units of a customer with this history (M4). */
export function bgnbdConditionalExpected(p: BgNbdParams, h: History, t: number): number {
  const { r, alpha, a, b } = p;
  const x = h.frequency;
  if (t <= 0) return 0;
  const aT = alpha + h.T;
  const z = t / (aT + t);
  const logTail = (r + x) * Math.log(aT / (aT + t)) + log2F1(r + x, b + x, a + b + x - 1, z);
  const whileAlive = ((a + b + x - 1) / (a - 1)) * -Math.expm1(logTail);
  return whileAlive * bgnbdPAlive(p, h);
}

/** P(X(t) = n): the probability a new customer makes exactly n purchases in a period of length t (M5). */
export function bgnbdProbability(p: BgNbdParams, t: number, n: number): number {
  const { r, alpha, a, b } = p;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  const lq = Math.log(alpha / (alpha + t));
  const lz = t > 0 ? Math.log(t / (alpha + t)) : -Infinity;
  const lBab = lbeta(a, b);
  // NBD(r, α) probability of j purchases in t, in log space.
  const nbd = (j: number): number => lgamma(r + j) - lgamma(r) - lgamma(j + 1) + r * lq + (j > 0 ? j * lz : 0);
  const alive = lbeta(a, b + n) - lBab + nbd(n);
  if (n === 0) return Math.exp(alive);
  // P(NBD ≥ n): one minus the head when the head is small, else the tail summed directly, so
  // the difference never cancels away.
  let head = 0;
  for (let j = 0; j < n; j++) head += Math.exp(nbd(j));
  let atLeast: number;
  if (head < 0.5) atLeast = 1 - head;
  else {
    atLeast = 0;
    for (let j = n; j < n + 100_000; j++) {
      const term = Math.exp(nbd(j));
      atLeast += term;
      if (term < 1e-17 * atLeast && j > n + (r * t) / alpha) break;
    }
  }
  const dropped = lbeta(a + 1, b + n - 1) - lBab + Math.log(atLeast);
  return Math.exp(logAddExp(alive, dropped));
}
