import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeNewRecord, makeId } from '@counterpart/model';
import { DB_PREFIX, WorkspaceStore, importRecords } from '../src/index.ts';

const open: WorkspaceStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
let n = 0;
async function fresh(): Promise<WorkspaceStore> {
  const s = await WorkspaceStore.open(`outbox-${process.pid}-${n++}`);
  open.push(s);
  return s;
}

describe('outbox (S11)', () => {
  it('[S11] local edits and imports are queued with their save; remote updates are not', async () => {
    const s = await fresh();
    const id = await s.create('accounts', { name: 'Acme', kind: 'customer' });
    await s.update('accounts', id, { city: 'Lviv' });
    const queued = await s.outbox();
    expect(queued.map((e) => e.docId)).toEqual([id, id]);
    expect(await s.outboxCount()).toBe(2);

    const remoteId = makeId('contacts', 'remote1');
    const { update } = encodeNewRecord('contacts', remoteId, { lastName: 'Remote' }, { clientID: 77 });
    await s.ingest([{ docId: remoteId, update }], 'remote');
    expect(await s.outboxCount()).toBe(2);

    await importRecords(s, [{ collection: 'contacts', id: makeId('contacts', 'imp1'), values: { lastName: 'Imported' }, created: 0 }]);
    expect(await s.outboxCount()).toBe(3);

    // Applying the queued updates to an empty doc gives the record as saved.
    const doc = new Y.Doc({ guid: id });
    for (const e of queued) Y.applyUpdate(doc, e.u);
    expect(doc.getMap('f').get('city')).toBe('Lviv');

    await s.acknowledge(queued.map((e) => e.id!));
    expect((await s.outbox()).map((e) => e.docId)).toEqual([makeId('contacts', 'imp1')]);
  });

  it('[S11] reads the outbox oldest first, in pages bounded by count and bytes', async () => {
    const s = await fresh();
    for (let i = 0; i < 12; i++) await s.create('contacts', { lastName: `N${i}` });
    expect(await s.outbox(5)).toHaveLength(5);
    const all = await s.outbox(100);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => a! - b!));
    expect((await s.outbox(100, 1)).length).toBe(1);
  });

  it('[S11] a database from before the outbox queues everything it holds when it opens', async () => {
    const wsId = `outbox-legacy-${process.pid}`;
    const old = new Dexie(DB_PREFIX + wsId);
    old.version(1).stores({ updates: '++seq, docId', meta: 'k' });
    const { update } = encodeNewRecord('accounts', makeId('accounts', 'old1'), { name: 'Old', kind: 'customer' }, { clientID: 5 });
    await old.table('updates').add({ docId: makeId('accounts', 'old1'), u: update, origin: 'local', at: 0 });
    old.close();
    const s = await WorkspaceStore.open(wsId);
    open.push(s);
    expect((await s.outbox()).map((e) => e.docId)).toEqual([makeId('accounts', 'old1')]);
  });
});
