import { describe, expect, it } from 'vitest';
import { contactedWithoutOrder, monthlyProductMix, notifyAboutProduct, sequenceRules } from '../src/index.ts';
import { activity, order } from './fixtures.ts';

describe('the sales questions', () => {
  it('[A1] usual monthly product mix: share of active months and amounts per month', () => {
    const orders = [
      order('a', '2024-01-05', ['coffee', 'milk']),
      order('a', '2024-02-07', ['coffee']),
      order('a', '2024-02-20', ['coffee']),
      order('a', '2024-04-02', ['coffee', 'cups']),
      order('b', '2024-03-01', ['water']),
    ];
    const [a, b] = monthlyProductMix(orders, { end: '2024-04-30' });
    expect(a?.activeMonths).toBe(4);
    expect(a?.items.map((i) => [i.productId, i.months, i.share])).toEqual([
      ['coffee', 3, 0.75],
      ['cups', 1, 0.25],
      ['milk', 1, 0.25],
    ]);
    expect(a?.items[0]?.quantityPerMonth).toBe(1);
    expect(b).toMatchObject({ customerId: 'b', activeMonths: 2 });
    expect(monthlyProductMix(orders, { end: '2024-04-30', minShare: 0.5 })[0]?.items.map((i) => i.productId)).toEqual(['coffee']);
  });

  it('[A2] contacted by call, meeting or e-mail in the period, and no order in it', () => {
    const activities = [
      activity('a', '2024-03-02', 'call'),
      activity('a', '2024-03-09', 'email'),
      activity('b', '2024-03-05', 'meeting'),
      activity('c', '2024-03-05', 'note'),
      activity('d', '2024-02-01', 'call'),
    ];
    const orders = [order('b', '2024-03-20', ['x']), order('a', '2024-01-15', ['x']), order('a', '2024-04-02', ['x'])];
    expect(contactedWithoutOrder(activities, orders, { from: '2024-03-01', to: '2024-03-31' })).toEqual([
      { customerId: 'a', contacts: 2, lastContact: '2024-03-09', lastOrderBefore: '2024-01-15' },
    ]);
    expect(contactedWithoutOrder(activities, orders, { from: '2024-03-01', to: '2024-03-31', types: ['note'] })).toEqual([
      { customerId: 'c', contacts: 1, lastContact: '2024-03-05' },
    ]);
  });

  it('[A3] whom to tell about a new product: category buyers and sequence rules, by propensity', () => {
    const products = [
      { id: 'printer', category: 'Printers' },
      { id: 'toner', category: 'Toner' },
      { id: 'toner-xl', category: 'Toner' },
      { id: 'coffee', category: 'Coffee' },
    ];
    const orders = [
      order('a', '2024-01-01', ['toner']),
      order('a', '2024-02-01', ['toner']),
      order('b', '2024-01-01', ['coffee']),
      order('b', '2024-02-01', ['toner']),
      order('c', '2024-01-01', ['printer']),
      order('d', '2024-01-01', ['coffee']),
      order('e', '2024-01-01', ['toner-xl']),
    ];
    const rules = [{ from: 'printer', to: 'toner-xl', support: 0.1, confidence: 0.6, lift: 3, count: 4 }];
    const list = notifyAboutProduct({ product: { id: 'toner-xl', category: 'Toner' }, products, orders, rules, pAlive: new Map([['a', 0.5]]) });
    expect(list.map((c) => [c.customerId, c.propensity, c.reasons])).toEqual([
      ['c', 0.6, ['sequence']],
      ['a', 0.5, ['category']],
      ['b', 0.5, ['category']],
    ]);
    expect(notifyAboutProduct({ product: { id: 'toner-xl', category: 'Toner' }, products, orders, limit: 1 })).toHaveLength(1);
    // Rules mined from the orders plug straight in.
    expect(() => notifyAboutProduct({ product: products[1] as (typeof products)[number], products, orders, rules: sequenceRules(orders, { minCount: 1 }) })).not.toThrow();
  });
});
