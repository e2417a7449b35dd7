// What the campaign screens derive from the analytics worker's figures: ROI in one currency, the
// comparison table's rows and their order, the customers a campaign's target stands for, the
// activity a campaign contact is logged as, and the scorecards' periods. Pure: tested in Node.
import type { ChannelFigures } from '@counterpart/analytics';

/**
 * (revenue × rate − cost) / cost, where `rate` turns sales currency into cost currency (1 when
 * they are the same); null when nothing was spent or the rate is not known yet.
 */
export function roiOf(revenue: number, cost: number, rate: number | null): number | null {
  if (rate === null || !(cost > 0)) return null;
  return (revenue * rate - cost) / cost;
}

export const SORT_KEYS = ['name', 'contacts', 'responseRate', 'costPerContact', 'orders', 'costPerOrder', 'roi'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface CompareRow {
  readonly id: string;
  readonly name: string;
  readonly channel: string;
  readonly contacts: number;
  readonly responseRate: number | null;
  readonly costPerContact: number | null;
  readonly orders: number;
  readonly costPerOrder: number | null;
  readonly roi: number | null;
}

export function compareRow(id: string, name: string, f: ChannelFigures, rate: number | null): CompareRow {
  return {
    id, name, channel: f.channel, contacts: f.contacts, responseRate: f.responseRate, costPerContact: f.costPerContact,
    orders: f.orders, costPerOrder: f.costPerOrder, roi: roiOf(f.revenue, f.cost, rate),
  };
}

/** Sorted by `key`; rows without a figure (null) go last either way, ties by name. */
export function sortRows(rows: readonly CompareRow[], key: SortKey, descending: boolean): CompareRow[] {
  const dir = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    if (key === 'name') return dir * a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0) || a.name.localeCompare(b.name);
    return dir * (x - y) || a.name.localeCompare(b.name);
  });
}

export type Target =
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown'; readonly name: string }
  | { readonly kind: 'segment' | 'group'; readonly name: string; readonly customers: number };

/**
 * What a campaign's Segment text stands for: a customer segment of the analysis (Champions, At
 * risk…, matched without regard to case), else a customer group of accounts.
 */
export function campaignTarget(
  text: unknown,
  segments: readonly { readonly segment: string; readonly customers: number }[],
  groups: Readonly<Record<string, number>>,
): Target {
  const name = typeof text === 'string' ? text.trim() : '';
  if (!name) return { kind: 'none' };
  const lower = name.toLowerCase();
  const segment = segments.find((s) => s.segment.toLowerCase() === lower);
  if (segment) return { kind: 'segment', name: segment.segment, customers: segment.customers };
  const group = Object.keys(groups).find((g) => g.toLowerCase() === lower);
  if (group !== undefined) return { kind: 'group', name: group, customers: groups[group] ?? 0 };
  return { kind: 'unknown', name };
}

/** How a contact of a campaign on this channel is logged: the activity's type and channel. */
export function contactFor(channel: unknown): { type: string; channel: string } {
  switch (channel) {
    case 'field_visit': return { type: 'visit', channel: 'in_person' };
    case 'direct_mail': return { type: 'letter', channel: 'mail' };
    case 'email': return { type: 'email', channel: 'email' };
    case 'event': return { type: 'meeting', channel: 'in_person' };
    case 'web': return { type: 'email', channel: 'web' };
    default: return { type: 'call', channel: 'phone' };
  }
}

export const PERIODS = ['month', 'quarter', 'year', 'all'] as const;
export type Period = (typeof PERIODS)[number];
const PERIOD_DAYS: Record<Exclude<Period, 'all'>, number> = { month: 30, quarter: 90, year: 365 };

/** The calendar days of a period ending on `today` (YYYY-MM-DD, both included). */
export function periodRange(period: Period, today: string): { from: string; to: string } {
  if (period === 'all') return { from: '0000-01-01', to: today };
  const end = Date.parse(`${today}T00:00:00Z`);
  return { from: new Date(end - (PERIOD_DAYS[period] - 1) * 86_400_000).toISOString().slice(0, 10), to: today };
}
