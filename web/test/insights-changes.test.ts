import type { Row } from '@counterpart/model';
import type { ChangeEvent } from '@counterpart/store';
import { describe, expect, it } from 'vitest';
import { InsightsChangeFilter } from '../src/lib/insights-changes.ts';

const row = (id: string): Row => ({ id, _title: id, _created: 0, _updated: 0 }) as unknown as Row;
const event = (rows: ChangeEvent['rows'], touched?: ChangeEvent['touched']): ChangeEvent => ({
  origin: 'local', rows, settingsChanged: false, ...(touched ? { touched } : {}),
});

describe('what the analytics worker is told', () => {
  it('passes changed rows of the collections it reads, deletions as null, and nothing for others', () => {
    const f = new InsightsChangeFilter(() => 0);
    expect(f.pick(event([{ collection: 'tasks', id: 'tsk_1', row: row('tsk_1'), deleted: false }]))).toBeUndefined();
    expect(f.pick(event([
      { collection: 'orders', id: 'ord_1', row: row('ord_1'), deleted: false },
      { collection: 'accounts', id: 'acc_1', deleted: true },
      { collection: 'tasks', id: 'tsk_1', row: row('tsk_1'), deleted: false },
    ]))).toEqual({
      rows: [{ collection: 'orders', id: 'ord_1', row: row('ord_1') }, { collection: 'accounts', id: 'acc_1', row: null }],
      touched: [],
    });
    expect(f.pick(event([], ['activities', 'tickets']))).toEqual({ rows: [], touched: ['activities'] });
  });

  it('a flood of rows (a catch-up, an import) becomes "read it again" instead of a copy', () => {
    let now = 0;
    const f = new InsightsChangeFilter(() => now);
    const slice = (from: number): ChangeEvent =>
      event(Array.from({ length: 200 }, (_, i) => ({ collection: 'orders' as const, id: `ord_${from + i}`, row: row(`ord_${from + i}`), deleted: false })));
    expect(f.pick(slice(0))?.rows).toHaveLength(200);
    expect(f.pick(slice(200))?.rows).toHaveLength(200);
    expect(f.pick(slice(400))).toEqual({ rows: [], touched: ['orders'] });
    // A quiet window later, rows are passed again.
    now = 5_000;
    expect(f.pick(slice(600))?.rows).toHaveLength(200);
  });
});
