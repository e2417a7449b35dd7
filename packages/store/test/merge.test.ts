import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { readHistory } from '@counterpart/model';
import { WorkspaceStore, StoreError } from '../src/index.ts';
import { markNotDuplicate, mergeRecords, planMerge, resolveRecord, unmergeRecords } from '../src/merge.ts';

let n = 0;
const open: WorkspaceStore[] = [];
async function freshStore(): Promise<WorkspaceStore> {
  const s = await WorkspaceStore.open(`merge-${process.pid}-${n++}`);
  open.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function twoAccounts(s: WorkspaceStore) {
  // Fixed ids, so the first is the one that survives (the smaller id).
  const survivor = 'acc_0001a';
  const loser = 'acc_0002b';
  await s.ensure('accounts', survivor, { name: 'Acme', kind: 'customer', phone: '+1 555 0100', notes: 'Old notes' });
  await s.ensure('accounts', loser, { name: 'Acme Inc', kind: 'prospect', email: 'info@acme.com', notes: 'New notes' });
  const contact = await s.create('contacts', { lastName: 'Petrova', accountId: loser });
  const deal = await s.create('deals', { name: 'Renewal', stage: 'lead', accountId: loser });
  const order = await s.create('orders', { number: 'SO-1', accountId: loser, status: 'registered', currency: 'EUR', orderedOn: '2026-01-02' });
  const kept = await s.create('contacts', { lastName: 'Orlov', accountId: survivor });
  return { survivor, loser, contact, deal, order, kept };
}

describe('[R16] merge and unmerge', () => {
  it('plans the merge: the smaller id survives whichever way round, and lists the references that move', async () => {
    const s = await freshStore();
    const r = await twoAccounts(s);
    for (const [a, b] of [[r.survivor, r.loser], [r.loser, r.survivor]] as const) {
      const plan = await planMerge(s, 'accounts', a, b);
      expect(plan.survivor.id).toBe(r.survivor);
      expect(plan.relations.map((m) => `${m.collection}:${m.field}`).sort()).toEqual(['contacts:accountId', 'deals:accountId', 'orders:accountId']);
    }
    await expect(planMerge(s, 'accounts', r.survivor, r.survivor)).rejects.toThrow(StoreError);
  });

  it('merges: chosen fields on the survivor, references moved, the loser hidden but kept; unmerge takes it all back', async () => {
    const s = await freshStore();
    s.author = 'Anna';
    const r = await twoAccounts(s);
    const out = await mergeRecords(s, 'accounts', r.loser, r.survivor, { name: 'survivor', email: 'loser', kind: 'loser', notes: 'both' });
    expect(out).toMatchObject({ survivor: r.survivor, loser: r.loser, moved: { contacts: 1, deals: 1, orders: 1 } });
    const survivor = await s.get('accounts', r.survivor);
    expect(survivor).toMatchObject({ name: 'Acme', email: 'info@acme.com', kind: 'prospect', phone: '+1 555 0100' });
    expect(survivor!.notes).toContain('Old notes');
    expect(survivor!.notes).toContain('New notes');
    expect((await s.get('contacts', r.contact))!.accountId).toBe(r.survivor);
    expect((await s.get('orders', r.order))!.accountId).toBe(r.survivor);
    // Hidden from lists, counts and search; still readable and resolvable.
    expect(await s.count('accounts')).toBe(1);
    expect((await s.page('accounts')).map((row) => row.id)).toEqual([r.survivor]);
    expect((await s.search('acme', { collections: ['accounts'] })).map((h) => h.row.id)).toEqual([r.survivor]);
    expect((await s.get('accounts', r.loser))!.mergedInto).toBe(r.survivor);
    expect(await resolveRecord(s, r.loser)).toBe(r.survivor);
    expect(await resolveRecord(s, r.survivor)).toBe(r.survivor);
    expect((await s.where('contacts', 'accountId', r.survivor)).map((c) => c.id).sort()).toEqual([r.contact, r.kept].sort());
    // The history of both records tells what happened.
    const doc = await s.acquire(r.loser);
    expect(readHistory(doc).some((h) => h.f === 'mergedInto' && h.n === r.survivor && h.by === 'Anna')).toBe(true);
    s.release(r.loser);
    // Merging the loser again is refused.
    await expect(mergeRecords(s, 'accounts', r.survivor, r.loser)).rejects.toThrow(/merged/);

    // A contact written later on a device that had not seen the merge still names the loser:
    // it is listed with the survivor.
    const late = await s.create('contacts', { lastName: 'Late', accountId: r.loser });
    expect((await s.where('contacts', 'accountId', r.survivor)).map((c) => c.id)).toContain(late);

    const back = await unmergeRecords(s, 'accounts', r.loser);
    expect(back.moved).toEqual({ contacts: 1, deals: 1, orders: 1 });
    expect(await s.count('accounts')).toBe(2);
    expect((await s.get('accounts', r.loser))!.mergedInto).toBeUndefined();
    expect((await s.get('contacts', r.contact))!.accountId).toBe(r.loser);
    expect((await s.get('deals', r.deal))!.accountId).toBe(r.loser);
    expect((await s.get('contacts', r.kept))!.accountId).toBe(r.survivor);
    expect(await s.get('accounts', r.survivor)).toMatchObject({ name: 'Acme', kind: 'customer', notes: 'Old notes' });
    expect((await s.get('accounts', r.survivor))!.email).toBeUndefined();
    expect((await s.where('contacts', 'accountId', r.survivor)).map((c) => c.id)).toEqual([r.kept]);
    await expect(unmergeRecords(s, 'accounts', r.loser)).rejects.toThrow(/not merged/);
  });

  it('unmerge leaves a reference someone moved elsewhere since, and a survivor field edited since', async () => {
    const s = await freshStore();
    const r = await twoAccounts(s);
    const other = await s.create('accounts', { name: 'Zeta', kind: 'customer' });
    await mergeRecords(s, 'accounts', r.survivor, r.loser, { email: 'loser' });
    await s.update('deals', r.deal, { accountId: other });
    await s.update('accounts', r.survivor, { email: 'sales@acme.com' });
    await unmergeRecords(s, 'accounts', r.loser);
    expect((await s.get('deals', r.deal))!.accountId).toBe(other);
    expect((await s.get('contacts', r.contact))!.accountId).toBe(r.loser);
    expect((await s.get('accounts', r.survivor))!.email).toBe('sales@acme.com');
  });

  it('a merge is saved whole: it survives a reopen', async () => {
    const s = await freshStore();
    const r = await twoAccounts(s);
    await mergeRecords(s, 'accounts', r.survivor, r.loser);
    const id = s.workspaceId;
    await s.close();
    const again = await WorkspaceStore.open(id);
    open.push(again);
    expect(await again.count('accounts')).toBe(1);
    expect((await again.get('contacts', r.contact))!.accountId).toBe(r.survivor);
    expect(await resolveRecord(again, r.loser)).toBe(r.survivor);
  });

  it('"not a duplicate" marks are stored in the workspace settings', async () => {
    const s = await freshStore();
    await markNotDuplicate(s, 'con_b', 'con_a');
    expect([...s.settings.notDuplicates]).toEqual(['con_a|con_b']);
    await markNotDuplicate(s, 'con_a', 'con_b', false);
    expect(s.settings.notDuplicates.size).toBe(0);
  });
});
