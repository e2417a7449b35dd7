// What a person's calendar shows (interop SPEC I11): their meetings and visits as events and
// their open tasks as to-dos, each record mapped the same way by the app's .ics export and by the
// relay's subscribable feed, so a meeting has one UID wherever it came from.
import type { CalendarMeeting, CalendarTask } from './ical.ts';

/** The domain part of the UID a record gets when it has none of its own (`act_…@counterpart`). */
export const CALENDAR_UID_DOMAIN = '@counterpart';
/** Activity types that are appointments in a calendar. */
export const CALENDAR_ACTIVITY_TYPES: readonly string[] = ['meeting', 'visit'];
/** A feed leaves out meetings that ended longer ago than this. */
export const FEED_PAST_DAYS = 365;
const DAY_MS = 86_400_000;

type Values = Readonly<Record<string, unknown>>;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/** The UID of a record's event or to-do: its own calendar UID, else one made from its id. */
export function calendarUid(id: string, values: Values): string {
  return text(values.icalUid) ?? `${id}${CALENDAR_UID_DOMAIN}`;
}

/** An activity as an event; undefined when it has no time. `label` names its type. */
export function meetingEvent(id: string, values: Values, label: (type: string) => string): CalendarMeeting | undefined {
  if (typeof values.at !== 'number' || !Number.isFinite(values.at)) return undefined;
  const type = typeof values.type === 'string' ? values.type : '';
  const report = text(values.report);
  return {
    uid: calendarUid(id, values),
    start: values.at,
    ...(typeof values.durationMin === 'number' && values.durationMin > 0 ? { durationMin: values.durationMin } : {}),
    summary: text(values.subject) ?? label(type),
    ...(report ? { description: report } : {}),
    ...(type ? { category: label(type) } : {}),
  };
}

/** A task as a to-do. */
export function taskTodo(id: string, values: Values): CalendarTask {
  const notes = text(values.notes);
  return {
    uid: calendarUid(id, values),
    summary: text(values.title) ?? '',
    ...(typeof values.dueAt === 'number' && Number.isFinite(values.dueAt) ? { due: values.dueAt } : {}),
    done: values.done === true,
    ...(notes ? { description: notes } : {}),
  };
}

/** The member whose calendar an activity belongs in: a meeting's or visit's rep. */
export function meetingMember(values: Values): string | undefined {
  if (typeof values.type !== 'string' || !CALENDAR_ACTIVITY_TYPES.includes(values.type) || typeof values.at !== 'number') return undefined;
  return text(values.userId);
}

/** The member whose calendar a task belongs in: an open task's assignee. */
export function taskMember(values: Values): string | undefined {
  return values.done === true ? undefined : text(values.assigneeId);
}

/** Whether a meeting is recent enough for a feed: it ended within FEED_PAST_DAYS of `now`, or is to come. */
export function inFeedWindow(event: CalendarMeeting, now: number): boolean {
  return event.start + (event.durationMin ?? 30) * 60_000 >= now - FEED_PAST_DAYS * DAY_MS;
}
