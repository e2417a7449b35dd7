// Special functions the customer-base models need, all in log space where a product of many
// factors could overflow (customers with thousands of purchases, horizons of years).

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (Lanczos, g = 7: about 15 significant digits). */
export function lgamma(x: number): number {
  if (x < 0.5) {
    // Reflection: Γ(x)Γ(1−x) = π / sin(πx); only reached for 0 < x < 0.5 here.
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LOG_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b). */
export function lbeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/** ln(eᵃ + eᵇ) without overflow; −∞ is the empty sum. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** ln(eᵃ − eᵇ) for a ≥ b; −∞ when they are equal. */
export function logSubExp(a: number, b: number): number {
  if (b === -Infinity) return a;
  if (b >= a) return -Infinity;
  return a + Math.log1p(-Math.exp(b - a));
}

/**
 * ln ₂F₁(a, b; c; z) for 0 ≤ z < 1 where the value is positive (all the models' uses).
 *
 * The Gauss series is summed with a running scale so huge partial sums do not overflow. When
 * Euler's transformation ₂F₁(a, b; c; z) = (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z) gives smaller
 * upper parameters it is used first: for a customer with x purchases the BG/NBD and
 * Pareto/NBD arguments grow with x, while c − a and c − b stay small, so the series then
 * converges in a few terms whatever x is.
 */
export function log2F1(a: number, b: number, c: number, z: number): number {
  if (z === 0) return 0;
  if (!(z > 0 && z < 1)) throw new RangeError(`log2F1 needs 0 ≤ z < 1, got ${z}`);
  const ea = c - a;
  const eb = c - b;
  if (Math.max(Math.abs(ea), Math.abs(eb)) < Math.max(Math.abs(a), Math.abs(b))) {
    return (c - a - b) * Math.log1p(-z) + logSeries(ea, eb, c, z);
  }
  return logSeries(a, b, c, z);
}

function logSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  let logScale = 0;
  for (let n = 0; n < 200_000; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    sum += term;
    if (Math.abs(term) <= 1e-16 * Math.abs(sum)) break;
    if (Math.abs(sum) > 1e200) {
      // Keep the numbers representable; the log of the scale is added back at the end.
      logScale += Math.log(1e200);
      sum /= 1e200;
      term /= 1e200;
    }
  }
  if (!(sum > 0)) throw new RangeError(`₂F₁(${a}, ${b}; ${c}; ${z}) is not positive`);
  return logScale + Math.log(sum);
}
