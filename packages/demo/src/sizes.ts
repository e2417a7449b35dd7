// Workspace sizes and record ids.
//
// M is the benchmark workspace of PRODUCT.md ("Performance targets"). S is a tenth of M for
// tests (but 10 users and 100 products, so every rep profile and category still occurs); L is
// ten times M (50 users, 2,000 products). The generator yields exactly these counts.
import { makeId, type CollectionName, type RecordId } from '@counterpart/model';

export type Size = 's' | 'm' | 'l';
export const SIZE_NAMES: readonly Size[] = ['s', 'm', 'l'];

export type Counts = Readonly<Record<CollectionName, number>>;

export const SIZES = {
  s: {
    users: 10, products: 100, priceLists: 12, campaigns: 10, accounts: 500, contacts: 1_500,
    deals: 800, quotes: 240, orders: 6_000, activities: 15_000, tasks: 3_000, tickets: 300,
    leads: 200, attachments: 30,
  },
  m: {
    users: 20, products: 500, priceLists: 12, campaigns: 20, accounts: 5_000, contacts: 15_000,
    deals: 8_000, quotes: 2_400, orders: 60_000, activities: 150_000, tasks: 30_000, tickets: 3_000,
    leads: 2_000, attachments: 300,
  },
  l: {
    // Tasks are 0.1× activities here (0.2× in S and M): enough for list benchmarks, and it keeps
    // L's file size dominated by the records analytics actually read.
    users: 50, products: 2_000, priceLists: 12, campaigns: 30, accounts: 50_000, contacts: 150_000,
    deals: 80_000, quotes: 24_000, orders: 600_000, activities: 1_500_000, tasks: 150_000,
    tickets: 30_000, leads: 20_000, attachments: 3_000,
  },
} as const satisfies Record<Size, Counts>;

export function isSize(value: unknown): value is Size {
  return value === 's' || value === 'm' || value === 'l';
}

/** The exact number of records of each collection that generateWorkspace yields for `size`. */
export function expectedCounts(size: Size): Record<CollectionName, number> {
  return { ...SIZES[size] };
}

export function totalRecords(size: Size): number {
  let n = 0;
  for (const v of Object.values(SIZES[size])) n += v;
  return n;
}

/**
 * The order in which collections are yielded: every reference points to a record yielded
 * earlier, so a consumer can insert records as they stream in.
 */
export const YIELD_ORDER = [
  'users', 'products', 'priceLists', 'campaigns', 'accounts', 'contacts', 'deals', 'quotes',
  'orders', 'activities', 'tasks', 'tickets', 'leads', 'attachments',
] as const satisfies readonly CollectionName[];

// Suffix width per collection: the digits of the largest (L) count, at least 4. Fixed across
// sizes so an id means the same record position in S, M and L, and ids sort in creation order.
const WIDTH = Object.fromEntries(
  YIELD_ORDER.map((c) => [c, Math.max(4, String(SIZES.l[c]).length)]),
) as Record<CollectionName, number>;

// Ids of the collections other records refer to over and over (an order names its account,
// contact, rep and products) are made once and cached; orders, activities and tasks are not
// cached, so L does not keep millions of id strings alive.
const UNCACHED = new Set<CollectionName>(['orders', 'activities', 'tasks']);
const cache = new Map<CollectionName, RecordId[]>();

/** The id of the `index`-th (0-based) record of a collection: `acc_0001` for index 0. */
export function idFor<C extends CollectionName>(collection: C, index: number): RecordId<C> {
  if (UNCACHED.has(collection)) return makeId(collection, String(index + 1).padStart(WIDTH[collection], '0'));
  let ids = cache.get(collection);
  if (!ids) cache.set(collection, (ids = []));
  return (ids[index] ??= makeId(collection, String(index + 1).padStart(WIDTH[collection], '0'))) as RecordId<C>;
}

/** The 0-based index encoded in an id made by idFor. */
export function indexOfId(id: string): number {
  const suffix = id.slice(id.indexOf('_') + 1);
  return Number(suffix) - 1;
}
