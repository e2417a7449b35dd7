// The catalogue, including the planted purchase sequences.
//
// Products 1–10 are fixed in every workspace (any size, any seed): five pairs A → B where a
// customer who buys A is likely to buy B in the next order (a printer, then its toner). The
// order generator plants the pattern (gen/basket.ts) and PLANTED_SEQUENCES lets tests and
// analytics check that "after A comes B" finds it. The rest of the catalogue is drawn per seed.
import type { ProductId } from '@counterpart/model';
import { DAY, isoDate } from '../calendar.ts';
import { CATEGORIES, categoryIndex } from '../data/categories.ts';
import { AliasTable, Rng, deriveSeed } from '../random.ts';
import { compact, eur, record, type GeneratedRecord } from '../record.ts';
import { idFor } from '../sizes.ts';
import type { ProductInfo, World } from '../world.ts';

interface FixedProduct {
  readonly name: string;
  readonly category: string;
  readonly price: number;
  readonly unit: string;
}

const FIXED: readonly FixedProduct[] = [
  { name: 'Barista Pro 3000 espresso machine', category: 'Coffee machines', price: 249_000, unit: 'pcs' },
  { name: 'Barista Blend espresso beans 1 kg', category: 'Coffee & tea', price: 2_490, unit: 'kg' },
  { name: 'PrintPro LP-400 mono laser printer', category: 'Printers', price: 38_900, unit: 'pcs' },
  { name: 'PrintPro LP-400 black toner cartridge', category: 'Toner & ink', price: 7_990, unit: 'pcs' },
  { name: 'AquaCool 20 floor water cooler', category: 'Water coolers', price: 32_900, unit: 'pcs' },
  { name: 'AquaCool spring water 19 l', category: 'Drinking water', price: 790, unit: 'bottle' },
  { name: 'ErgoSeat Pro office chair', category: 'Office furniture', price: 44_900, unit: 'pcs' },
  { name: 'ErgoSeat chair mat for hard floors', category: 'Office furniture', price: 5_990, unit: 'pcs' },
  { name: 'WrapIt SW-500 stretch-wrap dispenser', category: 'Packaging', price: 12_900, unit: 'pcs' },
  { name: 'WrapIt stretch film 500 mm × 300 m', category: 'Packaging', price: 1_490, unit: 'roll' },
];

export interface PlantedSequence {
  readonly a: ProductId;
  readonly b: ProductId;
  /** Probability that the order after one containing A contains B. */
  readonly probability: number;
}

/** Planted "after A comes B" pairs: products 1→2, 3→4, 5→6, 7→8, 9→10. */
export const PLANTED_SEQUENCES: readonly PlantedSequence[] = [0, 2, 4, 6, 8].map((i) => ({
  a: idFor('products', i),
  b: idFor('products', i + 1),
  probability: 0.6,
}));

/** Share of all line picks that go to each planted A by popularity, and to each B. */
const A_SHARE = 0.025;
const B_SHARE = 0.003;

function listPrice(rng: Rng, min: number, max: number): number {
  const euro = Math.exp(rng.uniform(Math.log(min), Math.log(max)));
  if (euro >= 100) return Math.round(euro) * 100;
  const cents = Math.round(euro * 100);
  // Retail-style endings: 4.90, 12.50, 7.99
  const base = Math.floor(cents / 100) * 100;
  return Math.max(90, base + rng.pick([90, 50, 99, 0]));
}

export function* generateProducts(world: World): Generator<GeneratedRecord> {
  const rng = new Rng(deriveSeed(world.seed, 'products'));
  const n = world.counts.products;
  if (n < FIXED.length) throw new Error(`a workspace needs at least ${FIXED.length} products`);
  const { start, days } = world.window;

  // Categories get products in proportion to their weight (largest remainder), after the fixed ones.
  const totalWeight = CATEGORIES.reduce((s, c) => s + c.weight, 0);
  const free = n - FIXED.length;
  const quota = CATEGORIES.map((c) => (free * c.weight) / totalWeight);
  const perCategory = quota.map(Math.floor);
  let left = free - perCategory.reduce((s, x) => s + x, 0);
  const byRemainder = quota.map((q, i) => [q - Math.floor(q), i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    perCategory[i] = (perCategory[i] as number) + 1;
  }
  const categoryOf: number[] = FIXED.map((f) => categoryIndex(f.category));
  perCategory.forEach((k, c) => {
    for (let i = 0; i < k; i++) categoryOf.push(c);
  });

  const weights = new Float64Array(n);
  const names = new Set<string>(FIXED.map((f) => f.name));
  const modelNo = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const c = categoryOf[i] as number;
    const cat = CATEGORIES[c];
    if (!cat) throw new Error(`bad category ${c}`);
    const fixed = FIXED[i];
    let name: string;
    let price: number;
    let unit: string;
    let availableFrom: number;
    if (fixed) {
      name = fixed.name;
      price = fixed.price;
      unit = fixed.unit;
      availableFrom = start - 700 * DAY;
    } else {
      const brand = rng.pick(cat.brands);
      const type = rng.pick(cat.types);
      const key = `${brand} ${type}`;
      const k = (modelNo.get(key) ?? rng.int(1, 4)) + 1;
      modelNo.set(key, k);
      name = `${brand} ${type} ${cat.code}-${k * 100 + rng.int(0, 9) * 10}`;
      while (names.has(name)) name = `${name}X`;
      price = listPrice(rng, cat.min, cat.max);
      unit = rng.pick(cat.units);
      // Most of the range was on sale before the window; a fifth is launched during it (new
      // products are what "which customers should hear about a new product?" is about).
      availableFrom = rng.chance(0.8)
        ? start - rng.int(30, 1500) * DAY
        : start + Math.floor(rng.uniform(0.05, 0.93) * days) * DAY;
      // Popularity is very uneven (a few best sellers), and follows the category's demand.
      weights[i] = rng.gamma(0.7, 1) * cat.weight;
    }
    names.add(name);
    const info: ProductInfo = { name, category: c, price, availableFrom };
    world.products.push(info);
    const stock = rng.chance(0.06) ? 0 : Math.round(rng.lognormal(Math.log(price > 20_000 ? 12 : 240), 0.9));
    yield record(
      'products',
      i,
      compact({
        sku: `${cat.code}-${String(i + 1).padStart(5, '0')}`,
        name,
        category: cat.name,
        price: eur(price),
        unit,
        stock,
        availableOn: isoDate(availableFrom),
        // A few old lines are discontinued but stay in the history.
        active: fixed || availableFrom >= start ? true : !rng.chance(0.04),
        description: rng.chance(0.6) ? `${cat.name}: ${name}. Sold per ${unit}.` : undefined,
      }),
      Math.min(availableFrom, start) - 14 * DAY,
    );
  }

  // Planted products: each A is among the best sellers, each B is rare on its own, so "B follows
  // A" stands out clearly against B's base rate.
  let other = 0;
  for (let i = FIXED.length; i < n; i++) other += weights[i] as number;
  for (let i = 0; i < FIXED.length; i += 2) {
    weights[i] = other * A_SHARE;
    weights[i + 1] = other * B_SHARE;
  }
  world.productPopularity = new AliasTable(weights);
  world.categoryPopularity = CATEGORIES.map((_, c) => {
    const members = categoryOf.map((x, i) => (x === c ? i : -1)).filter((i) => i >= 0);
    return { table: new AliasTable(members.map((i) => weights[i] as number)), products: Int32Array.from(members) };
  });
  world.staples = Int32Array.from(world.products.map((p, i) => (p.availableFrom <= start ? i : -1)).filter((i) => i >= 0));
}
