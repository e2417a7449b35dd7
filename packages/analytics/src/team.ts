// Figures for managers (SPEC T1–T6): whom to win back, what each channel and campaign returns,
// and each rep's scorecard. Contacts and orders are linked by last touch: an order is credited
// to the customer's latest contact at most `attributionDays` before it (same day included).
import { dayOf } from './dates.ts';
import type { Segment } from './rfm.ts';
import type { Activity, Campaign, Order } from './types.ts';

export interface WinBackInput {
  readonly id: string;
  readonly pAlive: number;
  readonly segment: Segment;
  /** What the customer has spent so far. */
  readonly value: number;
  readonly clv?: number;
}

export interface WinBackEntry extends WinBackInput {
  /** value × (1 − pAlive): the past value at stake. */
  readonly atStake: number;
  readonly reason: 'low P(alive)' | 'segment';
}

export const WIN_BACK_SEGMENTS: readonly Segment[] = ['At risk', "Can't lose them"];

/**
 * T1: customers who have probably lapsed (P(alive) below `maxPAlive`) or sit in an at-risk
 * segment, and whose past value is in the top `1 − valueQuantile` of all customers; most value
 * at stake first.
 */
export function winBackList(
  customers: readonly WinBackInput[],
  opts: { maxPAlive?: number; valueQuantile?: number; segments?: readonly Segment[] } = {},
): WinBackEntry[] {
  const maxPAlive = opts.maxPAlive ?? 0.3;
  const segments = new Set(opts.segments ?? WIN_BACK_SEGMENTS);
  const values = customers.map((c) => c.value).sort((x, y) => x - y);
  const cut = values.length ? (values[Math.min(values.length - 1, Math.floor((opts.valueQuantile ?? 0.6) * values.length))] as number) : 0;
  const out: WinBackEntry[] = [];
  for (const c of customers) {
    if (c.value < cut || c.value <= 0) continue;
    const low = c.pAlive < maxPAlive;
    if (!low && !segments.has(c.segment)) continue;
    out.push({ ...c, atStake: c.value * (1 - c.pAlive), reason: low ? 'low P(alive)' : 'segment' });
  }
  return out.sort((x, y) => y.atStake - x.atStake || x.id.localeCompare(y.id));
}

/** Contacts of each customer by day, for last-touch lookups. */
class Touches {
  private readonly byCustomer = new Map<string, { day: number; index: number }[]>();

  constructor(activities: readonly Activity[]) {
    activities.forEach((a, index) => {
      let list = this.byCustomer.get(a.customerId);
      if (!list) this.byCustomer.set(a.customerId, (list = []));
      list.push({ day: dayOf(a.date), index });
    });
    for (const list of this.byCustomer.values()) list.sort((x, y) => x.day - y.day || x.index - y.index);
  }

  /** Index of the customer's latest contact in [day − window, day], or −1. */
  lastBefore(customerId: string, day: number, window: number): number {
    const list = this.byCustomer.get(customerId);
    if (!list) return -1;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((list[mid] as { day: number }).day <= day) lo = mid + 1;
      else hi = mid;
    }
    const t = list[lo - 1];
    return t && t.day >= day - window ? t.index : -1;
  }
}

/**
 * T4: outcomes that count as a response: the customer showed interest, asked to be called back
 * or ordered. A refusal, no answer, a message left or a plain "completed" do not.
 */
export const RESPONSE_OUTCOMES: readonly string[] = ['interested', 'call_back', 'order'];
const RESPONSE_SET = new Set(RESPONSE_OUTCOMES);

/** T4: a contact's cost is its own recorded cost, else its campaign's cost per contact, else 0. */
export function contactCost(a: Activity, campaign: Campaign | undefined): number {
  return a.cost ?? campaign?.costPerContact ?? 0;
}

/** T2: a contact's channel is its campaign's channel, else its own channel or type. */
function channelOfContact(a: Activity, campaign: Campaign | undefined): string {
  return campaign ? campaign.channel : (a.channel ?? a.type);
}

export interface ChannelFigures {
  readonly channel: string;
  readonly contacts: number;
  /** Contacts whose outcome counts as a response (T4). */
  readonly responses: number;
  readonly cost: number;
  /** Orders credited by last touch, and their value. */
  readonly orders: number;
  readonly revenue: number;
  /** (revenue × margin − cost) / cost; null when nothing was spent. */
  readonly roi: number | null;
  readonly costPerOrder: number | null;
  /** cost / contacts and responses / contacts; null without contacts. */
  readonly costPerContact: number | null;
  readonly responseRate: number | null;
}

export interface CampaignFigures extends ChannelFigures {
  readonly campaignId: string;
}

export interface RoiOptions {
  readonly attributionDays?: number;
  /** Gross margin on revenue, so ROI compares profit with cost; 1 counts revenue as is. */
  readonly margin?: number;
  /**
   * Converts an order amount into the unit of contact costs. Sales and contact costs are often
   * in different currencies (the demo: euro sales, dollar costs); the default is no conversion.
   */
  readonly revenueToCost?: (amount: number) => number;
}

/**
 * T2: return per channel and per campaign. A contact's channel is its campaign's channel when it
 * belongs to one, else its own channel (or its type). Campaign fixed costs are added to the
 * campaign and its channel. T4: contact costs and responses; every campaign has figures, zero
 * when nothing was logged for it yet.
 */
export function channelRoi(
  activities: readonly Activity[],
  orders: Iterable<Order>,
  campaigns: readonly Campaign[] = [],
  opts: RoiOptions = {},
): { channels: ChannelFigures[]; campaigns: CampaignFigures[] } {
  const window = opts.attributionDays ?? 30;
  const margin = opts.margin ?? 1;
  const convert = opts.revenueToCost ?? ((x: number): number => x);
  const campaignById = new Map(campaigns.map((c) => [c.id, c]));
  const campaignOf = (a: Activity): Campaign | undefined => (a.campaignId !== undefined ? campaignById.get(a.campaignId) : undefined);
  const channelOf = (a: Activity): string => channelOfContact(a, campaignOf(a));
  type Acc = { contacts: number; responses: number; cost: number; orders: number; revenue: number };
  const blank = (): Acc => ({ contacts: 0, responses: 0, cost: 0, orders: 0, revenue: 0 });
  const byChannel = new Map<string, Acc>();
  const byCampaign = new Map<string, Acc>();
  const get = (m: Map<string, Acc>, k: string): Acc => {
    let v = m.get(k);
    if (!v) m.set(k, (v = blank()));
    return v;
  };
  for (const c of campaigns) get(byCampaign, c.id);
  for (const a of activities) {
    const campaign = campaignOf(a);
    const cost = contactCost(a, campaign);
    const response = a.outcome !== undefined && RESPONSE_SET.has(a.outcome) ? 1 : 0;
    for (const acc of campaign ? [get(byChannel, campaign.channel), get(byCampaign, campaign.id)] : [get(byChannel, channelOf(a))]) {
      acc.contacts++;
      acc.responses += response;
      acc.cost += cost;
    }
  }
  for (const c of campaigns) {
    if (!c.fixedCost) continue;
    get(byChannel, c.channel).cost += c.fixedCost;
    get(byCampaign, c.id).cost += c.fixedCost;
  }
  const touches = new Touches(activities);
  for (const o of orders) {
    const i = touches.lastBefore(o.customerId, dayOf(o.date), window);
    if (i < 0) continue;
    const a = activities[i] as Activity;
    const revenue = convert(o.amount);
    const ch = get(byChannel, channelOf(a));
    ch.orders++;
    ch.revenue += revenue;
    if (a.campaignId !== undefined && campaignById.has(a.campaignId)) {
      const cp = get(byCampaign, a.campaignId);
      cp.orders++;
      cp.revenue += revenue;
    }
  }
  const figures = (channel: string, v: Acc): ChannelFigures => ({
    channel,
    ...v,
    roi: v.cost > 0 ? (v.revenue * margin - v.cost) / v.cost : null,
    costPerOrder: v.orders > 0 ? v.cost / v.orders : null,
    costPerContact: v.contacts > 0 ? v.cost / v.contacts : null,
    responseRate: v.contacts > 0 ? v.responses / v.contacts : null,
  });
  return {
    channels: [...byChannel].map(([k, v]) => figures(k, v)).sort((x, y) => (y.roi ?? -Infinity) - (x.roi ?? -Infinity) || x.channel.localeCompare(y.channel)),
    campaigns: [...byCampaign]
      .map(([id, v]) => ({ campaignId: id, ...figures(campaignById.get(id)?.channel ?? '', v) }))
      .sort((x, y) => x.campaignId.localeCompare(y.campaignId)),
  };
}

export interface RepScorecard {
  readonly repId: string;
  readonly activities: number;
  readonly byType: Readonly<Partial<Record<Activity['type'], number>>>;
  readonly customersContacted: number;
  readonly cost: number;
  /** Orders credited to the rep on the order itself, and their value. */
  readonly orders: number;
  readonly revenue: number;
  /** Orders that followed one of the rep's contacts (last touch). */
  readonly ordersAfterContact: number;
  /** Share of contacted customers with an order after one of the rep's contacts. */
  readonly conversion: number;
  readonly revenuePerContact: number;
  /** T5: the rep's contact costs (T4) by channel (T2). */
  readonly costByChannel: Readonly<Record<string, number>>;
}

/**
 * T3, T5: per rep, over the given activities and orders (filter them to a period first).
 * `campaigns` give contacts their channel and their cost when they have none of their own.
 */
export function repScorecards(
  activities: readonly Activity[],
  orders: Iterable<Order>,
  opts: { attributionDays?: number; campaigns?: readonly Campaign[] } = {},
): RepScorecard[] {
  const window = opts.attributionDays ?? 30;
  const campaignById = new Map((opts.campaigns ?? []).map((c) => [c.id, c]));
  type Acc = {
    activities: number; byType: Partial<Record<Activity['type'], number>>; customers: Set<string>; converted: Set<string>;
    cost: number; costByChannel: Record<string, number>; orders: number; revenue: number; after: number;
  };
  const reps = new Map<string, Acc>();
  const get = (id: string): Acc => {
    let v = reps.get(id);
    if (!v) reps.set(id, (v = { activities: 0, byType: {}, customers: new Set(), converted: new Set(), cost: 0, costByChannel: {}, orders: 0, revenue: 0, after: 0 }));
    return v;
  };
  for (const a of activities) {
    if (a.repId === undefined) continue;
    const r = get(a.repId);
    r.activities++;
    r.byType[a.type] = (r.byType[a.type] ?? 0) + 1;
    r.customers.add(a.customerId);
    const campaign = a.campaignId !== undefined ? campaignById.get(a.campaignId) : undefined;
    const cost = contactCost(a, campaign);
    r.cost += cost;
    const channel = channelOfContact(a, campaign);
    r.costByChannel[channel] = (r.costByChannel[channel] ?? 0) + cost;
  }
  const touches = new Touches(activities);
  for (const o of orders) {
    if (o.repId !== undefined) {
      const r = get(o.repId);
      r.orders++;
      r.revenue += o.amount;
    }
    const i = touches.lastBefore(o.customerId, dayOf(o.date), window);
    const rep = i >= 0 ? (activities[i] as Activity).repId : undefined;
    if (rep !== undefined) {
      const r = get(rep);
      r.after++;
      r.converted.add(o.customerId);
    }
  }
  return [...reps]
    .map(([repId, r]) => ({
      repId,
      activities: r.activities,
      byType: r.byType,
      customersContacted: r.customers.size,
      cost: r.cost,
      orders: r.orders,
      revenue: r.revenue,
      ordersAfterContact: r.after,
      conversion: r.customers.size ? r.converted.size / r.customers.size : 0,
      revenuePerContact: r.activities ? r.revenue / r.activities : 0,
      costByChannel: r.costByChannel,
    }))
    .sort((x, y) => y.revenue - x.revenue || x.repId.localeCompare(y.repId));
}
