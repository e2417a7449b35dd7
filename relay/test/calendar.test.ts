// A member's subscribable calendar feed (relay/src/calendar.ts, interop SPEC I11, I12): links
// made and revoked through the API, the feed read from the relay's log as it changes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readEvents } from '@counterpart/interop';
import { encodeNewRecord, setDeleted, writeRecord, type CollectionName, type RecordId, type Values } from '@counterpart/model';
import { startRelay, type Relay } from '../src/server.ts';
import { connect, device, syncUrl } from './support/client.ts';

const SECRET = 'relay-test-secret-0123456789';
const relays: Relay[] = [];
const dirs: string[] = [];
const logged: Record<string, unknown>[] = [];

async function relay(calendarLimits?: Parameters<typeof startRelay>[0]['calendarLimits']): Promise<Relay> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cp-relay-calendar-'));
  dirs.push(dataDir);
  const r = await startRelay({ port: 0, dataDir, secret: SECRET, log: (f) => void logged.push(f), ...(calendarLimits ? { calendarLimits } : {}) });
  relays.push(r);
  return r;
}

afterEach(async () => {
  for (const r of relays.splice(0)) await r.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  logged.length = 0;
});

const ANN = 'usr_0000ann1';
const BOB = 'usr_0000bob1';
const DAY = 86_400_000;

/** A record as a device holds it: its doc, and the updates its edits make. */
class Rec {
  readonly doc: Y.Doc;
  readonly first: Uint8Array;
  constructor(
    readonly collection: CollectionName,
    readonly id: string,
    values: Values,
  ) {
    const { doc, update } = encodeNewRecord(collection, id as RecordId, values);
    this.doc = doc;
    this.first = update;
  }

  edit(values: Values): Uint8Array {
    const before = Y.encodeStateVector(this.doc);
    writeRecord(this.doc, this.collection, values);
    return Y.encodeStateAsUpdate(this.doc, before);
  }

  remove(): Uint8Array {
    const before = Y.encodeStateVector(this.doc);
    setDeleted(this.doc, true);
    return Y.encodeStateAsUpdate(this.doc, before);
  }
}

/** In two days, on the minute (calendars keep seconds at most). */
const soon = Math.floor(Date.now() / 60_000) * 60_000 + 2 * DAY;
const records = {
  ann: new Rec('users', ANN, { name: 'Ann Lee', role: 'editor' }),
  bob: new Rec('users', BOB, { name: 'Bob Stone', role: 'editor' }),
  review: new Rec('activities', 'act_0000review', { type: 'meeting', at: soon, durationMin: 45, subject: 'Quarterly review', userId: ANN, report: 'Bring the figures' }),
  visit: new Rec('activities', 'act_00000visit', { type: 'visit', at: soon + DAY, subject: 'Site visit', userId: ANN }),
  call: new Rec('activities', 'act_000000call', { type: 'call', at: soon, subject: 'Call about the meeting', userId: ANN }),
  old: new Rec('activities', 'act_0000000old', { type: 'meeting', at: Date.now() - 400 * DAY, subject: 'Long ago', userId: ANN }),
  bobs: new Rec('activities', 'act_0000000bob', { type: 'meeting', at: soon, subject: 'Bob’s meeting', userId: BOB }),
  task: new Rec('tasks', 'tsk_0000quote1', { title: 'Send the quote', dueAt: soon, assigneeId: ANN, notes: 'With the discount' }),
  done: new Rec('tasks', 'tsk_00000done1', { title: 'Done already', dueAt: soon, assigneeId: ANN, done: true }),
};

async function post(r: Relay, items: { docId: string; update: Uint8Array }[]): Promise<void> {
  await r.hub.post('ws1', items);
}

/** The workspace as Ann's and Bob's devices left it. */
async function seeded(r: Relay): Promise<void> {
  await post(r, Object.values(records).map((x) => ({ docId: x.id, update: x.first })));
}

async function api(r: Relay, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${r.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Ann's own device token (as joining from an invite gives) and a feed link made with it. */
async function annsLink(r: Relay): Promise<{ token: string; jti: string; path: string; device: string }> {
  const dev = r.auth.issue({ workspace: 'ws1', role: 'editor', member: ANN });
  const made = await api(r, 'POST', '/api/workspaces/ws1/calendars', dev, {});
  expect(made.status).toBe(201);
  expect(made.body.member).toBe(ANN);
  return { token: made.body.token as string, jti: made.body.jti as string, path: made.body.path as string, device: dev };
}

function feed(r: Relay, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${r.url}${path}`, { headers });
}

const uids = (ics: string): string[] => [...ics.matchAll(/^UID:(.*)$/gm)].map((m) => m[1]!.trim());

describe('calendar feed', () => {
  it('[I11][I12] a member’s link serves their meetings, visits and open tasks as text/calendar', async () => {
    const r = await relay();
    await seeded(r);
    const { path } = await annsLink(r);
    expect(path).toMatch(/^\/calendar\/ws1\/cp1\.[\w-]+\.[\w-]+\.ics$/);
    const res = await feed(r, path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('etag')).toMatch(/^"cal-/);
    expect(res.headers.get('last-modified')).toBeTruthy();
    const ics = await res.text();
    expect(ics).toContain('X-WR-CALNAME:Counterpart: Ann Lee');
    // Meetings by start, then open tasks; not calls, not Bob's, not done tasks, not long past.
    expect(uids(ics)).toEqual(['act_0000review@counterpart', 'act_00000visit@counterpart', 'tsk_0000quote1@counterpart']);
    const [review, visit] = readEvents(ics).drafts;
    expect(review!.values).toMatchObject({ at: soon, durationMin: 45, subject: 'Quarterly review', report: 'Bring the figures' });
    expect(visit!.values.subject).toBe('Site visit');
    expect(ics).toMatch(/BEGIN:VTODO\r\nUID:tsk_0000quote1@counterpart\r\n[\s\S]*SUMMARY:Send the quote[\s\S]*STATUS:NEEDS-ACTION/);
    // Without the extension too.
    expect((await feed(r, path.replace(/\.ics$/, ''))).status).toBe(200);
  });

  it('[I12] follows the log: new, changed, reassigned and deleted records; unrelated ones leave it as it was', async () => {
    const r = await relay();
    await seeded(r);
    const { path } = await annsLink(r);
    const first = await feed(r, path);
    const etag = first.headers.get('etag')!;
    await first.text();
    expect((await feed(r, path, { 'If-None-Match': etag })).status).toBe(304);
    expect((await feed(r, path, { 'If-Modified-Since': first.headers.get('last-modified')! })).status).toBe(304);

    // A call and another member's record change: Ann's feed is the same.
    await post(r, [{ docId: records.call.id, update: records.call.edit({ subject: 'Call again' }) }, { docId: records.bobs.id, update: records.bobs.edit({ durationMin: 90 }) }]);
    expect((await feed(r, path, { 'If-None-Match': etag })).status).toBe(304);

    // A device pushes a new meeting through the sync socket.
    const dev = await device(r.url, 'ws1', r.auth.issue({ workspace: 'ws1', role: 'editor', member: ANN }));
    const lunch = new Rec('activities', 'act_00000lunch', { type: 'meeting', at: soon - DAY, subject: 'Lunch', userId: ANN });
    dev.send({ type: 'push', batch: 1, items: [{ docId: lunch.id, update: lunch.first }] });
    await dev.next('ack', (m) => m.batch === 1);
    await dev.close();
    const second = await feed(r, path, { 'If-None-Match': etag });
    expect(second.status).toBe(200);
    expect(uids(await second.text())[0]).toBe('act_00000lunch@counterpart');

    // Edits that do not name the type again: the review goes to Bob, the visit becomes a call,
    // the task is done; the lunch is deleted; Bob's meeting moves to Ann.
    await post(r, [
      { docId: records.review.id, update: records.review.edit({ userId: BOB }) },
      { docId: records.visit.id, update: records.visit.edit({ type: 'call' }) },
      { docId: records.task.id, update: records.task.edit({ done: true }) },
      { docId: lunch.id, update: lunch.remove() },
      { docId: records.bobs.id, update: records.bobs.edit({ userId: ANN }) },
    ]);
    expect(uids(await (await feed(r, path)).text())).toEqual(['act_0000000bob@counterpart']);
    const bobs = await api(r, 'POST', '/api/workspaces/ws1/calendars', r.auth.issue({ workspace: 'ws1', role: 'viewer', member: BOB }), {});
    expect(uids(await (await feed(r, bobs.body.path as string)).text())).toEqual(['act_0000review@counterpart']);

    // The member's new name names the calendar.
    await post(r, [{ docId: ANN, update: records.ann.edit({ name: 'Ann Lee-Stone' }) }]);
    expect(await (await feed(r, path)).text()).toContain('X-WR-CALNAME:Counterpart: Ann Lee-Stone');
  });

  it('[I12] links are listed and revoked; a revoked, forged, foreign or other kind of token gets no feed', async () => {
    const r = await relay();
    await seeded(r);
    const { path, jti, device: dev, token } = await annsLink(r);
    const listed = await api(r, 'GET', '/api/workspaces/ws1/calendars', dev);
    expect(listed.status).toBe(200);
    expect(listed.body.calendars).toEqual([{ jti, member: ANN, issuedAt: expect.any(Number) as number }]);

    expect((await feed(r, path.replace(/\.[\w-]+\.ics$/, '.forged.ics'))).status).toBe(401);
    expect((await feed(r, `/calendar/ws1/${r.auth.issue({ workspace: 'ws1', role: 'owner' })}.ics`)).status).toBe(403);
    expect((await feed(r, `/calendar/ws2/${token}.ics`)).status).toBe(403);
    expect((await feed(r, '/calendar/ws1')).status).toBe(404);
    expect((await feed(r, `/calendar/ws1/${token}/more`)).status).toBe(404);
    expect((await fetch(`${r.url}${path}`, { method: 'POST' })).status).toBe(405);

    // Bob cannot revoke Ann's link; Ann can.
    const bob = r.auth.issue({ workspace: 'ws1', role: 'editor', member: BOB });
    expect((await api(r, 'DELETE', `/api/workspaces/ws1/calendars/${jti}`, bob)).status).toBe(403);
    expect((await api(r, 'DELETE', `/api/workspaces/ws1/calendars/${jti}`, dev)).body).toEqual({ revoked: jti });
    const gone = await feed(r, path);
    expect(gone.status).toBe(401);
    expect(await gone.text()).toContain('token revoked');
    expect((await api(r, 'GET', '/api/workspaces/ws1/calendars', dev)).body.calendars).toEqual([]);
    expect((await api(r, 'DELETE', `/api/workspaces/ws1/calendars/${jti}`, dev)).status).toBe(404);
  });

  it('[I12] a link is for oneself; a device without its own token names the member; owners revoke any', async () => {
    const r = await relay();
    const dev = r.auth.issue({ workspace: 'ws1', role: 'viewer', member: ANN });
    expect((await api(r, 'POST', '/api/workspaces/ws1/calendars', dev, { member: BOB })).status).toBe(403);
    const operator = r.auth.issue({ workspace: 'ws1', role: 'owner' });
    expect((await api(r, 'POST', '/api/workspaces/ws1/calendars', operator, {})).status).toBe(400);
    const made = await api(r, 'POST', '/api/workspaces/ws1/calendars', operator, { member: BOB });
    expect(made.status).toBe(201);
    expect((await api(r, 'GET', `/api/workspaces/ws1/calendars?member=${BOB}`, operator)).body.calendars).toHaveLength(1);
    expect((await api(r, 'POST', '/api/workspaces/ws1/calendars', dev, { extra: 1 })).status).toBe(400);
    expect((await api(r, 'POST', '/api/workspaces/ws2/calendars', dev, {})).status).toBe(403);
    const mine = await api(r, 'POST', '/api/workspaces/ws1/calendars', dev, {});
    expect((await api(r, 'DELETE', `/api/workspaces/ws1/calendars/${mine.body.jti as string}`, operator)).status).toBe(200);
    expect(logged).toContainEqual(expect.objectContaining({ event: 'calendar_link_revoked', member: ANN }));
  });

  it('[I12] a calendar token opens nothing else and keeps its kind when its member’s role changes', async () => {
    const r = await relay();
    const { token } = await annsLink(r);
    expect((await connect(syncUrl(r.url, 'ws1', token)).closed).reason).toBe('a calendar feed token cannot open a workspace');
    expect((await api(r, 'GET', '/api/workspaces/ws1/whoami', token)).status).toBe(401);
    expect((await api(r, 'POST', '/api/workspaces/ws1/calendars', token, {})).status).toBe(401);
    await r.auth.setMemberAccess('ws1', ANN, { role: 'owner' });
    expect(r.auth.verify(token, 'ws1').ok).toBe(false);
    expect((await api(r, 'GET', '/api/workspaces/ws1/whoami', token)).status).toBe(401);
  });

  it('[I12] deactivating the member revokes their links', async () => {
    const r = await relay();
    await seeded(r);
    const { path } = await annsLink(r);
    expect((await feed(r, path)).status).toBe(200);
    await r.auth.setMemberAccess('ws1', ANN, { active: false });
    expect((await feed(r, path)).status).toBe(401);
  });

  it('[I12] links and revocations outlive a restart of the relay', async () => {
    const r = await relay();
    await seeded(r);
    const { path, device: dev } = await annsLink(r);
    const second = await api(r, 'POST', '/api/workspaces/ws1/calendars', dev, {});
    expect((await api(r, 'DELETE', `/api/workspaces/ws1/calendars/${second.body.jti as string}`, dev)).status).toBe(200);
    const dataDir = dirs[dirs.length - 1]!;
    await r.close();
    relays.splice(relays.indexOf(r), 1);
    const again = await startRelay({ port: 0, dataDir, secret: SECRET, log: () => undefined });
    relays.push(again);
    const res = await feed(again, path);
    expect(res.status).toBe(200);
    expect(uids(await res.text())[0]).toBe('act_0000review@counterpart');
    expect((await feed(again, second.body.path as string)).status).toBe(401);
    expect((await api(again, 'GET', '/api/workspaces/ws1/calendars', dev)).body.calendars).toHaveLength(1);
  });

  it('[I12] feeds are rate-limited per link', async () => {
    const r = await relay({ perClient: { burst: 100, perMinute: 100 }, perToken: { burst: 2, perMinute: 1 } });
    await seeded(r);
    const { path } = await annsLink(r);
    expect((await feed(r, path)).status).toBe(200);
    expect((await feed(r, path)).status).toBe(200);
    const limited = await feed(r, path);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
