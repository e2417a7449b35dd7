// What a device of an owner or editor does on its own for the workspace: routes new leads that
// arrived unassigned (from the public web form, an import, another device) and schedules the
// welcome cadence when an account's first order appears. Both are safe on many devices at once:
// routing picks the same rep from the same data, and cadence tasks have ids derived from the
// account and step (model SPEC RT4, C1), so doing it twice creates nothing new.
import { cadenceTasks, firstOrder, type Row } from '@counterpart/model';
import type { ChangeEvent, WorkspaceStore } from '@counterpart/store';
import { needsRouting, repsOf, routeRow, rulesOf } from './workflows.ts';

const SETTLE_MS = 300;
const RETRY_MS = 2_000;
const DAY = 86_400_000;
/** An order older than this does not start a cadence (history arriving from a relay or import). */
const CADENCE_WINDOW_DAYS = 14;

export interface AutomationHost {
  /** This device may write (not a viewer's). */
  canWrite(): boolean;
  /** The device is still catching up with its relay: what it sees is not yet the whole story. */
  catchingUp(): boolean;
  /** Where a failure goes (the app's error notice). */
  onError(err: unknown): void;
}

export function startAutomation(store: WorkspaceStore, host: AutomationHost): () => void {
  const leads = new Set<string>();
  const orders = new Map<string, Row>();
  let scanLeads = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let stopped = false;

  const schedule = (ms = SETTLE_MS): void => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void run();
    }, ms);
  };

  const off = store.subscribe((e: ChangeEvent) => {
    let any = false;
    for (const ch of e.rows) {
      if (ch.deleted || !ch.row) continue;
      if (ch.collection === 'leads' && needsRouting(ch.row)) leads.add(ch.id);
      else if (ch.collection === 'orders' && e.origin !== 'import') orders.set(ch.id, ch.row);
      else if (ch.collection === 'users') scanLeads = true;
      else continue;
      any = true;
    }
    if (any) schedule();
  });

  async function run(): Promise<void> {
    if (stopped || running) return;
    if (!host.canWrite() || host.catchingUp()) {
      schedule(RETRY_MS);
      return;
    }
    running = true;
    try {
      await routeLeads();
      await scheduleCadences();
    } catch (err) {
      if (!stopped) host.onError(err);
    } finally {
      running = false;
    }
    if (leads.size || orders.size || scanLeads) schedule();
  }

  async function routeLeads(): Promise<void> {
    if (scanLeads) {
      scanLeads = false;
      for (const row of await store.where('leads', 'status', 'new')) if (needsRouting(row)) leads.add(row.id);
    }
    if (!leads.size) return;
    const ids = [...leads];
    leads.clear();
    const users = await store.rows('users', await store.ids('users'));
    const all = await store.rows('leads', await store.ids('leads'));
    const reps = repsOf(users, all);
    // Oldest first, so that loads grow in the order the leads came in, on every device alike.
    const pending = (await store.rows('leads', ids)).filter(needsRouting).sort((a, b) => Number(a.receivedAt ?? 0) - Number(b.receivedAt ?? 0) || (a.id < b.id ? -1 : 1));
    for (const lead of pending) {
      if (stopped) return;
      const route = routeRow(lead, rulesOf(store).routing, reps);
      if (!route) return;
      await store.update('leads', lead.id, { assigneeId: route.repId });
      const rep = reps.findIndex((r) => r.id === route.repId);
      if (rep >= 0) reps[rep] = { ...reps[rep]!, load: reps[rep]!.load + 1 };
    }
  }

  async function scheduleCadences(): Promise<void> {
    if (!orders.size) return;
    const batch = [...orders.values()];
    orders.clear();
    const steps = rulesOf(store).cadence;
    if (!steps.length) return;
    const since = new Date(Date.now() - CADENCE_WINDOW_DAYS * DAY).toISOString().slice(0, 10);
    const accounts = new Set<string>();
    for (const order of batch) {
      if (typeof order.accountId === 'string' && typeof order.orderedOn === 'string' && order.orderedOn >= since && order.status !== 'cancelled') accounts.add(order.accountId);
    }
    for (const accountId of accounts) {
      if (stopped) return;
      const first = firstOrder(await store.where('orders', 'accountId', accountId));
      if (!first || typeof first.orderedOn !== 'string' || first.orderedOn < since) continue;
      const account = await store.get('accounts', accountId);
      if (!account) continue;
      const owner = typeof account.ownerId === 'string' ? account.ownerId : undefined;
      for (const task of cadenceTasks(steps, { id: accountId, ...(owner ? { ownerId: owner } : {}) }, first.orderedOn, rulesOf(store).response.dayStart)) {
        await store.ensure('tasks', task.id, task.values);
      }
    }
  }

  schedule(1_000);
  return () => {
    stopped = true;
    clearTimeout(timer);
    off();
  };
}
