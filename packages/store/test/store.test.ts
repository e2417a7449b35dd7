import 'fake-indexeddb/auto';
import { describe, expect, it, afterEach } from 'vitest';
import * as Y from 'yjs';
import { COMPACT_AFTER, WorkspaceStore, importRecords, SETTINGS_DOC_ID, type ProblemEntry } from '../src/index.ts';
import { encodeNewRecord, makeId, readRecord, SCHEMA_VERSION, ValidationError, toRow } from '@counterpart/model';

let n = 0;
const open: WorkspaceStore[] = [];
async function freshStore(): Promise<WorkspaceStore> {
  const s = await WorkspaceStore.open(`test-${process.pid}-${n++}`);
  open.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function reopen(s: WorkspaceStore): Promise<WorkspaceStore> {
  const id = s.workspaceId;
  await s.close();
  const again = await WorkspaceStore.open(id);
  open.push(again);
  return again;
}

describe('WorkspaceStore', () => {
  it('[S2][S3] a created record is saved with its row when create resolves, and survives a reopen', async () => {
    const s = await freshStore();
    const id = await s.create('accounts', { name: 'Acme GmbH', kind: 'customer', city: 'Köln' });
    const row = await s.get('accounts', id);
    expect(row).toMatchObject({ id, name: 'Acme GmbH', kind: 'customer', _title: 'Acme GmbH' });
    const again = await reopen(s);
    expect(await again.get('accounts', id)).toMatchObject({ name: 'Acme GmbH', city: 'Köln' });
    expect(await again.count('accounts')).toBe(1);
  });

  it('[S7] refuses an invalid value naming the field and changes nothing', async () => {
    const s = await freshStore();
    const id = await s.create('contacts', { lastName: 'Petrova', email: 'anna@example.com' });
    await expect(s.update('contacts', id, { email: 'not-an-email' })).rejects.toThrow(ValidationError);
    await expect(s.update('contacts', id, { email: 'not-an-email' })).rejects.toThrow(/E-mail/);
    await expect(s.update('contacts', id, { lastName: null })).rejects.toThrow(/Last name is required/);
    expect(await s.get('contacts', id)).toMatchObject({ email: 'anna@example.com', lastName: 'Petrova' });
  });

  it('[S1] a remote update goes through the same path and materialises the row', async () => {
    const s = await freshStore();
    const id = makeId('deals', '0001');
    const { update } = encodeNewRecord('deals', id, { name: 'Pumps for Kyiv', stage: 'proposal', amount: { amount: 1250000, currency: 'EUR' } });
    const seen: string[] = [];
    s.subscribe((e) => seen.push(`${e.origin}:${e.rows.map((r) => r.id).join()}`));
    await s.ingest([{ docId: id, update }], 'remote');
    expect(await s.get('deals', id)).toMatchObject({ name: 'Pumps for Kyiv', stage: 'proposal' });
    expect(seen).toEqual([`remote:${id}`]);
    await s.update('deals', id, { stage: 'won' });
    expect(seen[1]).toBe(`local:${id}`);
    const doc = await s.acquire(id);
    expect(readRecord(doc).values.stage).toBe('won');
    s.release(id);
  });

  it('[S1] remote and local changes to different fields of one record both land', async () => {
    const s = await freshStore();
    const id = await s.create('contacts', { lastName: 'Ivanenko', jobTitle: 'Buyer' });
    // A second device: its own doc from the same state, edits another field.
    const other = new Y.Doc({ guid: id });
    const doc = await s.acquire(id);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    s.release(id);
    const before = Y.encodeStateVector(other);
    other.getMap('f').set('phone', '+380 44 123 4567');
    const remote = Y.encodeStateAsUpdate(other, before);
    await s.update('contacts', id, { jobTitle: 'Head of purchasing' });
    await s.ingest([{ docId: id, update: remote }], 'remote');
    expect(await s.get('contacts', id)).toMatchObject({ jobTitle: 'Head of purchasing', phone: '+380 44 123 4567' });
  });

  it('[S3][S5] delete is a tombstone: the row moves to trash, restore brings it back', async () => {
    const s = await freshStore();
    const id = await s.create('accounts', { name: 'Lapsed Ltd', kind: 'customer' });
    await s.remove('accounts', id);
    expect(await s.get('accounts', id)).toBeUndefined();
    expect((await s.trash()).map((t) => t.id)).toEqual([id]);
    await expect(s.update('accounts', id, { city: 'Lviv' })).rejects.toThrow(/does not exist/);
    await s.restore('accounts', id);
    expect(await s.get('accounts', id)).toMatchObject({ name: 'Lapsed Ltd' });
    expect(await s.trash()).toEqual([]);
  });

  it('[S4] a malformed update is kept and reported, the rest of the batch lands', async () => {
    const s = await freshStore();
    const problems: ProblemEntry[] = [];
    s.onProblem((p) => problems.push(p));
    const id = makeId('accounts', '0042');
    const good = encodeNewRecord('accounts', id, { name: 'Good', kind: 'bank' }).update;
    const res = await s.ingest([
      { docId: 'acc_junk', update: new Uint8Array([255, 1, 2, 3, 200]) },
      { docId: id, update: good },
    ], 'remote');
    expect(res).toMatchObject({ applied: 1, rejected: 1 });
    expect(await s.get('accounts', id)).toMatchObject({ name: 'Good' });
    expect(problems.map((p) => p.kind)).toEqual(['malformed-update']);
    const kept = await s.problems();
    expect(kept[0]?.data).toEqual(new Uint8Array([255, 1, 2, 3, 200]));
  });

  it('[S4] a corrupt stored entry is skipped and reported when its doc loads', async () => {
    const s = await freshStore();
    const id = await s.create('accounts', { name: 'Survivor', kind: 'customer' });
    await s.db.updates.add({ docId: id, u: new Uint8Array([9, 9, 9]), origin: 'remote', at: 0 });
    await s.db.updates.add({ docId: id, u: 'garbage' as unknown as Uint8Array, origin: 'remote', at: 0 });
    const again = await reopen(s);
    const problems: ProblemEntry[] = [];
    again.onProblem((p) => problems.push(p));
    const doc = await again.acquire(id);
    expect(readRecord(doc).values.name).toBe('Survivor');
    again.release(id);
    expect(problems.map((p) => p.kind)).toEqual(['corrupt-entry', 'corrupt-entry']);
  });

  it('[S4] a corrupt row is skipped by reads', async () => {
    const s = await freshStore();
    await s.create('accounts', { name: 'Real', kind: 'customer' });
    const chunk = (await s.db.chunks.where('c').equals('accounts').first())!;
    chunk.ids.push('acc_broken');
    chunk.rows.push({ id: 'acc_broken', _sort: 'a' } as unknown as (typeof chunk.rows)[number]);
    await s.db.chunks.put(chunk);
    const again = await WorkspaceStore.open(s.workspaceId);
    const page = await again.page('accounts');
    await again.close();
    expect(page.map((r) => r.name)).toEqual(['Real']);
  });

  it('[S4] a record from a newer schema is kept, shown read-only and reported', async () => {
    const s = await freshStore();
    const id = makeId('contacts', '0777');
    const doc = new Y.Doc({ guid: id });
    doc.transact(() => {
      doc.getMap('meta').set('c', 'contacts');
      doc.getMap('meta').set('v', SCHEMA_VERSION + 1);
      doc.getMap('f').set('lastName', 'Future');
      doc.getMap('f').set('hologram', { channel: 7 });
    });
    const problems: ProblemEntry[] = [];
    s.onProblem((p) => problems.push(p));
    await s.ingest([{ docId: id, update: Y.encodeStateAsUpdate(doc) }], 'remote');
    const row = await s.get('contacts', id);
    expect(row).toMatchObject({ lastName: 'Future', hologram: { channel: 7 }, _newer: 1 });
    expect(problems.map((p) => p.kind)).toEqual(['newer-schema']);
    await expect(s.update('contacts', id, { jobTitle: 'x' })).rejects.toThrow(/newer version/);
  });

  it('[S5] compaction keeps the state and bounds the stored updates', async () => {
    const s = await freshStore();
    const id = await s.create('tasks', { title: 'Call back' });
    for (let i = 0; i < COMPACT_AFTER + 5; i++) await s.update('tasks', id, { title: `Call back #${i}` });
    const stored = await s.db.updates.where('docId').equals(id).count();
    expect(stored).toBeLessThanOrEqual(COMPACT_AFTER);
    const again = await reopen(s);
    const doc = await again.acquire(id);
    expect(readRecord(doc).values.title).toBe(`Call back #${COMPACT_AFTER + 4}`);
    again.release(id);
  });

  it('[S2] long text edits through edit() are saved and merge by character', async () => {
    const s = await freshStore();
    const id = await s.create('activities', { type: 'visit', at: Date.UTC(2026, 0, 5), report: 'Met the buyer.' });
    await s.edit(id, (doc) => doc.getText('t.report').insert(0, 'Monday: '));
    const again = await reopen(s);
    expect(await again.get('activities', id)).toMatchObject({ report: 'Monday: Met the buyer.' });
  });

  it('[S3] search finds by word prefixes across collections, folding case and diacritics', async () => {
    const s = await freshStore();
    const acc = await s.create('accounts', { name: 'Müller Maschinenbau', kind: 'customer' });
    await s.create('contacts', { firstName: 'Ольга', lastName: 'Шевченко', accountId: acc, phone: '+380 67 555 0101' });
    await s.create('contacts', { firstName: 'Olga', lastName: 'Smith' });
    expect((await s.search('mull masch')).map((h) => h.row.id)).toEqual([acc]);
    expect((await s.search('шев')).map((h) => h.row.lastName)).toEqual(['Шевченко']);
    expect((await s.search('olg')).map((h) => h.row.lastName)).toEqual(['Smith']);
    expect((await s.search('380675')).map((h) => h.row.lastName)).toEqual(['Шевченко']);
    expect(await s.search('  ')).toEqual([]);
    expect((await s.where('contacts', 'accountId', acc)).length).toBe(1);
  });

  it('[S9] custom fields are defined in the workspace, validated and stored', async () => {
    const s = await freshStore();
    await s.defineCustomField('accounts', { key: 'vat', label: 'VAT number', kind: 'text' });
    await expect(s.defineCustomField('accounts', { key: 'name', label: 'Name', kind: 'text' })).rejects.toThrow(/already a field/);
    const id = await s.create('accounts', { name: 'Taxed', kind: 'customer', x_vat: 'UA123' });
    expect(await s.get('accounts', id)).toMatchObject({ x_vat: 'UA123' });
    const again = await reopen(s);
    expect(again.customFields('accounts').map((d) => d.key)).toEqual(['vat']);
    await expect(again.update('accounts', id, { x_vat: 42 })).rejects.toThrow(/VAT number must be text/);
    expect((await again.db.chunks.where('c').equals('_settings').first())?.ids).toEqual([SETTINGS_DOC_ID]);
  });

  it('[S9] the approval threshold and the company on proposals are workspace settings; bad values change nothing', async () => {
    const s = await freshStore();
    expect(s.settings).toMatchObject({ approvalPct: 15, companyName: '', companyAddress: '', companyLogo: '' });
    await s.setWorkspaceInfo({ approvalPct: 12.5, companyName: 'Kofi Trade LLC', companyAddress: 'Khreshchatyk 1, Kyiv', companyLogo: 'KOFI' });
    await expect(s.setWorkspaceInfo({ approvalPct: 120 })).rejects.toThrow(/from 0 to 100/);
    await expect(s.setWorkspaceInfo({ approvalPct: Number.NaN, companyName: 'Other' })).rejects.toThrow(/from 0 to 100/);
    const again = await reopen(s);
    expect(again.settings).toMatchObject({ approvalPct: 12.5, companyName: 'Kofi Trade LLC', companyAddress: 'Khreshchatyk 1, Kyiv', companyLogo: 'KOFI' });
  });

  it('[S6] a quota error rolls back, is reported and keeps the change for the next write', async () => {
    const s = await freshStore();
    const id = await s.create('accounts', { name: 'Before', kind: 'customer' });
    const problems: ProblemEntry[] = [];
    s.onProblem((p) => problems.push(p));
    // IndexedDB itself fails the write, as a full disk does.
    const table = s.db.updates;
    const realBulkAdd = table.bulkAdd.bind(table);
    table.bulkAdd = (() => Promise.reject(Object.assign(new Error('disk full'), { name: 'QuotaExceededError' }))) as unknown as typeof table.bulkAdd;
    await expect(s.update('accounts', id, { name: 'After' })).rejects.toMatchObject({ reason: 'quota' });
    expect(problems.map((p) => p.kind)).toEqual(['quota']);
    expect(await s.get('accounts', id)).toMatchObject({ name: 'Before' });
    table.bulkAdd = realBulkAdd;
    await s.update('accounts', id, { city: 'Odesa' });
    const again = await reopen(s);
    expect(await again.get('accounts', id)).toMatchObject({ name: 'After', city: 'Odesa' });
  });

  it('[S1][S8] importRecords loads many records in chunks without filling the doc cache', async () => {
    const s = await freshStore();
    const records = Array.from({ length: 500 }, (_, i) => ({
      collection: 'contacts' as const,
      id: makeId('contacts', String(i).padStart(4, '0')),
      values: { lastName: `Person ${i}`, email: `p${i}@example.com` },
      created: 1,
    }));
    const progress: number[] = [];
    expect(await importRecords(s, records, { chunk: 200, clientID: 1, onProgress: (d) => progress.push(d) })).toBe(500);
    expect(progress).toEqual([200, 400, 500]);
    expect(await s.count('contacts')).toBe(500);
    const first = await s.page('contacts', { limit: 3 });
    expect(first.map((r) => r.lastName)).toEqual(['Person 0', 'Person 1', 'Person 10']);
    expect(toRow('contacts', { id: records[7]!.id, created: 1, values: records[7]!.values })).toEqual(await s.get('contacts', records[7]!.id));
  });
});

describe('[S18] several records in one change', () => {
  it('edits records of several chunks together, loaded in one go, with local edits and remote updates since the import', async () => {
    const s = await freshStore();
    const ids = Array.from({ length: 450 }, (_, i) => makeId('contacts', `bulk${String(i).padStart(4, '0')}`));
    await importRecords(s, ids.map((id, i) => ({ collection: 'contacts' as const, id, values: { lastName: `Bulk ${i}` }, created: 1 })), { chunk: 100 });
    // One record edited here, one by another device, after the import.
    await s.update('contacts', ids[3]!, { firstName: 'Local' });
    const remote = new Y.Doc({ guid: ids[300]! });
    remote.getMap('f').set('firstName', 'Remote');
    await s.ingest([{ docId: ids[300]!, update: Y.encodeStateAsUpdate(remote) }], 'remote');
    const queued = await s.outboxCount();
    await s.editMany(ids, (docs) => {
      expect(docs.size).toBe(450);
      for (const doc of docs.values()) doc.getMap('f').set('jobTitle', 'Buyer');
    });
    const rows = await s.rows('contacts', ids);
    expect(rows.every((r) => r.jobTitle === 'Buyer')).toBe(true);
    expect(rows.find((r) => r.id === ids[3])!.firstName).toBe('Local');
    expect(rows.find((r) => r.id === ids[300])!.firstName).toBe('Remote');
    // One update per record, queued for the relay.
    expect(await s.outboxCount()).toBe(queued + 450);
  });

  it('refuses an id it does not have, writing nothing and holding no doc', async () => {
    const s = await freshStore();
    const a = await s.create('contacts', { lastName: 'A' });
    const b = await s.create('contacts', { lastName: 'B' });
    await expect(s.editMany([a, 'con_0000missing', b], (docs) => {
      for (const doc of docs.values()) doc.getMap('f').set('jobTitle', 'x');
    })).rejects.toMatchObject({ reason: 'not-found' });
    expect((await s.get('contacts', a))!.jobTitle).toBeUndefined();
    await s.editMany([a, b], (docs) => {
      for (const doc of docs.values()) doc.getMap('f').set('jobTitle', 'y');
    });
    expect((await s.rows('contacts', [a, b])).map((r) => r.jobTitle)).toEqual(['y', 'y']);
  });
});
