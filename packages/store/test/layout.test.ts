import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COLLECTION_NAMES, encodeNewRecord, makeId, readRecord, toRow } from '@counterpart/model';
import { CHUNK_SIZE, COMPACT_AFTER, DB_PREFIX, WorkspaceStore, importRecords, prepareElsewhere, rowIndexes, type ProblemEntry } from '../src/index.ts';

const open: WorkspaceStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
let n = 0;
async function fresh(name = `layout-${process.pid}-${n++}`): Promise<WorkspaceStore> {
  const s = await WorkspaceStore.open(name);
  open.push(s);
  return s;
}
async function reopen(s: WorkspaceStore): Promise<WorkspaceStore> {
  await s.close();
  return fresh(s.workspaceId);
}

/** Where and how a doc is stored: its chunk, collection, row, base state and update count. */
/** `n` counts the base and the later updates. */
async function stored(s: WorkspaceStore, id: string): Promise<{ chunk: number; c: string; row: unknown; u: Uint8Array | null; n: number } | undefined> {
  let chunk: number | undefined;
  for (const e of await s.db.dir.toArray()) if (e.ids.includes(id)) chunk = e.n;
  if (chunk === undefined) return undefined;
  const [entry, base] = await Promise.all([s.db.chunks.get(chunk), s.db.bases.get(chunk)]);
  const i = base!.ids.indexOf(id);
  expect(entry!.ids[i]).toBe(id);
  const later = await s.db.updates.where('docId').equals(id).count();
  const u = base!.u[i] ?? null;
  return { chunk, c: entry!.c, row: entry!.rows[i], u, n: (u ? 1 : 0) + later };
}

function contact(i: number, values: Record<string, unknown> = {}): { docId: string; update: Uint8Array } {
  const id = makeId('contacts', String(i).padStart(4, '0'));
  return { docId: id, update: encodeNewRecord('contacts', id, { lastName: `Person ${i}`, ...values }, { clientID: 5 }).update };
}

/** An update that sets one field of an existing record, from another replica. */
function edit(docId: string, base: Uint8Array, field: string, value: unknown): Uint8Array {
  const doc = new Y.Doc({ guid: docId });
  doc.clientID = 99;
  Y.applyUpdate(doc, base);
  const before = Y.encodeStateVector(doc);
  doc.getMap('f').set(field, value);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('stored layout (db version 4)', () => {
  it('[S5] a new doc is stored as one base state in its chunk; later updates go to updates', async () => {
    const s = await fresh();
    const first = contact(1);
    await s.ingest([first], 'remote');
    const entry = await stored(s, first.docId);
    expect(entry).toMatchObject({ c: 'contacts', n: 1, row: { id: first.docId, lastName: 'Person 1' } });
    expect(entry?.u).toEqual(first.update);
    expect(await s.db.updates.where('docId').equals(first.docId).count()).toBe(0);

    await s.ingest([{ docId: first.docId, update: edit(first.docId, first.update, 'jobTitle', 'Buyer') }], 'remote');
    expect(await s.db.updates.where('docId').equals(first.docId).count()).toBe(1);
    expect((await stored(s, first.docId))?.n).toBe(2);

    const again = await reopen(s);
    const doc = await again.acquire(first.docId);
    expect(readRecord(doc).values).toMatchObject({ lastName: 'Person 1', jobTitle: 'Buyer' });
    again.release(first.docId);
  });

  it('[S1][S3] several updates of a new doc in one batch are merged into its base', async () => {
    const s = await fresh();
    const first = contact(2);
    const second = edit(first.docId, first.update, 'jobTitle', 'Engineer');
    await s.ingest([first, { docId: first.docId, update: second }], 'remote');
    expect(await s.db.updates.count()).toBe(0);
    expect(await s.get('contacts', first.docId)).toMatchObject({ lastName: 'Person 2', jobTitle: 'Engineer' });
    const again = await reopen(s);
    const doc = await again.acquire(first.docId);
    expect(readRecord(doc).values.jobTitle).toBe('Engineer');
    again.release(first.docId);
  });

  it('[S5] compaction moves the state into the base and removes the stored updates', async () => {
    const s = await fresh();
    const id = await s.create('tasks', { title: 'Call' });
    for (let i = 0; i < COMPACT_AFTER + 3; i++) await s.update('tasks', id, { title: `Call #${i}` });
    const entry = await stored(s, id);
    expect(entry?.n).toBeLessThanOrEqual(COMPACT_AFTER);
    expect(await s.db.updates.where('docId').equals(id).count()).toBe(entry!.n - 1);
    const again = await reopen(s);
    const doc = await again.acquire(id);
    expect(readRecord(doc).values.title).toBe(`Call #${COMPACT_AFTER + 2}`);
    again.release(id);
  });

  it('[S3] a batch of new and stored docs: stored ones are loaded and merged, new ones are not', async () => {
    const s = await fresh();
    // 60 stored contacts, so a batch spanning them has more docs in its id range than it asks for.
    await s.ingest(Array.from({ length: 60 }, (_, i) => contact(100 + i)), 'remote');
    const low = contact(100);
    const high = contact(159);
    await s.ingest(
      [
        { docId: low.docId, update: edit(low.docId, low.update, 'jobTitle', 'Low') },
        contact(99),
        { docId: high.docId, update: edit(high.docId, high.update, 'jobTitle', 'High') },
        contact(200),
      ],
      'remote',
    );
    expect(await s.get('contacts', low.docId)).toMatchObject({ lastName: 'Person 100', jobTitle: 'Low' });
    expect(await s.get('contacts', high.docId)).toMatchObject({ lastName: 'Person 159', jobTitle: 'High' });
    expect(await s.count('contacts')).toBe(62);
    // Two stored docs next to each other: the id range holds only what was asked for.
    const a = contact(130);
    const b = contact(131);
    await s.ingest(
      [
        { docId: a.docId, update: edit(a.docId, a.update, 'jobTitle', 'A') },
        { docId: b.docId, update: edit(b.docId, b.update, 'jobTitle', 'B') },
      ],
      'remote',
    );
    expect((await s.rows('contacts', [a.docId, b.docId])).map((r) => r.jobTitle)).toEqual(['A', 'B']);
    expect((await stored(s, a.docId))?.n).toBe(2);
  });

  it('[S3] a deleted record restored by a remote update leaves the trash', async () => {
    const s = await fresh();
    const rec = contact(7);
    await s.ingest([rec], 'remote');
    await s.remove('contacts', rec.docId);
    expect((await s.trash()).map((t) => t.id)).toEqual([rec.docId]);
    const doc = await s.acquire(rec.docId);
    const state = Y.encodeStateAsUpdate(doc);
    s.release(rec.docId);
    const other = new Y.Doc({ guid: rec.docId });
    Y.applyUpdate(other, state);
    const before = Y.encodeStateVector(other);
    other.getMap('meta').delete('deleted');
    await s.ingest([{ docId: rec.docId, update: Y.encodeStateAsUpdate(other, before) }], 'remote');
    expect(await s.trash()).toEqual([]);
    expect(await s.get('contacts', rec.docId)).toMatchObject({ lastName: 'Person 7' });
  });

  it('[S4] an unreadable base state is skipped and reported when its doc loads', async () => {
    const s = await fresh();
    const rec = contact(8);
    await s.ingest([rec], 'remote');
    // From another replica and on a new key: it does not depend on the base to apply.
    await s.ingest([{ docId: rec.docId, update: edit(rec.docId, rec.update, 'jobTitle', 'Kept') }], 'remote');
    const at = await stored(s, rec.docId);
    const base = (await s.db.bases.get(at!.chunk))!;
    base.u[base.ids.indexOf(rec.docId)] = new Uint8Array([7, 7, 7]);
    await s.db.bases.put(base);
    const again = await reopen(s);
    const problems: ProblemEntry[] = [];
    again.onProblem((p) => problems.push(p));
    const doc = await again.acquire(rec.docId);
    expect(readRecord(doc).values.jobTitle).toBe('Kept');
    again.release(rec.docId);
    expect(problems.map((p) => p.kind)).toEqual(['corrupt-entry']);
    expect(problems[0]?.message).toMatch(/base state/);
  });

  it('[S5] a version 2 database is packed into chunks, keeps its updates as they were and keeps working', async () => {
    const name = `layout-v2-${process.pid}`;
    const old = new Dexie(DB_PREFIX + name);
    const stores: Record<string, string> = {
      updates: '++seq, docId', docs: 'id, c', trash: 'id, c, deletedAt', blobs: 'sha256',
      problems: '++id, kind, docId', meta: 'k', outbox: '++id',
    };
    for (const c of COLLECTION_NAMES) stores[c] = rowIndexes(c).join(', ');
    old.version(2).stores(stores);
    const rec = contact(3, { email: 'p3@example.com' });
    const state = readRecord((() => {
      const d = new Y.Doc({ guid: rec.docId });
      Y.applyUpdate(d, rec.update);
      return d;
    })());
    await old.table('updates').add({ docId: rec.docId, u: rec.update, origin: 'remote', at: 0 });
    await old.table('docs').put({ id: rec.docId, c: 'contacts', n: 1 });
    await old.table('contacts').put(toRow('contacts', state));
    old.close();

    const s = await fresh(name);
    expect(s.db.verno).toBe(5);
    expect(s.db.tables.map((t) => t.name)).not.toContain('docs');
    expect(s.db.tables.map((t) => t.name)).not.toContain('contacts');
    expect(await s.get('contacts', rec.docId)).toMatchObject({ email: 'p3@example.com' });
    await s.update('contacts', rec.docId, { jobTitle: 'Owner' });
    expect(await stored(s, rec.docId)).toMatchObject({ n: 2, u: null, c: 'contacts' });
    const again = await reopen(s);
    const doc = await again.acquire(rec.docId);
    expect(readRecord(doc).values).toMatchObject({ email: 'p3@example.com', jobTitle: 'Owner' });
    again.release(rec.docId);
  });

  it('[S3] a version 3 database with more docs than a chunk holds is packed by collection', async () => {
    const name = `layout-v3-${process.pid}`;
    const old = new Dexie(DB_PREFIX + name);
    const stores: Record<string, string> = {
      updates: '++seq, docId', docs: 'id', trash: 'id, c, deletedAt', blobs: 'sha256',
      problems: '++id, kind, docId', meta: 'k', outbox: '++id',
    };
    for (const c of COLLECTION_NAMES) stores[c] = rowIndexes(c).join(', ');
    old.version(3).stores(stores);
    const count = CHUNK_SIZE + 10;
    for (let i = 0; i < count; i++) {
      const rec = contact(1000 + i);
      const d = new Y.Doc({ guid: rec.docId });
      Y.applyUpdate(d, rec.update);
      await old.table('docs').put({ id: rec.docId, c: 'contacts', n: 1, u: rec.update });
      await old.table('contacts').put(toRow('contacts', readRecord(d)));
    }
    const task = encodeNewRecord('tasks', makeId('tasks', 'task1'), { title: 'Ring back' }, { clientID: 5 });
    await old.table('docs').put({ id: makeId('tasks', 'task1'), c: 'tasks', n: 1, u: task.update });
    old.close();

    const s = await fresh(name);
    expect(await s.count('contacts')).toBe(count);
    expect(await s.count('tasks')).toBe(0);
    const chunks = await s.db.chunks.toArray();
    expect(chunks.map((c) => [c.c, c.ids.length]).sort()).toEqual([['contacts', CHUNK_SIZE], ['contacts', 10], ['tasks', 1]].sort());
    // The task had a docs entry but no row (as a deleted record has): it has none now and still loads.
    const doc = await s.acquire(makeId('tasks', 'task1'));
    expect(readRecord(doc).values.title).toBe('Ring back');
    s.release(makeId('tasks', 'task1'));
  });

  it('[S3] new docs fill the newest chunk of their collection, then start a new one', async () => {
    const s = await fresh();
    await s.ingest(Array.from({ length: CHUNK_SIZE - 5 }, (_, i) => contact(3000 + i)), 'remote');
    await s.ingest(Array.from({ length: 20 }, (_, i) => contact(4000 + i)), 'remote');
    await s.create('tasks', { title: 'One' });
    const sizes = (await s.db.chunks.toArray()).map((c) => [c.c, c.ids.length]);
    expect(sizes).toEqual([['contacts', CHUNK_SIZE], ['contacts', 15], ['tasks', 1]]);
    // A second store on the same database sees where the first put things.
    const other = await WorkspaceStore.open(s.workspaceId);
    open.push(other);
    await other.create('tasks', { title: 'Two' });
    expect((await other.db.chunks.toArray()).map((c) => [c.c, c.ids.length])).toEqual([['contacts', CHUNK_SIZE], ['contacts', 15], ['tasks', 2]]);
  });

  it('[S3] an update that arrives before its record is created is kept aside, then joins the collection', async () => {
    const s = await fresh();
    const rec = contact(5000);
    const later = edit(rec.docId, rec.update, 'jobTitle', 'Early');
    await s.ingest([{ docId: rec.docId, update: later }], 'remote');
    expect(await stored(s, rec.docId)).toMatchObject({ c: '?', row: null });
    expect(await s.count('contacts')).toBe(0);
    await s.ingest([rec], 'remote');
    expect(await stored(s, rec.docId)).toMatchObject({ c: 'contacts', row: { jobTitle: 'Early' } });
    expect(await s.get('contacts', rec.docId)).toMatchObject({ lastName: 'Person 5000', jobTitle: 'Early' });
    const chunks = await s.db.chunks.toArray();
    expect(chunks.find((c) => c.c === '?')?.ids).toEqual([]);
  });

  it('[S1] a batch prepared while the one before it is stored still lands on the doc that one created', async () => {
    const s = await fresh();
    const rec = contact(6000);
    const later = edit(rec.docId, rec.update, 'jobTitle', 'Second');
    // Handed over together: the second is prepared before the first has placed the doc.
    const first = s.ingest([rec], 'remote');
    const second = s.ingest([{ docId: rec.docId, update: later }], 'remote');
    await Promise.all([first, second]);
    expect(await s.get('contacts', rec.docId)).toMatchObject({ lastName: 'Person 6000', jobTitle: 'Second' });
    expect(await stored(s, rec.docId)).toMatchObject({ n: 2 });
    expect((await s.db.chunks.toArray()).flatMap((c) => c.ids)).toEqual([rec.docId]);
  });

  it('[S1][S12] a doc another store stores after this one prepared it as new is not stored twice', async () => {
    const a = await fresh();
    const b = await WorkspaceStore.open(a.workspaceId);
    open.push(b);
    const rec = contact(6100);
    const later = edit(rec.docId, rec.update, 'jobTitle', 'From A');
    // A is busy with a large batch; its next batch (prepared now, the doc new to A) waits behind
    // it, and B stores the doc in between.
    const busy = a.ingest(Array.from({ length: 300 }, (_, i) => contact(7000 + i)), 'remote');
    const fromA = a.ingest([{ docId: rec.docId, update: later }], 'remote');
    const fromB = b.ingest([rec], 'remote');
    await Promise.all([busy, fromA, fromB]);
    const again = await reopen(a);
    expect(await again.get('contacts', rec.docId)).toMatchObject({ lastName: 'Person 6100', jobTitle: 'From A' });
    const holders = (await again.db.chunks.toArray()).filter((c) => c.ids.includes(rec.docId));
    expect(holders).toHaveLength(1);
    const doc = await again.acquire(rec.docId);
    expect(readRecord(doc).values.jobTitle).toBe('From A');
    again.release(rec.docId);
  });

  it('[S4] a new doc whose second update throws is built from the first alone', async () => {
    const s = await fresh();
    const rec = contact(6200);
    const problems: ProblemEntry[] = [];
    s.onProblem((p) => problems.push(p));
    const result = await s.ingest([rec, { docId: rec.docId, update: new Uint8Array([1, 2, 3, 4, 5]) }], 'remote');
    expect(result).toMatchObject({ applied: 1, rejected: 1 });
    expect(problems.map((p) => p.kind)).toEqual(['malformed-update']);
    expect(await stored(s, rec.docId)).toMatchObject({ n: 1, u: rec.update, c: 'contacts' });
    expect(await s.get('contacts', rec.docId)).toMatchObject({ lastName: 'Person 6200' });
  });

  it('[S2] a meta entry given with a batch is written in its transaction, and not at all when it fails', async () => {
    const s = await fresh();
    await s.ingest([contact(6300)], 'remote', { meta: { k: 'sync:cursor:test', v: 41 } });
    expect(await s.getMeta('sync:cursor:test')).toBe(41);
    const table = s.db.bases;
    const real = table.put.bind(table);
    table.put = (() => Promise.reject(Object.assign(new Error('disk full'), { name: 'QuotaExceededError' }))) as unknown as typeof table.put;
    await expect(s.ingest([contact(6301)], 'remote', { meta: { k: 'sync:cursor:test', v: 42 } })).rejects.toMatchObject({ reason: 'quota' });
    table.put = real;
    expect(await s.getMeta('sync:cursor:test')).toBe(41);
    expect(await s.count('contacts')).toBe(1);
    // The failed batch left nothing behind: the same doc is new again and lands.
    await s.ingest([contact(6301)], 'remote');
    expect(await s.count('contacts')).toBe(2);
  });

  it('[S3] a store that has read a collection edits its records and creates new ones without reading the directory', async () => {
    const a = await fresh();
    await a.ingest(Array.from({ length: 50 }, (_, i) => contact(8000 + i)), 'remote');
    const b = await WorkspaceStore.open(a.workspaceId);
    open.push(b);
    let dirReads = 0;
    const table = b.db.dir;
    const where = table.where.bind(table);
    table.where = ((index: string) => {
      dirReads++;
      return where(index);
    }) as typeof table.where;
    const first = (await b.page('contacts', { limit: 1 }))[0]!;
    await b.update('contacts', first.id, { jobTitle: 'Seen' });
    const id = await b.create('contacts', { lastName: 'New here' });
    expect(dirReads).toBe(0);
    expect(await b.get('contacts', first.id)).toMatchObject({ jobTitle: 'Seen' });
    // Both are where a store reading the whole directory finds them.
    const c = await reopen(a);
    expect(await stored(c, first.id)).toMatchObject({ c: 'contacts', row: { jobTitle: 'Seen' } });
    expect(await stored(c, id)).toMatchObject({ c: 'contacts', row: { lastName: 'New here' } });
    expect((await c.db.chunks.toArray()).flatMap((ch) => ch.ids).filter((x) => x === first.id)).toHaveLength(1);
  });

  it('[S12] a doc that moved since this store saw it is found again, not stored twice', async () => {
    const a = await fresh();
    const rec = contact(8100);
    // Stored before its record exists: kept aside under '?'.
    await a.ingest([{ docId: rec.docId, update: edit(rec.docId, rec.update, 'jobTitle', 'Early') }], 'remote');
    const b = await WorkspaceStore.open(a.workspaceId);
    open.push(b);
    const doc = await b.acquire(rec.docId);
    // The record's creation arrives through the other store: the doc moves to a contacts chunk.
    await a.ingest([rec], 'remote');
    await b.applyExternal({ rows: [], settingsChanged: false, others: [{ collection: 'contacts', id: rec.docId }] });
    doc.getMap('f').set('city', 'Lyon');
    await b.flush();
    b.release(rec.docId);
    const c = await reopen(a);
    expect(await c.get('contacts', rec.docId)).toMatchObject({ lastName: 'Person 8100', jobTitle: 'Early', city: 'Lyon' });
    expect((await c.db.chunks.toArray()).filter((ch) => ch.ids.includes(rec.docId)).map((ch) => ch.c)).toEqual(['contacts']);
  });

  it('[S1] a batch prepared on another thread (cloned across) lands like one prepared here, stored docs included', async () => {
    const s = await fresh();
    const known = contact(8200);
    await s.ingest([known], 'remote');
    const items = [contact(8201), contact(8202), { docId: known.docId, update: edit(known.docId, known.update, 'jobTitle', 'Later') }, { docId: contact(8203).docId, update: new Uint8Array([1, 2, 3]) }];
    // What crosses a worker boundary is a structured clone: no docs, the same bytes.
    const prepared = structuredClone(prepareElsewhere(items, 'remote', {}));
    const result = await s.ingest(items, 'remote', { prepared });
    expect(result).toMatchObject({ applied: 3, rejected: 1 });
    expect((await s.rows('contacts', [contact(8201).docId, contact(8202).docId, known.docId])).map((r) => r.lastName)).toEqual(['Person 8201', 'Person 8202', 'Person 8200']);
    expect(await s.get('contacts', known.docId)).toMatchObject({ jobTitle: 'Later' });
    expect(await stored(s, known.docId)).toMatchObject({ n: 2 });
    expect((await s.problems()).map((p) => p.kind)).toEqual(['malformed-update']);
  });

  it('[S1][S3] a page prepared elsewhere reads new records from their one update (model R17) and stores the same as the doc path', async () => {
    const fast = await fresh();
    const slow = await fresh();
    const order = makeId('orders', 'r17a');
    const items = [
      contact(8300, { notes: 'Long\ntext 😀' }),
      contact(8301),
      { docId: order, update: encodeNewRecord('orders', order, { number: 'O-17', lines: [{ id: 'l1', productId: makeId('products', 'prd1'), quantity: 2, unitPrice: { amount: 1250, currency: 'EUR' } }] }, { clientID: 8 }).update },
      // Two updates of one new doc: applied to a doc, as before.
      contact(8302),
      { docId: contact(8302).docId, update: edit(contact(8302).docId, contact(8302).update, 'jobTitle', 'Two') },
    ];
    const prepared = prepareElsewhere(items, 'remote', {});
    // Records written once need no doc; the one with two updates is applied and read.
    expect([...prepared.fresh.values()].every((f) => f.doc === undefined)).toBe(true);
    expect(prepared.fresh.get(order)?.outcome.row).toMatchObject({ number: 'O-17', _total: 2500 });
    await fast.ingest(items, 'remote', { prepared: structuredClone(prepared) });
    await slow.ingest(items, 'remote');
    for (const it of items) {
      const a = await stored(fast, it.docId);
      const b = await stored(slow, it.docId);
      expect(a?.row).toEqual(b?.row);
      expect(JSON.stringify(a?.row)).toBe(JSON.stringify(b?.row));
      expect(a?.u).toEqual(b?.u);
    }
    // The stored row is the row of the doc the stored state builds (S3).
    const again = await reopen(fast);
    for (const id of [contact(8300).docId, order, contact(8302).docId]) {
      const doc = await again.acquire(id);
      const state = readRecord(doc);
      expect((await stored(again, id))?.row).toEqual(toRow(state.collection!, state));
      again.release(id);
    }
  });

  it('[S1][S2] importRecords encodes the next chunk while the last is written, reports in order and fails with a failed write', async () => {
    const s = await fresh();
    const records = Array.from({ length: 250 }, (_, i) => ({
      collection: 'contacts' as const,
      id: makeId('contacts', `i${String(i).padStart(4, '0')}`),
      values: { lastName: `Imported ${i}` },
      created: 1,
    }));
    const progress: number[] = [];
    expect(await importRecords(s, records, { chunk: 100, onProgress: (d) => progress.push(d) })).toBe(250);
    expect(progress).toEqual([100, 200, 250]);
    expect(await s.count('contacts')).toBe(250);

    const table = s.db.outbox;
    const real = table.bulkAdd.bind(table);
    table.bulkAdd = (() => Promise.reject(Object.assign(new Error('disk full'), { name: 'QuotaExceededError' }))) as unknown as typeof table.bulkAdd;
    const more = records.map((r) => ({ ...r, id: makeId('contacts', `j${r.id.slice(-4)}`) }));
    await expect(importRecords(s, more, { chunk: 100 })).rejects.toMatchObject({ reason: 'quota' });
    table.bulkAdd = real;
    expect(await s.count('contacts')).toBe(250);
  });
});
