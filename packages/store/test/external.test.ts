import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WorkspaceStore, type ChangeEvent } from '../src/index.ts';

const open: WorkspaceStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

/** A remote edit of one field, as another device would make it. */
function remoteEdit(state: Uint8Array, guid: string, key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc({ guid });
  doc.clientID = 424242;
  Y.applyUpdate(doc, state);
  const sv = Y.encodeStateVector(doc);
  doc.getMap('f').set(key, value);
  return Y.encodeStateAsUpdate(doc, sv);
}

describe('writes from another store on the same database (S12)', () => {
  it('[S12] a cached doc takes the other store\'s update, its row is rewritten, listeners hear of it', async () => {
    const name = `external-${process.pid}-1`;
    const main = await WorkspaceStore.open(name);
    const worker = await WorkspaceStore.open(name);
    open.push(main, worker);
    const id = await main.create('contacts', { lastName: 'Koval', firstName: 'Iryna' });
    const doc = await main.acquire(id);
    const events: ChangeEvent[] = [];
    main.subscribe((e) => events.push(e));

    // The worker ingests a remote change, then main saves a local edit from its stale doc: the
    // row main writes lacks the remote change.
    const events2: ChangeEvent[] = [];
    worker.subscribe((e) => events2.push(e));
    await worker.ingest([{ docId: id, update: remoteEdit(Y.encodeStateAsUpdate(doc), id, 'jobTitle', 'Buyer') }], 'remote');
    await main.update('contacts', id, { phone: '+380 50 111 2233' });
    expect((await main.get('contacts', id))?.jobTitle).toBeUndefined();

    await main.applyExternal(events2[0]!);
    expect(doc.getMap('f').get('jobTitle')).toBe('Buyer');
    expect(await main.get('contacts', id)).toMatchObject({ jobTitle: 'Buyer', phone: '+380 50 111 2233', lastName: 'Koval' });
    const last = events.at(-1)!;
    expect(last.origin).toBe('remote');
    expect(last.rows.map((r) => r.id)).toEqual([id]);
    expect(last.rows[0]?.row?.jobTitle).toBe('Buyer');
    main.release(id);
  });

  it('[S12] rows of docs not held here are announced as the other store wrote them, and search follows', async () => {
    const name = `external-${process.pid}-2`;
    const main = await WorkspaceStore.open(name);
    const worker = await WorkspaceStore.open(name);
    open.push(main, worker);
    await main.warmSearch(['contacts']);
    const events: ChangeEvent[] = [];
    worker.subscribe((e) => events.push(e));
    const id = await worker.create('contacts', { lastName: 'Shevchenko' });
    const heard: ChangeEvent[] = [];
    main.subscribe((e) => heard.push(e));
    await main.applyExternal(events[0]!);
    expect(heard[0]?.rows[0]).toMatchObject({ id, deleted: false });
    expect((await main.search('shev', { collections: ['contacts'] })).map((h) => h.row.id)).toEqual([id]);
    expect((await main.get('contacts', id))?.lastName).toBe('Shevchenko');
  });

  it('[S12] changes passed as packed ids per collection refresh the docs held here and name the collections touched', async () => {
    const name = `external-${process.pid}-3`;
    const main = await WorkspaceStore.open(name);
    const worker = await WorkspaceStore.open(name);
    open.push(main, worker);
    const held = await main.create('contacts', { lastName: 'Held' });
    const other = await worker.create('contacts', { lastName: 'Other' });
    const doc = await main.acquire(held);
    const heard: ChangeEvent[] = [];
    main.subscribe((e) => heard.push(e));
    const state = Y.encodeStateAsUpdate(doc);
    await worker.ingest([
      { docId: held, update: remoteEdit(state, held, 'jobTitle', 'Buyer') },
      { docId: other, update: remoteEdit(Y.encodeStateAsUpdate(await worker.acquire(other)), other, 'jobTitle', 'Seller') },
    ], 'remote');
    // A longer id that starts with the held one's is not taken for it.
    await main.applyExternal({ rows: [], settingsChanged: false, otherIds: { contacts: [`${other}`, `${held}x`, held].join('\n'), deals: '' } });
    expect(doc.getMap('f').get('jobTitle')).toBe('Buyer');
    expect((await main.get('contacts', held))?.jobTitle).toBe('Buyer');
    expect(heard.at(-1)).toMatchObject({ origin: 'remote', touched: ['contacts'] });
    expect(heard.at(-1)?.rows.map((r) => r.id)).toEqual([held]);
    main.release(held);
  });
});
