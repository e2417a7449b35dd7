// Repeat buying: a BG/NBD purchase process with Gamma-Gamma spend, calibrated to an exact total.
//
// BG/NBD (Fader, Hardie & Lee 2005), the model CLV analytics fit to this data:
//   - while alive, a customer buys as a Poisson process with rate λ ~ Gamma(r, α);
//   - after each purchase the customer drops out for good with probability p ~ Beta(a, b);
//   - the first purchase is at the customer's join time ("a purchase at time 0").
// Gamma-Gamma (Fader, Hardie & Lee 2005b) for spend: a customer's orders have values
// z ~ Gamma(P, ν) with ν ~ Gamma(q, γ) per customer, so customers differ in mean spend P/ν and
// spend is independent of frequency.
//
// Time runs on the seasonal operational clock (season.ts), so purchase dates come out seasonal
// while the process stays homogeneous in τ.
//
// Calibration. The workspace size fixes the number of orders (60,000 for M). The rates are all
// multiplied by one scale s, found by bisection so that the total equals the target exactly:
// a customer's purchases are K ~ Geometric(p) (purchases until dropout) at τ0 + S_k/(λ·s), where
// S_k are sums of unit exponentials drawn from the customer's own stream. For fixed draws,
// shrinking 1/s moves every purchase earlier, so the count inside the window can only grow with
// s: the total is a monotone step function of s that rises by one at a time, and bisection
// lands on the target. If two customers ever step at exactly the same s, the few surplus
// purchases are trimmed from the customers with the most orders (their last purchase is
// dropped) — documented fallback, in practice never needed.
import { deriveSeed, Rng } from './random.ts';

// Chosen by simulation (seeds 1–3, sizes S/M/L): the calibrated scale comes out near 1 (a
// customer buys about every four weeks on average, 13 orders median over the window), about
// 25% of buyers have not ordered in the last six months (lapsed: mostly dropouts), and about 5%
// bought only once. Lower r (more spread in rates) or a higher mean dropout a/(a+b) raise the
// lapsed share quickly (r 0.85, p̄ 0.09 gave 64%).
export const BUYING = {
  /** Purchase rate λ ~ Gamma(shape r, rate α), per operational day, before the scale. */
  r: 2.5,
  alpha: 70,
  /** Dropout probability after each purchase, p ~ Beta(a, b). */
  a: 0.5,
  b: 22,
  /** Order value z ~ Gamma(shape P, rate ν); ν ~ Gamma(shape q, rate γ). Euro. */
  P: 5,
  q: 3.5,
  gamma: 225,
  /** Distributors order in bulk: their order values are multiplied by this. */
  distributorSpend: 4,
} as const;

export interface Buyer {
  /** Account index. */
  readonly account: number;
  /** Calendar day (days since window start) of the first purchase. */
  readonly join: number;
  /** Operational time of the first purchase. */
  readonly tau0: number;
  readonly lambda: number;
  readonly dropout: number;
  /** Gamma-Gamma rate ν of the customer's order values, and their multiplier. */
  readonly nu: number;
  readonly spendFactor: number;
}

/** Mean order value in euro implied by a buyer's ν (P/ν times the factor). */
export function meanSpend(b: Buyer): number {
  return (BUYING.P / b.nu) * b.spendFactor;
}

/** Draws one order value in euro (Gamma-Gamma). */
export function drawOrderValue(rng: Rng, b: Buyer): number {
  return rng.gamma(BUYING.P, 1 / b.nu) * b.spendFactor;
}

export function drawBuyerTraits(rng: Rng): { lambda: number; dropout: number; nu: number } {
  return {
    lambda: rng.gamma(BUYING.r, 1 / BUYING.alpha),
    dropout: rng.beta(BUYING.a, BUYING.b),
    nu: rng.gamma(BUYING.q, 1 / BUYING.gamma),
  };
}

/** Safety cap on purchases per customer (about two a working day over three years). */
const MAX_PURCHASES = 1500;

function timesStream(seed: number, b: Buyer): { rng: Rng; limit: number } {
  const rng = new Rng(deriveSeed(seed, 'buy-times', b.account));
  const k = rng.geometric(b.dropout);
  return { rng, limit: Math.min(k, MAX_PURCHASES) };
}

/** Number of purchases the buyer makes inside the window at rate scale `scale`. */
export function purchaseCount(seed: number, b: Buyer, scale: number, tauEnd: number): number {
  const { rng, limit } = timesStream(seed, b);
  const budget = (tauEnd - b.tau0) * b.lambda * scale;
  let n = 1;
  let s = 0;
  while (n < limit) {
    s += rng.exponential(1);
    if (s > budget) break;
    n++;
  }
  return n;
}

export interface Calibration {
  readonly scale: number;
  /** Purchases per buyer, in the order of the buyers array; sums to the target. */
  readonly counts: Int32Array;
  /** Purchases removed by the tie fallback (0 in practice). */
  readonly trimmed: number;
}

export function calibrate(seed: number, buyers: readonly Buyer[], target: number, tauEnd: number): Calibration {
  const n = buyers.length;
  if (n === 0) throw new Error('no buying customers to calibrate');
  if (target < n) throw new Error(`cannot place ${target} orders on ${n} customers: each buyer orders at least once`);
  const counts = new Int32Array(n);
  const total = (scale: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const c = purchaseCount(seed, buyers[i] as Buyer, scale, tauEnd);
      counts[i] = c;
      sum += c;
    }
    return sum;
  };
  let lo = 0;
  let hi = 1;
  let fHi = total(hi);
  for (let i = 0; fHi < target; i++) {
    if (i > 60) throw new Error(`buying model cannot reach ${target} orders (dropout too high): got ${fHi}`);
    lo = hi;
    hi *= 2;
    fHi = total(hi);
  }
  for (let i = 0; i < 100 && fHi !== target; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    const f = total(mid);
    if (f >= target) {
      hi = mid;
      fHi = f;
    } else lo = mid;
  }
  total(hi);
  let excess = fHi - target;
  const trimmed = excess;
  if (excess > 0) {
    const order = [...counts.keys()].sort((x, y) => (counts[y] as number) - (counts[x] as number) || x - y);
    for (const i of order) {
      if (excess === 0) break;
      if ((counts[i] as number) > 1) {
        counts[i] = (counts[i] as number) - 1;
        excess--;
      }
    }
  }
  return { scale: hi, counts, trimmed };
}

/** Replays one buyer's purchase times (operational τ) for emission, `count` of them. */
export class PurchaseTimes {
  private readonly rng: Rng;
  private made = 0;
  private s = 0;

  constructor(
    seed: number,
    private readonly buyer: Buyer,
    private readonly scale: number,
    readonly count: number,
  ) {
    this.rng = timesStream(seed, buyer).rng;
  }

  /** τ of the next purchase, or undefined after `count` purchases. */
  next(): number | undefined {
    if (this.made >= this.count) return undefined;
    if (this.made > 0) this.s += this.rng.exponential(1);
    this.made++;
    return this.buyer.tau0 + this.s / (this.buyer.lambda * this.scale);
  }
}
