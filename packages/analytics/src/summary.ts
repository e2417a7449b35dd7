// From a transaction log to the per-customer summary the customer-base models take
// (SPEC S1–S5): same-day purchases are one purchase, only repeat purchases count.
import { daysPerUnit, type Period } from './dates.ts';

/** One purchase as the summary needs it: a customer, a day number and an amount. */
export interface Purchase {
  readonly customerId: string;
  readonly day: number;
  readonly amount: number;
}

export interface CustomerSummary {
  readonly id: string;
  /** Repeat purchase days: distinct purchase days − 1. */
  readonly frequency: number;
  /** Time from the first to the last purchase day, in model units. */
  readonly recency: number;
  /** Time from the first purchase day to the end of the period, in model units. */
  readonly T: number;
  /** Mean amount of a repeat purchase day (0 without repeats). */
  readonly monetary: number;
  /** Day numbers of the first and last purchase. */
  readonly firstDay: number;
  readonly lastDay: number;
  /** Sum over all purchase days in the period, the first included. */
  readonly total: number;
}

export interface SummaryOptions {
  /** Last day of the calibration period (day number); later purchases are ignored. */
  readonly endDay: number;
  readonly period?: Period;
}

/** Summaries in order of first appearance of each customer in the log. */
export function summarize(purchases: Iterable<Purchase>, opts: SummaryOptions): CustomerSummary[] {
  const unit = daysPerUnit(opts.period ?? 'week');
  // Per customer: day → amount on that day (S2: same-day purchases merge).
  const byCustomer = new Map<string, Map<number, number>>();
  for (const p of purchases) {
    if (p.day > opts.endDay) continue; // S1
    let days = byCustomer.get(p.customerId);
    if (!days) byCustomer.set(p.customerId, (days = new Map<number, number>()));
    days.set(p.day, (days.get(p.day) ?? 0) + p.amount);
  }
  const out: CustomerSummary[] = [];
  for (const [id, days] of byCustomer) {
    let first = Infinity;
    let last = -Infinity;
    let total = 0;
    for (const [day, amount] of days) {
      if (day < first) first = day;
      if (day > last) last = day;
      total += amount;
    }
    const frequency = days.size - 1; // S3
    const firstAmount = days.get(first) ?? 0;
    out.push({
      id,
      frequency,
      recency: (last - first) / unit, // S4
      T: (opts.endDay - first) / unit,
      monetary: frequency > 0 ? (total - firstAmount) / frequency : 0, // S5
      firstDay: first,
      lastDay: last,
      total,
    });
  }
  return out;
}
