// List queries against a real WorkspaceStore (IndexedDB in memory): the same reads the app makes.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { COLLECTIONS, makeId, type FieldDef } from '@counterpart/model';
import { readSettings, SETTINGS_DOC_ID, WorkspaceStore } from '@counterpart/store';
import { compileFilter, type FilterSpec, type RowTest } from '../src/lib/filters.ts';
import { byCollection, CHUNK, LiveResult, QueryCancelled, runQuery, type ListQuery } from '../src/lib/list-query.ts';
import { parseViews, serialiseView } from '../src/lib/views.ts';

let n = 0;
const open: WorkspaceStore[] = [];
async function freshStore(): Promise<WorkspaceStore> {
  const s = await WorkspaceStore.open(`list-query-${Date.now()}-${n++}`);
  open.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

const acc: Readonly<Record<string, FieldDef>> = COLLECTIONS.accounts.fields;
const noTurn = { stale: () => false, pause: () => Promise.resolve() };

function filter(f: FilterSpec): RowTest {
  const def = acc[f.field];
  if (!def) throw new Error(f.field);
  const c = compileFilter(def, f);
  if ('error' in c) throw new Error(c.error);
  return c.test;
}

function query(q: Partial<ListQuery>): ListQuery {
  return { collection: 'accounts', sort: { field: '_title', dir: 'asc' }, sortDef: undefined, test: null, ...q };
}

async function seed(s: WorkspaceStore): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const [name, kind, city, email] of [
    ['Delta', 'customer', 'Lviv', 'd@delta.ua'],
    ['alpha', 'supplier', 'Kyiv', undefined],
    ['Charlie', 'customer', undefined, 'c@charlie.ua'],
    ['Bravo', 'customer', 'Odesa', 'b@bravo.ua'],
  ] as const) {
    ids[name] = await s.create('accounts', { name, kind, ...(city ? { city } : {}), ...(email ? { email } : {}) });
  }
  return ids;
}

const names = async (s: WorkspaceStore, ids: readonly string[]): Promise<string[]> =>
  (await s.rows('accounts', ids)).map((r) => r._title);

describe('list queries', () => {
  it('title order, and an indexed field both ways with records lacking it last', async () => {
    const s = await freshStore();
    await seed(s);
    const plain = await runQuery(s, query({}), noTurn);
    expect(await names(s, plain.ids)).toEqual(['alpha', 'Bravo', 'Charlie', 'Delta']);
    expect(plain.entries).toBeNull();
    expect(plain.total).toBe(4);
    for (const [dir, expected] of [['asc', ['alpha', 'Delta', 'Bravo', 'Charlie']], ['desc', ['Bravo', 'Delta', 'alpha', 'Charlie']]] as const) {
      const r = await runQuery(s, query({ sort: { field: 'city', dir }, sortDef: acc.city }), noTurn);
      expect(await names(s, r.ids)).toEqual(expected);
    }
  });

  it('filters read records in chunks and keep the index order; a field without an index is sorted here', async () => {
    const s = await freshStore();
    await seed(s);
    const customers = filter({ field: 'kind', op: 'eq', value: 'customer' });
    const byCity = await runQuery(s, query({ sort: { field: 'city', dir: 'asc' }, sortDef: acc.city, test: customers }), noTurn);
    expect(await names(s, byCity.ids)).toEqual(['Delta', 'Bravo', 'Charlie']);
    expect(byCity.total).toBe(4);
    const byEmail = await runQuery(s, query({ sort: { field: 'email', dir: 'desc' }, sortDef: acc.email }), noTurn);
    expect(await names(s, byEmail.ids)).toEqual(['Delta', 'Charlie', 'Bravo', 'alpha']);
  });

  it('an "is this record" filter reads only the records that point to it', async () => {
    const s = await freshStore();
    const ids = await seed(s);
    const delta = ids.Delta ?? '';
    await s.create('contacts', { lastName: 'Zed', accountId: delta });
    await s.create('contacts', { lastName: 'Young', accountId: delta });
    await s.create('contacts', { lastName: 'Xu', accountId: ids.Bravo });
    const def: FieldDef = COLLECTIONS.contacts.fields.accountId;
    const c = compileFilter(def, { field: 'accountId', op: 'eq', value: delta });
    if ('error' in c) throw new Error(c.error);
    const r = await runQuery(s, { collection: 'contacts', sort: { field: '_title', dir: 'asc' }, sortDef: undefined, test: c.test, narrow: { field: 'accountId', id: delta } }, noTurn);
    expect((await s.rows('contacts', r.ids)).map((x) => x._title)).toEqual(['Young', 'Zed']);
  });

  it('reports progress per chunk and stops when a newer query replaces it', async () => {
    const s = await freshStore();
    await seed(s);
    const seen: string[] = [];
    await runQuery(s, query({ test: () => true }), { ...noTurn, progress: (done, of, phase) => seen.push(`${phase} ${done}/${of}`) });
    expect(seen).toEqual([`reading 4/4`]);
    expect(CHUNK).toBeGreaterThan(4);
    let stale = false;
    const run = runQuery(s, query({ test: () => true }), { stale: () => stale });
    stale = true;
    await expect(run).rejects.toBeInstanceOf(QueryCancelled);
  });

  it('keeps an answer current record by record', async () => {
    const s = await freshStore();
    const ids = await seed(s);
    const customers = filter({ field: 'kind', op: 'eq', value: 'customer' });
    const q = query({ sort: { field: 'email', dir: 'asc' }, sortDef: acc.email, test: customers });
    const r = await runQuery(s, q, noTurn);
    const live = new LiveResult(q, r.entries ?? []);
    expect(await names(s, live.ids)).toEqual(['Bravo', 'Charlie', 'Delta']);
    // alpha becomes a customer with an e-mail that sorts first.
    await s.update('accounts', ids.alpha ?? '', { kind: 'customer', email: 'a@alpha.ua' });
    expect(live.place(ids.alpha ?? '', await s.get('accounts', ids.alpha ?? ''))).toBe(true);
    // Delta stops being a customer; Bravo's change does not move it.
    await s.update('accounts', ids.Delta ?? '', { kind: 'partner' });
    expect(live.place(ids.Delta ?? '', await s.get('accounts', ids.Delta ?? ''))).toBe(true);
    expect(live.place(ids.Bravo ?? '', await s.get('accounts', ids.Bravo ?? ''))).toBe(false);
    expect(live.place(ids.Charlie ?? '', undefined)).toBe(true);
    expect(await names(s, live.ids)).toEqual(['alpha', 'Bravo']);
  });

  it('groups referenced ids by their collection', () => {
    const [a1, a2, c1] = [makeId('accounts', 'one1'), makeId('accounts', 'two2'), makeId('contacts', 'three3')];
    expect(byCollection([a1, c1, a2, 'nonsense'])).toEqual(new Map([['accounts', [a1, a2]], ['contacts', [c1]]]));
  });
});

describe('saved views in the workspace settings', () => {
  it('are saved, renamed, made default and deleted through the store, and read back on reopen', async () => {
    const s = await freshStore();
    const view = { id: 'v1', name: 'Customers', sort: { field: 'city', dir: 'asc' as const }, filters: [{ field: 'kind', op: 'eq' as const, value: 'customer' }], columns: ['_title', 'city'] };
    await s.changeListView('accounts', { put: serialiseView(view) });
    await s.changeListView('accounts', { defaultView: 'v1' });
    await s.changeListView('accounts', { put: serialiseView({ ...view, name: 'Our customers' }) });
    expect(parseViews(s.settings.listViews.accounts)).toEqual([{ ...view, name: 'Our customers' }]);
    expect(s.settings.defaultListViews.accounts).toBe('v1');

    const id = s.workspaceId;
    await s.close();
    const again = await WorkspaceStore.open(id);
    open.push(again);
    expect(parseViews(again.settings.listViews.accounts).map((v) => v.name)).toEqual(['Our customers']);
    const doc = await again.acquire(SETTINGS_DOC_ID);
    expect(readSettings(doc).defaultListViews).toEqual({ accounts: 'v1' });
    again.release(SETTINGS_DOC_ID);

    // Deleting the default view also clears the default.
    await again.changeListView('accounts', { remove: 'v1' });
    expect(again.settings.listViews.accounts).toBeUndefined();
    expect(again.settings.defaultListViews.accounts).toBeUndefined();
  });
});
