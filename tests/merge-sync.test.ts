// Two devices merge the same pair of accounts offline, each its own way, through a real relay
// (model SPEC R16): on reconnecting both hold one and the same result.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WorkspaceStore } from '@counterpart/store';
import { mergeRecords, resolveRecord, unmergeRecords } from '@counterpart/store/merge';
import { SyncEngine, type SocketLike } from '@counterpart/sync';
import type { Relay } from '@counterpart/relay';
import { relayFixture } from './support/relay.ts';

const { cleanups, start: startTestRelay } = relayFixture('cp-merge-');

interface Device {
  store: WorkspaceStore;
  engine: SyncEngine;
}

let deviceNo = 0;
async function device(relay: Relay, token: string, author: string): Promise<Device> {
  const store = await WorkspaceStore.open('team', { indexedDB: new IDBFactory(), IDBKeyRange });
  store.author = author;
  const engine = new SyncEngine(store, {
    url: relay.url,
    workspaceId: 'team',
    token,
    device: `merge-device-${++deviceNo}`,
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    backoff: { minMs: 20, maxMs: 200 },
  });
  cleanups.push(async () => {
    await engine.dispose();
    await store.close();
  });
  await engine.start();
  return { store, engine };
}

async function settle(...devices: Device[]): Promise<void> {
  for (let round = 0; round < 2; round++) for (const d of devices) await d.engine.idle();
}

/** What a device shows: the accounts listed, every row involved, and the merge links. */
async function view(d: Device, ids: readonly string[], others: readonly { c: 'contacts' | 'deals'; id: string }[]) {
  return {
    listed: (await d.store.page('accounts')).map((r) => r.id),
    accounts: await Promise.all(ids.map(async (id) => {
      const { _t, ...row } = (await d.store.get('accounts', id))!;
      return { ...row, _t: [..._t].sort() };
    })),
    others: await Promise.all(others.map(async (o) => (await d.store.get(o.c, o.id))?.accountId)),
    resolved: await Promise.all(ids.map((id) => resolveRecord(d.store, id))),
  };
}

describe('[R16] merging the same pair on two devices at once', () => {
  it('opposite orders and different field choices offline converge to one survivor, one loser and all references moved', async () => {
    const { relay } = await startTestRelay();
    const token = relay.auth.issue({ workspace: 'team', role: 'editor' });
    const a = await device(relay, token, 'Anna');
    const b = await device(relay, token, 'Boris');
    // Fixed ids: x (the smaller) survives.
    const x = 'acc_0001n';
    const y = 'acc_0002n';
    await a.store.ensure('accounts', x, { name: 'Northwind', kind: 'customer', phone: '+44 20 7946 0100' });
    await a.store.ensure('accounts', y, { name: 'Northwind Ltd', kind: 'prospect', email: 'info@northwind.co.uk', phone: '+44 20 7946 0199' });
    const [survivor, loser] = [x, y];
    const contact = await a.store.create('contacts', { lastName: 'Hughes', accountId: loser });
    const deal = await a.store.create('deals', { name: 'Renewal', stage: 'lead', accountId: loser });
    await settle(a, b);
    await expect.poll(async () => (await b.store.get('deals', deal))?.accountId).toBe(loser);

    await a.engine.stop();
    await b.engine.stop();
    // Offline, each merges, naming the pair in opposite orders and keeping different phones.
    await mergeRecords(a.store, 'accounts', x, y, { phone: 'survivor', email: 'loser' });
    await mergeRecords(b.store, 'accounts', y, x, { phone: 'loser', email: 'loser', name: 'loser' });
    // B also adds a contact to the loser, as a device that had not merged would.
    const late = await b.store.create('contacts', { lastName: 'Late', accountId: loser });

    await a.engine.start();
    await b.engine.start();
    await settle(a, b);
    await expect.poll(async () => (await a.store.get('contacts', late))?.accountId).toBe(loser);

    const ids = [survivor, loser];
    const others = [{ c: 'contacts' as const, id: contact }, { c: 'deals' as const, id: deal }];
    const va = await view(a, ids, others);
    const vb = await view(b, ids, others);
    expect(vb).toEqual(va);
    expect(va.listed).toEqual([survivor]);
    expect(va.others).toEqual([survivor, survivor]);
    expect(va.resolved).toEqual([survivor, survivor]);
    expect(va.accounts[0]).toMatchObject({ email: 'info@northwind.co.uk', name: 'Northwind Ltd' });
    expect(['+44 20 7946 0100', '+44 20 7946 0199']).toContain((va.accounts[0] as Record<string, unknown>).phone);
    expect(va.accounts[1]).toMatchObject({ mergedInto: survivor });
    // The late contact still names the loser and is listed with the survivor everywhere.
    for (const d of [a, b]) expect((await d.store.where('contacts', 'accountId', survivor)).map((r) => r.id).sort()).toEqual([contact, late].sort());

    // Either device can take the merge back; both see the loser listed again with its references.
    await unmergeRecords(b.store, 'accounts', loser);
    await settle(a, b);
    await expect.poll(async () => (await a.store.page('accounts')).length).toBe(2);
    const after = await view(a, ids, others);
    expect(await view(b, ids, others)).toEqual(after);
    expect(after.others).toEqual([loser, loser]);
    expect(after.resolved).toEqual([survivor, loser]);
  });
});
