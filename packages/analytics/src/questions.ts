// The sales team's everyday questions (SPEC A1–A3): what each customer usually buys in a month,
// who was contacted but did not order, and whom to tell about a new product.
import { monthsBetween } from './dates.ts';
import { purchaseDays, type SequenceRule } from './sequences.ts';
import type { Activity, ActivityType, Order, Product } from './types.ts';

export interface MixItem {
  readonly productId: string;
  /** Months (of the customer's active months) in which the product was bought. */
  readonly months: number;
  /** months / active months. */
  readonly share: number;
  /** Mean quantity and amount per active month. */
  readonly quantityPerMonth: number;
  readonly amountPerMonth: number;
}

export interface MonthlyMix {
  readonly customerId: string;
  /** Calendar months from the first order to the end of the period. */
  readonly activeMonths: number;
  /** Most regular first. */
  readonly items: MixItem[];
}

/**
 * A1: the usual monthly product mix. Active months run from the customer's first order month to
 * the month of `end` (or of their last order), so a product bought every month scores 1 and one
 * bought once in two years about 0.04. Items below `minShare` are left out.
 */
export function monthlyProductMix(orders: Iterable<Order>, opts: { end?: string; minShare?: number } = {}): MonthlyMix[] {
  const minShare = opts.minShare ?? 0;
  const endMonth = opts.end ? opts.end.slice(0, 7) : undefined;
  const per = new Map<string, { first: string; last: string; items: Map<string, { months: Set<string>; quantity: number; amount: number }> }>();
  for (const o of orders) {
    if (opts.end && o.date > opts.end) continue;
    const month = o.date.slice(0, 7);
    let c = per.get(o.customerId);
    if (!c) per.set(o.customerId, (c = { first: month, last: month, items: new Map() }));
    if (month < c.first) c.first = month;
    if (month > c.last) c.last = month;
    for (const line of o.products) {
      let item = c.items.get(line.productId);
      if (!item) c.items.set(line.productId, (item = { months: new Set(), quantity: 0, amount: 0 }));
      item.months.add(month);
      item.quantity += line.quantity;
      item.amount += line.amount;
    }
  }
  const out: MonthlyMix[] = [];
  for (const [customerId, c] of per) {
    const activeMonths = monthsBetween(c.first, endMonth ?? c.last);
    const items: MixItem[] = [];
    for (const [productId, item] of c.items) {
      const share = item.months.size / activeMonths;
      if (share < minShare) continue;
      items.push({ productId, months: item.months.size, share, quantityPerMonth: item.quantity / activeMonths, amountPerMonth: item.amount / activeMonths });
    }
    items.sort((x, y) => y.share - x.share || y.amountPerMonth - x.amountPerMonth || x.productId.localeCompare(y.productId));
    out.push({ customerId, activeMonths, items });
  }
  return out;
}

export interface ContactedWithoutOrder {
  readonly customerId: string;
  readonly contacts: number;
  readonly lastContact: string;
  /** The last order before the period, if any. */
  readonly lastOrderBefore?: string;
}

export const CONTACT_TYPES: readonly ActivityType[] = ['call', 'meeting', 'email'];

/** A2: customers contacted (by default call, meeting or e-mail) in [from, to] with no order in it. */
export function contactedWithoutOrder(
  activities: Iterable<Activity>,
  orders: Iterable<Order>,
  opts: { from: string; to: string; types?: readonly ActivityType[] },
): ContactedWithoutOrder[] {
  const types = new Set(opts.types ?? CONTACT_TYPES);
  const contacted = new Map<string, { contacts: number; last: string }>();
  for (const a of activities) {
    if (!types.has(a.type) || a.date < opts.from || a.date > opts.to) continue;
    const c = contacted.get(a.customerId);
    if (c) {
      c.contacts++;
      if (a.date > c.last) c.last = a.date;
    } else contacted.set(a.customerId, { contacts: 1, last: a.date });
  }
  const ordered = new Set<string>();
  const lastBefore = new Map<string, string>();
  for (const o of orders) {
    if (!contacted.has(o.customerId)) continue;
    if (o.date >= opts.from && o.date <= opts.to) ordered.add(o.customerId);
    else if (o.date < opts.from && o.date > (lastBefore.get(o.customerId) ?? '')) lastBefore.set(o.customerId, o.date);
  }
  const out: ContactedWithoutOrder[] = [];
  for (const [customerId, c] of contacted) {
    if (ordered.has(customerId)) continue;
    const before = lastBefore.get(customerId);
    out.push({ customerId, contacts: c.contacts, lastContact: c.last, ...(before ? { lastOrderBefore: before } : {}) });
  }
  return out.sort((x, y) => y.contacts - x.contacts || y.lastContact.localeCompare(x.lastContact) || x.customerId.localeCompare(y.customerId));
}

export interface NotifyCandidate {
  readonly customerId: string;
  /** pAlive × (1 − (1 − category share)(1 − rule confidence)), in [0, 1]. */
  readonly propensity: number;
  /** Share of the customer's purchase days with something from the product's category. */
  readonly categoryShare: number;
  /** Highest confidence of a next-product rule from their last order to this product. */
  readonly ruleConfidence: number;
  readonly reasons: readonly ('category' | 'sequence')[];
}

/**
 * A3: customers to tell about a (new) product: those who bought in its category, or whose last
 * order leads to it by a next-product rule; ranked by propensity. Customers who already bought
 * the product are left out. `pAlive` (from the purchase model) discounts customers who have
 * probably left; without it every customer counts as alive.
 */
export function notifyAboutProduct(opts: {
  product: Product;
  products: Iterable<Product>;
  orders: Iterable<Order>;
  rules?: readonly SequenceRule[];
  pAlive?: ReadonlyMap<string, number>;
  limit?: number;
}): NotifyCandidate[] {
  const categoryOf = new Map<string, string | undefined>();
  for (const p of opts.products) categoryOf.set(p.id, p.category);
  const category = opts.product.category;
  const leadsTo = new Map<string, number>();
  for (const r of opts.rules ?? []) {
    if (r.to === opts.product.id) leadsTo.set(r.from, Math.max(leadsTo.get(r.from) ?? 0, r.confidence));
  }
  const out: NotifyCandidate[] = [];
  for (const [customerId, days] of purchaseDays(opts.orders)) {
    let inCategory = 0;
    let owns = false;
    for (const d of days) {
      let hit = false;
      for (const p of d.products) {
        if (p === opts.product.id) owns = true;
        if (category !== undefined && categoryOf.get(p) === category) hit = true;
      }
      if (hit) inCategory++;
    }
    if (owns) continue;
    let ruleConfidence = 0;
    const last = days[days.length - 1];
    if (last) for (const p of last.products) ruleConfidence = Math.max(ruleConfidence, leadsTo.get(p) ?? 0);
    const categoryShare = days.length ? inCategory / days.length : 0;
    if (categoryShare === 0 && ruleConfidence === 0) continue;
    const alive = opts.pAlive?.get(customerId) ?? 1;
    const reasons: ('category' | 'sequence')[] = [];
    if (categoryShare > 0) reasons.push('category');
    if (ruleConfidence > 0) reasons.push('sequence');
    out.push({ customerId, propensity: alive * (1 - (1 - categoryShare) * (1 - ruleConfidence)), categoryShare, ruleConfidence, reasons });
  }
  out.sort((x, y) => y.propensity - x.propensity || x.customerId.localeCompare(y.customerId));
  return opts.limit !== undefined ? out.slice(0, opts.limit) : out;
}
