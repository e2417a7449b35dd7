// The day plan's rules as pure functions: which day a task or a scheduled call, meeting or visit
// falls on, which section of "My day" shows it, and which reminders are due. Times are epoch
// milliseconds, as `datetime` fields are stored; days are the user's local calendar days, so
// "today" starts at local midnight and a day after a daylight-saving change is still one day.
import type { Row } from '@counterpart/model';

/** How many days after today the Upcoming section covers. */
export const UPCOMING_DAYS = 7;
/** Activity types that are planned into a day; e-mails, letters and notes are only logged. */
export const SCHEDULED_TYPES = ['call', 'meeting', 'visit'] as const;
/** The member filter value for tasks with no assignee; record ids always contain "_". */
export const UNASSIGNED = 'unassigned';
/** The member filter value for everyone's tasks. */
export const EVERYONE = '';

export { memberKey, reminderLogKey } from './agenda-keys.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export type Section = 'overdue' | 'today' | 'upcoming';

export interface AgendaTask {
  readonly id: string;
  readonly title: string;
  readonly kind?: string;
  readonly dueAt: number;
  readonly remindAt?: number;
  readonly done: boolean;
  readonly assigneeId?: string;
  readonly accountId?: string;
}

export interface AgendaActivity {
  readonly id: string;
  readonly type: string;
  readonly subject: string;
  readonly at: number;
  readonly userId?: string;
  readonly accountId?: string;
}

export type AgendaItem =
  | { readonly type: 'task'; readonly at: number; readonly task: AgendaTask }
  | { readonly type: 'activity'; readonly at: number; readonly activity: AgendaActivity };

/** The days "My day" covers, as local-midnight instants. */
export interface AgendaWindow {
  readonly today: number;
  readonly tomorrow: number;
  /** The first instant after the last upcoming day. */
  readonly horizon: number;
}

/** Local midnight at the start of the day of `ms`. */
export function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** The same wall-clock time `n` calendar days later (23 or 25 hours across a DST change). */
export function addDays(ms: number, n: number): number {
  const d = new Date(ms);
  d.setDate(d.getDate() + n);
  return d.getTime();
}

export function agendaWindow(now: number, days = UPCOMING_DAYS): AgendaWindow {
  const today = startOfDay(now);
  return { today, tomorrow: addDays(today, 1), horizon: addDays(today, days + 1) };
}

/** The section a task due at `dueAt` belongs in, or undefined beyond the upcoming days. */
export function taskSection(dueAt: number, w: AgendaWindow): Section | undefined {
  if (dueAt < w.today) return 'overdue';
  if (dueAt < w.tomorrow) return 'today';
  return dueAt < w.horizon ? 'upcoming' : undefined;
}

/** The section of a scheduled activity: past days are history, not agenda. */
export function activitySection(at: number, w: AgendaWindow): Section | undefined {
  if (at < w.today || at >= w.horizon) return undefined;
  return at < w.tomorrow ? 'today' : 'upcoming';
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A task row as the agenda needs it; undefined without a due time (it has no day). */
export function toTask(row: Row): AgendaTask | undefined {
  const dueAt = num(row.dueAt);
  if (dueAt === undefined) return undefined;
  return {
    id: row.id,
    title: str(row.title) ?? row._title,
    kind: str(row.kind),
    dueAt,
    remindAt: num(row.remindAt),
    done: row.done === true,
    assigneeId: str(row.assigneeId),
    accountId: str(row.accountId),
  };
}

/** A call, meeting or visit row as the agenda needs it; undefined for other types. */
export function toActivity(row: Row): AgendaActivity | undefined {
  const at = num(row.at);
  const type = str(row.type);
  if (at === undefined || !type || !(SCHEDULED_TYPES as readonly string[]).includes(type)) return undefined;
  return { id: row.id, type, subject: str(row.subject) ?? '', at, userId: str(row.userId), accountId: str(row.accountId) };
}

/**
 * Whether the agenda holds on to a task: open ones up to the horizon, done ones only from today
 * on (a day's finished work stays visible, ticked) and those in `kept`, ticked on this screen,
 * so a row never jumps away under the finger that ticked it.
 */
export function keepsTask(task: AgendaTask, w: AgendaWindow, kept: ReadonlySet<string> = new Set()): boolean {
  if (task.dueAt >= w.horizon) return false;
  return !task.done || task.dueAt >= w.today || kept.has(task.id);
}

export interface Member {
  readonly id: string;
  readonly name: string;
}

/** Members by name, for pickers. */
export function toMembers(rows: readonly Row[]): Member[] {
  return rows.map((r) => ({ id: r.id, name: str(r.name) ?? r._title })).sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

/**
 * The member this device's user is: the one whose name is the name they gave for presence
 * ("Your name"), compared without case or surrounding spaces. Undefined when no member has it.
 */
export function memberNamed(members: readonly Member[], name: string): Member | undefined {
  const wanted = name.trim().toLocaleLowerCase();
  return wanted ? members.find((m) => m.name.trim().toLocaleLowerCase() === wanted) : undefined;
}

/** Whether a task or activity of `owner` passes the member filter. */
export function matchesMember(owner: string | undefined, member: string): boolean {
  if (member === EVERYONE) return true;
  if (member === UNASSIGNED) return owner === undefined;
  return owner === member;
}

export interface DayGroup {
  /** Local midnight of the day. */
  readonly day: number;
  readonly items: readonly AgendaItem[];
}

export interface AgendaView {
  readonly overdue: readonly AgendaTask[];
  readonly today: readonly AgendaItem[];
  readonly upcoming: readonly DayGroup[];
  /** Open tasks in the three sections, for the header's summary. */
  readonly openCount: number;
}

function byTime(a: AgendaItem, b: AgendaItem): number {
  // At the same minute, tasks before appointments; then a stable order by id.
  const ida = a.type === 'task' ? a.task.id : a.activity.id;
  const idb = b.type === 'task' ? b.task.id : b.activity.id;
  return a.at - b.at || (a.type === b.type ? 0 : a.type === 'task' ? -1 : 1) || (ida < idb ? -1 : ida > idb ? 1 : 0);
}

/**
 * The three sections for one member. Overdue: open tasks due before today, latest first. Today:
 * tasks due today (done ones too) and today's calls, meetings and visits, by time. Upcoming: the
 * next days' open tasks and appointments, grouped by day.
 */
export function buildAgenda(
  tasks: Iterable<AgendaTask>,
  activities: Iterable<AgendaActivity>,
  w: AgendaWindow,
  member: string = EVERYONE,
  kept: ReadonlySet<string> = new Set(),
): AgendaView {
  const overdue: AgendaTask[] = [];
  const today: AgendaItem[] = [];
  const later: AgendaItem[] = [];
  let openCount = 0;
  for (const task of tasks) {
    if (!matchesMember(task.assigneeId, member) || !keepsTask(task, w, kept)) continue;
    const section = taskSection(task.dueAt, w);
    if (!section || (section !== 'today' && task.done && !kept.has(task.id))) continue;
    if (!task.done) openCount++;
    if (section === 'overdue') overdue.push(task);
    else (section === 'today' ? today : later).push({ type: 'task', at: task.dueAt, task });
  }
  for (const activity of activities) {
    if (!matchesMember(activity.userId, member)) continue;
    const section = activitySection(activity.at, w);
    if (section) (section === 'today' ? today : later).push({ type: 'activity', at: activity.at, activity });
  }
  // Most recently missed first: yesterday's call still matters, a backlog from last year less so.
  overdue.sort((a, b) => b.dueAt - a.dueAt || (a.id < b.id ? -1 : 1));
  today.sort(byTime);
  later.sort(byTime);
  const upcoming: { day: number; items: AgendaItem[] }[] = [];
  for (const item of later) {
    const day = startOfDay(item.at);
    const last = upcoming[upcoming.length - 1];
    if (last?.day === day) last.items.push(item);
    else upcoming.push({ day, items: [item] });
  }
  return { overdue, today, upcoming, openCount };
}

/** The due time a new task starts with: the next full hour today, or 9:00 tomorrow late at night. */
export function defaultDue(now: number): number {
  const next = new Date(now);
  next.setMinutes(0, 0, 0);
  next.setHours(next.getHours() + 1);
  if (next.getTime() < addDays(startOfDay(now), 1) && next.getHours() <= 22) return next.getTime();
  const morning = new Date(addDays(startOfDay(now), 1));
  morning.setHours(9);
  return morning.getTime();
}

/** Reminder choices of the quick-add form: minutes before the due time. */
export const REMINDER_OFFSETS = [0, 15, 60, 24 * 60] as const;

export function reminderAt(dueAt: number, minutesBefore: number): number {
  return dueAt - minutesBefore * MINUTE;
}

// ---- reminders ---------------------------------------------------------------------------

/** How far back reminders missed while the app was closed are still shown when it opens. */
export const CATCH_UP_MS = 12 * HOUR;

/** What a reminder needs of a task; a task may have a reminder without a due time. */
export interface ReminderTask {
  readonly id: string;
  readonly title: string;
  readonly remindAt: number;
  readonly dueAt?: number;
  readonly done: boolean;
  readonly assigneeId?: string;
}

/** A task row with a reminder time; undefined without one. */
export function toReminder(row: Row): ReminderTask | undefined {
  const remindAt = num(row.remindAt);
  if (remindAt === undefined) return undefined;
  return { id: row.id, title: str(row.title) ?? row._title, remindAt, dueAt: num(row.dueAt), done: row.done === true, assigneeId: str(row.assigneeId) };
}

export interface ReminderLog {
  /** Reminders up to this instant have been looked at. */
  readonly checkedUntil: number;
  /** The reminder time already shown, per task: a task is reminded once per reminder time. */
  readonly shown: Readonly<Record<string, number>>;
}

/** Reads a stored log; anything malformed counts as no log (reminders start from now). */
export function parseReminderLog(text: string | null): ReminderLog | undefined {
  if (!text) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const { checkedUntil, shown } = v as { checkedUntil?: unknown; shown?: unknown };
  if (num(checkedUntil) === undefined) return undefined;
  const out: Record<string, number> = {};
  if (typeof shown === 'object' && shown !== null) {
    for (const [id, at] of Object.entries(shown)) if (num(at) !== undefined) out[id] = at as number;
  }
  return { checkedUntil: checkedUntil as number, shown: out };
}

/**
 * Where reminder checks start: after the last check, but at most `CATCH_UP_MS` back; on a
 * device that never checked (a new workspace, a fresh install), from now, so years of old
 * reminders do not all go off at once.
 */
export function checkFrom(log: ReminderLog | undefined, now: number): number {
  return log ? Math.min(now, Math.max(log.checkedUntil, now - CATCH_UP_MS)) : now;
}

/** Open tasks whose reminder time is in (from, now], of `member`'s, not shown before; by time. */
export function dueReminders(
  tasks: Iterable<Pick<AgendaTask, 'id' | 'remindAt' | 'done' | 'assigneeId'>>,
  from: number,
  now: number,
  shown: Readonly<Record<string, number>>,
  isMine: (assigneeId: string | undefined) => boolean = () => true,
): string[] {
  const due: { id: string; at: number }[] = [];
  for (const t of tasks) {
    const at = t.remindAt;
    if (at === undefined || t.done || at <= from || at > now || shown[t.id] === at || !isMine(t.assigneeId)) continue;
    due.push({ id: t.id, at });
  }
  return due.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1)).map((d) => d.id);
}

/** The next reminder time after `now` among open tasks, if any. */
export function nextReminder(tasks: Iterable<Pick<AgendaTask, 'remindAt' | 'done'>>, now: number): number | undefined {
  let next: number | undefined;
  for (const t of tasks) {
    if (t.done || t.remindAt === undefined || t.remindAt <= now) continue;
    if (next === undefined || t.remindAt < next) next = t.remindAt;
  }
  return next;
}

/** The log after a check: shown reminders added, those too old to come up again dropped. */
export function recordShown(log: ReminderLog | undefined, ids: readonly string[], at: (id: string) => number | undefined, now: number): ReminderLog {
  const shown: Record<string, number> = {};
  for (const [id, when] of Object.entries(log?.shown ?? {})) if (when > now - 2 * CATCH_UP_MS) shown[id] = when;
  for (const id of ids) {
    const when = at(id);
    if (when !== undefined) shown[id] = when;
  }
  return { checkedUntil: now, shown };
}
