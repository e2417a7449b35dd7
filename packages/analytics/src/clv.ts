// Customer lifetime value over a horizon (SPEC V1–V2): expected purchases month by month from
// the purchase model, times the expected spend per purchase, discounted monthly.
import { bgnbdConditionalExpected, bgnbdPAlive, type BgNbdParams, type History } from './bgnbd.ts';
import { DAYS_PER_MONTH, daysPerUnit, type Period } from './dates.ts';
import { paretoConditionalExpected, paretoPAlive, type ParetoParams } from './pareto.ts';

/** A fitted purchase model, either kind, behind one interface. */
export type PurchaseModel =
  | { readonly kind: 'bgnbd'; readonly params: BgNbdParams }
  | { readonly kind: 'pareto'; readonly params: ParetoParams };

export function pAlive(model: PurchaseModel, h: History): number {
  return model.kind === 'bgnbd' ? bgnbdPAlive(model.params, h) : paretoPAlive(model.params, h);
}

export function expectedPurchases(model: PurchaseModel, h: History, t: number): number {
  return model.kind === 'bgnbd' ? bgnbdConditionalExpected(model.params, h, t) : paretoConditionalExpected(model.params, h, t);
}

export interface ClvOptions {
  readonly horizonMonths: number;
  /** Monthly discount rate, e.g. 0.01. */
  readonly monthlyDiscount: number;
  /** The model's time unit. */
  readonly period: Period;
}

/**
 * V1: Σ over months m = 1…H of (E[Y(m)] − E[Y(m−1)]) × spend / (1 + d)^m, where E[Y(m)] is the
 * expected purchases in the first m months after the end of the period.
 */
export function clv(model: PurchaseModel, h: History, spendPerPurchase: number, opts: ClvOptions): number {
  if (!(opts.horizonMonths >= 0) || !(opts.monthlyDiscount > -1)) {
    throw new RangeError('CLV needs a horizon ≥ 0 months and a discount rate above −1');
  }
  const month = DAYS_PER_MONTH / daysPerUnit(opts.period);
  let value = 0;
  let previous = 0;
  for (let m = 1; m <= opts.horizonMonths; m++) {
    const cumulative = expectedPurchases(model, h, m * month);
    value += ((cumulative - previous) * spendPerPurchase) / Math.pow(1 + opts.monthlyDiscount, m);
    previous = cumulative;
  }
  return value;
}
