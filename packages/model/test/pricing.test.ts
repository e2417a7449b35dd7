import { describe, expect, it } from 'vitest';
import {
  applicablePriceLists, documentTotals, effectiveDiscountPct, linesTotal, unitPriceFor, validOn, type PriceListLike,
} from '../src/index.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

const lists: PriceListLike[] = [
  { id: 'prl_retail2024', name: 'Retail 2024', currency: 'EUR', customerGroup: 'Retail', validFrom: '2024-01-01', validTo: '2024-12-31',
    items: [{ productId: 'prd_a', price: eur(1000) }] },
  { id: 'prl_retail2025', name: 'Retail 2025', currency: 'EUR', customerGroup: 'Retail', validFrom: '2025-01-01', validTo: '2025-12-31',
    items: [{ productId: 'prd_a', price: eur(1100) }, { productId: 'prd_a', price: eur(990), minQty: 10 }] },
  { id: 'prl_whole2025', name: 'Wholesale 2025', currency: 'EUR', customerGroup: 'Wholesale', validFrom: '2025-01-01',
    items: [{ productId: 'prd_a', price: eur(900) }] },
  { id: 'prl_general', name: 'General', currency: 'EUR',
    items: [{ productId: 'prd_a', price: eur(1200) }, { productId: 'prd_b', price: eur(500) }] },
  { id: 'prl_usd', name: 'Export', currency: 'USD', customerGroup: 'Retail',
    items: [{ productId: 'prd_a', price: { amount: 1300, currency: 'USD' } }] },
];

describe('price lists (R12)', () => {
  it('[R12] a list is valid between its dates, both inclusive; a missing bound is open', () => {
    expect(validOn({ validFrom: '2025-01-01', validTo: '2025-12-31' }, '2025-01-01')).toBe(true);
    expect(validOn({ validFrom: '2025-01-01', validTo: '2025-12-31' }, '2025-12-31')).toBe(true);
    expect(validOn({ validFrom: '2025-01-01', validTo: '2025-12-31' }, '2024-12-31')).toBe(false);
    expect(validOn({ validFrom: '2025-01-01', validTo: '2025-12-31' }, '2026-01-01')).toBe(false);
    expect(validOn({}, '1999-05-05')).toBe(true);
    expect(validOn({ validTo: '2025-03-01' }, '2025-03-02')).toBe(false);
  });

  it('[R12] the group’s list valid on the day comes first, then general lists; other groups and currencies never', () => {
    const ids = (group: string | undefined, on: string) =>
      applicablePriceLists(lists, { group, currency: 'EUR', on }).map((l) => l.id);
    expect(ids('Retail', '2024-06-01')).toEqual(['prl_retail2024', 'prl_general']);
    expect(ids('Retail', '2025-06-01')).toEqual(['prl_retail2025', 'prl_general']);
    expect(ids('retail', '2025-06-01')).toEqual(['prl_retail2025', 'prl_general']);
    expect(ids('Wholesale', '2030-01-01')).toEqual(['prl_whole2025', 'prl_general']);
    expect(ids(undefined, '2025-06-01')).toEqual(['prl_general']);
    expect(ids('Distributors', '2025-06-01')).toEqual(['prl_general']);
  });

  it('[R12] the newest of overlapping lists wins, the same on every device', () => {
    const overlap: PriceListLike[] = [
      { id: 'prl_b', currency: 'EUR', customerGroup: 'Retail', validFrom: '2025-01-01' },
      { id: 'prl_c', currency: 'EUR', customerGroup: 'Retail', validFrom: '2025-03-01' },
      { id: 'prl_a', currency: 'EUR', customerGroup: 'Retail', validFrom: '2025-01-01' },
    ];
    expect(applicablePriceLists(overlap, { group: 'Retail', currency: 'EUR', on: '2025-04-01' }).map((l) => l.id)).toEqual(['prl_c', 'prl_a', 'prl_b']);
    expect(applicablePriceLists(overlap, { group: 'Retail', currency: 'EUR', on: '2025-02-01' }).map((l) => l.id)).toEqual(['prl_a', 'prl_b']);
  });

  it('[R12] a unit price comes from the first list that has the product, with quantity breaks, else the list price', () => {
    const a = { id: 'prd_a', price: eur(1500) };
    const b = { id: 'prd_b', price: eur(700) };
    const c = { id: 'prd_c', price: eur(300) };
    expect(unitPriceFor(a, lists, { group: 'Retail', currency: 'EUR', on: '2025-06-01' }))
      .toEqual({ price: eur(1100), priceListId: 'prl_retail2025', priceListName: 'Retail 2025' });
    expect(unitPriceFor(a, lists, { group: 'Retail', currency: 'EUR', on: '2025-06-01', quantity: 12 })?.price).toEqual(eur(990));
    expect(unitPriceFor(a, lists, { group: 'Wholesale', currency: 'EUR', on: '2025-06-01' })?.price).toEqual(eur(900));
    expect(unitPriceFor(a, lists, { group: 'Wholesale', currency: 'EUR', on: '2024-06-01' })?.price).toEqual(eur(1200));
    expect(unitPriceFor(b, lists, { group: 'Retail', currency: 'EUR', on: '2025-06-01' })?.priceListId).toBe('prl_general');
    expect(unitPriceFor(c, lists, { group: 'Retail', currency: 'EUR', on: '2025-06-01' })).toEqual({ price: eur(300) });
    expect(unitPriceFor(a, lists, { group: 'Retail', currency: 'USD', on: '2025-06-01' })?.price).toEqual({ amount: 1300, currency: 'USD' });
    expect(unitPriceFor(c, lists, { group: 'Retail', currency: 'USD', on: '2025-06-01' })).toBeUndefined();
  });

  it('[R12] malformed items are skipped, not trusted', () => {
    const bad: PriceListLike[] = [{ id: 'prl_x', currency: 'EUR', items: [{ productId: 'prd_a', price: { amount: 1.5, currency: 'EUR' } }, { productId: 'prd_a', price: { amount: 100, currency: 'USD' } }, null] }];
    expect(unitPriceFor({ id: 'prd_a' }, bad, { currency: 'EUR', on: '2025-01-01' })).toBeUndefined();
  });
});

describe('totals and discounts (R8, R12)', () => {
  it('[R12] totals split into gross, line discounts, document discount and total, equal to the row total', () => {
    const lines = [
      { quantity: 3, unitPrice: eur(1999), discountPct: 10 },
      { quantity: 1.5, unitPrice: eur(1000) },
      { quantity: 2 },
    ];
    const t = documentTotals(lines, 5);
    expect(t.gross).toBe(5997 + 1500);
    expect(t.lineDiscounts).toBe(600); // 5997 × 10 % = 599.7 → 600
    expect(t.documentDiscount).toBe(345); // 6897 × 5 % = 344.85 → 345
    expect(t.total).toBe(6552);
    expect(t.total).toBe(linesTotal(lines, 5));
    expect(documentTotals(undefined)).toEqual({ gross: 0, lineDiscounts: 0, documentDiscount: 0, total: 0 });
  });

  it('[R12] the discount compared with the threshold is the largest line discount with the document discount on top', () => {
    expect(effectiveDiscountPct([])).toBe(0);
    expect(effectiveDiscountPct([{ discountPct: 5 }, { discountPct: 20 }])).toBe(20);
    expect(effectiveDiscountPct([{ discountPct: 10 }], 10)).toBe(19);
    expect(effectiveDiscountPct([{}], 12.5)).toBe(12.5);
    expect(effectiveDiscountPct([], 16)).toBe(16);
  });
});
