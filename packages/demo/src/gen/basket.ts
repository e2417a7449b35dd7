// What goes into an order: about three lines of products the customer favours or that sell
// well overall, quantities that add up to the order value the Gamma-Gamma spend model drew,
// and the planted "after A comes B" sequences (gen/products.ts PLANTED_SEQUENCES).
import { eur, lineId } from '../record.ts';
import { unitPrice } from '../pricing.ts';
import type { Rng } from '../random.ts';
import { idFor } from '../sizes.ts';
import type { AccountInfo, World } from '../world.ts';
import { PLANTED_SEQUENCES } from './products.ts';

/** Planted pairs as product indices: A is 2k, B is 2k+1 (products 1→2, 3→4, …). */
const PLANTED = PLANTED_SEQUENCES.map((_, k) => ({ a: 2 * k, b: 2 * k + 1, p: PLANTED_SEQUENCES[k]?.probability ?? 0 }));

/** A product of `category`, by popularity within it, on sale at `at` (else a staple). */
export function pickAvailable(world: World, rng: Rng, category: number, at: number): number {
  const cat = world.categoryPopularity[category];
  if (cat) {
    for (let t = 0; t < 8; t++) {
      const p = cat.products[cat.table.sample(rng)] as number;
      if ((world.products[p]?.availableFrom ?? Infinity) <= at) return p;
    }
  }
  return world.staples[Math.floor(rng.float() * world.staples.length)] as number;
}

/** A product for this customer: mostly from its favourite categories, else the best sellers. */
export function pickForCustomer(world: World, rng: Rng, acc: AccountInfo, at: number): number {
  if (rng.chance(0.55)) {
    return pickAvailable(world, rng, rng.weighted(acc.favourites, acc.favouriteWeights), at);
  }
  const table = world.productPopularity;
  if (table) {
    for (let t = 0; t < 8; t++) {
      const p = table.sample(rng);
      if ((world.products[p]?.availableFrom ?? Infinity) <= at) return p;
    }
  }
  return world.staples[Math.floor(rng.float() * world.staples.length)] as number;
}

export interface Basket {
  readonly lines: Record<string, unknown>[];
  /** Planted B products the customer's next order should contain. */
  readonly nextPlanted: number[];
}

/**
 * Builds the lines of one order worth about `valueCents`. `planted` are the B products owed from
 * the customer's previous order (a planted A in it, and the coin came up).
 */
export function buildBasket(
  world: World,
  rng: Rng,
  acc: AccountInfo,
  at: number,
  valueCents: number,
  planted: readonly number[],
): Basket {
  const nLines = Math.min(12, 1 + rng.poisson(2));
  const chosen: number[] = [...planted];
  const budgetPerLine = valueCents / nLines;
  for (let attempt = 0; chosen.length < nLines && attempt < nLines * 4; attempt++) {
    const p = pickForCustomer(world, rng, acc, at);
    if (chosen.includes(p)) continue;
    // A €2,500 machine rarely ends up in a €300 order: usually pick again.
    if (unitPrice(world, p, acc.group, at) > 3 * budgetPerLine && rng.chance(0.75)) continue;
    chosen.push(p);
  }
  // Split the value over the lines (Dirichlet(1) shares) and round to whole units.
  const shares = chosen.map(() => rng.exponential(1));
  const total = shares.reduce((s, x) => s + x, 0);
  const lines = chosen.map((p, i) => {
    const price = unitPrice(world, p, acc.group, at);
    const quantity = Math.max(1, Math.round((valueCents * (shares[i] as number)) / total / price));
    const line: Record<string, unknown> = {
      id: lineId('l', i),
      productId: idFor('products', p),
      quantity,
      unitPrice: eur(price),
    };
    if (acc.key && rng.chance(0.15)) line.discountPct = 5;
    return line;
  });
  const nextPlanted: number[] = [];
  for (const s of PLANTED) {
    if (chosen.includes(s.a) && rng.chance(s.p)) nextPlanted.push(s.b);
  }
  return { lines, nextPlanted };
}
