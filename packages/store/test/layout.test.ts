import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COLLECTION_NAMES, encodeNewRecord, makeId, readRecord, toRow } from '@counterpart/model';
import { COMPACT_AFTER, DB_PREFIX, WorkspaceStore, importRecords, rowIndexes, type ProblemEntry } from '../src/index.ts';

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

describe('stored layout (db version 3)', () => {
  it('[S5] a new doc is stored as one base state in its docs entry; later updates go to updates', async () => {
    const s = await fresh();
    const first = contact(1);
    await s.ingest([first], 'remote');
    const entry = await s.db.docs.get(first.docId);
    expect(entry).toMatchObject({ id: first.docId, c: 'contacts', n: 1 });
    expect(entry?.u).toEqual(first.update);
    expect(await s.db.updates.where('docId').equals(first.docId).count()).toBe(0);

    await s.ingest([{ docId: first.docId, update: edit(first.docId, first.update, 'jobTitle', 'Buyer') }], 'remote');
    expect(await s.db.updates.where('docId').equals(first.docId).count()).toBe(1);
    expect((await s.db.docs.get(first.docId))?.n).toBe(2);

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
    const entry = await s.db.docs.get(id);
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
    expect((await s.db.docs.get(a.docId))?.n).toBe(2);
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
    await s.db.docs.update(rec.docId, { u: new Uint8Array([7, 7, 7]) });
    const again = await reopen(s);
    const problems: ProblemEntry[] = [];
    again.onProblem((p) => problems.push(p));
    const doc = await again.acquire(rec.docId);
    expect(readRecord(doc).values.jobTitle).toBe('Kept');
    again.release(rec.docId);
    expect(problems.map((p) => p.kind)).toEqual(['corrupt-entry']);
    expect(problems[0]?.message).toMatch(/base state/);
  });

  it('[S5] a version 2 database opens with its updates as they were and keeps working', async () => {
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
    expect(s.db.verno).toBe(3);
    expect(await s.get('contacts', rec.docId)).toMatchObject({ email: 'p3@example.com' });
    await s.update('contacts', rec.docId, { jobTitle: 'Owner' });
    expect(await s.db.docs.get(rec.docId)).toMatchObject({ n: 2 });
    expect((await s.db.docs.get(rec.docId))?.u).toBeUndefined();
    const again = await reopen(s);
    const doc = await again.acquire(rec.docId);
    expect(readRecord(doc).values).toMatchObject({ email: 'p3@example.com', jobTitle: 'Owner' });
    again.release(rec.docId);
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
