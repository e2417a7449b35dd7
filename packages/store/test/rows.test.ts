import { describe, expect, it } from 'vitest';
import type { Row } from '@counterpart/model';
import { RowTable, compareKeys, keyOf } from '../src/rows.ts';
import type { RowChange } from '../src/ingest.ts';

/** A small deterministic generator, so a failure repeats. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function row(id: string, rand: () => number): Row {
  const pick = rand();
  // Strings, numbers and missing values, as lists meet them: IndexedDB orders numbers first.
  const stage = pick < 0.4 ? `s${Math.floor(rand() * 5)}` : pick < 0.7 ? Math.floor(rand() * 5) : undefined;
  return { id, _title: id, _sort: `t${Math.floor(rand() * 50)}`, _t: [`w${Math.floor(rand() * 20)}`], stage } as unknown as Row;
}

/** What an IndexedDB index over `field` would list. */
function expected(rows: Iterable<Row>, field: string, reverse: boolean): string[] {
  const keyed = [...rows].flatMap((r) => {
    const k = keyOf(r[field]);
    return k === undefined ? [] : [{ k, id: r.id }];
  });
  keyed.sort((a, b) => compareKeys(a.k, b.k) || (a.id < b.id ? -1 : 1));
  const ids = keyed.map((e) => e.id);
  return reverse ? ids.reverse() : ids;
}

describe('rows in memory', () => {
  it('[S3] orders and lookups stay equal to a fresh index through random changes, one at a time and in batches', () => {
    const rand = rng(7);
    const t = new RowTable('deals');
    const truth = new Map<string, Row>();
    // Build the orders and lookups first, so the changes below must keep them up to date.
    t.ids('_sort', false);
    t.ids('stage', false);
    t.where('stage', 's1');
    for (let round = 0; round < 60; round++) {
      const batch: RowChange[] = [];
      const size = round % 3 === 0 ? 40 : 1;
      for (let i = 0; i < size; i++) {
        const id = `deal_${String(Math.floor(rand() * 120)).padStart(4, '0')}`;
        if (rand() < 0.2) {
          batch.push({ collection: 'deals', id, deleted: true });
          truth.delete(id);
        } else {
          const r = row(id, rand);
          batch.push({ collection: 'deals', id, row: r, deleted: false });
          truth.set(id, r);
        }
      }
      if (size === 1) t.apply(batch[0]!);
      else t.applyAll(batch);
      expect(t.ids('_sort', false)).toEqual(expected(truth.values(), '_sort', false));
      expect(t.ids('stage', true)).toEqual(expected(truth.values(), 'stage', true));
      expect(t.slice('stage', true, 3, 5)).toEqual(expected(truth.values(), 'stage', true).slice(3, 8));
      expect(t.slice('_sort', false, 0, 4)).toEqual(expected(truth.values(), '_sort', false).slice(0, 4));
      for (const v of ['s1', 3, '3']) {
        expect(t.where('stage', v)).toEqual([...truth.values()].filter((r) => r.stage === v).map((r) => r.id).sort());
      }
      expect(t.rows.size).toBe(truth.size);
    }
  });

  it('[S10] search follows changes and answers by prefix, at most `limit`', () => {
    const t = new RowTable('contacts');
    const mk = (id: string, terms: string[]): RowChange => ({ collection: 'contacts', id, row: { id, _title: id, _sort: id, _t: terms } as unknown as Row, deleted: false });
    t.applyAll([mk('con_a', ['anna', 'berg']), mk('con_b', ['anton']), mk('con_c', ['berta'])]);
    expect(t.search(['an'], 10).map((r) => r.id)).toEqual(['con_a', 'con_b']);
    t.apply({ collection: 'contacts', id: 'con_a', deleted: true });
    t.apply(mk('con_c', ['andrea']));
    expect(t.search(['an'], 10).map((r) => r.id)).toEqual(['con_c', 'con_b']);
    expect(t.search(['an'], 1).map((r) => r.id)).toEqual(['con_c']);
    expect(t.search(['be'], 10)).toEqual([]);
  });

  it('a lookup built in steps equals one built at once, also when rows change meanwhile', async () => {
    const make = (): RowTable => {
      const rand = rng(11);
      const t = new RowTable('deals');
      const changes: RowChange[] = Array.from({ length: 25_000 }, (_, i) => ({ collection: 'deals', id: `d${i}`, row: row(`d${i}`, rand), deleted: false }));
      t.applyAll(changes);
      return t;
    };
    const quiet = make();
    await quiet.buildLookup('stage');
    const fresh = make();
    expect(new Map([...quiet.lookup('stage')].map(([k, v]) => [k, [...v].sort()]))).toEqual(
      new Map([...fresh.lookup('stage')].map(([k, v]) => [k, [...v].sort()])),
    );
    // A row changes between two steps of the build.
    const busy = make();
    const building = busy.buildLookup('stage');
    busy.applyAll([{ collection: 'deals', id: 'd3', row: { ...busy.rows.get('d3'), stage: 'moved' } as Row, deleted: false }]);
    await building;
    expect(busy.where('stage', 'moved')).toEqual(['d3']);
  });
});
