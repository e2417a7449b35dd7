import { COLLECTIONS, collectionOfId, validate, type FieldDef } from '@counterpart/model';
import { describe, expect, it } from 'vitest';
import { YIELD_ORDER, expectedCounts, generateWorkspace, SIZES } from '../src/index.ts';
import { workspaceS } from './fixtures.ts';

function take<T>(it: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  for (const x of it) {
    if (out.length >= n) break;
    out.push(x);
  }
  return out;
}

/** Every record id a record refers to, through ref fields and ref fields of its lines. */
function refsOf(collection: keyof typeof COLLECTIONS, values: Record<string, unknown>): string[] {
  const out: string[] = [];
  const fields: Readonly<Record<string, FieldDef>> = COLLECTIONS[collection].fields;
  for (const [key, def] of Object.entries(fields)) {
    const value = values[key];
    if (value === undefined || value === null) continue;
    if (def.kind === 'ref') out.push(value as string);
    if (def.kind === 'lines') {
      for (const line of value as Record<string, unknown>[]) {
        for (const [lk, ld] of Object.entries(def.line)) if (ld.kind === 'ref' && line[lk] !== undefined) out.push(line[lk] as string);
      }
    }
  }
  return out;
}

describe('generateWorkspace', () => {
  it('is deterministic: the same seed gives identical records and counts', () => {
    const a = take(generateWorkspace({ size: 's', seed: 7 }), 9_000);
    const b = take(generateWorkspace({ size: 's', seed: 7 }), 9_000);
    expect(b).toEqual(a);
    const count = (seed: number): Record<string, number> => {
      const c: Record<string, number> = {};
      for (const r of generateWorkspace({ size: 's', seed })) c[r.collection] = (c[r.collection] ?? 0) + 1;
      return c;
    };
    expect(count(7)).toEqual(count(7));
  });

  it('a different seed gives different records', () => {
    const a = take(generateWorkspace({ size: 's', seed: 1 }), 3_000);
    const b = take(generateWorkspace({ size: 's', seed: 2 }), 3_000);
    expect(a.map((r) => r.id)).toEqual(b.map((r) => r.id)); // ids are positions, not random
    const differing = a.filter((r, i) => JSON.stringify(r.values) !== JSON.stringify(b[i]?.values)).length;
    expect(differing).toBeGreaterThan(2_500);
  });

  it('a different end date shifts the window: no order after it', () => {
    let n = 0;
    for (const r of generateWorkspace({ size: 's', end: '2025-03-31' })) {
      if (r.collection !== 'orders') continue;
      n++;
      const on = r.values.orderedOn as string;
      expect(on <= '2025-03-31' && on >= '2022-04-01', on).toBe(true);
    }
    expect(n).toBe(SIZES.s.orders);
  });

  it('S yields exactly expectedCounts("s"), collection by collection in YIELD_ORDER', () => {
    const records = workspaceS();
    const counts: Record<string, number> = {};
    const order: string[] = [];
    for (const r of records) {
      counts[r.collection] = (counts[r.collection] ?? 0) + 1;
      if (order[order.length - 1] !== r.collection) order.push(r.collection);
    }
    expect(counts).toEqual(expectedCounts('s'));
    expect(order).toEqual([...YIELD_ORDER]);
    expect(expectedCounts('m').orders).toBe(60_000);
    expect(expectedCounts('l').activities).toBe(1_500_000);
  });

  it('every S record passes validate() and is already in normal form', () => {
    for (const r of workspaceS()) {
      let normal;
      try {
        normal = validate(r.collection, r.values);
      } catch (e) {
        throw new Error(`${r.id}: ${(e as Error).message}`, { cause: e });
      }
      expect(normal, r.id).toEqual(r.values);
    }
  });

  it('ids are unique, belong to their collection, and count up from 0001', () => {
    const ids = new Set<string>();
    const next: Record<string, number> = {};
    for (const r of workspaceS()) {
      expect(ids.has(r.id)).toBe(false);
      ids.add(r.id);
      expect(collectionOfId(r.id)).toBe(r.collection);
      const k = (next[r.collection] = (next[r.collection] ?? 0) + 1);
      expect(Number(r.id.slice(4))).toBe(k);
      expect(r.id.slice(4).length).toBeGreaterThanOrEqual(4);
    }
  });

  it('every reference points to a record yielded earlier', () => {
    const seen = new Set<string>();
    let refs = 0;
    for (const r of workspaceS()) {
      for (const id of refsOf(r.collection, r.values)) {
        refs++;
        if (!seen.has(id)) throw new Error(`${r.id} refers to ${id}, not yielded before it`);
      }
      seen.add(r.id);
    }
    expect(refs).toBeGreaterThan(100_000);
  });

  it('creation times are whole epoch ms; orders are dated within the window and in date order', () => {
    let prev = '';
    for (const r of workspaceS()) {
      expect(Number.isSafeInteger(r.created)).toBe(true);
      if (r.collection !== 'orders') continue;
      const on = r.values.orderedOn as string;
      expect(on >= prev).toBe(true);
      expect(on <= '2026-10-31' && on >= '2023-11-01').toBe(true);
      prev = on;
    }
  });

  it('rejects bad options with a clear message', () => {
    expect(() => generateWorkspace({ size: 'xl' as never }).next()).toThrow(/size must be s, m or l/);
    expect(() => generateWorkspace({ size: 's', seed: -1 }).next()).toThrow(/seed must be an integer/);
    expect(() => generateWorkspace({ size: 's', end: '2026-02-30' }).next()).toThrow(/end must be a date/);
  });
});
