// Orders: every buying customer's BG/NBD purchase stream (buying.ts), merged into one
// chronological stream with a heap keyed by the next purchase time. Only one pending purchase
// per customer is held (a few thousand small objects in M, 32k in L), never the orders: they
// are yielded as they are made, in date order, so order numbers count up with time.
import { PurchaseTimes, drawOrderValue, type Buyer } from '../buying.ts';
import { DAY, HOUR, isoDate, toMinute } from '../calendar.ts';
import { Rng, deriveSeed } from '../random.ts';
import { compact, record, SALES_CURRENCY, type GeneratedRecord } from '../record.ts';
import { idFor } from '../sizes.ts';
import type { AccountInfo, OrderFacts, World } from '../world.ts';
import { buildBasket } from './basket.ts';
import { usersWith } from './users.ts';

interface Stream {
  readonly account: number;
  readonly buyer: Buyer;
  readonly times: PurchaseTimes;
  /** The customer's own stream for basket contents, so its history does not depend on others. */
  readonly rng: Rng;
  tau: number;
  planted: number[];
}

/** Min-heap on (tau, account). */
class StreamHeap {
  private readonly items: Stream[] = [];

  get size(): number {
    return this.items.length;
  }

  private less(x: Stream, y: Stream): boolean {
    return x.tau < y.tau || (x.tau === y.tau && x.account < y.account);
  }

  push(s: Stream): void {
    const h = this.items;
    h.push(s);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i] as Stream, h[parent] as Stream)) break;
      [h[i], h[parent]] = [h[parent] as Stream, h[i] as Stream];
      i = parent;
    }
  }

  /** Restores the heap after the top's key grew. */
  siftDownTop(): void {
    const h = this.items;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l] as Stream, h[m] as Stream)) m = l;
      if (r < h.length && this.less(h[r] as Stream, h[m] as Stream)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m] as Stream, h[i] as Stream];
      i = m;
    }
  }

  top(): Stream | undefined {
    return this.items[0];
  }

  pop(): void {
    const h = this.items;
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      this.siftDownTop();
    }
  }
}

type Source = 'field' | 'phone' | 'web' | 'import' | 'pos';
const SOURCE_FIELD: Readonly<Partial<Record<Source, number>>> = { field: 50, phone: 25, web: 10, import: 10, pos: 5 };
const SOURCE_INSIDE: Readonly<Partial<Record<Source, number>>> = { phone: 60, web: 28, import: 10, pos: 2 };

export function* generateOrders(world: World): Generator<GeneratedRecord> {
  const cal = world.calibration;
  const quotes = world.quotes;
  if (!cal || !quotes) throw new Error('orders need the calibrated buyers and the quotes');
  const rng = new Rng(deriveSeed(world.seed, 'orders'));
  const na = world.accounts.length;
  const { start, endExclusive: end, days } = world.window;
  const clock = world.clock;
  const facts: OrderFacts = {
    first: new Float64Array(na).fill(Number.NaN),
    last: new Float64Array(na).fill(Number.NaN),
    count: new Int32Array(na),
    sample: new Int32Array(na).fill(-1),
    sampleAt: new Float64Array(na).fill(Number.NaN),
  };
  world.orders = facts;
  const quoteUsed = new Uint8Array(quotes.account.length);
  const inside = usersWith(world, 'inside');
  const perYear = new Map<number, number>();

  const heap = new StreamHeap();
  world.buyers.forEach((buyer, i) => {
    const times = new PurchaseTimes(world.seed, buyer, cal.scale, cal.counts[i] as number);
    const tau = times.next();
    if (tau === undefined) return;
    heap.push({ account: buyer.account, buyer, times, rng: new Rng(deriveSeed(world.seed, 'basket', buyer.account)), tau, planted: [] });
  });

  let index = 0;
  for (let s = heap.top(); s; s = heap.top()) {
    const a = s.account;
    const acc = world.accounts[a] as AccountInfo;
    const crng = s.rng;
    // Calendar time of the purchase; never past the last day (float rounding at the edge).
    const t = Math.min(clock.calendar(s.tau), days - 1e-9);
    const day = start + Math.floor(t) * DAY;
    // Business hours: the fraction of the (operational) day maps onto 08:00–18:00.
    const at = Math.min(end - 1, toMinute(day + 8 * HOUR + (t - Math.floor(t)) * 10 * HOUR));

    const value = drawOrderValue(crng, s.buyer) * 100;
    const basket = buildBasket(world, crng, acc, at, value, s.planted);
    s.planted = basket.nextPlanted;

    // An accepted quote of this account from the last 45 days becomes the order's quote.
    let quote = -1;
    for (let q = quotes.start[a] as number; q < (quotes.start[a + 1] as number); q++) {
      const issued = quotes.issued[q] as number;
      if (quotes.accepted[q] && !quoteUsed[q] && issued <= at && at <= issued + 45 * DAY) {
        quote = q;
        quoteUsed[q] = 1;
        break;
      }
    }
    const ownerProfile = world.users[acc.owner]?.profile;
    const source =
      quote >= 0 ? 'quote' : crng.weightedKey(ownerProfile === 'inside' ? SOURCE_INSIDE : SOURCE_FIELD);
    const year = new Date(day).getUTCFullYear();
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    const age = (end - at) / DAY;
    const status = crng.chance(0.025)
      ? 'cancelled'
      : age < 2 ? 'registered'
        : age < 5 ? 'confirmed'
          : age < 12 ? 'shipped'
            : age < 40 ? (crng.chance(0.7) ? 'delivered' : 'paid')
              : crng.chance(0.95) ? 'paid' : 'delivered';
    const externalId =
      source === 'web' ? `WEB-${String(index + 1).padStart(7, '0')}`
        : source === 'pos' ? `POS-${String(a + 1).padStart(5, '0')}-${seq}`
          : source === 'import' ? `${acc.lang === 'en' ? 'ERP' : '1C'}-${year}-${String(seq).padStart(6, '0')}`
            : undefined;

    yield record(
      'orders',
      index,
      compact({
        number: `SO-${year}-${String(seq).padStart(6, '0')}`,
        accountId: idFor('accounts', a),
        contactId: idFor('contacts', world.buyerContact[a] as number),
        quoteId: quote >= 0 ? idFor('quotes', quote) : undefined,
        // Now and then a colleague from inside sales registers it.
        ownerId: idFor('users', inside.length > 0 && crng.chance(0.08) ? crng.pick(inside) : acc.owner),
        status,
        source,
        currency: SALES_CURRENCY,
        orderedOn: isoDate(day),
        discountPct: acc.kind === 'distributor' ? 3 : undefined,
        lines: basket.lines,
        externalId,
        notes: crng.chance(0.03) ? (acc.lang === 'en' ? 'Deliver to the back entrance.' : acc.lang === 'ru' ? 'Доставка со двора.' : 'Доставка з двору.') : undefined,
      }),
      at,
    );

    // Per-account facts for later collections (tickets, tasks, activities).
    if (Number.isNaN(facts.first[a])) facts.first[a] = at;
    facts.last[a] = at;
    const c = (facts.count[a] = (facts.count[a] as number) + 1);
    if (rng.float() * c < 1) {
      facts.sample[a] = index;
      facts.sampleAt[a] = at;
    }
    index++;

    const next = s.times.next();
    if (next === undefined) heap.pop();
    else {
      s.tau = next;
      heap.siftDownTop();
    }
  }
  if (index !== world.counts.orders) throw new Error(`orders: made ${index}, expected ${world.counts.orders}`);
}
