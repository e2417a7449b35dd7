// A rep's week in the field, computed from plain rows: ISO weeks in the device's time zone, the
// visits and meetings with their reports, attendees and next steps, expenses with totals per day
// and for the week, receipts present or missing, and the number of calls. Pure: no DOM, no store,
// so the weekly report screen, its CSV and the tests all read the same numbers.
import { BUYING_ROLES, isMoney, type Money, type Row } from '@counterpart/model';

/** An ISO 8601 week: weeks start on Monday; week 1 is the one with the year's first Thursday. */
export interface IsoWeek {
  readonly year: number;
  readonly week: number;
}

const DAY_MS = 86_400_000;
const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

/** Local midnight of the Monday starting an ISO week (the device's time zone, DST included). */
export function weekStart({ year, week }: IsoWeek): number {
  // 4 January is always in week 1.
  const jan4 = new Date(year, 0, 4);
  const monday = new Date(year, 0, 4 - ((jan4.getDay() + 6) % 7) + (week - 1) * 7);
  return monday.getTime();
}

/** The instant the week after starts: local midnight a calendar week later, not 168 hours. */
export function weekEnd(w: IsoWeek): number {
  const start = new Date(weekStart(w));
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() + 7).getTime();
}

/** The ISO week an instant falls in, by the device's local calendar. */
export function isoWeekOf(ms: number): IsoWeek {
  const d = new Date(ms);
  // The Thursday of this week decides its year (UTC arithmetic on the local calendar day).
  const day = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  const thursday = new Date(day + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return { year, week };
}

/** How many ISO weeks a year has: 53 when 28 December falls in week 53. */
export function weeksInYear(year: number): number {
  return isoWeekOf(new Date(year, 11, 28).getTime()).week;
}

export function shiftWeek(w: IsoWeek, by: number): IsoWeek {
  // Noon of Thursday keeps clear of midnights that a DST change moves.
  return isoWeekOf(weekStart(w) + 3 * DAY_MS + 12 * 3_600_000 + by * 7 * DAY_MS);
}

/** "2025-W07". */
export function weekKey(w: IsoWeek): string {
  return `${w.year}-W${String(w.week).padStart(2, '0')}`;
}

/** Reads "2025-W07"; undefined for anything else, or a week the year does not have. */
export function parseWeekKey(text: string): IsoWeek | undefined {
  const m = WEEK_KEY.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const week = Number(m[2]);
  return week >= 1 && week <= weeksInYear(year) ? { year, week } : undefined;
}

/** A local calendar day as YYYY-MM-DD. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export type BuyingRole = (typeof BUYING_ROLES)[number];

/** Which buying-centre roles the attendees cover, in the schema's order. */
export function roleCoverage(roles: readonly unknown[]): { present: BuyingRole[]; missing: BuyingRole[] } {
  const have = new Set(roles);
  return {
    present: BUYING_ROLES.filter((r) => have.has(r)),
    missing: BUYING_ROLES.filter((r) => !have.has(r)),
  };
}

/** Adds money into per-currency totals (minor units; never floats). */
export function addMoney(totals: Money[], m: Money): Money[] {
  const i = totals.findIndex((t) => t.currency === m.currency);
  if (i < 0) return [...totals, { amount: m.amount, currency: m.currency }].sort((a, b) => a.currency.localeCompare(b.currency));
  return totals.map((t, j) => (j === i ? { amount: t.amount + m.amount, currency: t.currency } : t));
}

export interface Attendee {
  readonly contactId: string;
  /** The contact's name; '' when the contact is not on this device (deleted, not synced). */
  readonly name: string;
  readonly role?: BuyingRole;
}

export interface NextStep {
  readonly action: string;
  readonly taskId?: string;
  /** The task it became, when it is on this device. */
  readonly task?: { readonly title: string; readonly done: boolean; readonly dueAt?: number; readonly assigneeId?: string };
}

export interface Expense {
  readonly item: string;
  readonly amount: Money;
  /** The receipt's attachment, when it has one that is still on this device. */
  readonly receiptId?: string;
}

export interface Visit {
  readonly id: string;
  readonly type: 'visit' | 'meeting';
  readonly at: number;
  readonly subject: string;
  readonly accountId?: string;
  readonly report: string;
  readonly attendees: readonly Attendee[];
  readonly roles: { readonly present: readonly BuyingRole[]; readonly missing: readonly BuyingRole[] };
  readonly nextSteps: readonly NextStep[];
  readonly expenses: readonly Expense[];
  readonly expenseTotals: readonly Money[];
}

export interface Day {
  /** YYYY-MM-DD, local. */
  readonly day: string;
  readonly start: number;
  readonly visits: readonly Visit[];
  readonly calls: number;
  readonly expenseTotals: readonly Money[];
}

export interface WeekReport {
  readonly week: IsoWeek;
  readonly start: number;
  readonly end: number;
  /** Monday to Sunday. */
  readonly days: readonly Day[];
  readonly visits: readonly Visit[];
  readonly calls: number;
  readonly expenseCount: number;
  readonly expenseTotals: readonly Money[];
  readonly receipts: { readonly present: number; readonly missing: number };
  readonly nextSteps: { readonly total: number; readonly withTask: number; readonly done: number };
}

export interface WeekInput {
  readonly week: IsoWeek;
  /** The rep whose week it is (`activities.userId`). */
  readonly repId: string;
  /** Activities to choose from: any rows; those of other reps or other weeks are left out. */
  readonly activities: readonly Row[];
  readonly contacts: ReadonlyMap<string, Row>;
  readonly tasks: ReadonlyMap<string, Row>;
  /** Ids of the attachments on this device. */
  readonly attachments: ReadonlySet<string>;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const lines = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((l): l is Record<string, unknown> => typeof l === 'object' && l !== null) : [];
const isRole = (v: unknown): v is BuyingRole => (BUYING_ROLES as readonly unknown[]).includes(v);

function visitOf(row: Row, type: 'visit' | 'meeting', input: WeekInput): Visit {
  const attendees: Attendee[] = [];
  for (const l of lines(row.attendees)) {
    const contactId = text(l.contactId);
    if (!contactId || attendees.some((a) => a.contactId === contactId)) continue;
    const c = input.contacts.get(contactId);
    attendees.push({ contactId, name: c?._title ?? '', ...(isRole(c?.buyingRole) ? { role: c.buyingRole } : {}) });
  }
  const nextSteps: NextStep[] = lines(row.nextSteps).flatMap((l) => {
    const action = text(l.action);
    if (!action) return [];
    const taskId = text(l.taskId);
    const t = taskId ? input.tasks.get(taskId) : undefined;
    return [{
      action,
      ...(taskId ? { taskId } : {}),
      ...(t ? { task: { title: t._title, done: t.done === true, ...(typeof t.dueAt === 'number' ? { dueAt: t.dueAt } : {}), ...(text(t.assigneeId) ? { assigneeId: text(t.assigneeId) } : {}) } } : {}),
    }];
  });
  const expenses: Expense[] = lines(row.expenses).flatMap((l) => {
    if (!isMoney(l.amount)) return [];
    const receiptId = text(l.receiptId);
    return [{ item: text(l.item), amount: l.amount, ...(receiptId && input.attachments.has(receiptId) ? { receiptId } : {}) }];
  });
  return {
    id: row.id,
    type,
    at: row.at as number,
    subject: text(row.subject),
    ...(text(row.accountId) ? { accountId: text(row.accountId) } : {}),
    report: text(row.report),
    attendees,
    roles: roleCoverage(attendees.map((a) => a.role)),
    nextSteps,
    expenses,
    expenseTotals: expenses.reduce<Money[]>((sum, e) => addMoney(sum, e.amount), []),
  };
}

/** The rep's week: what the weekly report shows, day by day and in total. */
export function weekReport(input: WeekInput): WeekReport {
  const start = weekStart(input.week);
  const end = weekEnd(input.week);
  const mine = input.activities
    .filter((a) => a.userId === input.repId && typeof a.at === 'number' && a.at >= start && a.at < end)
    .sort((a, b) => (a.at as number) - (b.at as number) || (a.id < b.id ? -1 : 1));
  const visits = mine.flatMap((a) => (a.type === 'visit' || a.type === 'meeting' ? [visitOf(a, a.type, input)] : []));
  const callAt = mine.filter((a) => a.type === 'call').map((a) => a.at as number);
  const days: Day[] = [];
  for (let i = 0; i < 7; i++) {
    const s = new Date(start);
    const dayStart = new Date(s.getFullYear(), s.getMonth(), s.getDate() + i).getTime();
    const dayEnd = new Date(s.getFullYear(), s.getMonth(), s.getDate() + i + 1).getTime();
    const dayVisits = visits.filter((v) => v.at >= dayStart && v.at < dayEnd);
    days.push({
      day: localDay(dayStart),
      start: dayStart,
      visits: dayVisits,
      calls: callAt.filter((at) => at >= dayStart && at < dayEnd).length,
      expenseTotals: dayVisits.flatMap((v) => v.expenseTotals).reduce<Money[]>(addMoney, []),
    });
  }
  const expenses = visits.flatMap((v) => v.expenses);
  const steps = visits.flatMap((v) => v.nextSteps);
  return {
    week: input.week,
    start,
    end,
    days,
    visits,
    calls: callAt.length,
    expenseCount: expenses.length,
    expenseTotals: expenses.reduce<Money[]>((sum, e) => addMoney(sum, e.amount), []),
    receipts: { present: expenses.filter((e) => e.receiptId).length, missing: expenses.filter((e) => !e.receiptId).length },
    nextSteps: { total: steps.length, withTask: steps.filter((s) => s.taskId).length, done: steps.filter((s) => s.task?.done).length },
  };
}

/** The records a rep's activities refer to, which the report needs read alongside them. */
export function referencedIds(activities: readonly Row[]): { contacts: string[]; tasks: string[]; attachments: string[]; accounts: string[] } {
  const contacts = new Set<string>();
  const tasks = new Set<string>();
  const attachments = new Set<string>();
  const accounts = new Set<string>();
  for (const a of activities) {
    for (const l of lines(a.attendees)) if (text(l.contactId)) contacts.add(text(l.contactId));
    for (const l of lines(a.nextSteps)) if (text(l.taskId)) tasks.add(text(l.taskId));
    for (const l of lines(a.expenses)) if (text(l.receiptId)) attachments.add(text(l.receiptId));
    if (text(a.accountId)) accounts.add(text(a.accountId));
  }
  return { contacts: [...contacts], tasks: [...tasks], attachments: [...attachments], accounts: [...accounts] };
}
