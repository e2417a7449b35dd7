// "After A, customers buy B next" (SPEC Q1–Q3): transitions from one order of a customer to
// their next order, counted over all customers.
import { dayOf } from './dates.ts';
import type { Order } from './types.ts';

export interface SequenceRule {
  readonly from: string;
  readonly to: string;
  /** Share of all order-to-next-order steps that go from an order with A to one with B. */
  readonly support: number;
  /** Of the steps from an order with A, the share whose next order has B. */
  readonly confidence: number;
  /** Confidence over the share of all next orders that contain B. */
  readonly lift: number;
  /** Steps from an order with A to a next order with B. */
  readonly count: number;
}

export interface SequenceOptions {
  /** Minimum steps A → B (Q2); default 5. */
  readonly minCount?: number;
  readonly minSupport?: number;
  readonly minConfidence?: number;
  /** Count "A again after A" too; off by default, since reorders are not a next product. */
  readonly includeRepeats?: boolean;
}

/** Products of each customer's orders, one set per purchase day, in date order (Q1). */
export function purchaseDays(orders: Iterable<Order>): Map<string, { day: number; products: Set<string> }[]> {
  const byCustomer = new Map<string, Map<number, Set<string>>>();
  for (const o of orders) {
    const day = dayOf(o.date);
    let days = byCustomer.get(o.customerId);
    if (!days) byCustomer.set(o.customerId, (days = new Map<number, Set<string>>()));
    let set = days.get(day);
    if (!set) days.set(day, (set = new Set()));
    for (const line of o.products) set.add(line.productId);
  }
  const out = new Map<string, { day: number; products: Set<string> }[]>();
  for (const [id, days] of byCustomer) {
    out.set(id, [...days].sort((x, y) => x[0] - y[0]).map(([day, products]) => ({ day, products })));
  }
  return out;
}

export function sequenceRules(orders: Iterable<Order>, opts: SequenceOptions = {}): SequenceRule[] {
  const minCount = opts.minCount ?? 5;
  const pairs = new Map<string, Map<string, number>>();
  const fromCount = new Map<string, number>();
  const toCount = new Map<string, number>();
  let steps = 0;
  for (const days of purchaseDays(orders).values()) {
    for (let i = 1; i < days.length; i++) {
      const prev = (days[i - 1] as { products: Set<string> }).products;
      const next = (days[i] as { products: Set<string> }).products;
      if (prev.size === 0 || next.size === 0) continue;
      steps++;
      for (const a of prev) fromCount.set(a, (fromCount.get(a) ?? 0) + 1);
      for (const b of next) toCount.set(b, (toCount.get(b) ?? 0) + 1);
      for (const a of prev) {
        let row = pairs.get(a);
        if (!row) pairs.set(a, (row = new Map<string, number>()));
        for (const b of next) {
          if (a === b && !opts.includeRepeats) continue;
          row.set(b, (row.get(b) ?? 0) + 1);
        }
      }
    }
  }
  const rules: SequenceRule[] = [];
  for (const [from, row] of pairs) {
    const nFrom = fromCount.get(from) as number;
    for (const [to, count] of row) {
      if (count < minCount) continue;
      const support = count / steps;
      const confidence = count / nFrom;
      if (support < (opts.minSupport ?? 0) || confidence < (opts.minConfidence ?? 0)) continue;
      rules.push({ from, to, support, confidence, lift: confidence / ((toCount.get(to) as number) / steps), count });
    }
  }
  // Q3: ranked by lift, then by how often the step was seen.
  return rules.sort((x, y) => y.lift - x.lift || y.count - x.count || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
}
