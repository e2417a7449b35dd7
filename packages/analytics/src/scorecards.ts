// The rep scorecard beyond sales volume (SPEC T6–T8): how well each rep plans and knows their
// key accounts, how their contacts are spread over calls, meetings, visits and mail, and how fast
// they answer new leads. Sales volume, conversion and cost of sales come from T3/T5 (team.ts).
import { repScorecards, type RepScorecard } from './team.ts';
import type { Activity, Campaign, Order } from './types.ts';

const DAY_MS = 86_400_000;

/** The buying-centre roles a rep should know at each key account. */
export const BUYING_CENTRE_ROLES = ['decision_maker', 'influencer', 'buyer', 'user', 'gatekeeper'] as const;

export interface KeyAccountInput {
  readonly id: string;
  readonly ownerId?: string;
  /** The account plan's text; blank when there is none. */
  readonly plan: string;
  /** When the plan was last edited (epoch ms); absent when unknown. */
  readonly planEditedAt?: number;
}

export interface ContactRoleInput {
  readonly accountId: string;
  readonly role?: string;
}

export interface KeyAccountCoverage {
  readonly id: string;
  /** The plan is written and, where its last edit is known, edited within `planMonths`. */
  readonly currentPlan: boolean;
  /** Buying-centre roles with at least one contact at the account, in BUYING_CENTRE_ROLES order. */
  readonly roles: readonly string[];
}

export interface RepKeyAccounts {
  readonly keyAccounts: number;
  readonly withCurrentPlan: number;
  /** Mean share of the buying-centre roles known per key account; null without key accounts. */
  readonly coverage: number | null;
  readonly accounts: readonly KeyAccountCoverage[];
}

/**
 * T6: each owner's key accounts, which have a current plan (non-blank, and edited in the last
 * `planMonths` months when the edit time is known) and which buying-centre roles are known there.
 */
export function keyAccountCoverage(
  accounts: readonly KeyAccountInput[],
  contacts: readonly ContactRoleInput[],
  opts: { now: number; planMonths?: number },
): Map<string, RepKeyAccounts> {
  const oldest = opts.now - (opts.planMonths ?? 12) * 30.4375 * DAY_MS;
  const roles = new Map<string, Set<string>>();
  for (const c of contacts) {
    if (!c.role) continue;
    let set = roles.get(c.accountId);
    if (!set) roles.set(c.accountId, (set = new Set()));
    set.add(c.role);
  }
  const byRep = new Map<string, KeyAccountCoverage[]>();
  for (const a of accounts) {
    if (a.ownerId === undefined) continue;
    const known = roles.get(a.id);
    const entry: KeyAccountCoverage = {
      id: a.id,
      currentPlan: a.plan.trim() !== '' && (a.planEditedAt === undefined || a.planEditedAt >= oldest),
      roles: BUYING_CENTRE_ROLES.filter((r) => known?.has(r)),
    };
    let list = byRep.get(a.ownerId);
    if (!list) byRep.set(a.ownerId, (list = []));
    list.push(entry);
  }
  const out = new Map<string, RepKeyAccounts>();
  for (const [rep, list] of byRep) {
    out.set(rep, {
      keyAccounts: list.length,
      withCurrentPlan: list.filter((a) => a.currentPlan).length,
      coverage: list.length ? list.reduce((s, a) => s + a.roles.length / BUYING_CENTRE_ROLES.length, 0) / list.length : null,
      accounts: list,
    });
  }
  return out;
}

export interface LeadInput {
  readonly assigneeId?: string;
  /** Epoch ms. */
  readonly receivedAt: number;
  readonly firstResponseAt?: number;
}

export interface RepLeadResponse {
  readonly leads: number;
  /** Leads without a first response yet. */
  readonly unanswered: number;
  /** Median hours from receipt to first response over the answered leads; null when none. */
  readonly medianHours: number | null;
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** T7: per assignee, the leads received, how many are unanswered, the median response time. */
export function leadResponse(leads: readonly LeadInput[]): Map<string, RepLeadResponse> {
  const byRep = new Map<string, { leads: number; hours: number[] }>();
  for (const l of leads) {
    if (l.assigneeId === undefined) continue;
    let r = byRep.get(l.assigneeId);
    if (!r) byRep.set(l.assigneeId, (r = { leads: 0, hours: [] }));
    r.leads++;
    if (l.firstResponseAt !== undefined) r.hours.push(Math.max(0, l.firstResponseAt - l.receivedAt) / 3_600_000);
  }
  return new Map([...byRep].map(([rep, r]) => [rep, { leads: r.leads, unanswered: r.leads - r.hours.length, medianHours: median(r.hours) }]));
}

/** T8: the activity mix groups: e-mails and letters are both "mail"; notes are not contacts. */
export const MIX_GROUPS = ['call', 'meeting', 'visit', 'mail'] as const;
export type MixGroup = (typeof MIX_GROUPS)[number];

export function activityMix(byType: RepScorecard['byType']): Record<MixGroup, number> {
  const n = { call: byType.call ?? 0, meeting: byType.meeting ?? 0, visit: byType.visit ?? 0, mail: (byType.email ?? 0) + (byType.letter ?? 0) };
  const total = n.call + n.meeting + n.visit + n.mail;
  return {
    call: total ? n.call / total : 0,
    meeting: total ? n.meeting / total : 0,
    visit: total ? n.visit / total : 0,
    mail: total ? n.mail / total : 0,
  };
}

export interface RepReport extends RepScorecard, RepKeyAccounts, RepLeadResponse {
  /** Shares of calls, meetings, visits and mail among the rep's contacts (T8). */
  readonly mix: Record<MixGroup, number>;
}

export interface RepReportInput {
  /** The reps to report on (the workspace's members); reps found only in the data are added. */
  readonly repIds: readonly string[];
  readonly activities: readonly Activity[];
  readonly orders: readonly Order[];
  readonly campaigns: readonly Campaign[];
  readonly keyAccounts: readonly KeyAccountInput[];
  readonly contacts: readonly ContactRoleInput[];
  readonly leads: readonly LeadInput[];
  /** The period, calendar days YYYY-MM-DD inclusive. Key accounts are as of `now`. */
  readonly from: string;
  readonly to: string;
  readonly now: number;
}

/**
 * T8: one scorecard per rep for a period: contacts, orders and leads in [from, to] (T3, T5, T7),
 * key accounts as they are now (T6). Every rep of `repIds` has a row, zero when idle; reps are
 * ordered by sales volume, then id.
 */
export function repReport(input: RepReportInput): RepReport[] {
  const inDay = (d: string): boolean => d >= input.from && d <= input.to;
  const start = Date.parse(`${input.from}T00:00:00Z`);
  const end = Date.parse(`${input.to}T00:00:00Z`) + DAY_MS;
  const cards = new Map(repScorecards(input.activities.filter((a) => inDay(a.date)), input.orders.filter((o) => inDay(o.date)), { campaigns: input.campaigns }).map((c) => [c.repId, c]));
  const accounts = keyAccountCoverage(input.keyAccounts, input.contacts, { now: input.now });
  const response = leadResponse(input.leads.filter((l) => l.receivedAt >= start && l.receivedAt < end));
  const ids = new Set([...input.repIds, ...cards.keys(), ...accounts.keys(), ...response.keys()]);
  return [...ids]
    .map((repId): RepReport => {
      const card = cards.get(repId) ?? {
        repId, activities: 0, byType: {}, customersContacted: 0, cost: 0, orders: 0, revenue: 0, ordersAfterContact: 0, conversion: 0, revenuePerContact: 0, costByChannel: {},
      };
      return {
        ...card,
        ...(accounts.get(repId) ?? { keyAccounts: 0, withCurrentPlan: 0, coverage: null, accounts: [] }),
        ...(response.get(repId) ?? { leads: 0, unanswered: 0, medianHours: null }),
        mix: activityMix(card.byType),
      };
    })
    .sort((x, y) => y.revenue - x.revenue || x.repId.localeCompare(y.repId));
}
