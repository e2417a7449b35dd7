// The analytics benchmark: how long the customer-value and product analyses take in Node.
//
//   node --import tsx bench/analytics.bench.ts
//   BENCH_SIZE=s node --import tsx bench/analytics.bench.ts
//
// 1. The BG/NBD fit on the CDNOW sample (2,357 customers; ../shared/data), median of 5 runs
//    after one warm-up run. Target: under 100 ms.
// 2. Everything on a demo workspace (M by default: 5,000 accounts, 60,000 orders, 150,000
//    activities): summaries, BG/NBD, Gamma-Gamma, CLV and RFM, next-product sequences and basket
//    rules, then win-back, channel ROI and rep scorecards. Target for M: ≤ 2 s for the first
//    group. Generating the workspace is not timed. BENCH_SIZE=l reports the same for L.
// 3. A recompute after a few changes, as the app's analytics worker does it after an edit: ten
//    customers order once more; the models are refitted from the previous optimum and the
//    next-product counts redone for those customers only, against doing both from scratch.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import {
  SequenceCounts, basketRules, channelRoi, customerValue, dayOf, fitBgNbd, formatDay, purchaseDays, repScorecards, sequenceRules, winBackList,
  type Activity, type ActivityType, type Campaign, type History, type Order, type OrderLine, type Purchase,
} from '@counterpart/analytics';
import { DEFAULT_END, generateWorkspace } from '@counterpart/demo';
import type { Money } from '@counterpart/model';

const SIZE = process.env.BENCH_SIZE === 's' || process.env.BENCH_SIZE === 'l' ? process.env.BENCH_SIZE : 'm';
const RUNS = 5;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function time<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

const ms = (x: number): string => `${x.toFixed(1)} ms`;

// --- 1. BG/NBD on CDNOW ------------------------------------------------------------------------
const summaryCsv = readFileSync(new URL('../../shared/data/cdnow_customers_summary.csv', import.meta.url), 'utf8');
const cdnow: History[] = summaryCsv
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [, f, r, T] = line.split(',').map(Number);
    return { frequency: f as number, recency: r as number, T: T as number };
  });
const warm = time(() => fitBgNbd(cdnow));
const fits = Array.from({ length: RUNS }, () => time(() => fitBgNbd(cdnow)));
const fit = warm.value;
console.log(`node ${process.version}, ${cpus().length} cores`);
console.log(`BG/NBD on CDNOW (${cdnow.length} customers): first run ${ms(warm.ms)}, median of ${RUNS} ${ms(median(fits.map((f) => f.ms)))} (target < 100 ms)`);
console.log(`  r ${fit.r.toFixed(4)}  α ${fit.alpha.toFixed(4)}  a ${fit.a.toFixed(4)}  b ${fit.b.toFixed(4)}  LL ${fit.logLikelihood.toFixed(2)}`);

// --- 2. A demo workspace ------------------------------------------------------------------------
/** Demo money is in minor units (cents). */
const units = (m: unknown): number => ((m as Money | undefined)?.amount ?? 0) / 100;
/** Ids, dates and enums are strings in the demo's values. */
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

const orders: Order[] = [];
const activities: Activity[] = [];
const campaigns: Campaign[] = [];
const genStart = performance.now();
for (const { collection, id, values } of generateWorkspace({ size: SIZE, seed: 1 })) {
  if (collection === 'orders') {
    if (values.status === 'cancelled') continue;
    const discount = 1 - (Number(values.discountPct ?? 0) / 100);
    const lines = (values.lines ?? []) as Record<string, unknown>[];
    const products: OrderLine[] = lines.map((l) => {
      const quantity = Number(l.quantity);
      const amount = quantity * units(l.unitPrice) * (1 - Number(l.discountPct ?? 0) / 100) * discount;
      return { productId: text(l.productId), quantity, amount };
    });
    orders.push({
      customerId: text(values.accountId),
      date: text(values.orderedOn),
      amount: products.reduce((s, l) => s + l.amount, 0),
      products,
      ...(values.ownerId !== undefined ? { repId: text(values.ownerId) } : {}),
    });
  } else if (collection === 'activities') {
    if (values.accountId === undefined) continue;
    activities.push({
      customerId: text(values.accountId),
      type: values.type as ActivityType,
      date: formatDay(Math.floor(Number(values.at) / 86_400_000)),
      ...(values.channel !== undefined ? { channel: text(values.channel) } : {}),
      cost: units(values.cost),
      ...(values.userId !== undefined ? { repId: text(values.userId) } : {}),
      ...(values.campaignId !== undefined ? { campaignId: text(values.campaignId) } : {}),
    });
  } else if (collection === 'campaigns') {
    campaigns.push({ id, channel: text(values.channel), start: text(values.startOn), end: text(values.endOn) });
  }
}
console.log(
  `\nworkspace ${SIZE.toUpperCase()} (seed 1): ${orders.length} orders, ${activities.length} activities, ${campaigns.length} campaigns ` +
    `(generated in ${((performance.now() - genStart) / 1000).toFixed(1)} s, not timed below)`,
);

const endDay = dayOf(DEFAULT_END);
function fullAnalysis(): { stages: Record<string, number>; customers: number; sequences: number; rules: number } {
  const stages: Record<string, number> = {};
  const purchases = time((): Purchase[] => orders.map((o) => ({ customerId: o.customerId, day: dayOf(o.date), amount: o.amount })));
  stages['purchases from orders'] = purchases.ms;
  const value = time(() => customerValue(purchases.value, { endDay, period: 'week', horizonMonths: 12, monthlyDiscount: 0.01 }));
  stages['summaries + BG/NBD + Gamma-Gamma + CLV + RFM'] = value.ms;
  const seq = time(() => sequenceRules(orders, { minCount: 20 }));
  stages['next-product sequences'] = seq.ms;
  const rules = time(() => basketRules(orders.map((o) => o.products.map((l) => l.productId)), { minSupport: 0.001, minConfidence: 0.1 }));
  stages['basket rules (support 0.001, confidence 0.1)'] = rules.ms;
  return { stages, customers: value.value.customers.length, sequences: seq.value.length, rules: rules.value.length };
}

fullAnalysis(); // warm-up
const runs = Array.from({ length: RUNS }, () => time(fullAnalysis));
const last = (runs[runs.length - 1] as (typeof runs)[number]).value;
console.log(`full analysis: median of ${RUNS} ${ms(median(runs.map((r) => r.ms)))} (target for M ≤ 2000 ms)`);
for (const stage of Object.keys(last.stages)) {
  console.log(`  ${stage.padEnd(48)} ${ms(median(runs.map((r) => r.value.stages[stage] ?? 0)))}`);
}
console.log(`  → ${last.customers} customers, ${last.sequences} sequence rules, ${last.rules} basket rules`);

const report = customerValue(
  orders.map((o) => ({ customerId: o.customerId, day: dayOf(o.date), amount: o.amount })),
  { endDay, period: 'week' },
);
const model = report.model.bgnbd;
if (model) console.log(`  BG/NBD on the workspace: r ${model.r.toFixed(3)}  α ${model.alpha.toFixed(3)}  a ${model.a.toFixed(3)}  b ${model.b.toFixed(3)}`);
const extras = time(() => {
  const winBack = winBackList(report.customers.map((c) => ({ id: c.id, pAlive: c.pAlive, segment: c.rfm.segment, value: c.total, clv: c.clv })));
  const roi = channelRoi(activities, orders, campaigns);
  const reps = repScorecards(activities, orders);
  return { winBack: winBack.length, channels: roi.channels.length, reps: reps.length };
});
console.log(
  `win-back list + channel ROI + rep scorecards: ${ms(extras.ms)} ` +
    `(${extras.value.winBack} to win back, ${extras.value.channels} channels, ${extras.value.reps} reps)`,
);

// --- 3. A recompute after a few changes -------------------------------------------------------
{
  const purchasesOf = (os: readonly Order[]): Purchase[] => os.map((o) => ({ customerId: o.customerId, day: dayOf(o.date), amount: o.amount }));
  const opts = { endDay, period: 'week' as const, horizonMonths: 12, monthlyDiscount: 0.01 };
  const customers = [...new Set(orders.map((o) => o.customerId))].slice(0, 10);
  const changed = new Set(customers);
  const extra: Order[] = customers.map((customerId, i) => {
    const template = orders.find((o) => o.customerId === customerId) as Order;
    return { ...template, date: formatDay(endDay - 2 - i) };
  });
  const after = [...orders, ...extra];
  const counts = new SequenceCounts();
  counts.setAll(orders);
  const coldRuns: number[] = [];
  const warmRuns: number[] = [];
  let cold = customerValue(purchasesOf(after), opts);
  let warm = cold;
  for (let i = 0; i < RUNS; i++) {
    const c = time(() => customerValue(purchasesOf(after), opts));
    const w = time(() => customerValue(purchasesOf(after), { ...opts, warmStart: report.model }));
    coldRuns.push(c.ms);
    warmRuns.push(w.ms);
    cold = c.value;
    warm = w.value;
  }
  const full = time(() => sequenceRules(after, { minCount: 20 }));
  const inc = time(() => {
    const days = purchaseDays(after.filter((o) => changed.has(o.customerId)));
    for (const id of changed) counts.setCustomer(id, days.get(id) ?? []);
    return counts.rules({ minCount: 20 });
  });
  const same = JSON.stringify(inc.value) === JSON.stringify(full.value);
  const worst = Math.max(...(['r', 'alpha', 'a', 'b'] as const).map((k) => Math.abs((warm.model.bgnbd?.[k] ?? 0) / (cold.model.bgnbd?.[k] ?? 1) - 1)));
  console.log(`\nrecompute after 10 customers ordered once more (median of ${RUNS}):`);
  console.log(`  customer value, full search ${ms(median(coldRuns))}; from the previous fit ${ms(median(warmRuns))} (parameters within ${(worst * 100).toFixed(3)} %)`);
  console.log(`  next-product sequences, all customers ${ms(full.ms)}; the 10 changed ${ms(inc.ms)} (same rules: ${same ? 'yes' : 'NO'})`);
}
