// The welcome cadence: after a customer's first order, one task per step of the workspace's
// cadence, due `delayDays` after the order. Task ids derive from the account and the step, so
// every device that schedules the cadence for an account creates the same records: scheduling is
// idempotent, and two devices doing it at once merge into one set of tasks.
import { derivedSuffix, makeId, type RecordId } from './ids.ts';
import type { CadenceStep } from './sales-settings.ts';

const DAY = 86_400_000;

/** The id of the cadence task for `step` of `accountId`: the same on every device. */
export function cadenceTaskId(accountId: string, stepId: string): RecordId<'tasks'> {
  const key = `${accountId}\u0000${stepId}`;
  return makeId('tasks', `wc${derivedSuffix(key, 2)}`);
}

export interface CadenceTask {
  readonly id: RecordId<'tasks'>;
  readonly values: {
    readonly title: string;
    readonly kind: CadenceStep['kind'];
    readonly dueAt: number;
    readonly done: false;
    readonly accountId: string;
    readonly assigneeId?: string;
  };
}

/** The tasks of the cadence for an account whose first order is dated `orderedOn` (YYYY-MM-DD). */
export function cadenceTasks(
  steps: readonly CadenceStep[],
  account: { readonly id: string; readonly ownerId?: string },
  orderedOn: string,
  dayStartHour = 9,
): CadenceTask[] {
  const [y, m, d] = orderedOn.split('-').map(Number);
  const base = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, dayStartHour).getTime();
  return steps.map((step) => ({
    id: cadenceTaskId(account.id, step.id),
    values: {
      title: step.title,
      kind: step.kind,
      dueAt: new Date(base + step.delayDays * DAY).setHours(dayStartHour, 0, 0, 0),
      done: false,
      accountId: account.id,
      ...(account.ownerId ? { assigneeId: account.ownerId } : {}),
    },
  }));
}

/** The first order of an account among its orders: earliest date, ties by id; cancelled ones skipped. */
export function firstOrder<O extends { readonly id: string; readonly orderedOn?: unknown; readonly status?: unknown }>(orders: readonly O[]): O | undefined {
  let best: O | undefined;
  for (const o of orders) {
    if (o.status === 'cancelled' || typeof o.orderedOn !== 'string') continue;
    if (!best || o.orderedOn < (best.orderedOn as string) || (o.orderedOn === best.orderedOn && o.id < best.id)) best = o;
  }
  return best;
}

export { DAY as DAY_MS };
