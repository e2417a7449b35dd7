import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cadenceTaskId, encodeNewRecord, newId } from '@counterpart/model';
import { WorkspaceStore } from '@counterpart/store';
import { startAutomation } from '../src/lib/automation.ts';

const open: WorkspaceStore[] = [];
const stops: (() => void)[] = [];
let n = 0;
afterEach(async () => {
  expect(failures.splice(0)).toEqual([]);
  for (const stop of stops.splice(0)) stop();
  for (const s of open.splice(0)) await s.close();
});

const failures: unknown[] = [];
const onError = (err: unknown): void => void failures.push(err);

async function fresh(host = { canWrite: () => true, catchingUp: () => false, onError }): Promise<WorkspaceStore> {
  const store = await WorkspaceStore.open(`automation-${process.pid}-${n++}`);
  open.push(store);
  stops.push(startAutomation(store, host));
  return store;
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const today = (): string => new Date().toISOString().slice(0, 10);

describe('automation on a device that may write', () => {
  it('routes a new unassigned lead to the rep of its territory', async () => {
    const store = await fresh();
    await store.create('users', { name: 'Anna', role: 'editor', territory: 'North' });
    const boris = await store.create('users', { name: 'Boris', role: 'editor', territory: 'South' });
    const lead = await store.create('leads', { name: 'Olga', status: 'new', receivedAt: Date.now(), territory: 'South' });
    const row = await until(() => store.get('leads', lead), (r) => typeof r?.assigneeId === 'string');
    expect(row?.assigneeId).toBe(boris);
  });

  it('[RT4] two devices routing the same lead at once pick the same rep, and converge after exchanging edits', async () => {
    const a = await fresh();
    const b = await fresh();
    // Both hold the same team (as after a sync): everything a writes goes to b.
    await a.create('users', { name: 'Anna', role: 'editor' });
    await a.create('users', { name: 'Boris', role: 'editor' });
    await a.create('leads', { name: 'Earlier', status: 'new', receivedAt: Date.now() - 60_000 });
    await until(() => a.where('leads', 'status', 'new'), (rows) => rows.every((r) => typeof r.assigneeId === 'string'));
    const exchange = async (from: WorkspaceStore, to: WorkspaceStore): Promise<void> => {
      const out = await from.outbox();
      await to.ingest(out.map((e) => ({ docId: e.docId, update: e.u })), 'remote');
    };
    await exchange(a, b);
    // A lead posted through the web form reaches both devices unassigned.
    const id = newId('leads');
    const { doc, update } = encodeNewRecord('leads', id, { name: 'Olga', status: 'new', receivedAt: Date.now() });
    doc.destroy();
    await Promise.all([a.ingest([{ docId: id, update }], 'remote'), b.ingest([{ docId: id, update }], 'remote')]);
    const onA = await until(() => a.get('leads', id), (r) => typeof r?.assigneeId === 'string');
    const onB = await until(() => b.get('leads', id), (r) => typeof r?.assigneeId === 'string');
    expect(onA?.assigneeId).toBeDefined();
    expect(onB?.assigneeId).toBe(onA?.assigneeId);
    await exchange(a, b);
    await exchange(b, a);
    expect((await a.get('leads', id))?.assigneeId).toBe(onA?.assigneeId);
    expect((await b.get('leads', id))?.assigneeId).toBe(onA?.assigneeId);
  });

  it('does nothing on a device that may not write', async () => {
    const store = await fresh({ canWrite: () => false, catchingUp: () => false, onError });
    await store.create('users', { name: 'Anna', role: 'editor' });
    const lead = await store.create('leads', { name: 'Olga', status: 'new', receivedAt: Date.now() });
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await store.get('leads', lead))?.assigneeId).toBeUndefined();
  });

  it('[C1] schedules the welcome cadence once, on the first order, for the account owner', async () => {
    const store = await fresh();
    const owner = await store.create('users', { name: 'Anna', role: 'editor' });
    const account = await store.create('accounts', { name: 'Volga Mills', kind: 'customer', ownerId: owner });
    await store.create('orders', { number: 'A-1', accountId: account, status: 'registered', currency: 'EUR', orderedOn: today() });
    const call = cadenceTaskId(account, 'call2');
    const letter = cadenceTaskId(account, 'letter7');
    const task = await until(() => store.get('tasks', letter), (r) => r !== undefined);
    expect(task).toMatchObject({ kind: 'letter', assigneeId: owner, accountId: account, done: false });
    expect(await store.get('tasks', call)).toMatchObject({ kind: 'call', title: 'Welcome call: how was the first order?' });

    // Ticked off, then a second order: nothing is created again.
    await store.update('tasks', call, { done: true });
    await store.create('orders', { number: 'A-2', accountId: account, status: 'registered', currency: 'EUR', orderedOn: today() });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await store.count('tasks')).toBe(2);
    expect((await store.get('tasks', call))?.done).toBe(true);
  });

  it('an account whose first order is old starts no cadence', async () => {
    const store = await fresh();
    const account = await store.create('accounts', { name: 'Old Customer', kind: 'customer' });
    await store.create('orders', { number: 'O-1', accountId: account, status: 'paid', currency: 'EUR', orderedOn: '2020-01-15' });
    await store.create('orders', { number: 'O-2', accountId: account, status: 'registered', currency: 'EUR', orderedOn: today() });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await store.count('tasks')).toBe(0);
  });
});
