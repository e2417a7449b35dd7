// The demo and benchmark workspace generator: a deterministic stream of records.
//
// Same size, seed and end date ⇒ the same records, in the same order, with the same values, on
// every run (no clock, no Math.random, no crypto). Collections come in YIELD_ORDER, so every
// reference points to a record yielded earlier. Counts are exactly expectedCounts(size).
// Memory stays small for L (2.6 million records): users, products, campaigns, accounts and
// contacts are kept, deals and quotes as typed arrays, orders and activities never.
import { DEFAULT_END, makeWindow } from './calendar.ts';
import type { GeneratedRecord } from './record.ts';
import { SeasonClock } from './season.ts';
import { SIZES, isSize, type Size } from './sizes.ts';
import type { World } from './world.ts';
import { generateAccounts } from './gen/accounts.ts';
import { generateActivities } from './gen/activities.ts';
import { generateAttachments } from './gen/attachments.ts';
import { generateCampaigns } from './gen/campaigns.ts';
import { generateContacts } from './gen/contacts.ts';
import { generateDeals } from './gen/deals.ts';
import { generateLeads } from './gen/leads.ts';
import { generateOrders } from './gen/orders.ts';
import { generatePriceLists } from './gen/price-lists.ts';
import { generateProducts } from './gen/products.ts';
import { generateQuotes } from './gen/quotes.ts';
import { generateTasks } from './gen/tasks.ts';
import { generateTickets } from './gen/tickets.ts';
import { generateUsers } from './gen/users.ts';

export type { GeneratedRecord } from './record.ts';

export const DEFAULT_SEED = 42;

export interface GenerateOptions {
  readonly size: Size;
  /** Unsigned 32-bit integer; default 42. */
  readonly seed?: number;
  /** Last day of the three-year window, YYYY-MM-DD; default 2026-10-31. */
  readonly end?: string;
}

export function checkSeed(seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`seed must be an integer from 0 to 4294967295, got ${String(seed)}`);
  }
  return seed;
}

export function* generateWorkspace(opts: GenerateOptions): Generator<GeneratedRecord> {
  if (!isSize(opts.size)) throw new Error(`size must be s, m or l, got ${String(opts.size)}`);
  const seed = checkSeed(opts.seed ?? DEFAULT_SEED);
  const window = makeWindow(opts.end ?? DEFAULT_END);
  const world: World = {
    seed,
    size: opts.size,
    counts: SIZES[opts.size],
    window,
    clock: new SeasonClock(window),
    users: [],
    products: [],
    productPopularity: undefined,
    categoryPopularity: [],
    staples: new Int32Array(0),
    campaigns: [],
    accounts: [],
    buyers: [],
    calibration: undefined,
    contacts: [],
    contactStart: new Int32Array(0),
    buyerContact: new Int32Array(0),
    deals: undefined,
    quotes: undefined,
    orders: undefined,
    ticketOpened: undefined,
    visitSample: [],
  };
  yield* generateUsers(world);
  yield* generateProducts(world);
  yield* generatePriceLists(world);
  yield* generateCampaigns(world);
  yield* generateAccounts(world);
  yield* generateContacts(world);
  yield* generateDeals(world);
  yield* generateQuotes(world);
  yield* generateOrders(world);
  yield* generateActivities(world);
  yield* generateTasks(world);
  yield* generateTickets(world);
  yield* generateLeads(world);
  yield* generateAttachments(world);
}
