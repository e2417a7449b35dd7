// The relay speaks the standard y-websocket protocol: a stock `y-websocket` WebsocketProvider
// opens any doc of a workspace by id, gets its state, sends edits that reach app devices on the
// sync socket, and sees their presence (and they see its).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { startRelay, type Relay } from '@counterpart/relay';
import { device, fieldUpdate } from '../relay/test/support/client.ts';

let relay: Relay | undefined;
let dir = '';
const providers: WebsocketProvider[] = [];

afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await relay?.close();
  relay = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<Relay> {
  dir = mkdtempSync(join(tmpdir(), 'cp-interop-'));
  relay = await startRelay({ port: 0, dataDir: dir, secret: 'interop-secret-0123456789', log: () => undefined });
  return relay;
}

function provider(r: Relay, room: string, doc: Y.Doc, token: string): WebsocketProvider {
  const p = new WebsocketProvider(`${r.url.replace(/^http/, 'ws')}/y`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
  providers.push(p);
  return p;
}

function synced(p: WebsocketProvider): Promise<void> {
  return new Promise((resolve) => {
    if (p.synced) resolve();
    else p.once('sync', () => resolve());
  });
}

const edit = fieldUpdate;

describe('stock y-websocket client against the relay', () => {
  it('opens a record doc by id, gets its state, and its edits reach an app device live', async () => {
    const r = await start();
    const token = r.auth.issue({ workspace: 'team', role: 'editor' });
    const app = await device(r.url, 'team', token);
    app.send({ type: 'push', batch: 1, items: [{ docId: 'acc_1', update: edit('acc_1', 'name', 'Northwind') }] });
    await app.next('ack');

    const doc = new Y.Doc({ guid: 'acc_1' });
    const p = provider(r, 'team/acc_1', doc, token);
    await synced(p);
    expect(doc.getMap('f').get('name')).toBe('Northwind');

    doc.getMap('f').set('city', 'Kyiv');
    const got = await app.next('updates', (m) => m.items.some((i) => i.docId === 'acc_1'));
    const appDoc = new Y.Doc({ guid: 'acc_1' });
    Y.applyUpdate(appDoc, edit('acc_1', 'name', 'Northwind'));
    for (const i of got.items) Y.applyUpdate(appDoc, i.update);
    expect(appDoc.getMap('f').toJSON()).toMatchObject({ name: 'Northwind', city: 'Kyiv' });

    // And an app device's later edit reaches the provider.
    app.send({ type: 'push', batch: 2, items: [{ docId: 'acc_1', update: edit('acc_1', 'phone', '+380 44 000') }] });
    await expect.poll(() => doc.getMap('f').get('phone')).toBe('+380 44 000');
    await app.close();
  });

  it('any named doc works, and two providers on one doc converge', async () => {
    const r = await start();
    const token = r.auth.issue({ workspace: 'team', role: 'owner' });
    const a = new Y.Doc({ guid: 'notes-board' });
    const b = new Y.Doc({ guid: 'notes-board' });
    const pa = provider(r, 'team/notes-board', a, token);
    const pb = provider(r, 'team/notes-board', b, token);
    await Promise.all([synced(pa), synced(pb)]);
    a.getText('t').insert(0, 'hello ');
    b.getText('t').insert(0, 'world');
    await expect.poll(() => a.getText('t').toString() === b.getText('t').toString() && a.getText('t').length === 11).toBe(true);
  });

  it('presence goes both ways between a provider and an app device', async () => {
    const r = await start();
    const token = r.auth.issue({ workspace: 'team', role: 'editor' });
    const app = await device(r.url, 'team', token);
    const doc = new Y.Doc({ guid: 'acc_1' });
    const p = provider(r, 'team/acc_1', doc, token);
    await synced(p);
    p.awareness.setLocalStateField('user', { name: 'Olena' });
    const seen = await app.next('awareness', (m) => {
      const aw = new Awareness(new Y.Doc({ guid: 'probe' }));
      applyAwarenessUpdate(aw, m.update, null);
      const found = [...aw.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === 'Olena');
      aw.destroy();
      return found;
    });
    expect(seen.type).toBe('awareness');

    const mine = new Awareness(new Y.Doc({ guid: 'device' }));
    mine.setLocalState({ user: { name: 'Ivan' }, viewing: 'acc_1' });
    app.send({ type: 'awareness', update: encodeAwarenessUpdate(mine, [mine.clientID]) });
    await expect.poll(() => [...p.awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === 'Ivan')).toBe(true);
    mine.destroy();
    await app.close();
    // When the device leaves, its presence is removed for the others.
    await expect.poll(() => [...p.awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === 'Ivan')).toBe(false);
  });

  it("a viewer's provider gets the state but its edits are not stored", async () => {
    const r = await start();
    const owner = r.auth.issue({ workspace: 'team', role: 'owner' });
    const app = await device(r.url, 'team', owner);
    app.send({ type: 'push', batch: 1, items: [{ docId: 'acc_1', update: edit('acc_1', 'name', 'Kept') }] });
    await app.next('ack');
    const doc = new Y.Doc({ guid: 'acc_1' });
    const p = provider(r, 'team/acc_1', doc, r.auth.issue({ workspace: 'team', role: 'viewer' }));
    await synced(p);
    expect(doc.getMap('f').get('name')).toBe('Kept');
    doc.getMap('f').set('name', 'Vandalised');
    await new Promise((res) => setTimeout(res, 300));
    const late = await device(r.url, 'team', owner);
    expect((await late.next('welcome')).head).toBe(1);
    await app.close();
    await late.close();
  });

  it('a provider with a bad token is closed and gets nothing', async () => {
    const r = await start();
    const app = await device(r.url, 'team', r.auth.issue({ workspace: 'team', role: 'owner' }));
    app.send({ type: 'push', batch: 1, items: [{ docId: 'acc_1', update: edit('acc_1', 'name', 'Secret') }] });
    await app.next('ack');
    const doc = new Y.Doc({ guid: 'acc_1' });
    const p = provider(r, 'team/acc_1', doc, r.auth.issue({ workspace: 'elsewhere', role: 'owner' }));
    const closed = new Promise<number>((resolve) => p.once('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0)));
    expect(await closed).toBe(4004);
    p.shouldConnect = false;
    expect(doc.getMap('f').get('name')).toBeUndefined();
    await app.close();
  });
});
