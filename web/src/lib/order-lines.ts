// Line items of an order or quote, and what to suggest adding to them: what this customer
// usually buys (from its own orders) and what customers buy next after the products on the
// order (the next-product rules of the insights). Plain functions, tested in web/test.
import { discount, multiply, newLineId, type Money, type Row } from '@counterpart/model';

export interface LineValue {
  id?: string;
  productId?: string;
  description?: string;
  quantity?: number;
  unitPrice?: Money;
  discountPct?: number;
}

/** A next-product rule as the insights give it. */
export interface NextRule {
  readonly from: string;
  readonly to: string;
  readonly confidence: number;
  readonly lift: number;
}

export interface UsualProduct {
  readonly productId: string;
  /** Orders of this customer that had it. */
  readonly orders: number;
  /** Day of the last of them (YYYY-MM-DD). */
  readonly last: string;
}

export interface NextProduct {
  readonly productId: string;
  readonly confidence: number;
  readonly lift: number;
  /** The product on the order (or in the customer's last order) the rule starts from. */
  readonly after: string;
}

/** A line's total after its discount, or undefined for a line without price or quantity. */
export function lineAmount(l: LineValue): Money | undefined {
  if (!l.unitPrice || typeof l.quantity !== 'number') return undefined;
  return { amount: discount(multiply(l.unitPrice.amount, l.quantity), l.discountPct ?? 0), currency: l.unitPrice.currency };
}

/**
 * The lines with one more: the product, quantity 1, at `price` (the customer's, from its price
 * list) or else the product's list price in the document's currency.
 */
export function addLine(lines: readonly LineValue[], product: Row, currency: string, price?: Money): LineValue[] {
  const own = product.price as Money | undefined;
  const unitPrice: Money = price?.currency === currency ? price : own && own.currency === currency ? own : { amount: 0, currency };
  return [...lines, { id: newLineId(), productId: product.id, quantity: 1, unitPrice }];
}

function productsOf(order: Row): string[] {
  const lines = Array.isArray(order.lines) ? (order.lines as LineValue[]) : [];
  return [...new Set(lines.map((l) => l.productId).filter((p): p is string => typeof p === 'string'))];
}

function dayOf(order: Row): string {
  return typeof order.orderedOn === 'string' ? order.orderedOn : '';
}

/** Products in the customer's orders (other than `orderId`), most often ordered first. */
export function usualProducts(orders: readonly Row[], orderId: string, limit = 5): UsualProduct[] {
  const by = new Map<string, { orders: number; last: string }>();
  for (const o of orders) {
    if (o.id === orderId || o.status === 'cancelled') continue;
    for (const p of productsOf(o)) {
      const e = by.get(p) ?? { orders: 0, last: '' };
      e.orders++;
      if (dayOf(o) > e.last) e.last = dayOf(o);
      by.set(p, e);
    }
  }
  return [...by]
    .map(([productId, e]) => ({ productId, ...e }))
    .sort((a, b) => b.orders - a.orders || (a.last < b.last ? 1 : a.last > b.last ? -1 : 0) || (a.productId < b.productId ? -1 : 1))
    .slice(0, limit);
}

/**
 * Products customers buy next after `basis` (the products on the order, or else the ones of the
 * customer's last order), best rule per product, leaving out `exclude`.
 */
export function nextProducts(rules: readonly NextRule[], basis: readonly string[], exclude: ReadonlySet<string>, limit = 5): NextProduct[] {
  const from = new Set(basis);
  const best = new Map<string, NextProduct>();
  for (const r of rules) {
    if (!from.has(r.from) || exclude.has(r.to)) continue;
    const prev = best.get(r.to);
    if (!prev || r.confidence > prev.confidence || (r.confidence === prev.confidence && r.lift > prev.lift)) {
      best.set(r.to, { productId: r.to, confidence: r.confidence, lift: r.lift, after: r.from });
    }
  }
  return [...best.values()].sort((a, b) => b.confidence - a.confidence || b.lift - a.lift || (a.productId < b.productId ? -1 : 1)).slice(0, limit);
}

/** What the next-product suggestions start from: this order's products, or the last order's. */
export function suggestionBasis(lines: readonly LineValue[], orders: readonly Row[], orderId: string): string[] {
  const here = lines.map((l) => l.productId).filter((p): p is string => typeof p === 'string');
  if (here.length) return [...new Set(here)];
  const last = orders.filter((o) => o.id !== orderId).sort((a, b) => (dayOf(a) < dayOf(b) ? 1 : -1))[0];
  return last ? productsOf(last) : [];
}
