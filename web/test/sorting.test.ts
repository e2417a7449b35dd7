import { describe, expect, it } from 'vitest';
import { COLLECTIONS, toRow } from '@counterpart/model';
import { availableColumns } from '../src/lib/columns.ts';
import { compareKeys, indexFor, insertionIndex, isSortable, sortInSteps, sortKey, type Keyed, type SortKey } from '../src/lib/sorting.ts';

/** A small seeded generator (mulberry32), so a failure replays exactly. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function drain(items: readonly Keyed[], dir: 'asc' | 'desc'): { sorted: Keyed[]; steps: number } {
  const gen = sortInSteps(items, dir);
  let steps = 0;
  for (;;) {
    const s = gen.next();
    if (s.done) return { sorted: s.value, steps };
    steps++;
  }
}

describe('sort keys and order', () => {
  it('records without a value come last in both directions', () => {
    const keys: SortKey[] = [3, null, 1, 2];
    expect([...keys].sort((a, b) => compareKeys(a, b, 'asc'))).toEqual([1, 2, 3, null]);
    expect([...keys].sort((a, b) => compareKeys(a, b, 'desc'))).toEqual([3, 2, 1, null]);
  });

  it('keys by kind: text ignores case, money by amount, yes/no as 1/0, the title by its sort form', () => {
    const f = COLLECTIONS.deals.fields;
    const r = toRow('deals', { id: 'd1', created: 0, values: { name: 'Big Deal', stage: 'lead', amount: { amount: 500, currency: 'EUR' }, pipeline: 'Main' } });
    expect(sortKey(r, '_title', undefined)).toBe('big deal');
    expect(sortKey(r, 'pipeline', f.pipeline)).toBe('main');
    expect(sortKey(r, 'amount', f.amount)).toBe(500);
    expect(sortKey(r, 'expectedClose', f.expectedClose)).toBeNull();
    const a = toRow('accounts', { id: 'a1', created: 0, values: { name: 'A', kind: 'customer', keyAccount: true } });
    expect(sortKey(a, 'keyAccount', COLLECTIONS.accounts.fields.keyAccount)).toBe(1);
  });

  it('indexed built-in fields sort by the store index; custom and unindexed fields here; references not at all', () => {
    const f = COLLECTIONS.accounts.fields;
    expect(indexFor('_title', undefined)).toBe('_sort');
    expect(indexFor('city', f.city)).toBe('city');
    expect(indexFor('email', f.email)).toBeUndefined();
    expect(indexFor('done', COLLECTIONS.tasks.fields.done)).toBeUndefined(); // yes/no is no index key
    expect(isSortable('email', f.email)).toBe(true);
    expect(isSortable('ownerId', f.ownerId)).toBe(false);
    const custom = availableColumns('accounts', [{ key: 'tier', label: 'Tier', kind: 'text' }]).find((c) => c.key === 'x_tier');
    expect(custom?.label).toBe('Tier');
    expect(indexFor('x_tier', custom?.def)).toBeUndefined();
    expect(isSortable('x_tier', custom?.def)).toBe(true);
  });
});

describe('sorting in steps', () => {
  it('gives the same order as a stable sort, both directions, over seeded random data', () => {
    for (const seed of [1, 2, 3]) {
      const next = rng(seed);
      const items: Keyed[] = Array.from({ length: 9_000 }, (_, i) => {
        const x = next();
        const key = x < 0.1 ? null : x < 0.5 ? Math.floor(next() * 50) : `k${Math.floor(next() * 50)}`;
        return { id: `r${i}`, key };
      });
      for (const dir of ['asc', 'desc'] as const) {
        const expected = [...items].sort((a, b) => compareKeys(a.key, b.key, dir));
        const { sorted, steps } = drain(items, dir);
        expect(sorted.map((e) => e.id)).toEqual(expected.map((e) => e.id));
        // It gave the page a turn many times instead of sorting in one go.
        expect(steps).toBeGreaterThan(5);
      }
    }
  });

  it('leaves the input alone and handles tiny lists', () => {
    const items: Keyed[] = [{ id: 'b', key: 2 }, { id: 'a', key: 1 }];
    expect(drain(items, 'asc').sorted.map((e) => e.id)).toEqual(['a', 'b']);
    expect(items.map((e) => e.id)).toEqual(['b', 'a']);
    expect(drain([], 'asc').sorted).toEqual([]);
  });

  it('finds where a changed record goes (after its equals, before the empty ones)', () => {
    const sorted: Keyed[] = [{ id: 'a', key: 1 }, { id: 'b', key: 2 }, { id: 'c', key: 2 }, { id: 'd', key: null }];
    expect(insertionIndex(sorted, 2, 'asc')).toBe(3);
    expect(insertionIndex(sorted, 0, 'asc')).toBe(0);
    expect(insertionIndex(sorted, null, 'asc')).toBe(4);
  });
});
