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

/**
 * The step counts behind the sequence rules, kept per customer so that they can be updated: a
 * customer whose orders changed is counted again and the others are left as they are. The
 * rules it gives equal those of `sequenceRules` over the same orders.
 */
export class SequenceCounts {
  private readonly pairs = new Map<string, Map<string, number>>();
  private readonly fromCount = new Map<string, number>();
  private readonly toCount = new Map<string, number>();
  private steps = 0;
  /** Each customer's purchase days as last counted. */
  private readonly customers = new Map<string, readonly { products: ReadonlySet<string> }[]>();

  constructor(private readonly includeRepeats = false) {}

  /** Counts a customer's purchase days (in date order) instead of what was counted for them before. */
  setCustomer(id: string, days: readonly { products: ReadonlySet<string> }[]): void {
    const old = this.customers.get(id);
    if (old) this.count(old, -1);
    if (days.length > 1) {
      this.customers.set(id, days);
      this.count(days, 1);
    } else this.customers.delete(id);
  }

  /** Every customer's purchase days from these orders, replacing all counts. */
  setAll(orders: Iterable<Order>): void {
    this.pairs.clear();
    this.fromCount.clear();
    this.toCount.clear();
    this.steps = 0;
    this.customers.clear();
    for (const [id, days] of purchaseDays(orders)) this.setCustomer(id, days);
  }

  rules(opts: SequenceOptions = {}): SequenceRule[] {
    const minCount = opts.minCount ?? 5;
    const steps = this.steps;
    const rules: SequenceRule[] = [];
    for (const [from, row] of this.pairs) {
      const nFrom = this.fromCount.get(from) as number;
      for (const [to, count] of row) {
        if (count < minCount) continue;
        const support = count / steps;
        const confidence = count / nFrom;
        if (support < (opts.minSupport ?? 0) || confidence < (opts.minConfidence ?? 0)) continue;
        rules.push({ from, to, support, confidence, lift: confidence / ((this.toCount.get(to) as number) / steps), count });
      }
    }
    // Q3: ranked by lift, then by how often the step was seen.
    return rules.sort((x, y) => y.lift - x.lift || y.count - x.count || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
  }

  private count(days: readonly { products: ReadonlySet<string> }[], sign: 1 | -1): void {
    const bump = (m: Map<string, number>, k: string): void => {
      const v = (m.get(k) ?? 0) + sign;
      if (v) m.set(k, v);
      else m.delete(k);
    };
    for (let i = 1; i < days.length; i++) {
      const prev = (days[i - 1] as { products: ReadonlySet<string> }).products;
      const next = (days[i] as { products: ReadonlySet<string> }).products;
      if (prev.size === 0 || next.size === 0) continue;
      this.steps += sign;
      for (const a of prev) bump(this.fromCount, a);
      for (const b of next) bump(this.toCount, b);
      for (const a of prev) {
        let row = this.pairs.get(a);
        if (!row) this.pairs.set(a, (row = new Map<string, number>()));
        for (const b of next) {
          if (a === b && !this.includeRepeats) continue;
          bump(row, b);
        }
        if (!row.size) this.pairs.delete(a);
      }
    }
  }
}

export function sequenceRules(orders: Iterable<Order>, opts: SequenceOptions = {}): SequenceRule[] {
  const counts = new SequenceCounts(opts.includeRepeats);
  counts.setAll(orders);
  return counts.rules(opts);
}
