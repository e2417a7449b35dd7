// A telemarketing campaign's call list as the call screen sees it, and the calls logged from it.
//
// Who is on the list (model SPEC TM3): a campaign whose segment names an RFM segment targets the
// customers the analytics worker puts in it, most valuable first; any other segment text names a
// customer group (the accounts' "Customer group" field), by name. A campaign without a segment
// starts empty: accounts are added by hand, which schedules a call for them now (a call task
// linked to the campaign), so they stay on the list like any account the campaign has called.
//
// Logging an outcome writes a call activity, closes the account's open call tasks for the
// campaign and, for "no answer" and "call back", schedules the next call. Everything it wrote is
// kept so that Undo takes it all back.
import { SEGMENTS } from '@counterpart/analytics';
import type { Money, Row } from '@counterpart/model';
import { buildCallList, followUpAt, nextWorkingDay, parseCallScript, type CallListEntry, type CallScript, type CampaignCall, type ScheduledCall, type ScriptError } from '@counterpart/model/telemarketing';
import type { ChangeEvent, WorkspaceStore } from '@counterpart/store';
import { serialReload } from './batch.ts';
import { handleError } from './errors.ts';
import { insights } from './insights.svelte.ts';

/** The outcomes a call screen offers, in the order of their keys 1–5. */
export const CALL_OUTCOMES = ['no_answer', 'call_back', 'interested', 'order', 'not_interested'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** The buying-centre roles in the order a telemarketer asks for them. */
const ROLE_ORDER = ['decision_maker', 'buyer', 'influencer', 'user', 'gatekeeper'];

export interface CallRow extends CallListEntry {
  readonly account: Row;
  /** The account's contacts, the one to ask for first at the top. */
  readonly contacts: readonly Row[];
}

/** What one logged outcome wrote, for Undo. */
export interface LoggedCall {
  readonly activityId: string;
  readonly taskId?: string;
  readonly closedTaskIds: readonly string[];
  orderId?: string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export function isRfmSegment(segment: string): boolean {
  return (SEGMENTS as readonly string[]).includes(segment);
}

/** Contacts with a phone first, then by buying-centre role, then by name. */
export function rankContacts(contacts: readonly Row[]): Row[] {
  const role = (c: Row): number => {
    const i = ROLE_ORDER.indexOf(text(c.buyingRole));
    return i < 0 ? ROLE_ORDER.length : i;
  };
  const phone = (c: Row): number => (text(c.phone) || text(c.mobile) ? 0 : 1);
  return [...contacts].sort((a, b) => phone(a) - phone(b) || role(a) - role(b) || a._title.localeCompare(b._title));
}

export class CallList {
  campaign = $state.raw<Row | null>(null);
  /** False until the first read; the campaign may then still be missing (deleted, wrong link). */
  loaded = $state(false);
  rows = $state.raw<readonly CallRow[]>([]);
  removed = $state(0);
  /** The campaign's segment is an RFM one and the analytics have not produced it yet. */
  waitingForSegment = $state(false);

  readonly script = $derived.by<{ script: CallScript | null } | { error: ScriptError }>(() => parseCallScript(text(this.campaign?.script)));
  readonly segment = $derived(text(this.campaign?.segment).trim());

  private readonly reload = serialReload(() => this.load(), handleError);

  constructor(private readonly store: WorkspaceStore, readonly campaignId: string) {}

  /** Reads the list and follows changes; returns the stop function. */
  start(): () => void {
    this.reload();
    const watched: readonly string[] = ['campaigns', 'activities', 'tasks', 'accounts', 'contacts'];
    const off = this.store.subscribe((e: ChangeEvent) => {
      if (e.rows.some((r) => watched.includes(r.collection)) || e.touched?.some((c) => watched.includes(c))) this.reload();
    });
    // Due calls become due as time passes.
    const tick = setInterval(() => this.reload(), 60_000);
    return () => {
      off();
      clearInterval(tick);
    };
  }

  /** Asked again when the analytics produce a new result. */
  refresh(): void {
    this.reload();
  }

  private async targets(segment: string): Promise<string[]> {
    if (!segment) return [];
    if (isRfmSegment(segment)) {
      insights.ensure(this.store);
      const result = insights.result;
      this.waitingForSegment = !result;
      if (!result) return [];
      return Object.entries(result.perCustomer)
        .filter(([, c]) => c.segment === segment)
        .sort(([ai, a], [bi, b]) => b.clv - a.clv || (ai < bi ? -1 : 1))
        .map(([id]) => id);
    }
    this.waitingForSegment = false;
    const rows = await this.store.where('accounts', 'segment', segment);
    return rows.sort((a, b) => a._title.localeCompare(b._title)).map((r) => r.id);
  }

  private async load(): Promise<void> {
    const store = this.store;
    const campaign = (await store.get('campaigns', this.campaignId)) ?? null;
    this.campaign = campaign;
    if (!campaign) {
      this.rows = [];
      this.loaded = true;
      return;
    }
    const [targets, activities, tasks] = await Promise.all([
      this.targets(text(campaign.segment).trim()),
      store.where('activities', 'campaignId', this.campaignId),
      store.where('tasks', 'campaignId', this.campaignId),
    ]);
    const calls: CampaignCall[] = activities
      .filter((a) => a.type === 'call' && typeof a.accountId === 'string' && typeof a.at === 'number')
      .map((a) => ({
        id: a.id, accountId: a.accountId as string, at: a.at as number,
        ...(text(a.outcome) ? { outcome: text(a.outcome) } : {}),
        ...(text(a.contactId) ? { contactId: text(a.contactId) } : {}),
        ...(text(a.userId) ? { userId: text(a.userId) } : {}),
      }));
    const scheduled: ScheduledCall[] = tasks
      .filter((t) => typeof t.accountId === 'string')
      .map((t) => ({
        id: t.id, accountId: t.accountId as string, done: t.done === true,
        ...(typeof t.dueAt === 'number' ? { dueAt: t.dueAt } : {}),
        ...(text(t.contactId) ? { contactId: text(t.contactId) } : {}),
      }));
    const list = buildCallList(targets.map((accountId) => ({ accountId })), calls, scheduled, Date.now());
    const accounts = await store.rows('accounts', list.entries.map((e) => e.accountId));
    const byId: Readonly<Record<string, Row | undefined>> = Object.fromEntries(accounts.filter(Boolean).map((a) => [a.id, a]));
    const contacts = await Promise.all(list.entries.map((e) => (byId[e.accountId] ? store.where('contacts', 'accountId', e.accountId) : Promise.resolve([]))));
    const rows: CallRow[] = [];
    list.entries.forEach((e, i) => {
      const account = byId[e.accountId];
      // An account deleted since it was called or scheduled is no longer anyone to call.
      if (account) rows.push({ ...e, account, contacts: rankContacts(contacts[i]!) });
    });
    this.rows = rows;
    this.removed = list.removed;
    this.loaded = true;
  }

  /**
   * Logs a call's outcome for `row`: the call activity, its open call tasks for the campaign
   * closed, and the next call scheduled at `nextAt` when there is one. Returns what it wrote.
   */
  async log(row: CallRow, contactId: string | undefined, outcome: CallOutcome, opts: {
    startedAt: number; now: number; userId?: string; subject: string; nextAt?: number; nextTitle: string;
  }): Promise<LoggedCall> {
    const store = this.store;
    const campaign = this.campaign;
    const cost = campaign?.costPerContact as Money | undefined;
    const durationMin = Math.max(1, Math.ceil((opts.now - opts.startedAt) / 60_000));
    const activityId = await store.create('activities', {
      type: 'call', subject: opts.subject, at: opts.now, direction: 'outbound', channel: 'phone',
      durationMin, outcome, accountId: row.account.id, campaignId: this.campaignId,
      ...(cost ? { cost } : {}),
      ...(contactId ? { contactId } : {}),
      ...(opts.userId ? { userId: opts.userId } : {}),
    });
    const open = (await store.where('tasks', 'campaignId', this.campaignId)).filter((t) => t.accountId === row.account.id && t.done !== true);
    for (const t of open) await store.update('tasks', t.id, { done: true });
    let taskId: string | undefined;
    if (opts.nextAt !== undefined) {
      taskId = await store.create('tasks', {
        title: opts.nextTitle, kind: 'call', dueAt: opts.nextAt, done: false,
        accountId: row.account.id, campaignId: this.campaignId,
        ...(contactId ? { contactId } : {}),
        ...(opts.userId ? { assigneeId: opts.userId } : {}),
      });
    }
    return { activityId, closedTaskIds: open.map((t) => t.id), ...(taskId ? { taskId } : {}) };
  }

  /** Takes back everything `log` (and the order registered on the call) wrote. */
  async undo(logged: LoggedCall): Promise<void> {
    const store = this.store;
    if (logged.orderId) await store.remove('orders', logged.orderId);
    if (logged.taskId) await store.remove('tasks', logged.taskId);
    for (const id of logged.closedTaskIds) await store.update('tasks', id, { done: false });
    await store.remove('activities', logged.activityId);
  }

  /** Puts an account on the list by scheduling a call to it now. */
  async add(accountId: string, opts: { now: number; userId?: string; title: string }): Promise<void> {
    await this.store.create('tasks', {
      title: opts.title, kind: 'call', dueAt: opts.now, done: false, accountId, campaignId: this.campaignId,
      ...(opts.userId ? { assigneeId: opts.userId } : {}),
    });
  }
}

/** When the next call goes by default: "no answer" the next working day at 9:00, "call back"
 * the next working day at 10:00 unless the rep picks a time, "interested" a follow-up three
 * working days later (SPEC TM5, TM6). */
export function defaultNext(outcome: 'no_answer' | 'call_back' | 'interested', now: number): number {
  return outcome === 'interested' ? followUpAt(now) : nextWorkingDay(now, outcome === 'no_answer' ? 9 : 10);
}
