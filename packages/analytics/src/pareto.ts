// The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987; likelihood as in Fader & Hardie
// 2005, "A note on deriving the Pareto/NBD model"): purchases at rate λ ~ Gamma(r, α) while
// alive, an exponential lifetime with rate μ ~ Gamma(s, β). SPEC M6–M8.
import { groupHistories, meanWeighted, type History, type HistoryGroups } from './bgnbd.ts';
import { minimize } from './optimize.ts';
import { lgamma, log2F1, logAddExp, logSubExp } from './special.ts';

export interface ParetoParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}

export interface ParetoFit extends ParetoParams {
  readonly logLikelihood: number;
}

/**
 * ln A₀, the part of the likelihood for "died between the last purchase and T". The
 * hypergeometric argument is built from the larger of α and β so it stays inside [0, 1).
 */
function logA0(p: ParetoParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const rsx = r + s + x;
  const part = (y: number): number =>
    alpha >= beta
      ? log2F1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + y)) - rsx * Math.log(alpha + y)
      : log2F1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + y)) - rsx * Math.log(beta + y);
  return logSubExp(part(tx), part(T));
}

function logLikelihoodOne(p: ParetoParams, x: number, tx: number, T: number, lgRx: number): number {
  const { r, alpha, s, beta } = p;
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const died = Math.log(s / (r + s + x)) + logA0(p, x, tx, T);
  return lgRx - lgamma(r) + r * Math.log(alpha) + s * Math.log(beta) + logAddExp(alive, died);
}

export function paretoLogLikelihoodGroups(p: ParetoParams, g: HistoryGroups): number {
  if (!(p.r > 0 && p.alpha > 0 && p.s > 0 && p.beta > 0)) return -Infinity;
  const lgRx = Array.from(g.distinctX, (x) => lgamma(p.r + x));
  let ll = 0;
  for (let i = 0; i < g.x.length; i++) {
    ll += (g.weight[i] as number) * logLikelihoodOne(p, g.x[i] as number, g.tx[i] as number, g.T[i] as number, lgRx[g.xIndex[i] as number] as number);
  }
  return ll;
}

export function paretoLogLikelihood(p: ParetoParams, data: Iterable<History>): number {
  return paretoLogLikelihoodGroups(p, groupHistories(data));
}

/** Maximum-likelihood fit over log-parameters (SPEC M6). */
export function fitPareto(data: Iterable<History>, opts: { start?: Partial<ParetoParams> } = {}): ParetoFit {
  const g = groupHistories(data);
  if (g.x.length === 0) throw new RangeError('fitting Pareto/NBD needs at least one customer');
  const scale = Math.max(1e-3, meanWeighted(g.T, g.weight));
  const start = opts.start ?? {};
  const x0 = [Math.log(start.r ?? 1), Math.log(start.alpha ?? scale), Math.log(start.s ?? 1), Math.log(start.beta ?? scale)];
  const nll = (v: readonly number[]): number =>
    -paretoLogLikelihoodGroups({ r: Math.exp(v[0] as number), alpha: Math.exp(v[1] as number), s: Math.exp(v[2] as number), beta: Math.exp(v[3] as number) }, g);
  const best = minimize(nll, x0, { tolerance: 1e-12, restarts: 3 });
  const [r, alpha, s, beta] = best.x.map(Math.exp) as [number, number, number, number];
  return { r, alpha, s, beta, logLikelihood: -best.value };
}

/** P(alive | history) (M7). */
export function paretoPAlive(p: ParetoParams, h: History): number {
  const { r, alpha, s, beta } = p;
  const x = h.frequency;
  if (h.recency === h.T) return 1;
  const d = Math.log(s / (r + s + x)) + (r + x) * Math.log(alpha + h.T) + s * Math.log(beta + h.T) + logA0(p, x, h.recency, h.T);
  return 1 / (1 + Math.exp(d));
}

/** (1 − (k/(k+t))^(s−1)) / (s − 1), continuous through s = 1 where it is ln((k+t)/k). */
function lifetimeFactor(s: number, k: number, t: number): number {
  const u = Math.log1p(t / k);
  const e = s - 1;
  return Math.abs(e) < 1e-9 ? u : -Math.expm1(-e * u) / e;
}

/** E[X(t)] for a new customer (M8). */
export function paretoExpected(p: ParetoParams, t: number): number {
  if (t <= 0) return 0;
  return ((p.r * p.beta) / p.alpha) * lifetimeFactor(p.s, p.beta, t);
}

/** E[Y(t) | history] (M8). */
export function paretoConditionalExpected(p: ParetoParams, h: History, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = p;
  const whileAlive = ((r + h.frequency) * (beta + h.T)) / (alpha + h.T) * lifetimeFactor(s, beta + h.T, t);
  return whileAlive * paretoPAlive(p, h);
}
