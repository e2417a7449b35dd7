import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Queries, WorkspaceStore, type SearchHit } from '../src/index.ts';

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
});
