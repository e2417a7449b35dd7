import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readRecord } from '@counterpart/model';
import type { StoredUpdate } from '@counterpart/protocol';
import { startRelay, type Relay } from '../src/server.ts';
import { connect, device, syncUrl } from './support/client.ts';

const SECRET = 'relay-test-secret-0123456789';
const relays: Relay[] = [];
const dirs: string[] = [];

const logged: Record<string, unknown>[] = [];

async function relay(formLimits?: Parameters<typeof startRelay>[0]['formLimits']): Promise<Relay> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cp-relay-forms-'));
  dirs.push(dataDir);
  const r = await startRelay({ port: 0, dataDir, secret: SECRET, log: (f) => void logged.push(f), ...(formLimits ? { formLimits } : {}) });
  relays.push(r);
  return r;
}

afterEach(async () => {
  for (const r of relays.splice(0)) await r.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The settings doc with a questionnaire, as a device would push it. */
function settingsUpdate(): Uint8Array {
  const doc = new Y.Doc({ guid: '_settings' });
  doc.getMap('meta').set('c', '_settings');
  doc.getMap('ws').set('name', 'Pumps & Co');
  doc.getMap('sales').set('questions', [
    { id: 'budget', text: 'What is your budget?', options: [{ id: 'small', label: 'Small', points: 10 }, { id: 'large', label: 'Large', points: 40 }] },
    { id: 'region', text: 'Where are you?', sets: 'territory', options: [{ id: 'n', label: 'North', points: 0 }, { id: 's', label: 'South', points: 0 }] },
  ]);
  return Y.encodeStateAsUpdate(doc);
}

async function withSettings(r: Relay): Promise<void> {
  const owner = r.auth.issue({ workspace: 'ws1', role: 'owner' });
  const d = await device(r.url, 'ws1', owner);
  d.send({ type: 'push', batch: 1, items: [{ docId: '_settings', update: settingsUpdate() }] });
  await d.next('ack', (m) => m.batch === 1);
  await d.close();
}

async function formToken(r: Relay): Promise<{ token: string; jti: string }> {
  const owner = r.auth.issue({ workspace: 'ws1', role: 'owner' });
  const res = await fetch(`${r.url}/api/workspaces/ws1/forms`, { method: 'POST', headers: { Authorization: `Bearer ${owner}`, 'Content-Type': 'application/json' }, body: '{}' });
  expect(res.status).toBe(201);
  return (await res.json()) as { token: string; jti: string };
}

function post(r: Relay, token: string, body: string, type = 'application/x-www-form-urlencoded', workspace = 'ws1'): Promise<Response> {
  return fetch(`${r.url}/forms/${workspace}/${token}`, { method: 'POST', headers: { 'Content-Type': type }, body });
}

function leadOf(items: readonly StoredUpdate[]): ReturnType<typeof readRecord> {
  const item = items.find((i) => i.docId.startsWith('led_'));
  expect(item).toBeDefined();
  const doc = new Y.Doc({ guid: item?.docId ?? '' });
  Y.applyUpdate(doc, item?.update ?? new Uint8Array());
  return readRecord(doc);
}

describe('public web form', () => {
  it('[F1] serves an accessible form with the workspace questionnaire', async () => {
    const r = await relay();
    await withSettings(r);
    const { token } = await formToken(r);
    const res = await fetch(`${r.url}/forms/ws1/${token}`, { headers: { 'Accept-Language': 'en' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Contact Pumps &amp; Co');
    expect(html).toContain('<label for="f-name">');
    expect(html).toContain('<legend>What is your budget?</legend>');
    expect(html).toContain('name="q.budget" value="large"');
    const ru = await (await fetch(`${r.url}/forms/ws1/${token}`, { headers: { 'Accept-Language': 'ru-RU,ru;q=0.9,en;q=0.5' } })).text();
    expect(ru).toContain('<html lang="ru">');
  });

  it('[F2] a valid post creates a scored lead that a syncing device receives live and a new device catches up', async () => {
    const r = await relay();
    await withSettings(r);
    const { token } = await formToken(r);
    const editor = r.auth.issue({ workspace: 'ws1', role: 'editor' });
    const live = await device(r.url, 'ws1', editor, 1);
    const res = await post(r, token, new URLSearchParams({ name: ' Olga Ivanova ', company: 'Volga Mills', email: 'Olga@Volga.example', phone: '', message: 'Need 40 pumps', 'q.budget': 'large', 'q.region': 's' }).toString());
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Thank you');
    const got = await live.next('updates', (m) => m.items.some((i) => i.docId.startsWith('led_')));
    const lead = leadOf(got.items);
    expect(lead.collection).toBe('leads');
    expect(lead.values).toMatchObject({
      name: 'Olga Ivanova', company: 'Volga Mills', email: 'olga@volga.example', message: 'Need 40 pumps',
      source: 'web_form', status: 'new', answers: { budget: 'large', region: 's' }, score: 100, territory: 'South',
    });
    expect(typeof lead.values.receivedAt).toBe('number');
    expect(lead.values.assigneeId).toBeUndefined();

    const late = await device(r.url, 'ws1', editor);
    const caught = late.received.filter((m) => m.type === 'updates').flatMap((m) => m.items);
    expect(leadOf(caught).values.name).toBe('Olga Ivanova');
    await live.close();
    await late.close();
  });

  it('[F2] takes JSON too and answers with the new lead id', async () => {
    const r = await relay();
    const { token } = await formToken(r);
    const res = await post(r, token, JSON.stringify({ name: 'Ivan', phone: '+7 495 123-45-67' }), 'application/json');
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(id).toMatch(/^led_/);
    expect(logged).toContainEqual(expect.objectContaining({ event: 'form_lead', workspace: 'ws1', lead: id }));
  });

  it('[F3] a bad, revoked or non-form token is refused and nothing is stored', async () => {
    const r = await relay();
    const { token, jti } = await formToken(r);
    const owner = r.auth.issue({ workspace: 'ws1', role: 'owner' });
    const body = new URLSearchParams({ name: 'Eve', email: 'eve@example.com' }).toString();
    expect((await post(r, `${token}x`, body)).status).toBe(403);
    expect((await post(r, owner, body)).status).toBe(403);
    expect((await post(r, token, body, undefined, 'ws2')).status).toBe(403);
    const rev = await fetch(`${r.url}/api/workspaces/ws1/revoke`, { method: 'POST', headers: { Authorization: `Bearer ${owner}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ jti }) });
    expect(rev.status).toBe(200);
    const refused = await post(r, token, body);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('This form is not available');
    expect((await fetch(`${r.url}/forms/ws1/${token}`)).status).toBe(403);
    const d = await device(r.url, 'ws1', owner);
    expect(d.received.filter((m) => m.type === 'updates').flatMap((m) => m.items)).toEqual([]);
    await d.close();
  });

  it('[F3] a form token cannot open the sync socket or call the API', async () => {
    const r = await relay();
    const { token } = await formToken(r);
    const socket = connect(syncUrl(r.url, 'ws1', token));
    const closed = await socket.closed;
    expect(closed.reason).toBe('a web form token cannot open a workspace');
    const api = await fetch(`${r.url}/api/workspaces/ws1/whoami`, { headers: { Authorization: `Bearer ${token}` } });
    expect(api.status).toBe(401);
  });

  it('[F4] invalid input is refused with the problems named, the form shown again, and nothing stored', async () => {
    const r = await relay();
    await withSettings(r);
    const { token } = await formToken(r);
    const res = await post(r, token, new URLSearchParams({ name: '', email: 'not-an-email', 'q.budget': 'enormous', company: '<b>Acme</b>' }).toString());
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Your name is required.');
    expect(html).toContain('This is not an e-mail address.');
    expect(html).toContain('Choose one of the answers to “What is your budget?”.');
    expect(html).toContain('value="&lt;b&gt;Acme&lt;/b&gt;"');
    expect(html).toContain('aria-invalid="true"');
    const json = await post(r, token, JSON.stringify({ name: 'Ivan' }), 'application/json');
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ fields: { email: 'Give an e-mail address or a phone number.' } });
    expect((await post(r, token, JSON.stringify({ name: 'Ivan', phone: '12345', admin: true }), 'application/json')).status).toBe(400);
    expect((await post(r, token, '{', 'application/json')).status).toBe(400);
    const owner = r.auth.issue({ workspace: 'ws1', role: 'owner' });
    const d = await device(r.url, 'ws1', owner);
    expect(d.received.filter((m) => m.type === 'updates').flatMap((m) => m.items).map((i) => i.docId)).toEqual(['_settings']);
    await d.close();
  });

  it('[F5] posts are rate-limited per client with Retry-After', async () => {
    const r = await relay({ perClient: { burst: 2, perMinute: 1 }, perForm: { burst: 100, perMinute: 100 } });
    const { token } = await formToken(r);
    const body = JSON.stringify({ name: 'Ivan', phone: '12345' });
    expect((await post(r, token, body, 'application/json')).status).toBe(201);
    expect((await post(r, token, body, 'application/json')).status).toBe(201);
    const limited = await post(r, token, body, 'application/json');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
