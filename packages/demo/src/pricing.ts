// Prices: a list price per product, a factor per customer group (the price lists), and a yearly
// increase. Orders and quotes take their unit prices from here, so they agree with the price
// lists a workspace shows.
import type { Window } from './calendar.ts';
import type { CustomerGroup, World } from './world.ts';

export const GROUP_FACTOR: Readonly<Record<CustomerGroup, number>> = {
  Retail: 1,
  Wholesale: 0.92,
  'Key accounts': 0.88,
  Distributors: 0.8,
};

/** Price increase per price year (each year of the window gets a new set of price lists). */
export const YEAR_FACTOR = [1, 1.04, 1.075] as const;

/** Start of each price year and the end of the window: the window's three calendar years. */
export function priceYearBounds(window: Window): [number, number, number, number] {
  const d = new Date(window.start);
  const at = (k: number): number => Date.UTC(d.getUTCFullYear() + k, d.getUTCMonth(), d.getUTCDate());
  return [at(0), at(1), at(2), window.endExclusive];
}

const boundsCache = new WeakMap<Window, [number, number, number, number]>();

/** Which price year (0, 1, 2) an instant falls in; before the window counts as year 0. */
export function priceYear(world: World, ms: number): number {
  let b = boundsCache.get(world.window);
  if (!b) boundsCache.set(world.window, (b = priceYearBounds(world.window)));
  return ms < b[1] ? 0 : ms < b[2] ? 1 : 2;
}

/** Rounds a price to what a price list shows: whole euro above 100, else to 10 cents. */
export function roundPrice(cents: number): number {
  return cents >= 10_000 ? Math.round(cents / 100) * 100 : Math.max(10, Math.round(cents / 10) * 10);
}

/** Unit price in euro cents of a product for a customer group at an instant. */
export function unitPrice(world: World, product: number, group: CustomerGroup | undefined, ms: number): number {
  const p = world.products[product];
  if (!p) throw new Error(`no product ${product}`);
  const year = YEAR_FACTOR[priceYear(world, ms)] ?? 1;
  return roundPrice(p.price * GROUP_FACTOR[group ?? 'Retail'] * year);
}
