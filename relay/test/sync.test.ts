import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CLOSE, MAX_FRAME_BYTES, PROTOCOL_VERSION, parseToken, type StoredUpdate } from '@counterpart/protocol';
import { startRelay, type Relay } from '../src/server.ts';
import { connect, device, fieldUpdate, syncUrl } from './support/client.ts';

const SECRET = 'relay-test-secret-0123456789';
const relays: Relay[] = [];
const dirs: string[] = [];

async function relay(dir?: string, limits?: Parameters<typeof startRelay>[0]['limits']): Promise<Relay> {
  const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'cp-relay-sync-'));
  if (!dir) dirs.push(dataDir);
  const r = await startRelay({ port: 0, dataDir, secret: SECRET, log: () => undefined, ...(limits ? { limits } : {}) });
  relays.push(r);
  return r;
}

afterEach(async () => {
  for (const r of relays.splice(0)) await r.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const edit = fieldUpdate;

function docOf(items: readonly StoredUpdate[], docId: string): Y.Doc {
  const doc = new Y.Doc({ guid: docId });
  for (const it of items) if (it.docId === docId) Y.applyUpdate(doc, it.update);
  return doc;
}

describe('workspace sync socket', () => {
  it('a push is acknowledged once stored, reaches the other device live, and a late device catches up', async () => {
    const r = await relay();
    const token = r.auth.issue({ workspace: 'ws1', role: 'editor' });
    const a = await device(r.url, 'ws1', token);
    const b = await device(r.url, 'ws1', token);
    const welcome = await a.next('welcome');
    expect(welcome).toMatchObject({ version: PROTOCOL_VERSION, role: 'editor', head: 0 });

    a.send({ type: 'push', batch: 1, items: [{ docId: 'acc_1', update: edit('acc_1', 'name', 'Acme') }] });
    expect(await a.next('ack', (m) => m.batch === 1)).toEqual({ type: 'ack', batch: 1, head: 1 });
    const live = await b.next('updates', (m) => m.items.length > 0);
    expect(live.items.map((i) => [i.seq, i.docId])).toEqual([[1, 'acc_1']]);
    expect(docOf(live.items, 'acc_1').getMap('f').get('name')).toBe('Acme');
    // The pusher does not get its own update back.
    expect(a.received.filter((m) => m.type === 'updates' && m.items.length)).toEqual([]);

    const c = await device(r.url, 'ws1', token);
    const caught = c.received.filter((m) => m.type === 'updates').flatMap((m) => m.items);
    expect(caught.map((i) => i.seq)).toEqual([1]);
    // Resuming from a cursor sends only what came after it.
    b.send({ type: 'push', batch: 7, items: [{ docId: 'con_1', update: edit('con_1', 'lastName', 'Petrova') }] });
    await b.next('ack', (m) => m.batch === 7);
    const d = await device(r.url, 'ws1', token, 1);
    expect(d.received.filter((m) => m.type === 'updates').flatMap((m) => m.items).map((i) => i.docId)).toEqual(['con_1']);
    for (const x of [a, b, c, d]) await x.close();
  });

  it('a long catch-up comes in pages and ends with more: false', async () => {
    const r = await relay();
    const token = r.auth.issue({ workspace: 'big', role: 'editor' });
    const a = await device(r.url, 'big', token);
    for (let batch = 0; batch < 5; batch++) {
      const items = Array.from({ length: 1000 }, (_, i) => ({ docId: `acc_${batch}_${i}`, update: edit(`acc_${batch}_${i}`, 'n', i) }));
      a.send({ type: 'push', batch, items });
      await a.next('ack', (m) => m.batch === batch);
    }
    const b = await device(r.url, 'big', token);
    const pages = b.received.filter((m) => m.type === 'updates');
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.slice(0, -1).every((p) => p.type === 'updates' && p.more)).toBe(true);
    const seqs = pages.flatMap((p) => (p.type === 'updates' ? p.items.map((i) => i.seq) : []));
    expect(seqs).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
    await a.close();
    await b.close();
  });

  it('live updates of writes committed together reach a device in seq order, in frames within the limits', async () => {
    const r = await relay();
    const token = r.auth.issue({ workspace: 'live', role: 'editor' });
    const [a, b, watcher] = [await device(r.url, 'live', token), await device(r.url, 'live', token), await device(r.url, 'live', token)];
    const batch = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ docId: `${prefix}_${i}`, update: edit(`${prefix}_${i}`, 'n', i) }));
    a.send({ type: 'push', batch: 1, items: batch('acc', 1800) });
    b.send({ type: 'push', batch: 1, items: batch('con', 1800) });
    a.send({ type: 'push', batch: 2, items: batch('dea', 1800) });
    await a.next('ack', (m) => m.batch === 2);
    await b.next('ack', (m) => m.batch === 1);
    await expect.poll(() => watcher.received.filter((m) => m.type === 'updates').reduce((n, m) => n + (m.type === 'updates' ? m.items.length : 0), 0)).toBe(5400);
    const frames = watcher.received.filter((m) => m.type === 'updates' && m.items.length);
    const seqs = frames.flatMap((m) => (m.type === 'updates' ? m.items.map((i) => i.seq) : []));
    expect(seqs).toEqual(Array.from({ length: 5400 }, (_, i) => i + 1));
    for (const f of frames) if (f.type === 'updates') expect(f.items.length).toBeLessThanOrEqual(2000);
    for (const d of [a, b, watcher]) await d.close();
  });

  it('refuses a viewer\'s push and stores nothing of it', async () => {
    const r = await relay();
    const viewer = await device(r.url, 'w', r.auth.issue({ workspace: 'w', role: 'viewer' }));
    expect(await viewer.next('welcome')).toMatchObject({ role: 'viewer' });
    viewer.send({ type: 'push', batch: 3, items: [{ docId: 'acc_1', update: edit('acc_1', 'name', 'x') }] });
    const refused = await viewer.next('refused');
    expect(refused.batch).toBe(3);
    expect(refused.reason).toMatch(/viewer/);
    const other = await device(r.url, 'w', r.auth.issue({ workspace: 'w', role: 'owner' }));
    expect((await other.next('welcome')).head).toBe(0);
    await viewer.close();
    await other.close();
  });

  it('refuses a batch with an update that is not a Yjs update, storing none of the batch', async () => {
    const r = await relay();
    const a = await device(r.url, 'w', r.auth.issue({ workspace: 'w', role: 'editor' }));
    a.send({ type: 'push', batch: 1, items: [{ docId: 'acc_1', update: edit('acc_1', 'a', 1) }, { docId: 'acc_2', update: Uint8Array.from([9, 9, 9]) }] });
    const refused = await a.next('refused');
    expect(refused.batch).toBe(1);
    expect(refused.reason).toMatch(/acc_2/);
    const b = await device(r.url, 'w', r.auth.issue({ workspace: 'w', role: 'editor' }));
    expect((await b.next('welcome')).head).toBe(0);
    await a.close();
    await b.close();
  });

  it('closes with a named code, and sends nothing, for missing, forged, expired, revoked and other-workspace tokens', async () => {
    const r = await relay();
    const good = r.auth.issue({ workspace: 'w', role: 'owner' });
    const [body = ''] = good.split('.').slice(0, 2).join('.').split('\n');
    const expired = r.auth.issue({ workspace: 'w', role: 'editor', ttlSeconds: 1, now: Math.floor(Date.now() / 1000) - 10 });
    const revoked = r.auth.issue({ workspace: 'w', role: 'editor' });
    const { claims } = (await import('@counterpart/protocol')).parseToken(revoked);
    await r.auth.revoke(claims.jti);
    const cases: [string | undefined, number][] = [
      [undefined, CLOSE.unauthenticated],
      ['garbage', CLOSE.unauthenticated],
      [`${body}.AAAA`, CLOSE.unauthenticated],
      [expired, CLOSE.expired],
      [revoked, CLOSE.revoked],
      [r.auth.issue({ workspace: 'other', role: 'owner' }), CLOSE.wrongWorkspace],
    ];
    // Something stored, which a refused connection must not receive.
    const owner = await device(r.url, 'w', good);
    owner.send({ type: 'push', batch: 1, items: [{ docId: 'acc_1', update: edit('acc_1', 'secret', 'yes') }] });
    await owner.next('ack');
    for (const [token, code] of cases) {
      const d = connect(syncUrl(r.url, 'w', token));
      d.send({ type: 'hello', version: PROTOCOL_VERSION, cursor: 0, device: 'x' });
      d.send({ type: 'push', batch: 9, items: [{ docId: 'acc_2', update: edit('acc_2', 'evil', 1) }] });
      expect((await d.closed).code, String(token)).toBe(code);
      expect(d.received, String(token)).toEqual([]);
    }
    const check = await device(r.url, 'w', good);
    expect((await check.next('welcome')).head).toBe(1);
    await owner.close();
    await check.close();
  });

  it('closes a member’s connections with roleChanged when an owner changes their role; they reconnect with it', async () => {
    const r = await relay();
    const mine = r.auth.issue({ workspace: 'w', role: 'editor', member: 'usr_m' });
    const theirs = r.auth.issue({ workspace: 'w', role: 'editor', member: 'usr_o' });
    await r.auth.access.addMemberToken({ ws: 'w', jti: parseToken(mine).claims.jti, member: 'usr_m', name: 'M', via: 'tok_x', iat: 1 });
    const a = await device(r.url, 'w', mine);
    const b = await device(r.url, 'w', theirs);
    expect(await a.next('welcome')).toMatchObject({ role: 'editor' });
    await b.next('welcome');
    await r.auth.setMemberAccess('w', 'usr_m', { role: 'viewer' });
    expect((await a.closed).code).toBe(CLOSE.roleChanged);
    const again = await device(r.url, 'w', mine);
    expect(await again.next('welcome')).toMatchObject({ role: 'viewer' });
    again.send({ type: 'push', batch: 1, items: [{ docId: 'acc_1', update: edit('acc_1', 'name', 'x') }] });
    expect((await again.next('refused')).reason).toMatch(/viewer/);
    expect(b.ws.readyState).toBe(b.ws.OPEN);
    await again.close();
    await b.close();
  });

  it('closes on a wrong protocol version, a frame before hello, and text frames', async () => {
    const r = await relay();
    const token = r.auth.issue({ workspace: 'w', role: 'editor' });
    const old = connect(syncUrl(r.url, 'w', token));
    old.send({ type: 'hello', version: 99, cursor: 0, device: 'x' });
    expect((await old.closed).code).toBe(CLOSE.unsupportedVersion);
    const early = connect(syncUrl(r.url, 'w', token));
    early.send({ type: 'push', batch: 1, items: [] });
    expect((await early.closed).code).toBe(CLOSE.malformed);
    const text = new WebSocket(syncUrl(r.url, 'w', token));
    text.on('open', () => text.send('hello'));
    const code = await new Promise<number>((resolve) => text.on('close', (c) => resolve(c)));
    expect(code).toBe(CLOSE.malformed);
  });

  it('10,000 random and truncated frames close only their own connections; the relay keeps serving', async () => {
    const r = await relay();
    const token = r.auth.issue({ workspace: 'w', role: 'editor' });
    const steady = await device(r.url, 'w', token);
    let seed = 7;
    const rand = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const { encode } = await import('@counterpart/protocol');
    const valid = encode({ type: 'push', batch: 1, items: [{ docId: 'acc_1', update: edit('acc_1', 'a', 1) }] });
    const junk = (): Uint8Array =>
      rand() < 0.5
        ? valid.subarray(0, Math.floor(rand() * valid.length))
        : Uint8Array.from({ length: Math.floor(rand() * 64) }, () => Math.floor(rand() * 256));
    // One frame per connection, after hello: each is decoded by the relay, none is skipped.
    const closes = new Map<number, number>();
    for (let round = 0; round < 100; round++) {
      const codes = await Promise.all(
        Array.from({ length: 100 }, async () => {
          const d = connect(syncUrl(r.url, 'w', token));
          d.send({ type: 'hello', version: PROTOCOL_VERSION, cursor: 0, device: 'fuzz' });
          await d.next('updates', (m) => !m.more);
          d.ws.send(junk());
          // A frame that happens to decode as a valid message is answered, not closed: end it.
          const timer = setTimeout(() => d.ws.close(), 500);
          const { code } = await d.closed;
          clearTimeout(timer);
          return code;
        }),
      );
      for (const c of codes) closes.set(c, (closes.get(c) ?? 0) + 1);
    }
    expect([...closes.values()].reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(closes.get(CLOSE.malformed)).toBeGreaterThan(9_000);
    // The steady connection still works, and so does HTTP.
    steady.send({ type: 'push', batch: 2, items: [{ docId: 'acc_9', update: edit('acc_9', 'ok', true) }] });
    expect(await steady.next('ack', (m) => m.batch === 2)).toMatchObject({ batch: 2 });
    expect((await fetch(`${r.url}/healthz`)).status).toBe(200);
    await steady.close();
  }, 120_000);

  it('a frame over the size limit closes that connection with tooLarge', async () => {
    const r = await relay();
    const d = await device(r.url, 'w', r.auth.issue({ workspace: 'w', role: 'editor' }));
    d.ws.send(new Uint8Array(MAX_FRAME_BYTES + 1));
    expect((await d.closed).code).toBe(CLOSE.tooLarge);
    expect((await fetch(`${r.url}/healthz`)).status).toBe(200);
  });

  it('a device over the rate limit is disconnected with rateLimited', async () => {
    const r = await relay(undefined, { framesPerSecond: 20 });
    const d = await device(r.url, 'w', r.auth.issue({ workspace: 'w', role: 'editor' }));
    for (let i = 0; i < 200; i++) d.send({ type: 'awareness', update: Uint8Array.from([0]) });
    expect((await d.closed).code).toBe(CLOSE.rateLimited);
  });

  it('serves /metrics in the Prometheus text format, logs each connection event, and unloads idle workspaces', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cp-relay-sync-'));
    dirs.push(dataDir);
    const lines: Record<string, unknown>[] = [];
    const r = await startRelay({ port: 0, dataDir, secret: SECRET, log: (l) => lines.push(l) });
    relays.push(r);
    const d = await device(r.url, 'm', r.auth.issue({ workspace: 'm', role: 'editor' }));
    d.send({ type: 'push', batch: 1, items: [{ docId: 'acc_1', update: edit('acc_1', 'a', 1) }] });
    await d.next('ack');
    const text = await (await fetch(`${r.url}/metrics`)).text();
    expect(text).toMatch(/^counterpart_connections 1$/m);
    expect(text).toMatch(/^counterpart_workspaces_in_memory 1$/m);
    expect(text).toMatch(/^counterpart_updates_in_total 1$/m);
    expect(text).toMatch(/^counterpart_store_latency_ms_count 1$/m);
    await d.close();
    await expect.poll(() => r.hub.workspaceCount).toBe(0);
    expect(lines.filter((l) => l.workspace === 'm').map((l) => l.event)).toEqual(['connection_open', 'connection_close']);
    expect(await (await fetch(`${r.url}/metrics`)).text()).toMatch(/^counterpart_connections 0$/m);
  });

  it('10,000 doc open/close cycles leave nothing loaded: no workspace, doc or connection stays in memory', async () => {
    const r = await relay();
    const token = r.auth.issue({ workspace: 'w', role: 'editor' });
    const base = r.url.replace(/^http/, 'ws');
    const cycle = (i: number): Promise<void> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`${base}/y/w/doc_${i}?token=${token}`);
        ws.once('message', () => ws.close());
        ws.once('close', () => resolve());
        ws.once('error', reject);
      });
    for (let i = 0; i < 10_000; i += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, k) => cycle(i + k)));
    }
    await expect.poll(() => r.metrics.connections).toBe(0);
    expect(r.hub.workspaceCount).toBe(0);
    expect(r.metrics.docsInMemory).toBe(0);
    expect(r.metrics.workspaces).toBe(0);
  }, 120_000);

  it('revoking a token closes the connections open with it, at once, and only those', async () => {
    const r = await relay();
    const revoked = r.auth.issue({ workspace: 'w', role: 'editor' });
    const kept = r.auth.issue({ workspace: 'w', role: 'editor' });
    const a = await device(r.url, 'w', revoked);
    const b = await device(r.url, 'w', kept);
    const { parseToken } = await import('@counterpart/protocol');
    // An owner of another workspace revoking the same id changes nothing here.
    await r.auth.revoke(parseToken(revoked).claims.jti, 'other');
    await r.auth.revoke(parseToken(revoked).claims.jti, 'w');
    expect((await a.closed).code).toBe(CLOSE.revoked);
    b.send({ type: 'push', batch: 1, items: [{ docId: 'acc_1', update: edit('acc_1', 'still', 'here') }] });
    expect((await b.next('ack')).batch).toBe(1);
    await b.close();
  });
});
