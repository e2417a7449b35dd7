import { describe, expect, it } from 'vitest';
import type { RowChange } from '@counterpart/store';
import { ChangeFeed, type ExternalChange } from '../src/lib/change-feed.ts';

function rows(from: number, n: number): RowChange[] {
  return Array.from({ length: n }, (_, i) => ({ collection: 'accounts' as const, id: `acc_${String(from + i).padStart(4, '0')}`, deleted: true }));
}

/** A feed whose pauses between tasks are counted and released by hand. */
function harness(rowsPerTask: number) {
  const applied: ExternalChange[] = [];
  const errors: unknown[] = [];
  const waiting: (() => void)[] = [];
  let fail = false;
  const feed = new ChangeFeed(
    (e) => {
      if (fail) {
        fail = false;
        return Promise.reject(new Error('store closed'));
      }
      applied.push(e);
      return Promise.resolve();
    },
    (err) => errors.push(err),
    rowsPerTask,
    () => new Promise<void>((resolve) => waiting.push(resolve)),
  );
  /** Lets the feed run one task. */
  const step = async (): Promise<void> => {
    waiting.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { feed, applied, errors, waiting, step, failNext: () => (fail = true) };
}

describe('change feed (the app takes the sync worker\'s changes in short tasks)', () => {
  it('hands the store at most its row budget per task, in order, merging what waited', async () => {
    const h = harness(250);
    h.feed.push({ rows: rows(0, 200), settingsChanged: false, otherIds: { orders: 'ord_1\nord_2' } });
    h.feed.push({ rows: rows(200, 200), settingsChanged: true, otherIds: { orders: 'ord_3', deals: 'dea_1' } });
    h.feed.push({ rows: rows(400, 10), settingsChanged: false });
    // Nothing runs in the task that received the messages.
    expect(h.applied).toHaveLength(0);
    await h.step();
    expect(h.applied).toHaveLength(1);
    expect(h.applied[0]!.rows.map((r) => r.id)).toEqual(rows(0, 250).map((r) => r.id));
    expect(h.applied[0]!.settingsChanged).toBe(true);
    expect(h.applied[0]!.otherIds).toEqual({ orders: 'ord_1\nord_2\nord_3', deals: 'dea_1' });
    await h.step();
    expect(h.applied).toHaveLength(2);
    expect(h.applied[1]!.rows.map((r) => r.id)).toEqual(rows(250, 160).map((r) => r.id));
    expect(h.applied[1]!.settingsChanged).toBe(false);
    expect(h.applied[1]!.otherIds).toBeUndefined();
    expect(h.waiting).toHaveLength(0);
  });

  it('a change that came alone is handed over as it came; a failed one is reported and the next still goes', async () => {
    const h = harness(250);
    h.failNext();
    h.feed.push({ rows: rows(0, 3), settingsChanged: false });
    await h.step();
    expect(h.errors).toHaveLength(1);
    h.feed.push({ rows: rows(3, 2), settingsChanged: false, others: [{ collection: 'deals', id: 'dea_1' }] });
    await h.step();
    expect(h.applied).toEqual([{ rows: rows(3, 2), settingsChanged: false, others: [{ collection: 'deals', id: 'dea_1' }] }]);
  });

  it('closed, it drops what waits and takes nothing more', async () => {
    const h = harness(250);
    h.feed.push({ rows: rows(0, 3), settingsChanged: false });
    h.feed.close();
    h.feed.push({ rows: rows(3, 3), settingsChanged: false });
    await h.step();
    await h.step();
    expect(h.applied).toHaveLength(0);
  });
});
