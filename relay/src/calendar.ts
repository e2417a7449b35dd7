// A member's calendar as a feed that calendar programs subscribe to (interop SPEC I11, I12):
//
//   GET  /calendar/<ws>/<calendar token>.ics     the member's meetings and visits (events) and
//                                                open tasks (to-dos), text/calendar
//   GET  /api/workspaces/<ws>/calendars?member=  a member's feed links        (a person's token)
//   POST /api/workspaces/<ws>/calendars          { member? } a new feed link for oneself
//   DELETE /api/workspaces/<ws>/calendars/<jti>  revokes one: the feed then answers 401
//
// Calendar programs cannot send headers, so the feed's address carries its token, as a web
// form's does: a `calendar` token names one workspace and one member (claim `sub`), opens that
// feed and nothing else, and is revoked on its own or with its member's deactivation.
//
// The relay holds no rows. For each workspace whose feeds are asked for, it keeps an index of
// the records that belong in some member's calendar — meetings and visits by their rep, open
// tasks by their assignee — read from its own update log: the first request reads the log's
// activity, task and member docs in pages, yielding between them, later ones read only what was
// stored since (a cursor in the log). Ids name their collection (`act_`, `tsk_`, `usr_`), so no
// other doc is ever read. Only what a feed shows is kept (meetings within FEED_PAST_DAYS, open
// tasks), a rendered feed is kept per member until something in it changes (its ETag), and only
// the workspaces asked for most recently are kept at all.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import {
  CALENDAR_ACTIVITY_TYPES, calendarText, eventText, inFeedWindow, meetingEvent, meetingMember, taskMember, taskTodo, todoText, type CalendarMeeting,
  type CalendarTask,
} from '@counterpart/interop';
import { readRecord } from '@counterpart/model';
import { CALENDAR_PATH, isValidId, parseToken } from '@counterpart/protocol';
import { AccessError } from './access.ts';
import { ApiError, authenticate, readJsonObject, sendJson } from './api.ts';
import type { AccessClaims, Auth } from './auth.ts';
import { log as stdoutLog, type Logger } from './log.ts';
import { RateLimiter, type RateLimit } from './rate-limit.ts';
import { requestPath } from './request-path.ts';
import type { RelayStorage } from './storage.ts';

/** Workspaces whose index is kept in memory at once. */
const MAX_WORKSPACES = 8;
/** Rendered feeds kept per workspace. */
const MAX_RENDERED = 64;
/** Log entries read per page while catching up; the event loop is given back between pages. */
const PAGE = 1_000;
const PAGE_BYTES = 8 * 1024 * 1024;
const DAY_MS = 86_400_000;
/** How often a subscribing program is asked to fetch the feed again. */
const REFRESH_MINUTES = 60;

const LABELS: Readonly<Record<string, string>> = { meeting: 'Meeting', visit: 'Visit', call: 'Call', email: 'E-mail', letter: 'Letter', note: 'Note' };
const label = (type: string): string => LABELS[type] ?? type;

export interface CalendarLimits {
  readonly perClient: RateLimit;
  readonly perToken: RateLimit;
}

export const DEFAULT_CALENDAR_LIMITS: CalendarLimits = {
  perClient: { burst: 60, perMinute: 60 },
  perToken: { burst: 10, perMinute: 6 },
};

interface Entry {
  readonly member: string;
  readonly meeting?: CalendarMeeting;
  readonly task?: CalendarTask;
  /** A digest of what the entry shows, to tell a change that matters from one that does not. */
  readonly sig: string;
  /** The entry's VEVENT or VTODO, written when a feed first shows it. */
  text?: string;
}

interface Rendered {
  readonly key: string;
  readonly body: string;
  readonly etag: string;
  readonly lastModified: number;
}

class WorkspaceCalendars {
  /** Told apart from an earlier index of the same workspace (after a restart or eviction) in ETags. */
  readonly epoch = randomBytes(6).toString('base64url');
  readonly builtAt = Date.now();
  cursor = 0;
  readonly entries = new Map<string, Entry>();
  readonly byMember = new Map<string, Set<string>>();
  readonly names = new Map<string, string>();
  /**
   * Activities last read as a meeting or visit, in anyone's calendar or not (no rep yet, long
   * past): a later update of one is read even when it does not name its type again.
   */
  readonly appointments = new Set<string>();
  /** Per member: a counter raised by each change to their feed, and when it last was. */
  readonly versions = new Map<string, { n: number; at: number }>();
  readonly rendered = new Map<string, Rendered>();
  catchingUp: Promise<void> | undefined;

  touch(member: string, now: number): void {
    const v = this.versions.get(member);
    this.versions.set(member, { n: (v?.n ?? 0) + 1, at: now });
    this.rendered.delete(member);
  }

  set(id: string, next: Entry | undefined, now: number): void {
    const before = this.entries.get(id);
    if (before?.sig === next?.sig && before?.member === next?.member) return;
    if (before) {
      this.byMember.get(before.member)?.delete(id);
      this.touch(before.member, now);
    }
    if (next) {
      this.entries.set(id, next);
      let ids = this.byMember.get(next.member);
      if (!ids) this.byMember.set(next.member, (ids = new Set()));
      ids.add(id);
      this.touch(next.member, now);
    } else this.entries.delete(id);
  }
}

/** The workspaces' calendar indexes, read from the relay's log and kept current. */
export class CalendarDirectory {
  private readonly workspaces = new Map<string, WorkspaceCalendars>();
  private closed = false;

  constructor(private readonly storage: RelayStorage) {}

  /** The member's feed as stored now. */
  async feed(workspace: string, member: string, now = Date.now()): Promise<Rendered> {
    const w = this.workspace(workspace);
    await this.catchUp(workspace, w);
    const version = w.versions.get(member) ?? { n: 0, at: w.builtAt };
    const day = Math.floor(now / DAY_MS);
    const key = `${version.n}.${day}`;
    const kept = w.rendered.get(member);
    if (kept?.key === key) {
      w.rendered.delete(member);
      w.rendered.set(member, kept);
      return kept;
    }
    const meetings: Entry[] = [];
    const tasks: Entry[] = [];
    for (const id of w.byMember.get(member) ?? []) {
      const e = w.entries.get(id);
      if (e?.meeting && inFeedWindow(e.meeting, now)) meetings.push(e);
      else if (e?.task) tasks.push(e);
    }
    meetings.sort((a, b) => a.meeting!.start - b.meeting!.start || (a.meeting!.uid < b.meeting!.uid ? -1 : 1));
    tasks.sort((a, b) => (a.task!.due ?? Infinity) - (b.task!.due ?? Infinity) || (a.task!.uid < b.task!.uid ? -1 : 1));
    // Each entry is written once and kept: a feed after an edit writes only what changed.
    const components = [...meetings, ...tasks].map((e) => (e.text ??= e.meeting ? eventText(e.meeting) : todoText(e.task!)));
    const name = w.names.get(member);
    const body = calendarText(components, { name: name ? `Counterpart: ${name}` : 'Counterpart', refreshMinutes: REFRESH_MINUTES });
    const rendered: Rendered = {
      key,
      body,
      etag: `"cal-${w.epoch}-${version.n}-${day}"`,
      // The window moves each day, so the feed may change at midnight (UTC) without an edit.
      lastModified: Math.max(version.at, day * DAY_MS),
    };
    w.rendered.set(member, rendered);
    if (w.rendered.size > MAX_RENDERED) w.rendered.delete(w.rendered.keys().next().value!);
    return rendered;
  }

  /**
   * Starts reading the workspace's log now, without waiting: a new link's first fetch by a
   * calendar program then finds the feed ready.
   */
  warm(workspace: string): void {
    this.catchUp(workspace, this.workspace(workspace)).catch(() => undefined);
  }

  private workspace(workspace: string): WorkspaceCalendars {
    let w = this.workspaces.get(workspace);
    if (w) this.workspaces.delete(workspace);
    else w = new WorkspaceCalendars();
    // Most recently used last, so the first is the one to drop.
    this.workspaces.set(workspace, w);
    if (this.workspaces.size > MAX_WORKSPACES) this.workspaces.delete(this.workspaces.keys().next().value!);
    return w;
  }

  /** Reads what the log stored since the index's cursor; one reading at a time per workspace. */
  private catchUp(workspace: string, w: WorkspaceCalendars): Promise<void> {
    if (w.catchingUp) return w.catchingUp;
    const run = this.readLog(workspace, w);
    w.catchingUp = run;
    const done = (): void => {
      if (w.catchingUp === run) w.catchingUp = undefined;
    };
    run.then(done, done);
    return run;
  }

  /** Stops every reading at its next page; called before the relay's store closes. */
  close(): void {
    this.closed = true;
    this.workspaces.clear();
  }

  private async readLog(workspace: string, w: WorkspaceCalendars): Promise<void> {
    for (;;) {
      if (this.closed) throw new Error('the relay is closing');
      const page = this.storage.since(workspace, w.cursor, PAGE, PAGE_BYTES);
      if (!page.length) return;
      // Each doc to read, with its update when the page holds only one of it.
      const changed = new Map<string, Uint8Array | undefined>();
      for (const u of page) if (mayBelong(u.docId, u.update, w)) changed.set(u.docId, changed.has(u.docId) ? undefined : u.update);
      w.cursor = page[page.length - 1]!.seq;
      const now = Date.now();
      for (const [id, update] of changed) this.read(workspace, id, w, now, update);
      // A first reading of a large workspace takes many pages: sync traffic goes on meanwhile.
      if (page.length === PAGE) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private read(workspace: string, id: string, w: WorkspaceCalendars, now: number, update?: Uint8Array): void {
    // A doc stored as one update (most records) is that update: no second read of the log.
    const state = update && this.storage.docUpdateCount(workspace, id) === 1 ? update : this.storage.docState(workspace, id);
    const doc = new Y.Doc({ guid: id });
    let record: ReturnType<typeof readRecord> | undefined;
    try {
      if (state) Y.applyUpdate(doc, state);
      record = readRecord(doc);
    } catch {
      // A doc the relay cannot read is in no one's calendar; devices report it.
      record = undefined;
    } finally {
      doc.destroy();
    }
    const live = record && !record.deleted ? record : undefined;
    if (id.startsWith('usr_')) {
      const name = typeof live?.values.name === 'string' ? live.values.name : undefined;
      if (name !== w.names.get(id)) {
        if (name === undefined) w.names.delete(id);
        else w.names.set(id, name);
        w.touch(id, now);
      }
      return;
    }
    if (id.startsWith('act_')) {
      if (live && CALENDAR_ACTIVITY_TYPES.includes(String(live.values.type))) w.appointments.add(id);
      else w.appointments.delete(id);
    }
    w.set(id, live ? entryOf(live, now) : undefined, now);
  }
}

const APPOINTMENT_BYTES = CALENDAR_ACTIVITY_TYPES.map((t) => new TextEncoder().encode(t));

/**
 * Whether a stored update may change someone's calendar: any update of a task or a member, and
 * of an activity that was an appointment or whose update names an appointment type. An
 * activity becomes a meeting or visit only by an update that writes that type (the string is in
 * the update as it is, compacted states included), so calls, e-mails and notes, most of the log,
 * are never decoded.
 */
function mayBelong(id: string, update: Uint8Array, w: WorkspaceCalendars): boolean {
  if (id.startsWith('tsk_') || id.startsWith('usr_')) return true;
  if (!id.startsWith('act_')) return false;
  if (w.appointments.has(id)) return true;
  return APPOINTMENT_BYTES.some((b) => contains(update, b));
}

/** Whether `bytes` contains `word` (TypedArray.indexOf finds each candidate's first byte). */
function contains(bytes: Uint8Array, word: Uint8Array): boolean {
  const first = word[0]!;
  for (let at = bytes.indexOf(first); at >= 0 && at + word.length <= bytes.length; at = bytes.indexOf(first, at + 1)) {
    let i = 1;
    while (i < word.length && bytes[at + i] === word[i]) i++;
    if (i === word.length) return true;
  }
  return false;
}

/** What a record adds to its member's calendar, if anything. */
function entryOf(record: ReturnType<typeof readRecord>, now: number): Entry | undefined {
  const { id, values } = record;
  if (record.collection === 'activities') {
    const member = meetingMember(values);
    const event = member ? meetingEvent(id, values, label) : undefined;
    if (!member || !event || !inFeedWindow(event, now)) return undefined;
    return { member, meeting: { ...event, updated: now }, sig: digest(event) };
  }
  if (record.collection === 'tasks') {
    const member = taskMember(values);
    if (!member) return undefined;
    const todo = taskTodo(id, values);
    return { member, task: { ...todo, updated: now }, sig: digest(todo) };
  }
  return undefined;
}

function digest(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('base64');
}

export type CalendarHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** The feed (`/calendar/…`) and the feed links' API (`/api/workspaces/<ws>/calendars…`). */
export function createCalendarHandler(auth: Auth, storage: RelayStorage, limits: CalendarLimits = DEFAULT_CALENDAR_LIMITS, log: Logger = stdoutLog): { feed: CalendarHandler; api: CalendarHandler; directory: CalendarDirectory } {
  const directory = new CalendarDirectory(storage);
  const byClient = new RateLimiter(limits.perClient);
  const byToken = new RateLimiter(limits.perToken);

  const feed: CalendarHandler = async (req, res) => {
    const path = requestPath(req);
    if (path === undefined || !path.startsWith(`${CALENDAR_PATH}/`)) return false;
    const parts = path.split('/');
    const workspace = parts[2] ?? '';
    const token = (parts[3] ?? '').replace(/\.ics$/i, '');
    if (parts.length !== 4 || !isValidId(workspace) || !token) return text(res, 404, 'Not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    const verdict = auth.verifyCalendar(token, workspace);
    if (!verdict.ok) {
      const status = verdict.wrongRole || verdict.reason === 'token is for another workspace' ? 403 : 401;
      return text(res, status, `This calendar link is not valid: ${verdict.reason}.\n`);
    }
    const { jti, sub: member } = verdict.claims;
    const wait = Math.max(byClient.take(req.socket.remoteAddress ?? 'unknown'), byToken.take(jti));
    if (wait > 0) {
      log({ event: 'calendar_rate_limited', workspace, token: jti });
      return text(res, 429, `Too many requests; try again in ${wait} s.\n`, { 'Retry-After': String(wait) });
    }
    const started = performance.now();
    const rendered = await directory.feed(workspace, member);
    const headers = {
      ETag: rendered.etag,
      'Last-Modified': new Date(rendered.lastModified).toUTCString(),
      // Kept by no shared cache; a calendar program asks again with If-None-Match.
      'Cache-Control': 'private, no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    if (notModified(req, rendered)) {
      res.writeHead(304, headers);
      res.end();
    } else {
      res.writeHead(200, {
        ...headers,
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Length': Buffer.byteLength(rendered.body),
        'Content-Disposition': 'inline; filename="counterpart.ics"',
      });
      res.end(req.method === 'HEAD' ? undefined : rendered.body);
    }
    log({ event: 'calendar_feed', workspace, token: jti, ms: Math.round(performance.now() - started) });
    return true;
  };

  const api: CalendarHandler = async (req, res) => {
    const path = requestPath(req) ?? '';
    const parts = path.split('/');
    if ((parts.length !== 5 && parts.length !== 6) || parts[1] !== 'api' || parts[2] !== 'workspaces' || parts[4] !== 'calendars') return false;
    const workspace = parts[3] ?? '';
    try {
      const allowed = parts.length === 5 ? ['GET', 'POST'] : ['DELETE'];
      if (!allowed.includes(req.method ?? '')) throw new ApiError(405, `use ${allowed.join(' or ')}`, { Allow: allowed.join(', ') });
      if (!isValidId(workspace)) throw new ApiError(400, 'invalid workspace id');
      const claims = authenticate(auth, req, workspace);
      if (req.method === 'GET') {
        const member = memberOf(claims, new URL(req.url ?? '/', 'http://relay').searchParams.get('member') ?? undefined);
        const calendars = auth.access.calendarsOf(workspace, member).filter((c) => !auth.isRevoked(c.jti, workspace)).map((c) => ({ jti: c.jti, member: c.member, issuedAt: c.iat }));
        sendJson(res, 200, { calendars });
      } else if (req.method === 'POST') {
        const body = await readJsonObject(req);
        if (body === undefined) return true;
        const unknown = Object.keys(body).find((k) => k !== 'member');
        if (unknown !== undefined) throw new ApiError(400, `unknown field "${unknown}"`);
        if (body.member !== undefined && typeof body.member !== 'string') throw new ApiError(400, '"member" must be a member id');
        const member = memberOf(claims, body.member);
        if (auth.access.isInactive(workspace, member)) throw new ApiError(403, 'this member has been deactivated');
        const token = auth.issue({ workspace, role: 'calendar', member });
        const issued = parseToken(token).claims;
        try {
          await auth.access.addCalendar({ ws: workspace, jti: issued.jti, member, iat: issued.iat });
        } catch (error) {
          if (error instanceof AccessError) throw new ApiError(409, error.message);
          throw error;
        }
        log({ event: 'calendar_link_created', workspace, member, token: issued.jti });
        directory.warm(workspace);
        sendJson(res, 201, { token, jti: issued.jti, member, issuedAt: issued.iat, path: `${CALENDAR_PATH}/${workspace}/${token}.ics` });
      } else {
        const jti = parts[5] ?? '';
        const entry = isValidId(jti) ? auth.access.calendar(workspace, jti) : undefined;
        if (!entry) throw new ApiError(404, 'no such calendar link');
        if (claims.role !== 'owner' && claims.sub !== undefined && claims.sub !== entry.member) {
          throw new ApiError(403, 'only its member or an owner may revoke a calendar link');
        }
        await auth.revoke(jti, workspace);
        await auth.access.removeCalendar(workspace, jti);
        log({ event: 'calendar_link_revoked', workspace, member: entry.member, token: jti });
        sendJson(res, 200, { revoked: jti });
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      sendJson(res, error.status, { error: error.message }, error.headers);
    }
    return true;
  };

  return { feed, api, directory };
}

/**
 * Whose calendar links a request is about. A device with a token of its own speaks for its
 * member only; one without (an operator's token) names the member it acts as.
 */
function memberOf(claims: AccessClaims, given: string | undefined): string {
  if (claims.sub !== undefined) {
    if (given !== undefined && given !== claims.sub) throw new ApiError(403, 'a calendar link is only for yourself');
    return claims.sub;
  }
  if (given === undefined || !isValidId(given)) throw new ApiError(400, 'say whose calendar: "member" must be a member id');
  return given;
}

function notModified(req: IncomingMessage, r: Rendered): boolean {
  const match = req.headers['if-none-match'];
  if (match !== undefined) return match.split(',').some((t) => t.trim().replace(/^W\//, '') === r.etag);
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return Number.isFinite(since) && Math.floor(r.lastModified / 1000) * 1000 <= since;
}

function text(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): true {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...headers,
  });
  res.end(body);
  return true;
}
