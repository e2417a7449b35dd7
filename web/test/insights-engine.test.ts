// The insights engine against a real WorkspaceStore (IndexedDB in memory): a run after a few
// changes, built on the previous one, gives what a fresh full run gives.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '@counterpart/store';
import { WorkspaceStore } from '@counterpart/store';
import { InsightsChangeFilter } from '../src/lib/insights-changes.ts';
import { INSIGHTS_READS, InsightsEngine, type InsightsResult } from '../src/workers/insights-engine.ts';
import { KEPT_FORMAT, keptKey } from '../src/workers/insights-inputs.ts';

const open: WorkspaceStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

/** A small deterministic sales history: 40 customers, 6 products, about 400 orders over two years. */
async function seed(s: WorkspaceStore): Promise<{ orders: string[]; accounts: string[]; products: string[] }> {
  let x = 12345;
  const rnd = (): number => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const products: string[] = [];
  for (let i = 0; i < 6; i++) products.push(await s.create('products', { sku: `P${i}`, name: `Product ${i}`, category: i < 3 ? 'paper' : 'ink' }));
  const accounts: string[] = [];
  for (let i = 0; i < 40; i++) accounts.push(await s.create('accounts', { name: `Customer ${i}`, kind: 'customer' }));
  const orders: string[] = [];
  const start = Date.UTC(2024, 0, 1);
  for (const [i, accountId] of accounts.entries()) {
    const n = 2 + (i % 15);
    let day = Math.floor(rnd() * 200);
    for (let k = 0; k < n && day < 700; k++) {
      const p = (i + k) % products.length;
      const orderedOn = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
      orders.push(await s.create('orders', {
        number: `O-${i}-${k}`, accountId, status: 'paid', currency: 'EUR', orderedOn,
        lines: [{ productId: products[p], quantity: 1 + Math.floor(rnd() * 5), unitPrice: { amount: 1000 + 100 * p, currency: 'EUR' } }],
      }));
      day += 10 + Math.floor(rnd() * 60);
    }
  }
  return { orders, accounts, products };
}

/** An engine that recomputes as soon as it is told of changes, and its results in order. */
function engineOn(store: WorkspaceStore): { engine: InsightsEngine; next: () => Promise<InsightsResult> } {
  const results: InsightsResult[] = [];
  let error: Error | null = null;
  let wake: (() => void) | null = null;
  const engine = new InsightsEngine(store, {
    progress: () => undefined,
    result: (r) => {
      results.push(r);
      wake?.();
    },
    failed: (message) => {
      error = new Error(message);
      wake?.();
    },
  }, 0);
  const next = async (): Promise<InsightsResult> => {
    while (!results.length && !error) await new Promise<void>((resolve) => (wake = resolve));
    if (error) throw error;
    return results.shift() as InsightsResult;
  };
  return { engine, next };
}

/** What a run says that does not depend on the model fit (exactly the same after any run). */
function dataFigures(r: InsightsResult): unknown {
  return {
    asOf: r.asOf, orders: r.orders, customers: r.customers, rules: r.rules, mix: r.mix, names: r.names, products: r.products,
    defaults: r.defaults, channels: r.channels, winBackTotal: r.winBackTotal,
    segments: r.segments.map((s) => ({ segment: s.segment, customers: s.customers, value: s.value })),
    purchases: Object.fromEntries(Object.entries(r.perCustomer).map(([id, c]) => [id, [c.segment, c.value, c.purchases, c.lastOrder]])),
  };
}

/** The model's figures agree to within 1 %: a refit from the previous optimum stops within the search's tolerance. */
function expectSameModel(a: InsightsResult, b: InsightsResult): void {
  const close = (x: number, y: number, what: string): void => {
    expect(Math.abs(x - y), what).toBeLessThanOrEqual(0.01 * Math.max(Math.abs(x), Math.abs(y), 1e-3));
  };
  close(a.clvTotal, b.clvTotal, 'total CLV');
  for (const [id, c] of Object.entries(a.perCustomer)) {
    const d = b.perCustomer[id];
    expect(d, id).toBeDefined();
    close(c.pAlive, d?.pAlive ?? NaN, `P(alive) of ${id}`);
    close(c.clv, d?.clv ?? NaN, `CLV of ${id}`);
  }
}

describe('insights engine', () => {
  it('after a few changes, a run built on the previous one equals a full run', async () => {
    const store = await WorkspaceStore.open(`insights-${Date.now()}`);
    open.push(store);
    const { orders, accounts, products } = await seed(store);
    const { engine, next } = engineOn(store);
    engine.run();
    const first = await next();
    expect(first.incremental).toBe(false);
    expect(first.customers).toBe(40);

    const filter = new InsightsChangeFilter();
    const events: ChangeEvent[] = [];
    const off = store.subscribe((e) => events.push(e));
    // A customer's order moves to another product, one is deleted, one customer buys anew.
    await store.update('orders', orders[3]!, { lines: [{ productId: products[5], quantity: 2, unitPrice: { amount: 1500, currency: 'EUR' } }] });
    await store.remove('orders', orders[10]!);
    await store.create('orders', { number: 'O-new', accountId: accounts[7], status: 'paid', currency: 'EUR', orderedOn: '2025-06-01', lines: [{ productId: products[0], quantity: 1, unitPrice: { amount: 1000, currency: 'EUR' } }] });
    off();
    for (const e of events) {
      const changes = filter.pick(e);
      if (changes) engine.dirty(changes);
    }
    const after = await next();
    engine.dispose();
    const fresh = engineOn(store);
    fresh.engine.run();
    const full = await fresh.next();
    fresh.engine.dispose();
    expect(after.incremental).toBe(true);
    expect(full.incremental).toBe(false);
    expect(after.orders).toBe(first.orders);
    expect(dataFigures(after)).toEqual(dataFigures(full));
    expect(dataFigures(after)).not.toEqual(dataFigures(first));
    expectSameModel(after, full);
  }, 60_000);

  it('a later session starts from what the last one kept and reads only the chunks written since', async () => {
    const store = await WorkspaceStore.open(`insights-kept-${Date.now()}`);
    open.push(store);
    const { orders, accounts, products } = await seed(store);
    const first = engineOn(store);
    first.engine.run();
    await first.next();
    await first.engine.settled();
    first.engine.dispose();
    expect(await store.getMeta(keptKey('orders'))).toMatchObject({ format: KEPT_FORMAT });

    // Between sessions: an order changes, one is added.
    await store.update('orders', orders[5]!, { lines: [{ productId: products[4], quantity: 7, unitPrice: { amount: 1200, currency: 'EUR' } }] });
    await store.create('orders', { number: 'O-later', accountId: accounts[3], status: 'paid', currency: 'EUR', orderedOn: '2025-07-01', lines: [{ productId: products[1], quantity: 2, unitPrice: { amount: 1100, currency: 'EUR' } }] });

    const reads: { c: string; since: number | undefined; all: boolean; chunks: number }[] = [];
    const chunksSince = store.chunksSince.bind(store);
    store.chunksSince = async (c, since) => {
      const read = await chunksSince(c, since);
      reads.push({ c, since, all: read.all, chunks: read.chunks.length });
      return read;
    };
    const later = engineOn(store);
    later.engine.run();
    const resumed = await later.next();
    await later.engine.settled();
    later.engine.dispose();
    // Every collection was asked for what followed its kept version; only orders had chunks written since.
    expect(reads.map((r) => [r.c, r.all])).toEqual(INSIGHTS_READS.map((c) => [c, false]));
    expect(reads.filter((r) => r.chunks > 0).map((r) => r.c)).toEqual(['orders']);

    // A session with nothing kept reads every row, and finds the same.
    for (const c of INSIGHTS_READS) await store.setMeta(keptKey(c), null);
    reads.length = 0;
    const cold = engineOn(store);
    cold.engine.run();
    const full = await cold.next();
    await cold.engine.settled();
    cold.engine.dispose();
    expect(reads.every((r) => r.all)).toBe(true);
    expect(resumed.orders).toBe(full.orders);
    expect(dataFigures(resumed)).toEqual(dataFigures(full));
    expectSameModel(resumed, full);
  }, 60_000);

  it('a damaged kept copy is read afresh, not used', async () => {
    const store = await WorkspaceStore.open(`insights-damaged-${Date.now()}`);
    open.push(store);
    await seed(store);
    const first = engineOn(store);
    first.engine.run();
    const before = await first.next();
    await first.engine.settled();
    first.engine.dispose();
    const parts = await store.metaWithPrefix(`${keptKey('orders')}:`);
    expect(parts.length).toBeGreaterThan(0);
    // One order's kept entry loses its customer.
    const list = JSON.parse(parts[0]!.v as string) as unknown[][];
    list[0]![1] = 42;
    await store.putMeta([{ k: parts[0]!.k, v: JSON.stringify(list) }]);

    const again = engineOn(store);
    again.engine.run();
    const after = await again.next();
    await again.engine.settled();
    again.engine.dispose();
    expect(dataFigures(after)).toEqual(dataFigures(before));
  }, 60_000);

  it('[T4][T8] campaign figures in every run, and a period\'s rep scorecards from the workspace', async () => {
    const store = await WorkspaceStore.open(`insights-campaigns-${Date.now()}`);
    open.push(store);
    const ann = await store.create('users', { name: 'Ann', role: 'editor' });
    const bob = await store.create('users', { name: 'Bob', role: 'editor' });
    const acme = await store.create('accounts', { name: 'Acme', kind: 'customer', ownerId: ann, keyAccount: true, accountPlan: 'Win the pump line', segment: 'Industry' });
    const other = await store.create('accounts', { name: 'Other', kind: 'customer', ownerId: ann, segment: 'Industry' });
    await store.create('contacts', { lastName: 'Boss', accountId: acme, buyingRole: 'decision_maker' });
    await store.create('contacts', { lastName: 'Clerk', accountId: acme, buyingRole: 'buyer' });
    // No cost typed: the workspace default of the channel (18 per telemarketing contact, SPEC Q6).
    const tm = await store.create('campaigns', { name: 'Spring calls', channel: 'telemarketing', segment: 'Industry' });
    const product = await store.create('products', { sku: 'P', name: 'Pump' });
    const at = Date.UTC(2025, 2, 3, 10);
    await store.create('activities', { type: 'call', at, accountId: acme, campaignId: tm, userId: ann, outcome: 'interested' });
    await store.create('activities', { type: 'call', at, accountId: other, campaignId: tm, userId: ann, outcome: 'no_answer' });
    await store.create('activities', { type: 'visit', at: at + 86_400_000, accountId: other, userId: ann, cost: { amount: 40000, currency: 'EUR' } });
    await store.create('orders', {
      number: 'O-1', accountId: acme, status: 'paid', currency: 'EUR', orderedOn: '2025-03-10', ownerId: ann,
      lines: [{ productId: product, quantity: 1, unitPrice: { amount: 90000, currency: 'EUR' } }],
    });
    await store.create('leads', { name: 'Lead', status: 'new', assigneeId: bob, receivedAt: at, firstResponseAt: at + 3 * 3_600_000 });
    const { engine, next } = engineOn(store);
    engine.run();
    const r = await next();
    expect(r.campaigns).toEqual([{
      campaignId: tm, channel: 'telemarketing', contacts: 2, responses: 1, cost: 36, orders: 1, revenue: 900, roi: (900 - 36) / 36, costPerOrder: 36, costPerContact: 18, responseRate: 0.5,
    }]);
    expect(r.names[tm]).toBe('Spring calls');
    expect(r.customerGroups).toEqual({ Industry: 2 });
    const cards = await engine.scorecards('2025-03-01', '2025-03-31');
    engine.dispose();
    expect(cards?.reps.map((x) => x.repId)).toEqual([ann, bob]);
    expect(cards?.reps[0]).toMatchObject({
      activities: 3, orders: 1, revenue: 900, cost: 436, costByChannel: { telemarketing: 36, visit: 400 },
      keyAccounts: 1, withCurrentPlan: 1, coverage: 0.4, mix: { call: 2 / 3, meeting: 0, visit: 1 / 3, mail: 0 },
    });
    expect(cards?.reps[1]).toMatchObject({ leads: 1, unanswered: 0, medianHours: 3 });
    expect(cards?.names).toMatchObject({ [ann]: 'Ann', [bob]: 'Bob', [acme]: 'Acme' });
    expect(await engine.scorecards('2025-04-01', '2025-03-01')).toBeNull();
  }, 60_000);
});
