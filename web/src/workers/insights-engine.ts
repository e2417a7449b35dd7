// The insights computation of the analytics worker (analytics.worker.ts). Given its own
// WorkspaceStore on the workspace's database, it reads orders, activities, campaigns, accounts
// and products straight from IndexedDB, maps them onto the analytics inputs and computes the
// customer-value models, segments, the next-product rules, win-back list, channel figures and
// the sales questions; on request, the rep scorecards of a period. What it maps is kept between
// runs and on the device (insights-inputs.ts): a run reads only the chunks written since the
// last, or takes the changed rows the app passes on. The next-product counts are redone only for
// customers whose orders changed, and after a few changes the models are refitted starting from
// the previous optimum.
import {
  CONTACT_TYPES, SEGMENTS, SequenceCounts, channelRoi, contactedWithoutOrder, customerValue, dayOf, formatDay,
  monthlyProductMix, notifyAboutProduct, purchaseDays, repReport, winBackList,
  type Activity, type Campaign, type CampaignFigures, type ChannelFigures, type CustomerValue, type CustomerValueReport,
  type KeyAccountInput, type MixItem, type Order, type Product, type RepReport, type Segment, type SequenceRule,
} from '@counterpart/analytics';
import { readHistory, type CollectionName, type Row } from '@counterpart/model';
import type { WorkspaceStore } from '@counterpart/store';
import { heldInputs, keptKey, type ActivityEntry, type HeldInputs, type OrderEntry } from './insights-inputs.ts';

/** What the worker reports while it computes. */
export type InsightsStage = 'reading' | 'value' | 'sequences' | 'questions' | 'channels';

/** The collections the analysis reads. */
export const INSIGHTS_READS = ['orders', 'activities', 'accounts', 'products', 'campaigns'] as const satisfies readonly CollectionName[];
export type InsightsRead = (typeof INSIGHTS_READS)[number];

/**
 * What changed since the last run: rows (null for a record deleted) and collections changed
 * without a list of rows, which are read again in full.
 */
export interface InsightsChanges {
  readonly rows: readonly { readonly collection: InsightsRead; readonly id: string; readonly row: Row | null }[];
  readonly touched: readonly InsightsRead[];
}

export interface InsightsProgress {
  readonly stage: InsightsStage;
  /** Of the whole run, 0–1. */
  readonly fraction: number;
}

/** The models' view of one customer (an account with orders), for the account page. */
export interface CustomerInsight {
  readonly segment: Segment;
  readonly pAlive: number;
  /** Expected purchases over the horizon. */
  readonly expectedPurchases: number;
  /** Expected value of those purchases, discounted (sales currency, major units). */
  readonly clv: number;
  /** Spent so far. */
  readonly value: number;
  /** Distinct purchase days. */
  readonly purchases: number;
  readonly lastOrder: string;
}

export interface SegmentFigures {
  readonly segment: Segment;
  readonly customers: number;
  /** Spent so far by the segment's customers. */
  readonly value: number;
  /** Their expected value over the horizon. */
  readonly clv: number;
}

export interface ClvBucket {
  readonly from: number;
  readonly to: number;
  readonly customers: number;
}

export interface WinBackItem {
  readonly id: string;
  readonly segment: Segment;
  readonly pAlive: number;
  readonly value: number;
  readonly atStake: number;
  readonly lastOrder: string;
}

export interface MixAnswer {
  readonly customerId: string;
  readonly activeMonths: number;
  readonly items: readonly MixItem[];
}

export interface InsightsResult {
  /** Last day of the analysed period (YYYY-MM-DD). */
  readonly asOf: string;
  readonly horizonMonths: number;
  readonly monthlyDiscount: number;
  /** Currency of sales (order amounts) and of contact costs; they differ in many setups. */
  readonly currency: string;
  readonly costCurrency: string;
  readonly orders: number;
  /** Orders left out because they are in another currency than `currency`. */
  readonly otherCurrencyOrders: number;
  readonly customers: number;
  readonly segments: readonly SegmentFigures[];
  readonly clvBuckets: readonly ClvBucket[];
  readonly clvTotal: number;
  readonly clvMedian: number;
  readonly perCustomer: Readonly<Record<string, CustomerInsight>>;
  readonly winBack: readonly WinBackItem[];
  readonly winBackTotal: number;
  readonly rules: readonly SequenceRule[];
  readonly channels: readonly ChannelFigures[];
  /** Every campaign's figures (SPEC T2, T4); titles in `names`. */
  readonly campaigns: readonly CampaignFigures[];
  /** Accounts by customer group (the account's own "segment" field), for campaigns aimed at one. */
  readonly customerGroups: Readonly<Record<string, number>>;
  /** Customers with their regular products, most valuable customers first. */
  readonly mix: readonly MixAnswer[];
  /** Titles of the accounts and products named anywhere in the result. */
  readonly names: Readonly<Record<string, string>>;
  /** Products for the question inputs, by name. */
  readonly products: readonly { readonly id: string; readonly name: string; readonly category?: string }[];
  /** Suggested inputs for the questions: the last month with contacts, the newest product. */
  readonly defaults: { readonly from: string; readonly to: string; readonly productId?: string };
  readonly computedInMs: number;
  /** Milliseconds per stage of this run, and whether it built on the previous one. */
  readonly stages: Readonly<Record<InsightsStage, number>>;
  readonly incremental: boolean;
}

export interface ContactedAnswerRow {
  readonly customerId: string;
  readonly contacts: number;
  readonly lastContact: string;
  readonly lastOrderBefore?: string;
}

export interface NotifyAnswerRow {
  readonly customerId: string;
  readonly propensity: number;
  readonly categoryShare: number;
  readonly ruleConfidence: number;
  readonly reasons: readonly ('category' | 'sequence')[];
}

/** The rep scorecards of a period (SPEC T8), with the members' names. */
export interface ScorecardsAnswer {
  readonly from: string;
  readonly to: string;
  readonly currency: string;
  readonly costCurrency: string;
  readonly reps: readonly RepReport[];
  /** Member and key-account names by id. */
  readonly names: Readonly<Record<string, string>>;
}

export interface Answer<T> {
  readonly rows: readonly T[];
  readonly total: number;
  readonly names: Readonly<Record<string, string>>;
}

export interface InsightsEvents {
  progress(p: InsightsProgress): void;
  result(r: InsightsResult): void;
  failed(message: string): void;
}

const HORIZON_MONTHS = 12;
const MONTHLY_DISCOUNT = 0.01;
/** Data changes arrive in bursts (typing, imports, sync catch-up): one run after they settle. */
const DEBOUNCE_MS = 2000;
const CLV_BUCKETS = 12;
const TOP_RULES = 200;
const TOP_WIN_BACK = 100;
const MIX_MIN_SHARE = 0.1;
const MIX_ITEMS = 5;
const ANSWER_LIMIT = 200;
const DAY_MS = 86_400_000;

// ---- from workspace rows to the analytics inputs --------------------------------------------

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The currency most values are in: orders of other currencies cannot be summed with them. */
function mainCurrency(currencies: Iterable<string | undefined>, fallback: string): string {
  const counts = new Map<string, number>();
  for (const c of currencies) if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  let best = fallback;
  let most = 0;
  for (const [c, n] of counts) if (n > most) [best, most] = [c, n];
  return best;
}

/** Orders that count as sales: those in the sales currency. */
function toOrders(entries: readonly OrderEntry[], currency: string): { orders: Order[]; otherCurrency: number } {
  const orders: Order[] = [];
  let otherCurrency = 0;
  for (const e of entries) {
    if ((e.currency ?? currency) !== currency) {
      otherCurrency++;
      continue;
    }
    orders.push({ customerId: e.customerId, date: e.date, amount: e.amount, products: e.products, ...(e.repId !== undefined ? { repId: e.repId } : {}) });
  }
  return { orders, otherCurrency };
}

function toActivities(entries: readonly ActivityEntry[]): Activity[] {
  return entries.map((e) => ({
    customerId: e.customerId,
    type: e.type,
    date: e.date,
    ...(e.channel !== undefined ? { channel: e.channel } : {}),
    // A contact without a cost of its own costs its campaign's cost per contact (SPEC T4).
    ...(e.cost !== undefined ? { cost: e.cost } : {}),
    ...(e.outcome !== undefined ? { outcome: e.outcome } : {}),
    ...(e.repId !== undefined ? { repId: e.repId } : {}),
    ...(e.campaignId !== undefined ? { campaignId: e.campaignId } : {}),
  }));
}

// ---- the computation ---------------------------------------------------------------------

/** What the question answers are computed from, kept from the last run. */
interface Inputs {
  readonly orders: Order[];
  readonly activities: Activity[];
  readonly campaigns: Campaign[];
  readonly currency: string;
  readonly costCurrency: string;
  readonly products: Product[];
  readonly rules: SequenceRule[];
  readonly pAlive: Map<string, number>;
  readonly titles: Map<string, string>;
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Equal-width buckets up to the 98th percentile, the rest in the last: one whale must not flatten the chart. */
function histogram(values: readonly number[], buckets: number): ClvBucket[] {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const top = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.98))] as number;
  const width = top > 0 ? niceStep(top / buckets) : 1;
  const n = Math.max(1, Math.min(buckets, Math.ceil(top / width)));
  const out = Array.from({ length: n }, (_, i) => ({ from: i * width, to: (i + 1) * width, customers: 0 }));
  for (const v of sorted) (out[Math.min(n - 1, Math.max(0, Math.floor(v / width)))] as { customers: number }).customers++;
  const last = out[n - 1] as { to: number };
  last.to = Math.max(last.to, sorted[sorted.length - 1] as number);
  return out;
}

/** 1, 2 or 5 times a power of ten, at least `x`: bucket edges people can read. */
function niceStep(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

const nextTick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class InsightsEngine {
  private inputs: Inputs | null = null;
  /** What the runs read, kept between them; null before the first. */
  private held: HeldInputs | null = null;
  /** Collections whose changed chunks are to be read before the next run. */
  private readonly stale = new Set<InsightsRead>();
  /** Row changes to apply before the next run, latest per record. */
  private pending = new Map<InsightsRead, Map<string, Row | null>>();
  /** Next-product counts of the last run and what they were counted over. */
  private readonly sequences = new SequenceCounts();
  private counted: { asOf: string; currency: string } | null = null;
  /** When each key account's plan was last edited (from its history), kept while the plan text stays. */
  private readonly planEdits = new Map<string, { plan: string; at: number }>();
  private lastFit: CustomerValueReport['model'] | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(
    private readonly store: WorkspaceStore,
    private readonly events: InsightsEvents,
    private readonly debounceMs = DEBOUNCE_MS,
  ) {}

  /** Runs now, or once more right after the current run. */
  run(): void {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.compute()
      .catch((err: unknown) => this.events.failed(err instanceof Error ? err.message : String(err)))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.run();
        }
      });
  }

  /** Data changed (unknown changes when `changes` is missing): recompute once changes settle. */
  dirty(changes?: InsightsChanges): void {
    if (!changes) for (const c of INSIGHTS_READS) this.stale.add(c);
    else {
      for (const c of changes.touched) this.stale.add(c);
      for (const { collection, id, row } of changes.rows) {
        let m = this.pending.get(collection);
        if (!m) this.pending.set(collection, (m = new Map<string, Row | null>()));
        m.set(id, row);
      }
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run();
    }, this.debounceMs);
  }

  /** The inputs of the last complete run, waiting for the first one if need be. */
  async ready(): Promise<Inputs | null> {
    if (!this.inputs && this.running) await this.running;
    return this.inputs;
  }

  /** Resolves when no run is going on (what a run keeps on the device is saved by then). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private progress(stage: InsightsStage, fraction: number): void {
    this.events.progress({ stage, fraction });
  }

  /**
   * Brings the entries up to date. The first run takes what an earlier session kept on the
   * device, if anything, and every run reads the chunks written since of the collections it
   * has to (all of them on the first run, then those marked stale); the changes the app
   * reported are applied to the others. Returns the customers whose orders changed (undefined
   * when orders were read in full).
   */
  private async refresh(): Promise<{ held: HeldInputs; changedCustomers: Set<string> | undefined }> {
    const first = this.held === null;
    const held = this.held ?? heldInputs();
    const toRead = new Set<InsightsRead>(first ? INSIGHTS_READS : this.stale);
    this.stale.clear();
    // Changes noted before the reads below are in what they read; those noted during them are
    // applied on the next run.
    const pending = this.pending;
    this.pending = new Map();
    let changedCustomers: Set<string> | undefined = new Set();
    let done = 0;
    for (const c of toRead) {
      if (first) {
        const [index, parts] = await Promise.all([this.store.getMeta(keptKey(c)), this.store.metaWithPrefix(`${keptKey(c)}:`)]).catch(() => [undefined, []] as const);
        held[c].restore(index, parts);
      }
      const read = await this.store.chunksSince(c, held[c].ver < 0 ? undefined : held[c].ver);
      if (c === 'orders') {
        if (read.all) changedCustomers = undefined;
        const changed = changedCustomers;
        held.orders.take(read, changed && ((before, after) => {
          if (before) changed.add(before.customerId);
          if (after) changed.add(after.customerId);
        }));
      } else held[c].take(read);
      this.progress('reading', (0.35 * ++done) / toRead.size);
    }
    for (const [c, changes] of pending) {
      if (toRead.has(c)) continue;
      for (const [id, row] of changes) {
        if (c === 'orders' && changedCustomers) {
          const before = held.orders.get(id);
          if (before) changedCustomers.add(before.customerId);
          if (row && typeof row.accountId === 'string') changedCustomers.add(row.accountId);
        }
        held[c].report(id, row);
      }
    }
    this.held = held;
    return { held, changedCustomers };
  }

  /**
   * Keeps on the device what the last reads gave, for the next session to start from. Chunks
   * written since are read again then, so a copy that fails to save only costs time.
   */
  private async keep(): Promise<void> {
    const held = this.held;
    if (!held) return;
    for (const c of INSIGHTS_READS) {
      const h = held[c];
      if (!h.unsaved || this.disposed) continue;
      const { put, remove } = h.changesToKeep();
      await this.store.putMeta(put, remove).then(() => h.kept(), () => undefined);
    }
  }

  private async compute(): Promise<void> {
    const t0 = performance.now();
    const stages = { reading: 0, value: 0, sequences: 0, questions: 0, channels: 0 } satisfies Record<InsightsStage, number>;
    let lap = t0;
    const done = (stage: InsightsStage): void => {
      const now = performance.now();
      stages[stage] += now - lap;
      lap = now;
    };
    this.progress('reading', 0);
    const { held, changedCustomers } = await this.refresh();
    if (this.disposed) return;
    const orderEntries = held.orders.values();
    const activityEntries = held.activities.values();
    const productEntries = [...held.products.entries()];
    done('reading');

    const currency = mainCurrency(orderEntries.map((e) => e.currency), this.store.settings.currency);
    const costCurrency = mainCurrency(activityEntries.map((e) => e.costCurrency), currency);
    const { orders, otherCurrency } = toOrders(orderEntries, currency);
    const activities = toActivities(activityEntries);
    // A cost per contact in another currency than contact costs cannot be added to them; the campaign page says so.
    const campaigns: Campaign[] = [...held.campaigns.entries()].map(([id, e]) => ({
      id, channel: e.channel, start: e.start, end: e.end,
      ...(e.costPerContact !== undefined && e.costCurrency === costCurrency ? { costPerContact: e.costPerContact } : {}),
    }));
    const products: Product[] = productEntries.map(([id, e]) => (e.category ? { id, category: e.category } : { id }));
    const titles = new Map<string, string>();
    const customerGroups: Record<string, number> = {};
    for (const [id, e] of held.accounts.entries()) {
      titles.set(id, e.title);
      if (e.group) customerGroups[e.group] = (customerGroups[e.group] ?? 0) + 1;
    }
    for (const [id, e] of productEntries) titles.set(id, e.title);
    for (const [id, e] of held.campaigns.entries()) titles.set(id, e.title);

    // The period ends on the latest recorded order or contact (never in the future): a live
    // workspace logs something every day, and an imported or demo history is judged as of its
    // own last day rather than as if every customer had gone quiet since.
    const today = formatDay(Math.floor(Date.now() / DAY_MS));
    let asOf = '';
    for (const o of orders) if (o.date > asOf && o.date <= today) asOf = o.date;
    for (const a of activities) if (a.date > asOf && a.date <= today) asOf = a.date;
    if (!asOf) asOf = today;
    const endDay = dayOf(asOf);
    const inPeriod = orders.filter((o) => o.date <= asOf);

    // Counts and fits carry over while the period and the currency stay, and few customers changed.
    const same = this.counted?.asOf === asOf && this.counted.currency === currency;
    const incremental = same && changedCustomers !== undefined && this.lastFit !== null;
    done('reading');
    this.progress('value', 0.4);
    await nextTick();
    lap = performance.now();
    const warm = incremental && (changedCustomers?.size ?? Infinity) <= Math.max(10, (this.inputs?.pAlive.size ?? 0) * 0.05);
    const report = customerValue(
      inPeriod.map((o) => ({ customerId: o.customerId, day: dayOf(o.date), amount: o.amount })),
      {
        endDay, period: 'week', horizonMonths: HORIZON_MONTHS, monthlyDiscount: MONTHLY_DISCOUNT,
        ...(warm && this.lastFit ? { warmStart: this.lastFit } : {}),
      },
    );
    this.lastFit = report.model;
    // With very little history the fit can land a hair below zero; a value is never negative.
    const customers: CustomerValue[] = report.customers.map((c) => ({
      ...c,
      expectedPurchases: Math.max(0, c.expectedPurchases),
      clv: Math.max(0, c.clv),
    }));
    if (this.disposed) return;
    done('value');

    this.progress('sequences', 0.65);
    await nextTick();
    lap = performance.now();
    if (incremental && changedCustomers) {
      const changed = inPeriod.filter((o) => changedCustomers.has(o.customerId));
      const days = purchaseDays(changed);
      for (const id of changedCustomers) this.sequences.setCustomer(id, days.get(id) ?? []);
    } else {
      this.sequences.setAll(inPeriod);
      this.counted = { asOf, currency };
    }
    const rules = this.sequences.rules({ minCount: Math.max(5, Math.round(inPeriod.length / 3000)) });
    done('sequences');

    this.progress('questions', 0.8);
    await nextTick();
    lap = performance.now();
    const value = new Map(customers.map((c) => [c.id, c.total]));
    const mix = monthlyProductMix(inPeriod, { end: asOf, minShare: MIX_MIN_SHARE })
      .filter((m) => m.items.length > 0)
      .sort((x, y) => (value.get(y.customerId) ?? 0) - (value.get(x.customerId) ?? 0) || x.customerId.localeCompare(y.customerId))
      .map((m) => ({ customerId: m.customerId, activeMonths: m.activeMonths, items: m.items.slice(0, MIX_ITEMS) }));

    done('questions');
    this.progress('channels', 0.9);
    await nextTick();
    lap = performance.now();
    const roi = channelRoi(activities, inPeriod, campaigns);

    const perCustomer: Record<string, CustomerInsight> = {};
    const lastOrder = new Map<string, string>();
    for (const c of customers) {
      const insight: CustomerInsight = {
        segment: c.rfm.segment,
        pAlive: c.pAlive,
        expectedPurchases: c.expectedPurchases,
        clv: c.clv,
        value: c.total,
        purchases: c.frequency + 1,
        lastOrder: formatDay(c.lastDay),
      };
      perCustomer[c.id] = insight;
      lastOrder.set(c.id, insight.lastOrder);
    }
    const segments = SEGMENTS.map((segment): SegmentFigures => ({ segment, customers: 0, value: 0, clv: 0 }));
    const bySegment = new Map(segments.map((s) => [s.segment, s as { customers: number; value: number; clv: number }]));
    for (const c of customers) {
      const s = bySegment.get(c.rfm.segment);
      if (!s) continue;
      s.customers++;
      s.value += c.total;
      s.clv += c.clv;
    }
    const winBack = winBackList(customers.map((c) => ({ id: c.id, pAlive: c.pAlive, segment: c.rfm.segment, value: c.total, clv: c.clv })));
    const clvs = customers.map((c) => c.clv);

    const names: Record<string, string> = {};
    const name = (id: string): void => {
      const title = titles.get(id);
      if (title !== undefined) names[id] = title;
    };
    const topRules = rules.slice(0, TOP_RULES);
    for (const r of topRules) {
      name(r.from);
      name(r.to);
    }
    const topWinBack = winBack.slice(0, TOP_WIN_BACK);
    for (const w of topWinBack) name(w.id);
    for (const c of roi.campaigns) name(c.campaignId);
    for (const m of mix) {
      name(m.customerId);
      for (const i of m.items) name(i.productId);
    }

    // The question defaults: the last calendar month with contacts, the newest product.
    const lastContact = activities.reduce((d, a) => (a.date > d && a.date <= asOf ? a.date : d), '');
    const month = (lastContact || asOf).slice(0, 7);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const monthEnd = formatDay(Date.UTC(y, m, 0) / DAY_MS);
    const newest = [...productEntries].sort(([, a], [, b]) => b.availableOn.localeCompare(a.availableOn) || b.created - a.created)[0];

    this.inputs = { orders: inPeriod, activities, campaigns, currency, costCurrency, products, rules, pAlive: new Map(customers.map((c) => [c.id, c.pAlive])), titles };
    this.progress('channels', 1);
    this.events.result({
      asOf,
      horizonMonths: HORIZON_MONTHS,
      monthlyDiscount: MONTHLY_DISCOUNT,
      currency,
      costCurrency,
      orders: inPeriod.length,
      otherCurrencyOrders: otherCurrency,
      customers: customers.length,
      segments,
      clvBuckets: histogram(clvs, CLV_BUCKETS),
      clvTotal: clvs.reduce((s, x) => s + x, 0),
      clvMedian: median(clvs),
      perCustomer,
      winBack: topWinBack.map((w) => ({
        id: w.id, segment: w.segment, pAlive: w.pAlive, value: w.value, atStake: w.atStake, lastOrder: lastOrder.get(w.id) ?? '',
      })),
      winBackTotal: winBack.length,
      rules: topRules,
      channels: roi.channels,
      campaigns: roi.campaigns,
      customerGroups,
      mix,
      names,
      products: productEntries
        .map(([id, e]) => ({ id, name: e.title, ...(e.category ? { category: e.category } : {}) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      defaults: { from: `${month}-01`, to: monthEnd, ...(newest ? { productId: newest[0] } : {}) },
      computedInMs: performance.now() - t0,
      stages: (done('channels'), stages),
      incremental,
    });
    // After the result: the next session starts from what this one read.
    await this.keep();
  }

  async contacted(from: string, to: string): Promise<Answer<ContactedAnswerRow>> {
    const inputs = await this.ready();
    if (!inputs || !ISO_DAY.test(from) || !ISO_DAY.test(to)) return { rows: [], total: 0, names: {} };
    const all = contactedWithoutOrder(inputs.activities, inputs.orders, { from, to, types: CONTACT_TYPES });
    return answer(all, inputs.titles);
  }

  /** SPEC T8 for the days [from, to]: one scorecard per member, with the data of the last run. */
  async scorecards(from: string, to: string): Promise<ScorecardsAnswer | null> {
    const inputs = await this.ready();
    const held = this.held;
    if (!inputs || !held || !ISO_DAY.test(from) || !ISO_DAY.test(to) || from > to) return null;
    // Members, contacts and leads are read when asked, not on every run: only scorecards need them.
    const [members, contactRows, leadRows] = await Promise.all([this.store.scan('users'), this.store.scan('contacts'), this.store.scan('leads')]);
    const names: Record<string, string> = {};
    for (const u of members) names[u.id] = u._title;
    const keyAccounts: KeyAccountInput[] = [];
    for (const [id, { title, key }] of held.accounts.entries()) {
      if (!key) continue;
      names[id] = title;
      keyAccounts.push({ id, ownerId: key.ownerId, plan: key.plan, planEditedAt: await this.planEditedAt(id, key.created, key.plan) });
    }
    const keyIds = new Set(keyAccounts.map((a) => a.id));
    const contacts = contactRows
      .filter((c) => keyIds.has(text(c.accountId)))
      .map((c) => ({ accountId: text(c.accountId), ...(typeof c.buyingRole === 'string' ? { role: c.buyingRole } : {}) }));
    const leads = leadRows.flatMap((l) => {
      const receivedAt = time(l.receivedAt);
      const firstResponseAt = time(l.firstResponseAt);
      return receivedAt === undefined ? [] : [{
        receivedAt, ...(firstResponseAt !== undefined ? { firstResponseAt } : {}), ...(typeof l.assigneeId === 'string' ? { assigneeId: l.assigneeId } : {}),
      }];
    });
    const reps = repReport({
      repIds: members.map((u) => u.id), activities: inputs.activities, orders: inputs.orders, campaigns: inputs.campaigns,
      keyAccounts, contacts, leads, from, to, now: Date.now(),
    });
    return { from, to, currency: inputs.currency, costCurrency: inputs.costCurrency, reps, names };
  }

  /**
   * When the account plan was last edited: its latest entry in the record's history, else the
   * record's creation (a plan typed in when the account was created has no history entry).
   */
  private async planEditedAt(id: string, created: number, plan: string): Promise<number | undefined> {
    if (!plan.trim()) return undefined;
    const known = this.planEdits.get(id);
    if (known && known.plan === plan) return known.at;
    let at = created;
    try {
      const doc = await this.store.acquire(id);
      try {
        for (const e of readHistory(doc)) if (e.f === 'accountPlan' && e.at > at) at = e.at;
      } finally {
        this.store.release(id);
      }
    } catch {
      return undefined;
    }
    this.planEdits.set(id, { plan, at });
    return at;
  }

  async notify(productId: string): Promise<Answer<NotifyAnswerRow>> {
    const inputs = await this.ready();
    const product = inputs?.products.find((p) => p.id === productId);
    if (!inputs || !product) return { rows: [], total: 0, names: {} };
    const all = notifyAboutProduct({ product, products: inputs.products, orders: inputs.orders, rules: inputs.rules, pAlive: inputs.pAlive });
    return answer(all, inputs.titles);
  }
}

/** Epoch ms of a datetime field, or undefined. */
const time = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function answer<T extends { customerId: string }>(all: readonly T[], titles: ReadonlyMap<string, string>): Answer<T> {
  const rows = all.slice(0, ANSWER_LIMIT);
  const names: Record<string, string> = {};
  for (const r of rows) names[r.customerId] = titles.get(r.customerId) ?? r.customerId;
  return { rows, total: all.length, names };
}

