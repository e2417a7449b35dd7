// iCalendar (RFC 5545) through ical.js: events read as meetings, meetings written as VEVENTs and
// tasks as VTODOs. Times are read in the zone the file names (its VTIMEZONEs are registered
// first) and written in UTC, which every calendar reads the same.
import ICAL from 'ical.js';
import { emptyDraft, type Draft } from './draft.ts';
import { InteropError } from './errors.ts';

function lineOf(text: string, uid: string): number {
  const at = text.indexOf(`UID:${uid}`);
  if (at < 0) return 0;
  let n = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** The VEVENTs of a calendar file as meeting drafts; a file that is not iCalendar is refused. */
export function readEvents(text: string): { drafts: Draft[]; skipped: number } {
  const src = text.replace(/^\uFEFF/, '');
  if (!/^\s*BEGIN:VCALENDAR/i.test(src)) throw new InteropError('not-icalendar', 'This is not an iCalendar (.ics) file');
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(src) as unknown[]);
  } catch (err) {
    throw new InteropError('malformed', `The calendar file cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const drafts: Draft[] = [];
  let skipped = 0;
  // A recurring event's changed occurrences (RECURRENCE-ID) belong to it: the series is one meeting.
  for (const comp of root.getAllSubcomponents('vevent')) {
    if (comp.hasProperty('recurrence-id')) {
      skipped++;
      continue;
    }
    const event = new ICAL.Event(comp);
    const uid = event.uid ?? '';
    const d = emptyDraft(lineOf(src, uid));
    if (!event.startDate) {
      skipped++;
      continue;
    }
    const start = event.startDate.toJSDate().getTime();
    d.values.type = 'meeting';
    d.values.at = start;
    if (event.summary) d.values.subject = event.summary.slice(0, 500);
    if (uid) d.values.icalUid = uid;
    const end = event.endDate?.toJSDate().getTime();
    if (end !== undefined && end > start && !event.startDate.isDate) d.values.durationMin = Math.round((end - start) / 60_000);
    const report = [event.location ? `Location: ${event.location}` : '', event.description ?? ''].filter(Boolean).join('\n\n');
    if (report) d.values.report = report;
    if (event.isRecurring()) d.dropped.push({ code: 'repeats' });
    drafts.push(d);
  }
  if (!drafts.length && !skipped) throw new InteropError('not-icalendar', 'The calendar file holds no events');
  return { drafts, skipped };
}

export interface CalendarMeeting {
  readonly uid: string;
  readonly start: number;
  readonly durationMin?: number;
  readonly summary: string;
  readonly description?: string;
  readonly category?: string;
  readonly updated?: number;
}

export interface CalendarTask {
  readonly uid: string;
  readonly summary: string;
  readonly due?: number;
  readonly done?: boolean;
  readonly description?: string;
  readonly updated?: number;
}

const utc = (ms: number): ICAL.Time => ICAL.Time.fromJSDate(new Date(ms), true);

export interface CalendarOptions {
  /** The calendar's name, shown by the programs that subscribe to it (X-WR-CALNAME). */
  readonly name?: string;
  /** How often a subscribing program should fetch it again, in minutes (REFRESH-INTERVAL). */
  readonly refreshMinutes?: number;
}

/** One meeting as the text of a VEVENT (CRLF line ends, folded), for `calendarText`. */
export function eventText(m: CalendarMeeting, now = Date.now()): string {
  const ev = new ICAL.Component('vevent');
  ev.addPropertyWithValue('uid', m.uid);
  ev.addPropertyWithValue('dtstamp', utc(m.updated ?? now));
  ev.addPropertyWithValue('dtstart', utc(m.start));
  ev.addPropertyWithValue('dtend', utc(m.start + (m.durationMin ?? 30) * 60_000));
  ev.addPropertyWithValue('summary', m.summary);
  if (m.description) ev.addPropertyWithValue('description', m.description);
  if (m.category) ev.addPropertyWithValue('categories', m.category);
  return crlf(ev.toString());
}

/** One task as the text of a VTODO, for `calendarText`. */
export function todoText(task: CalendarTask, now = Date.now()): string {
  const todo = new ICAL.Component('vtodo');
  todo.addPropertyWithValue('uid', task.uid);
  todo.addPropertyWithValue('dtstamp', utc(task.updated ?? now));
  todo.addPropertyWithValue('summary', task.summary);
  if (task.due !== undefined) todo.addPropertyWithValue('due', utc(task.due));
  todo.addPropertyWithValue('status', task.done ? 'COMPLETED' : 'NEEDS-ACTION');
  if (task.description) todo.addPropertyWithValue('description', task.description);
  return crlf(todo.toString());
}

/** A calendar file around components written by `eventText` and `todoText`. */
export function calendarText(components: readonly string[], opts: CalendarOptions = {}): string {
  const cal = new ICAL.Component('vcalendar');
  cal.addPropertyWithValue('prodid', '-//Counterpart//CRM//EN');
  cal.addPropertyWithValue('version', '2.0');
  cal.addPropertyWithValue('calscale', 'GREGORIAN');
  if (opts.name) cal.addPropertyWithValue('x-wr-calname', opts.name);
  if (opts.refreshMinutes) {
    const refresh = new ICAL.Property('refresh-interval');
    refresh.setValue(ICAL.Duration.fromSeconds(opts.refreshMinutes * 60));
    cal.addProperty(refresh);
  }
  const head = crlf(cal.toString()).replace(/END:VCALENDAR$/, '');
  return `${head}${components.map((c) => `${c}\r\n`).join('')}END:VCALENDAR\r\n`;
}

/** Meetings and tasks as one calendar file. */
export function writeCalendar(meetings: readonly CalendarMeeting[], tasks: readonly CalendarTask[], now = Date.now(), opts: CalendarOptions = {}): string {
  return calendarText([...meetings.map((m) => eventText(m, now)), ...tasks.map((t) => todoText(t, now))], opts);
}

function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
