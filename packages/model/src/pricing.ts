// Prices of sales documents (SPEC R12): which price list applies to a customer on a day, a
// product's unit price from it, the totals of a quote or order, and the discount that asks for
// a manager's approval. Pure functions over rows and values, shared by the app and its tests.
import { discount, isMoney, multiply, type Money } from './money.ts';

/** A price list as its row holds it (collections.ts `priceLists`). */
export interface PriceListLike {
  readonly id: string;
  readonly name?: unknown;
  readonly currency?: unknown;
  readonly customerGroup?: unknown;
  readonly validFrom?: unknown;
  readonly validTo?: unknown;
  readonly items?: unknown;
}

interface PriceItem {
  readonly productId?: unknown;
  readonly price?: unknown;
  readonly minQty?: unknown;
}

export interface PriceQuery {
  /** The customer's group (the account's "Customer group"); none for a customer without one. */
  readonly group?: string | null;
  /** The document's currency: a list in another currency never applies. */
  readonly currency: string;
  /** The day the price is for (YYYY-MM-DD). */
  readonly on: string;
}

export interface UnitPrice {
  readonly price: Money;
  /** The price list the price comes from; undefined for the product's own list price. */
  readonly priceListId?: string;
  readonly priceListName?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const sameGroup = (a: string, b: string): boolean => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** Whether a list is valid on `day`: an absent bound is open; both bounds are inclusive. */
export function validOn(list: Pick<PriceListLike, 'validFrom' | 'validTo'>, day: string): boolean {
  const from = str(list.validFrom);
  const to = str(list.validTo);
  return (!from || from <= day) && (!to || day <= to);
}

/**
 * The price lists that apply, best first: valid on the day, in the currency, and either for the
 * customer's group or for no group at all. A list for the group comes before a general one;
 * among equals the one valid from the latest day (the newest prices), then by id, so every
 * device picks the same list.
 */
export function applicablePriceLists<L extends PriceListLike>(lists: readonly L[], q: PriceQuery): L[] {
  const group = str(q.group);
  const rank = (l: L): number => (str(l.customerGroup) ? 0 : 1);
  return lists
    .filter((l) => l.currency === q.currency && validOn(l, q.on))
    .filter((l) => {
      const g = str(l.customerGroup);
      return !g || (group !== undefined && sameGroup(g, group));
    })
    .sort((a, b) => {
      const fa = str(a.validFrom) ?? '';
      const fb = str(b.validFrom) ?? '';
      return rank(a) - rank(b) || (fa > fb ? -1 : fa < fb ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
}

/** The item of a list for a product at a quantity: the one with the highest minimum reached. */
function itemFor(list: PriceListLike, productId: string, quantity: number): Money | undefined {
  if (!Array.isArray(list.items)) return undefined;
  let best: { price: Money; min: number } | undefined;
  for (const item of list.items as PriceItem[]) {
    if (item?.productId !== productId || !isMoney(item.price) || item.price.currency !== list.currency) continue;
    const min = typeof item.minQty === 'number' ? item.minQty : 0;
    if (min > quantity) continue;
    if (!best || min > best.min) best = { price: item.price, min };
  }
  return best?.price;
}

/**
 * A product's unit price for a customer on a day: from the first applicable price list that
 * has it, else the product's own list price when it is in the document's currency, else none.
 */
export function unitPriceFor(
  product: { readonly id: string; readonly price?: unknown },
  lists: readonly PriceListLike[],
  q: PriceQuery & { readonly quantity?: number },
): UnitPrice | undefined {
  for (const list of applicablePriceLists(lists, q)) {
    const price = itemFor(list, product.id, q.quantity ?? 1);
    if (price) return { price, priceListId: list.id, priceListName: str(list.name) };
  }
  return isMoney(product.price) && product.price.currency === q.currency ? { price: product.price } : undefined;
}

/** A line of a quote or order, as far as prices go. */
export interface PricedLine {
  readonly quantity?: number;
  readonly unitPrice?: Money;
  readonly discountPct?: number;
}

export interface DocumentTotals {
  /** Quantity × unit price of every priced line, before any discount. */
  readonly gross: number;
  /** What the line discounts take off. */
  readonly lineDiscounts: number;
  /** What the document's own discount takes off the lines' sum. */
  readonly documentDiscount: number;
  /** What the customer pays (equals `linesTotal` of the row). */
  readonly total: number;
}

/** The totals of a document in minor units, each discount rounded as SPEC R8 says. */
export function documentTotals(lines: readonly PricedLine[] | undefined, documentDiscountPct = 0): DocumentTotals {
  let gross = 0;
  let net = 0;
  for (const l of lines ?? []) {
    if (!l.unitPrice || typeof l.quantity !== 'number') continue;
    const g = multiply(l.unitPrice.amount, l.quantity);
    gross += g;
    net += discount(g, l.discountPct ?? 0);
  }
  const total = discount(net, documentDiscountPct);
  return { gross, lineDiscounts: gross - net, documentDiscount: net - total, total };
}

/**
 * The largest discount a customer gets on any line, with the document's discount on top:
 * 10 % on a line and 10 % on the document is 19 % off that line. This is what the approval
 * threshold is compared with.
 */
export function effectiveDiscountPct(lines: readonly PricedLine[] | undefined, documentDiscountPct = 0): number {
  const doc = documentDiscountPct || 0;
  let max = doc;
  for (const l of lines ?? []) {
    const line = l.discountPct ?? 0;
    const combined = 100 - ((100 - line) * (100 - doc)) / 100;
    if (combined > max) max = combined;
  }
  // Percentages are typed with at most a few decimals: round away float noise (19.000000000000004).
  return Math.round(max * 1e6) / 1e6;
}

/** The approval threshold when a workspace has not set one. */
export const DEFAULT_APPROVAL_PCT = 15;
