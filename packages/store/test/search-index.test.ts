import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeId, setDeleted } from '@counterpart/model';
import { toRow } from '@counterpart/model';
import { Queries, SearchIndex, WorkspaceStore, importRecords, type RowChange, type SearchHit } from '../src/index.ts';

const open: WorkspaceStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

const ids = (hits: readonly SearchHit[]): string[] => hits.map((h) => `${h.collection}:${h.row.id}`);

/** The IndexedDB answer, bypassing the in-memory index. */
function fromDb(s: WorkspaceStore, q: string, limit = 20): Promise<SearchHit[]> {
  return Queries.prototype.search.call(s, q, { collections: ['accounts', 'contacts'], limit });
}

const QUERIES = ['a', 'an', 'ann', 'petr', 'anna petr', 'kö', 'koln', '+49', '4930', 'acme', 'zzz', 'm', 'mar', 'anna@', 'gmbh acme'];

describe('in-memory search index (S10)', () => {
  it('[S10] answers exactly like the IndexedDB search, before and after edits, deletes and restores', async () => {
    const s = await WorkspaceStore.open(`search-${process.pid}-1`);
    open.push(s);
    const acme = await s.create('accounts', { name: 'Acme GmbH', kind: 'customer', city: 'Köln', phone: '+49 30 1234' });
    await s.create('accounts', { name: 'Marburg Mills', kind: 'prospect' });
    const firsts = ['Anna', 'Andrei', 'Maria', 'Marat', 'Annette', 'Petr', 'Mark'];
    const lasts = ['Petrova', 'Petrov', 'Annenkova', 'Marsh', 'Koln', 'Smith'];
    const contacts: string[] = [];
    for (let i = 0; i < 60; i++) {
      contacts.push(await s.create('contacts', {
        firstName: firsts[i % firsts.length], lastName: lasts[(i * 5) % lasts.length], accountId: acme,
        email: i % 3 === 0 ? `anna${i}@example.com` : undefined,
      }));
    }
    const compare = async (): Promise<void> => {
      for (const q of QUERIES) {
        for (const limit of [3, 20]) {
          expect(ids(await s.search(q, { collections: ['accounts', 'contacts'], limit })), `${q} / ${limit}`).toEqual(ids(await fromDb(s, q, limit)));
        }
      }
    };
    await s.warmSearch(['accounts', 'contacts']);
    await compare();
    expect((await s.search('anna petr', { collections: ['contacts'], limit: 50 })).length).toBeGreaterThan(0);

    await s.update('contacts', contacts[0]!, { firstName: 'Zoya', lastName: 'Zzzyzx' });
    await s.remove('contacts', contacts[1]!);
    await s.update('accounts', acme, { name: 'Acme Anlagen GmbH' });
    await compare();
    expect(ids(await s.search('zzz', { collections: ['contacts'] }))).toEqual([`contacts:${contacts[0]}`]);
    await s.restore('contacts', contacts[1]!);
    await compare();
  });

  it('[S10] writes made while the index fills are in it, and collections it does not hold fall back to IndexedDB', async () => {
    const s = await WorkspaceStore.open(`search-${process.pid}-2`);
    open.push(s);
    for (let i = 0; i < 30; i++) await s.create('contacts', { lastName: `Ivanov${i}` });
    const warming = s.warmSearch(['contacts']);
    const late = await s.create('contacts', { lastName: 'Latecomer' });
    await warming;
    expect(ids(await s.search('latec', { collections: ['contacts'] }))).toEqual([`contacts:${late}`]);
    const deal = await s.create('deals', { name: 'Latecomer renewal', stage: 'lead' });
    expect(ids(await s.search('latec', { collections: ['contacts', 'deals'] }))).toEqual([`contacts:${late}`, `deals:${deal}`]);
  });

  it('[S10] a large batch (a sync page, an import) is merged in and answers like IndexedDB', async () => {
    const s = await WorkspaceStore.open(`search-${process.pid}-3`);
    open.push(s);
    for (let i = 0; i < 20; i++) await s.create('contacts', { lastName: `Marchenko${i}`, firstName: 'Anna' });
    await s.warmSearch(['accounts', 'contacts']);
    const names = ['Anna', 'Andriy', 'Maria', 'Petro', 'Oksana'];
    const records = Array.from({ length: 300 }, (_, i) => ({
      collection: 'contacts' as const,
      id: makeId('contacts', `bulk${String(i).padStart(4, '0')}`),
      values: { lastName: `Mar${i % 17}ko`, firstName: names[i % names.length] },
      created: i,
    }));
    await importRecords(s, records, { chunk: 300 });
    for (const q of ['a', 'an', 'anna', 'mar', 'mar1', 'mar16ko', 'petro mar', 'oks', 'z']) {
      for (const limit of [5, 50]) {
        expect(ids(await s.search(q, { collections: ['contacts'], limit })), `${q}/${limit}`).toEqual(ids(await fromDbIn(s, q, limit)));
      }
    }
    // Deleting many in one batch takes them out.
    const updates = [];
    for (const { id: docId } of records.slice(0, 100)) {
      const doc = await s.acquire(docId);
      const sv = Y.encodeStateVector(doc);
      const copy = new Y.Doc({ guid: docId });
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      copy.clientID = 987654;
      setDeleted(copy, true);
      updates.push({ docId, update: Y.encodeStateAsUpdate(copy, sv) });
      s.release(docId);
    }
    await s.ingest(updates, 'remote');
    expect(await s.count('contacts')).toBe(220);
    for (const q of ['a', 'mar', 'anna mar1']) {
      expect(ids(await s.search(q, { collections: ['contacts'], limit: 500 })), q).toEqual(ids(await fromDbIn(s, q, 500)));
    }
  });
});

describe('SearchIndex merge', () => {
  it('[S10] after many changes at once it holds exactly the entries of a fresh index of the same rows', () => {
    const row = (i: number, name: string) => toRow('contacts', { id: makeId('contacts', `m${String(i).padStart(4, '0')}`), created: 0, values: { lastName: name, firstName: `F${i % 7}` } });
    const a = new SearchIndex(new Set(['contacts'] as const));
    a.fill(Array.from({ length: 200 }, (_, i) => ({ collection: 'contacts' as const, row: row(i, `Old${i % 13}`) })));
    const changes: RowChange[] = [];
    for (let i = 0; i < 150; i++) changes.push({ collection: 'contacts', id: row(i, '').id, row: row(i, `New${i % 11}`), deleted: false });
    for (let i = 150; i < 180; i++) changes.push({ collection: 'contacts', id: row(i, '').id, deleted: true });
    for (let i = 200; i < 260; i++) changes.push({ collection: 'contacts', id: row(i, '').id, row: row(i, `Added${i}`), deleted: false });
    a.apply(changes);
    const b = new SearchIndex(new Set(['contacts'] as const));
    const final = [
      ...Array.from({ length: 150 }, (_, i) => row(i, `New${i % 11}`)),
      ...Array.from({ length: 20 }, (_, k) => row(180 + k, `Old${(180 + k) % 13}`)),
      ...Array.from({ length: 60 }, (_, k) => row(200 + k, `Added${200 + k}`)),
    ];
    b.fill(final.map((r) => ({ collection: 'contacts' as const, row: r })));
    expect(a.size).toBe(b.size);
    expect(a.entryCount).toBe(b.entryCount);
    for (const q of [['old'], ['new1'], ['added2'], ['f3'], ['f3', 'new']]) {
      expect(a.search(q, ['contacts'], 500).map((e) => e.row.id)).toEqual(b.search(q, ['contacts'], 500).map((e) => e.row.id));
    }
  });
});

function fromDbIn(s: WorkspaceStore, q: string, limit: number): Promise<SearchHit[]> {
  return Queries.prototype.search.call(s, q, { collections: ['contacts'], limit });
}
