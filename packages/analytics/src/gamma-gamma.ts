// The Gamma-Gamma spend model (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"):
// a customer's purchase amounts are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, and
// independent of how often they buy. Fitted on customers with repeat purchases; SPEC M9–M10.
import { minimize, searchOptions } from './optimize.ts';
import { lgamma } from './special.ts';

export interface Spend {
  /** Repeat purchases (the summary's frequency). */
  readonly frequency: number;
  /** Their mean amount (the summary's monetary). */
  readonly monetary: number;
}

export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  readonly logLikelihood: number;
  /** How many customers the fit used (repeat buyers with a positive mean spend). */
  readonly customers: number;
}

/** Only repeat buyers with a positive mean amount carry information about spend (M9). */
export function usableForSpend(c: Spend): boolean {
  return c.frequency > 0 && c.monetary > 0 && Number.isFinite(c.monetary);
}

export function gammaGammaLogLikelihood(params: GammaGammaParams, data: readonly Spend[]): number {
  return logLikelihoodPrepared(params, prepare(data.filter(usableForSpend)));
}

/** Per-customer constants of the likelihood, computed once per fit rather than per evaluation. */
interface Prepared {
  readonly x: Float64Array;
  readonly xm: Float64Array;
  readonly logM: Float64Array;
  readonly logX: Float64Array;
  readonly distinctX: Float64Array;
  readonly xIndex: Int32Array;
}

function prepare(data: readonly Spend[]): Prepared {
  const xs = [...new Set(data.map((c) => c.frequency))].sort((a, b) => a - b);
  const pos = new Map(xs.map((x, i) => [x, i]));
  return {
    x: Float64Array.from(data, (c) => c.frequency),
    xm: Float64Array.from(data, (c) => c.frequency * c.monetary),
    logM: Float64Array.from(data, (c) => Math.log(c.monetary)),
    logX: Float64Array.from(data, (c) => Math.log(c.frequency)),
    distinctX: Float64Array.from(xs),
    xIndex: Int32Array.from(data, (c) => pos.get(c.frequency) as number),
  };
}

function logLikelihoodPrepared(params: GammaGammaParams, d: Prepared): number {
  const { p, q, gamma } = params;
  if (!(p > 0 && q > 0 && gamma > 0)) return -Infinity;
  // ln Γ terms depend only on the number of repeat purchases: once per distinct count.
  const byX = Array.from(d.distinctX, (x) => lgamma(p * x + q) - lgamma(p * x));
  let ll = d.x.length * (-lgamma(q) + q * Math.log(gamma));
  for (let i = 0; i < d.x.length; i++) {
    const px = p * (d.x[i] as number);
    ll += (byX[d.xIndex[i] as number] as number) + (px - 1) * (d.logM[i] as number) + px * (d.logX[i] as number) - (px + q) * Math.log(gamma + (d.xm[i] as number));
  }
  return ll;
}

export function fitGammaGamma(data: Iterable<Spend>, opts: { start?: GammaGammaParams; warm?: boolean } = {}): GammaGammaFit {
  const used = [...data].filter(usableForSpend);
  if (used.length === 0) throw new RangeError('fitting Gamma-Gamma needs at least one repeat buyer with a positive spend');
  let mean = 0;
  for (const c of used) mean += c.monetary / used.length;
  const x0 = opts.start ? [Math.log(opts.start.p), Math.log(opts.start.q), Math.log(opts.start.gamma)] : [Math.log(1), Math.log(2), Math.log(Math.max(1e-6, mean))];
  const prepared = prepare(used);
  const nll = (v: readonly number[]): number =>
    -logLikelihoodPrepared({ p: Math.exp(v[0] as number), q: Math.exp(v[1] as number), gamma: Math.exp(v[2] as number) }, prepared);
  const best = minimize(nll, x0, searchOptions(opts.warm && opts.start !== undefined));
  const [p, q, gamma] = best.x.map(Math.exp) as [number, number, number];
  return { p, q, gamma, logLikelihood: -best.value, customers: used.length };
}

/**
 * Expected mean amount of this customer's future purchases (M10): a weighted average of the
 * population mean pγ/(q−1) and the customer's own mean, the weight growing with their repeat
 * purchases. Customers without usable history get the population mean.
 */
export function expectedSpend(params: GammaGammaParams, c: Spend): number {
  const { p, q, gamma } = params;
  const x = usableForSpend(c) ? c.frequency : 0;
  const m = x > 0 ? c.monetary : 0;
  return (p * (gamma + x * m)) / (p * x + q - 1);
}
