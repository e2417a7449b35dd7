// Devices syncing through a real relay on port 0: each device is a WorkspaceStore on its own
// IndexedDB (fake-indexeddb, one factory per device) with a SyncEngine over `ws`.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeId, setText } from '@counterpart/model';
import { WorkspaceStore, importRecords, prepareElsewhere, type IncomingUpdate } from '@counterpart/store';
import { SyncEngine, type SocketLike, type SyncOptions, type SyncStatus } from '@counterpart/sync';
import type { Relay } from '@counterpart/relay';
import { relayFixture } from './support/relay.ts';

const { cleanups, start: startTestRelay } = relayFixture('cp-engine-');

interface Device {
  store: WorkspaceStore;
  engine: SyncEngine;
  statuses: SyncStatus[];
}

let deviceNo = 0;
async function device(relay: Relay, token: string, workspace = 'team', extra: Partial<SyncOptions> = {}): Promise<Device> {
  const store = await WorkspaceStore.open(workspace, { indexedDB: new IDBFactory(), IDBKeyRange });
  const engine = new SyncEngine(store, {
    url: relay.url,
    workspaceId: workspace,
    token,
    device: `device-${++deviceNo}`,
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    backoff: { minMs: 20, maxMs: 200 },
    ...extra,
  });
  const statuses: SyncStatus[] = [];
  engine.onStatus((s) => statuses.push(s));
  cleanups.push(async () => {
    await engine.dispose();
    await store.close();
  });
  await engine.start();
  return { store, engine, statuses };
}

function idle(d: Device): Promise<void> {
  return d.engine.idle();
}

describe('sync engine with a real relay', () => {
  it('two devices edit the same contact offline, different fields and the same note, and both keep both edits', async () => {
    const { relay } = await startTestRelay();
    const token = relay.auth.issue({ workspace: 'team', role: 'editor' });
    const a = await device(relay, token);
    const b = await device(relay, token);
    const id = await a.store.create('contacts', { firstName: 'Anna', lastName: 'Petrova', notes: 'Met at the fair.' });
    await idle(a);
    await idle(b);
    await expect.poll(async () => (await b.store.get('contacts', id))?.lastName).toBe('Petrova');

    await a.engine.stop();
    await b.engine.stop();
    await a.store.update('contacts', id, { jobTitle: 'Head of purchasing' });
    await b.store.update('contacts', id, { phone: '+380 44 555 0101' });
    await a.store.edit(id, (doc) => setText(doc.getText('t.notes'), 'Met at the fair. Wants samples.'));
    await b.store.edit(id, (doc) => setText(doc.getText('t.notes'), 'Met at the Kyiv fair.'));
    await expect.poll(() => a.engine.status.unsent).toBe(2);

    await a.engine.start();
    await b.engine.start();
    await idle(a);
    await idle(b);
    await idle(a);
    const ra = await a.store.get('contacts', id);
    const rb = await b.store.get('contacts', id);
    expect(ra).toMatchObject({ jobTitle: 'Head of purchasing', phone: '+380 44 555 0101', notes: 'Met at the Kyiv fair. Wants samples.' });
    expect(rb).toEqual(ra);
    expect(a.engine.status).toMatchObject({ state: 'online', unsent: 0, role: 'editor' });
  });

  it('a catch-up whose pages are prepared elsewhere, finishing out of order, is stored in order with its cursor', async () => {
    const { relay } = await startTestRelay();
    const token = relay.auth.issue({ workspace: 'team', role: 'editor' });
    const a = await device(relay, token);
    const records = Array.from({ length: 4500 }, (_, i) => ({ collection: 'contacts' as const, id: makeId('contacts', `p${String(i).padStart(5, '0')}`), values: { lastName: `Paged ${i}` }, created: 1 }));
    await importRecords(a.store, records, { chunk: 1500 });
    await idle(a);
    // Pages are prepared as another thread would (a structured clone of the result), and the
    // first takes longest: the engine must still hand them to the store in order.
    const delays = [60, 5, 5];
    const prepared: number[] = [];
    const b = await device(relay, token, 'team', {
      prepare: async (items: IncomingUpdate[]) => {
        const batch = structuredClone(prepareElsewhere(items, 'remote', {}));
        await new Promise((resolve) => setTimeout(resolve, delays[prepared.length] ?? 0));
        prepared.push(items.length);
        return batch;
      },
    });
    await idle(b);
    expect(prepared.reduce((x, y) => x + y, 0)).toBe(4500);
    expect(prepared.length).toBeGreaterThan(1);
    expect(await b.store.count('contacts')).toBe(4500);
    expect(await b.store.getMeta('sync:cursor:' + relay.url)).toBe(4500);
    expect((await b.store.get('contacts', records[4499]!.id))?.lastName).toBe('Paged 4499');
  });

  it('a reconnect after 100 offline edits sends those 100 and receives only what changed', async () => {
    const { relay } = await startTestRelay();
    const token = relay.auth.issue({ workspace: 'team', role: 'editor' });
    const a = await device(relay, token);
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push(await a.store.create('accounts', { name: `Account ${i}`, kind: 'customer' }));
    await idle(a);
    const b = await device(relay, token);
    await idle(b);
    expect(await b.store.count('accounts')).toBe(200);

    await b.engine.stop();
    for (let i = 0; i < 100; i++) await b.store.update('accounts', ids[i]!, { city: `City ${i}` });
    await a.store.update('accounts', ids[150]!, { city: 'Odesa' });
    await idle(a);
    const before = { ...b.engine.stats };
    await b.engine.start();
    await idle(b);
    expect(b.engine.stats.pushed - before.pushed).toBe(100);
    expect(b.engine.stats.received - before.received).toBe(1);
    expect((await b.store.get('accounts', ids[150]!))?.city).toBe('Odesa');
    await expect.poll(async () => (await a.store.get('accounts', ids[99]!))?.city).toBe('City 99');
  });

  it('keeps working through a relay restart: edits made meanwhile are pushed when it is back', async () => {
    const first = await startTestRelay();
    const port = first.relay.port;
    const token = first.relay.auth.issue({ workspace: 'team', role: 'owner' });
    const a = await device(first.relay, token);
    const id = await a.store.create('deals', { name: 'Renewal', stage: 'lead' });
    await idle(a);
    await first.relay.close();
    await expect.poll(() => a.engine.status.state).toBe('offline');
    await a.store.update('deals', id, { stage: 'qualified' });
    await expect.poll(() => a.engine.status.unsent).toBe(1);

    const second = await startTestRelay(first.dataDir, port);
    await expect.poll(() => a.engine.status.state, { timeout: 5000 }).toBe('online');
    await idle(a);
    expect(a.engine.status.unsent).toBe(0);
    const b = await device(second.relay, token);
    await idle(b);
    expect((await b.store.get('deals', id))?.stage).toBe('qualified');
  });

  it('a viewer receives everything, its own changes stay unsent, and it is told why', async () => {
    const { relay } = await startTestRelay();
    const owner = await device(relay, relay.auth.issue({ workspace: 'team', role: 'owner' }));
    const id = await owner.store.create('accounts', { name: 'Visible', kind: 'customer' });
    await idle(owner);
    const viewer = await device(relay, relay.auth.issue({ workspace: 'team', role: 'viewer' }));
    await idle(viewer);
    expect((await viewer.store.get('accounts', id))?.name).toBe('Visible');
    expect(viewer.engine.status.role).toBe('viewer');
    await viewer.store.update('accounts', id, { name: 'Changed by viewer' });
    await idle(viewer);
    await expect.poll(() => viewer.engine.status.unsent).toBe(1);
    await idle(owner);
    expect((await owner.store.get('accounts', id))?.name).toBe('Visible');
  });

  it('stops for good with a clear message when the token is refused', async () => {
    const { relay } = await startTestRelay();
    const d = await device(relay, relay.auth.issue({ workspace: 'elsewhere', role: 'owner' }));
    await expect.poll(() => d.engine.status.state).toBe('refused');
    expect(d.engine.status.error).toMatch(/another workspace/);
    const connects = d.engine.stats.connects;
    await new Promise((r) => setTimeout(r, 300));
    expect(d.engine.stats.connects).toBe(connects);
  });
});
