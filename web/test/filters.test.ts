import { describe, expect, it } from 'vitest';
import { COLLECTIONS, toRow, type FieldDef, type Row } from '@counterpart/model';
import { allOf, compileFilter, compileQuickFilter, localDayStart, opsFor, parseAmount, takesValue, TITLE_DEF, type FilterSpec } from '../src/lib/filters.ts';

const acc = COLLECTIONS.accounts.fields;
const deal = COLLECTIONS.deals.fields;
const act = COLLECTIONS.activities.fields;

function row(values: Record<string, unknown>, collection: 'accounts' | 'deals' | 'activities' = 'accounts', id = 'a1'): Row {
  return toRow(collection, { id, created: 0, values });
}

function test(def: FieldDef, f: FilterSpec): (r: Row) => boolean {
  const c = compileFilter(def, f);
  if ('error' in c) throw new Error(c.error);
  return c.test;
}

function error(def: FieldDef, f: FilterSpec): string {
  const c = compileFilter(def, f);
  if (!('error' in c)) throw new Error('expected an error');
  return c.error;
}

describe('filter operators by field kind', () => {
  it('offers conditions that suit each kind, the first being the usual one', () => {
    expect(opsFor(acc.name)).toEqual(['contains', 'eq', 'empty', 'notEmpty']);
    expect(opsFor(acc.kind)).toEqual(['eq', 'empty', 'notEmpty']);
    expect(opsFor(deal.expectedClose)).toEqual(['eq', 'before', 'after', 'empty', 'notEmpty']);
    expect(opsFor(deal.amount)).toContain('atLeast');
    expect(opsFor(acc.keyAccount)).toEqual(['isTrue', 'isFalse']);
    expect(opsFor(deal.accountId)).toEqual(['eq', 'empty', 'notEmpty']);
    expect(takesValue('contains')).toBe(true);
    expect(takesValue('empty')).toBe(false);
  });

  it('refuses a condition that does not apply to the field', () => {
    expect(error(acc.kind, { field: 'kind', op: 'contains', value: 'x' })).toMatch(/does not apply to Kind/);
  });
});

describe('text filters', () => {
  it('contains ignores case and accents; equals compares the whole value', () => {
    const r = row({ name: 'Müller Logistik', kind: 'customer', city: 'Köln' });
    expect(test(acc.city, { field: 'city', op: 'contains', value: 'koln' })(r)).toBe(true);
    expect(test(acc.name, { field: 'name', op: 'contains', value: 'LOGI' })(r)).toBe(true);
    expect(test(acc.city, { field: 'city', op: 'eq', value: 'köln' })(r)).toBe(true);
    expect(test(acc.city, { field: 'city', op: 'eq', value: 'Kö' })(r)).toBe(false);
  });

  it('the title filters like a text field', () => {
    const r = row({ name: 'Acme GmbH', kind: 'customer' });
    expect(test(TITLE_DEF, { field: '_title', op: 'contains', value: 'acme' })(r)).toBe(true);
  });

  it('phone numbers match by digits however they are written', () => {
    const r = row({ name: 'A', kind: 'customer', phone: '+49 (221) 555-12' });
    expect(test(acc.phone, { field: 'phone', op: 'contains', value: '22155' })(r)).toBe(true);
  });

  it('is empty and is not empty', () => {
    const withCity = row({ name: 'A', kind: 'customer', city: 'Lviv' });
    const without = row({ name: 'B', kind: 'customer' });
    const empty = test(acc.city, { field: 'city', op: 'empty', value: '' });
    const notEmpty = test(acc.city, { field: 'city', op: 'notEmpty', value: '' });
    expect([empty(withCity), empty(without)]).toEqual([false, true]);
    expect([notEmpty(withCity), notEmpty(without)]).toEqual([true, false]);
  });

  it('a condition that compares needs a value', () => {
    expect(error(acc.city, { field: 'city', op: 'contains', value: '  ' })).toMatch(/City: enter a value/);
  });
});

describe('number and money filters', () => {
  it('parses numbers as people type them', () => {
    expect(parseAmount('1 200,50')).toBe(1200.5);
    expect(parseAmount('1,200.50')).toBe(1200.5);
    expect(parseAmount('-3')).toBe(-3);
    expect(parseAmount('12abc')).toBeUndefined();
  });

  it('at least / at most / equals on integers, with a clear error for text', () => {
    const r = row({ name: 'D', stage: 'lead', probability: 40 }, 'deals');
    expect(test(deal.probability, { field: 'probability', op: 'atLeast', value: '40' })(r)).toBe(true);
    expect(test(deal.probability, { field: 'probability', op: 'atMost', value: '39' })(r)).toBe(false);
    expect(test(deal.probability, { field: 'probability', op: 'eq', value: '40' })(r)).toBe(true);
    expect(error(deal.probability, { field: 'probability', op: 'atLeast', value: 'forty' })).toBe('Probability %: “forty” is not a number');
  });

  it('money compares in major units (cents are a fraction)', () => {
    const r = row({ name: 'D', stage: 'lead', amount: { amount: 150_000, currency: 'EUR' } }, 'deals');
    expect(test(deal.amount, { field: 'amount', op: 'atLeast', value: '1500' })(r)).toBe(true);
    expect(test(deal.amount, { field: 'amount', op: 'atLeast', value: '1500,01' })(r)).toBe(false);
    expect(test(deal.amount, { field: 'amount', op: 'atMost', value: '1000' })(r)).toBe(false);
  });
});

describe('date filters', () => {
  it('before / after / on for a calendar date', () => {
    const r = row({ name: 'D', stage: 'lead', expectedClose: '2025-03-15' }, 'deals');
    expect(test(deal.expectedClose, { field: 'expectedClose', op: 'before', value: '2025-03-16' })(r)).toBe(true);
    expect(test(deal.expectedClose, { field: 'expectedClose', op: 'before', value: '2025-03-15' })(r)).toBe(false);
    expect(test(deal.expectedClose, { field: 'expectedClose', op: 'after', value: '2025-03-14' })(r)).toBe(true);
    expect(test(deal.expectedClose, { field: 'expectedClose', op: 'eq', value: '2025-03-15' })(r)).toBe(true);
  });

  it('a date and time is on a day when it falls within that local day', () => {
    const noon = localDayStart('2025-03-15') + 12 * 3600_000;
    const r = row({ type: 'call', at: noon }, 'activities');
    expect(test(act.at, { field: 'at', op: 'eq', value: '2025-03-15' })(r)).toBe(true);
    expect(test(act.at, { field: 'at', op: 'after', value: '2025-03-15' })(r)).toBe(false);
    expect(test(act.at, { field: 'at', op: 'after', value: '2025-03-14' })(r)).toBe(true);
    expect(test(act.at, { field: 'at', op: 'before', value: '2025-03-15' })(r)).toBe(false);
    expect(test(act.at, { field: 'at', op: 'before', value: '2025-03-16' })(r)).toBe(true);
  });

  it('refuses an impossible or malformed date', () => {
    expect(error(deal.expectedClose, { field: 'expectedClose', op: 'before', value: '2025-02-30' })).toMatch(/is not a date \(YYYY-MM-DD\)/);
    expect(error(act.at, { field: 'at', op: 'after', value: 'yesterday' })).toMatch(/When: “yesterday” is not a date/);
  });
});

describe('choice, yes/no and reference filters', () => {
  it('an enum filter is one of its options; another value names the options', () => {
    const r = row({ name: 'A', kind: 'supplier' });
    expect(test(acc.kind, { field: 'kind', op: 'eq', value: 'supplier' })(r)).toBe(true);
    expect(test(acc.kind, { field: 'kind', op: 'eq', value: 'customer' })(r)).toBe(false);
    expect(error(acc.kind, { field: 'kind', op: 'eq', value: 'friend' })).toMatch(/Kind: choose one of Customer, Prospect/);
  });

  it('yes/no: an unset flag counts as no', () => {
    const yes = row({ name: 'A', kind: 'customer', keyAccount: true });
    const unset = row({ name: 'B', kind: 'customer' });
    const isNo = test(acc.keyAccount, { field: 'keyAccount', op: 'isFalse', value: '' });
    expect([isNo(yes), isNo(unset)]).toEqual([false, true]);
  });

  it('a reference filter is one record', () => {
    const r = row({ name: 'D', stage: 'lead', accountId: 'acc_1' }, 'deals');
    expect(test(deal.accountId, { field: 'accountId', op: 'eq', value: 'acc_1' })(r)).toBe(true);
    expect(test(deal.accountId, { field: 'accountId', op: 'eq', value: 'acc_2' })(r)).toBe(false);
  });
});

describe('quick filter and combining', () => {
  it('every word must start a search term or appear in a shown column', () => {
    const r = row({ name: 'Northwind Traders', kind: 'distributor', city: 'Odesa', segment: 'Wholesale' });
    const cols = [{ key: 'kind', def: acc.kind }, { key: 'segment', def: acc.segment }];
    expect(compileQuickFilter('north ode', cols)?.(r)).toBe(true);
    expect(compileQuickFilter('sale', cols)?.(r)).toBe(true);
    expect(compileQuickFilter('distrib', cols)?.(r)).toBe(true);
    expect(compileQuickFilter('north kyiv', cols)?.(r)).toBe(false);
    expect(compileQuickFilter('   ', cols)).toBeNull();
  });

  it('filters combine with AND', () => {
    const a = row({ name: 'A', kind: 'customer', city: 'Lviv' });
    const b = row({ name: 'B', kind: 'supplier', city: 'Lviv' });
    const both = allOf([test(acc.city, { field: 'city', op: 'eq', value: 'lviv' }), test(acc.kind, { field: 'kind', op: 'eq', value: 'customer' })]);
    expect([both?.(a), both?.(b)]).toEqual([true, false]);
    expect(allOf([])).toBeNull();
  });
});
