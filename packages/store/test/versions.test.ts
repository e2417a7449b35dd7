import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeNewRecord, type RecordId } from '@counterpart/model';
import { CHUNK_SIZE, WorkspaceStore, type ChangeEvent } from '../src/index.ts';

const open: WorkspaceStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

let seq = 0;
async function openStore(): Promise<WorkspaceStore> {
  const store = await WorkspaceStore.open(`versions-${process.pid}-${++seq}`);
  open.push(store);
  return store;
}

/** `n` accounts made on another device, in one remote batch. */
async function remoteAccounts(store: WorkspaceStore, n: number): Promise<string[]> {
  const items = Array.from({ length: n }, (_, i) => {
    const id = `acc_v${String(i).padStart(5, '0')}`;
    const { doc, update } = encodeNewRecord('accounts', id as RecordId<'accounts'>, { name: `Account ${i}`, kind: 'customer' }, { now: 1, clientID: 7 });
    doc.destroy();
    return { docId: id, update };
  });
  await store.ingest(items, 'remote');
  return items.map((i) => i.docId);
}

describe('chunk versions (S17)', () => {
  it('[S17] a reader asks again with the version it got and reads only the chunk written since', async () => {
    const store = await openStore();
    const ids = await remoteAccounts(store, CHUNK_SIZE + 50);
    const first = await store.chunksSince('accounts');
    expect(first.all).toBe(true);
    expect(first.chunks).toHaveLength(2);
    expect(first.chunks.reduce((s, c) => s + c.rows.length, 0)).toBe(CHUNK_SIZE + 50);

    expect((await store.chunksSince('accounts', first.ver)).chunks).toEqual([]);

    await store.update('accounts', ids[CHUNK_SIZE + 10]!, { city: 'Tartu' });
    const next = await store.chunksSince('accounts', first.ver);
    expect(next.all).toBe(false);
    expect(next.ver).toBeGreaterThan(first.ver);
    expect(next.chunks).toHaveLength(1);
    expect(next.chunks[0]!.rows.find((r) => r.id === ids[CHUNK_SIZE + 10])?.city).toBe('Tartu');
    // Other collections keep their versions.
    expect((await store.chunksSince('contacts', 0)).chunks).toEqual([]);
  });

  it('[S17] a deletion and a new record each raise the version of the chunk they are in', async () => {
    const store = await openStore();
    const ids = await remoteAccounts(store, 3);
    const { ver } = await store.chunksSince('accounts');
    await store.remove('accounts', ids[1]!);
    const afterRemove = await store.chunksSince('accounts', ver);
    expect(afterRemove.chunks.flatMap((c) => c.rows.map((r) => r.id))).toEqual([ids[0], ids[2]]);
    const created = await store.create('accounts', { name: 'Fresh', kind: 'prospect' });
    const afterCreate = await store.chunksSince('accounts', afterRemove.ver);
    expect(afterCreate.chunks.flatMap((c) => c.rows.map((r) => r.id))).toContain(created);
  });

  it('[S17] rows another store\'s change makes this one rewrite (S12) raise the version too', async () => {
    const name = `versions-${process.pid}-external`;
    const main = await WorkspaceStore.open(name);
    const worker = await WorkspaceStore.open(name);
    open.push(main, worker);
    const id = await main.create('contacts', { lastName: 'Koval' });
    const doc = await main.acquire(id);
    const events: ChangeEvent[] = [];
    worker.subscribe((e) => events.push(e));
    const remote = new Y.Doc({ guid: id });
    remote.clientID = 99;
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const sv = Y.encodeStateVector(remote);
    remote.getMap('f').set('jobTitle', 'Buyer');
    await worker.ingest([{ docId: id, update: Y.encodeStateAsUpdate(remote, sv) }], 'remote');
    const { ver } = await main.chunksSince('contacts');
    await main.applyExternal(events[0]!);
    const after = await main.chunksSince('contacts', ver);
    expect(after.ver).toBe(ver + 1);
    expect(after.chunks[0]!.rows[0]!.jobTitle).toBe('Buyer');
    main.release(id);
  });

  it('[S17] a version above the stored one (the database began again) reads every chunk', async () => {
    const store = await openStore();
    await remoteAccounts(store, 5);
    const read = await store.chunksSince('accounts', 1_000);
    expect(read.all).toBe(true);
    expect(read.chunks.flatMap((c) => c.rows)).toHaveLength(5);
  });
});
