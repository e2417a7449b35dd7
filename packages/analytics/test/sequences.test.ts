import { describe, expect, it } from 'vitest';
import { SequenceCounts, purchaseDays, sequenceRules, type Order } from '../src/index.ts';
import { order } from './fixtures.ts';

describe('next-product sequences', () => {
  const orders = [
    // Printer buyers come back for toner.
    order('a', '2024-01-05', ['printer']),
    order('a', '2024-02-01', ['toner']),
    order('b', '2024-01-10', ['printer', 'paper']),
    order('b', '2024-02-11', ['toner', 'paper']),
    order('c', '2024-01-03', ['printer']),
    order('c', '2024-01-03', ['cable']), // same day: one purchase
    order('c', '2024-03-01', ['toner']),
    order('d', '2024-01-01', ['paper']),
    order('d', '2024-02-01', ['paper']),
    order('e', '2024-01-01', ['paper']),
    order('e', '2024-02-01', ['coffee']),
  ];

  it('[Q1–Q3] counts steps from an order to the next, with support, confidence and lift', () => {
    const rules = sequenceRules(orders, { minCount: 1 });
    const printerToner = rules.find((r) => r.from === 'printer' && r.to === 'toner');
    // 5 steps in all; 3 start with a printer and all 3 lead to toner; 3 of 5 next orders have toner.
    expect(printerToner).toEqual({ from: 'printer', to: 'toner', support: 3 / 5, confidence: 1, lift: 1 / (3 / 5), count: 3 });
    expect(rules.some((r) => r.from === 'paper' && r.to === 'paper')).toBe(false);
    expect(sequenceRules(orders, { minCount: 1, includeRepeats: true }).some((r) => r.from === 'paper' && r.to === 'paper')).toBe(true);
    // Q3: ranked by lift, then count.
    for (let i = 1; i < rules.length; i++) expect((rules[i - 1]?.lift ?? 0) >= (rules[i]?.lift ?? 0)).toBe(true);
  });

  it('[Q2] rules seen fewer than minCount times are left out', () => {
    const rules = sequenceRules(orders, { minCount: 2 });
    expect(rules.map((r) => `${r.from}→${r.to}`)).toEqual(['printer→toner']);
  });

  it('counts kept per customer and updated give the same rules as counting everything again', () => {
    const counts = new SequenceCounts();
    counts.setAll(orders);
    expect(counts.rules({ minCount: 1 })).toEqual(sequenceRules(orders, { minCount: 1 }));
    // Customer c buys toner again, d's history is removed, f is new.
    const changed: Order[] = [
      ...orders.filter((o) => o.customerId !== 'd'),
      order('c', '2024-04-01', ['toner', 'paper']),
      order('f', '2024-01-01', ['printer']),
      order('f', '2024-05-01', ['toner']),
    ];
    const days = purchaseDays(changed);
    for (const id of ['c', 'd', 'f']) counts.setCustomer(id, days.get(id) ?? []);
    expect(counts.rules({ minCount: 1 })).toEqual(sequenceRules(changed, { minCount: 1 }));
    // Removing everyone leaves nothing behind.
    for (const id of days.keys()) counts.setCustomer(id, []);
    expect(counts.rules({ minCount: 1 })).toEqual([]);
  });
});
