// A telemarketing campaign's call list (SPEC TM3–TM5): who is on it, in what order, and when the
// next call to each is due. Pure: the app reads the rows, this decides.

/** An account on the list, in the order it should be called when nothing else decides. */
export interface CallTarget {
  readonly accountId: string;
}

/** A call logged for the campaign. */
export interface CampaignCall {
  readonly id: string;
  readonly accountId: string;
  readonly contactId?: string;
  readonly userId?: string;
  readonly outcome?: string;
  /** Epoch ms. */
  readonly at: number;
}

/** A next call scheduled for the campaign (a task). */
export interface ScheduledCall {
  readonly id: string;
  readonly accountId: string;
  readonly contactId?: string;
  /** Epoch ms; a task without a due time counts as due now. */
  readonly dueAt?: number;
  readonly done: boolean;
}

/** due: a scheduled call whose time has come; fresh: never called; later: scheduled ahead;
 * done: called, nothing further planned. */
export type CallState = 'due' | 'fresh' | 'later' | 'done';

export interface CallListEntry {
  readonly accountId: string;
  readonly state: CallState;
  /** The contact to call: of the due call, else of the last call, when known. */
  readonly contactId?: string;
  readonly calls: number;
  readonly lastCall?: CampaignCall;
  /** The earliest open scheduled call. */
  readonly next?: ScheduledCall;
}

export interface CallList {
  readonly entries: readonly CallListEntry[];
  /** Accounts taken off the list: their last call's outcome was "not interested". */
  readonly removed: number;
}

const ORDER: Readonly<Record<CallState, number>> = { due: 0, fresh: 1, later: 2, done: 3 };

/**
 * The list: every target plus every account the campaign has calls or scheduled calls for (an
 * account added by hand, or one that left the segment since it was called), without those whose
 * last call was "not interested" (unless a call was scheduled since). Due calls first (earliest due first), then accounts never
 * called (in target order), then calls scheduled later (soonest first), then the rest (most
 * recently called first).
 */
export function buildCallList(
  targets: readonly CallTarget[],
  calls: readonly CampaignCall[],
  scheduled: readonly ScheduledCall[],
  now: number,
): CallList {
  const rank = new Map<string, number>();
  for (const t of targets) if (!rank.has(t.accountId)) rank.set(t.accountId, rank.size);
  const callsOf = new Map<string, CampaignCall[]>();
  for (const c of calls) {
    const list = callsOf.get(c.accountId);
    if (list) list.push(c);
    else callsOf.set(c.accountId, [c]);
  }
  const nextOf = new Map<string, ScheduledCall>();
  for (const s of scheduled) {
    if (s.done) continue;
    const held = nextOf.get(s.accountId);
    if (!held || dueOf(s, now) < dueOf(held, now)) nextOf.set(s.accountId, s);
  }
  const ids = new Set<string>([...rank.keys(), ...callsOf.keys(), ...nextOf.keys()]);
  let removed = 0;
  const entries: CallListEntry[] = [];
  for (const accountId of ids) {
    const mine = callsOf.get(accountId) ?? [];
    const lastCall = mine.reduce<CampaignCall | undefined>((a, c) => (!a || c.at > a.at || (c.at === a.at && c.id > a.id) ? c : a), undefined);
    const next = nextOf.get(accountId);
    // Saying "not interested" closes the account's open calls; one scheduled since puts it back.
    if (lastCall?.outcome === 'not_interested' && !next) {
      removed++;
      continue;
    }
    const state: CallState = next ? (dueOf(next, now) <= now ? 'due' : 'later') : lastCall ? 'done' : 'fresh';
    const contactId = next?.contactId ?? lastCall?.contactId;
    entries.push({
      accountId, state, calls: mine.length,
      ...(contactId ? { contactId } : {}),
      ...(lastCall ? { lastCall } : {}),
      ...(next ? { next } : {}),
    });
  }
  entries.sort((a, b) => ORDER[a.state] - ORDER[b.state] || within(a, b, rank, now));
  return { entries, removed };
}

function dueOf(s: ScheduledCall, now: number): number {
  return s.dueAt ?? now;
}

function within(a: CallListEntry, b: CallListEntry, rank: ReadonlyMap<string, number>, now: number): number {
  switch (a.state) {
    case 'due':
    case 'later':
      return dueOf(a.next!, now) - dueOf(b.next!, now) || tie(a, b, rank);
    case 'fresh':
      return tie(a, b, rank);
    case 'done':
      return b.lastCall!.at - a.lastCall!.at || tie(a, b, rank);
  }
}

/** Target order, accounts not among the targets after them by id, so every device agrees. */
function tie(a: CallListEntry, b: CallListEntry, rank: ReadonlyMap<string, number>): number {
  const ra = rank.get(a.accountId) ?? Number.MAX_SAFE_INTEGER;
  const rb = rank.get(b.accountId) ?? Number.MAX_SAFE_INTEGER;
  return ra - rb || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0);
}

const DAY = 86_400_000;

/**
 * When a call that got no answer is tried again: the next working day (Monday–Friday, device
 * local time) at `hour`:00.
 */
export function nextWorkingDay(now: number, hour = 9): number {
  const d = new Date(now);
  d.setHours(hour, 0, 0, 0);
  do d.setTime(d.getTime() + DAY);
  while (d.getDay() === 0 || d.getDay() === 6);
  // Across a daylight-saving change a day is not 24 h: put the hour back.
  d.setHours(hour, 0, 0, 0);
  return d.getTime();
}

/** How many working days after an "interested" call the follow-up call is due. */
export const FOLLOW_UP_DAYS = 3;

/**
 * When an interested customer is called again: `FOLLOW_UP_DAYS` working days later at 10:00
 * (SPEC TM6), time for the offer or the documents promised on the call to reach them.
 */
export function followUpAt(now: number): number {
  let t = now;
  for (let i = 0; i < FOLLOW_UP_DAYS; i++) t = nextWorkingDay(t, 10);
  return t;
}
