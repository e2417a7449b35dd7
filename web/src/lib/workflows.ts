// The sales and service workflows as pure functions over rows: who takes leads and how loaded
// they are, which leads wait to be routed, what is overdue, and what a lead converts into.
import {
  isOpenTicket, responseDue, routeLead, salesSettingsFrom, type Rep, type ResponseDeadline, type Route, type Row, type RoutingRule,
  type SalesSettings, type Values,
} from '@counterpart/model';

/** The workspace's rules from its settings as stored. */
export function rulesOf(store: { readonly settings: { readonly sales: Readonly<Record<string, unknown>> } }): SalesSettings {
  return salesSettingsFrom(store.settings.sales);
}

/** Lead statuses that still need a rep's attention: they count towards the rep's load. */
export const OPEN_LEAD_STATUSES: readonly string[] = ['new', 'contacted', 'qualified'];

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/** Active members who may take leads (not viewers), with their open leads counted. */
export function repsOf(users: readonly Row[], leads: readonly Row[]): Rep[] {
  const load = new Map<string, number>();
  for (const l of leads) {
    const a = str(l.assigneeId);
    if (a && OPEN_LEAD_STATUSES.includes(String(l.status))) load.set(a, (load.get(a) ?? 0) + 1);
  }
  return users
    .filter((u) => u.active !== false && u.role !== 'viewer')
    .map((u) => ({ id: u.id, ...(str(u.territory) ? { territory: str(u.territory) } : {}), load: load.get(u.id) ?? 0 }));
}

/** A new lead nobody has been assigned to yet. */
export function needsRouting(lead: Row): boolean {
  return lead.status === 'new' && !str(lead.assigneeId);
}

/** The rep for a lead; undefined when there is nobody to give it to. */
export function routeRow(lead: Row, rules: readonly RoutingRule[], reps: readonly Rep[]): Route | undefined {
  return routeLead({ territory: str(lead.territory), productLine: str(lead.productLine) }, rules, reps);
}

export interface Late {
  readonly row: Row;
  readonly due: number;
  /** Milliseconds past due. */
  readonly late: number;
}

/** When a lead is due a first response; undefined once answered or closed. */
export function leadDue(lead: Row, rule: ResponseDeadline): number | undefined {
  if (typeof lead.receivedAt !== 'number' || typeof lead.firstResponseAt === 'number') return undefined;
  if (lead.status === 'converted' || lead.status === 'disqualified') return undefined;
  return responseDue(lead.receivedAt, rule);
}

/** Leads not answered in time, the latest first. */
export function overdueLeads(leads: readonly Row[], rule: ResponseDeadline, now: number): Late[] {
  const out: Late[] = [];
  for (const row of leads) {
    const due = leadDue(row, rule);
    if (due !== undefined && due < now) out.push({ row, due, late: now - due });
  }
  return out.sort((a, b) => b.late - a.late || (a.row.id < b.row.id ? -1 : 1));
}

/** Open tickets past their due date, the latest first. */
export function overdueTickets(tickets: readonly Row[], now: number): Late[] {
  const out: Late[] = [];
  for (const row of tickets) {
    if (!isOpenTicket(row.status) || typeof row.due !== 'number' || row.due >= now) continue;
    out.push({ row, due: row.due, late: now - row.due });
  }
  return out.sort((a, b) => b.late - a.late || (a.row.id < b.row.id ? -1 : 1));
}

/** What a lead becomes: an account (its company, or the person), a contact and a qualified deal. */
export function conversionOf(lead: Row, dealName: (account: string) => string): { account: Values; contact: Values; deal: Values } {
  const person = str(lead.name) ?? '';
  const company = str(lead.company) ?? person;
  const parts = person.trim().split(/\s+/);
  const lastName = parts.length > 1 ? parts.slice(1).join(' ') : person;
  const firstName = parts.length > 1 ? parts[0] : undefined;
  const owner = str(lead.assigneeId);
  const territory = str(lead.territory);
  return {
    account: {
      name: company, kind: 'prospect',
      ...(str(lead.email) && !str(lead.company) ? { email: lead.email } : {}),
      ...(str(lead.phone) ? { phone: lead.phone } : {}),
      ...(territory ? { territory } : {}),
      ...(owner ? { ownerId: owner } : {}),
    },
    contact: {
      lastName,
      ...(firstName ? { firstName } : {}),
      ...(str(lead.email) ? { email: lead.email } : {}),
      ...(str(lead.phone) ? { phone: lead.phone } : {}),
      ...(owner ? { ownerId: owner } : {}),
    },
    deal: {
      name: dealName(company), stage: 'qualified',
      ...(str(lead.productLine) ? { pipeline: lead.productLine } : {}),
      ...(owner ? { ownerId: owner } : {}),
    },
  };
}
