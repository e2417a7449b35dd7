// Seasonality of buying, as a change of clock.
//
// Orders follow a seasonal, weekly rhythm: a peak before Christmas (stocking up, budgets spent
// before year end), a smaller one in spring, a summer dip, a holiday lull, and few orders at
// weekends (B2B). Instead of thinning a Poisson process by accept/reject, buying.ts simulates
// each customer in "operational time" τ, where the process is homogeneous, and this clock maps
// τ to calendar days through the inverse of the cumulative seasonal intensity. That is the same
// inhomogeneous Poisson process as thinning gives, but with no rejected draws, so the number of
// orders is a monotone function of the rate scale — which lets buying.ts calibrate the total
// number of orders exactly (see calibrate in buying.ts).
import { DAY, dayOfYear, weekday, type Window } from './calendar.ts';

/** Gaussian bump on the circle of the year: distance wraps around new year. */
function bump(day: number, centre: number, width: number, yearDays: number): number {
  let dist = Math.abs(day - centre);
  dist = Math.min(dist, yearDays - dist);
  return Math.exp(-0.5 * (dist / width) ** 2);
}

/** Relative order intensity of one calendar day (before normalisation). */
export function seasonalWeight(dayMs: number): number {
  const { day, yearDays } = dayOfYear(dayMs);
  let w =
    1 +
    0.6 * bump(day, 328, 22, yearDays) + // late November / early December: pre-Christmas stocking
    0.3 * bump(day, 105, 25, yearDays) - // mid April: spring
    0.35 * bump(day, 220, 20, yearDays); // early August: holidays
  const md = new Date(dayMs);
  const month = md.getUTCMonth();
  const date = md.getUTCDate();
  if ((month === 11 && date >= 24) || (month === 0 && date <= 3)) w *= 0.2; // holiday lull
  const wd = weekday(dayMs);
  if (wd === 6) w *= 0.25;
  else if (wd === 0) w *= 0.1;
  return w;
}

/**
 * Maps between calendar time (days since window start, fractional) and operational time τ.
 * τ runs from 0 to `days` like the calendar; one operational day holds, on average, the same
 * number of orders everywhere.
 */
export class SeasonClock {
  /** cum[d] = τ at the start of calendar day d. */
  private readonly cum: Float64Array;
  private readonly weight: Float64Array;
  readonly days: number;

  constructor(readonly window: Window) {
    const n = window.days;
    this.days = n;
    this.weight = new Float64Array(n);
    let total = 0;
    for (let d = 0; d < n; d++) {
      const w = seasonalWeight(window.start + d * DAY);
      this.weight[d] = w;
      total += w;
    }
    const norm = n / total;
    this.cum = new Float64Array(n + 1);
    for (let d = 0; d < n; d++) {
      this.weight[d] = (this.weight[d] as number) * norm;
      this.cum[d + 1] = (this.cum[d] as number) + (this.weight[d] as number);
    }
  }

  /** Operational time at calendar day `t` (days since window start, fractional). */
  tau(t: number): number {
    if (t <= 0) return 0;
    if (t >= this.days) return this.cum[this.days] as number;
    const d = Math.floor(t);
    return (this.cum[d] as number) + (t - d) * (this.weight[d] as number);
  }

  /** The τ at the end of the window. */
  get tauEnd(): number {
    return this.cum[this.days] as number;
  }

  /** Calendar day (fractional, days since window start) of operational time τ ≤ tauEnd. */
  calendar(tau: number): number {
    if (tau <= 0) return 0;
    const cum = this.cum;
    if (tau >= (cum[this.days] as number)) return this.days;
    // Largest d with cum[d] <= tau.
    let lo = 0;
    let hi = this.days;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((cum[mid] as number) <= tau) lo = mid;
      else hi = mid;
    }
    return lo + (tau - (cum[lo] as number)) / (this.weight[lo] as number);
  }

  /** Epoch ms of a calendar day offset. */
  ms(t: number): number {
    return this.window.start + t * DAY;
  }
}
