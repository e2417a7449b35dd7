import { describe, expect, it } from 'vitest';
import type { Row } from '@counterpart/model';
import { addLine, nextProducts, suggestionBasis, usualProducts } from '../src/lib/order-lines.ts';

function order(id: string, orderedOn: string, products: string[], status = 'delivered'): Row {
  return { id, orderedOn, status, lines: products.map((p, i) => ({ id: `l${i}`, productId: p, quantity: 1 })) } as unknown as Row;
}

describe('order lines and suggestions', () => {
  it('adds a product at its list price, or at zero in another currency', () => {
    const product = { id: 'prd_a', price: { amount: 1250, currency: 'EUR' } } as unknown as Row;
    const lines = addLine([], product, 'EUR');
    expect(lines).toMatchObject([{ productId: 'prd_a', quantity: 1, unitPrice: { amount: 1250, currency: 'EUR' } }]);
    expect(typeof lines[0]!.id).toBe('string');
    expect(addLine(lines, product, 'USD')[1]).toMatchObject({ unitPrice: { amount: 0, currency: 'USD' } });
  });

  it('lists what the customer orders most often, leaving out this order and cancelled ones', () => {
    const orders = [
      order('ord_1', '2026-01-10', ['a', 'b']),
      order('ord_2', '2026-03-01', ['a']),
      order('ord_3', '2026-02-01', ['c', 'c']),
      order('ord_4', '2026-04-01', ['c'], 'cancelled'),
      order('ord_now', '2026-05-01', ['b', 'b', 'b']),
    ];
    expect(usualProducts(orders, 'ord_now')).toEqual([
      { productId: 'a', orders: 2, last: '2026-03-01' },
      { productId: 'c', orders: 1, last: '2026-02-01' },
      { productId: 'b', orders: 1, last: '2026-01-10' },
    ]);
  });

  it('suggests next products from the best rule each, without what is already on the order', () => {
    const rules = [
      { from: 'a', to: 'x', confidence: 0.3, lift: 2 },
      { from: 'b', to: 'x', confidence: 0.5, lift: 1.5 },
      { from: 'a', to: 'y', confidence: 0.5, lift: 3 },
      { from: 'a', to: 'b', confidence: 0.9, lift: 4 },
      { from: 'z', to: 'w', confidence: 0.99, lift: 9 },
    ];
    expect(nextProducts(rules, ['a', 'b'], new Set(['a', 'b']))).toEqual([
      { productId: 'y', confidence: 0.5, lift: 3, after: 'a' },
      { productId: 'x', confidence: 0.5, lift: 1.5, after: 'b' },
    ]);
  });

  it('starts from the order’s own products, else from the customer’s last order', () => {
    const orders = [order('ord_1', '2026-01-10', ['a']), order('ord_2', '2026-03-01', ['b', 'c']), order('ord_now', '2026-05-01', [])];
    expect(suggestionBasis([{ productId: 'q' }], orders, 'ord_now')).toEqual(['q']);
    expect(suggestionBasis([], orders, 'ord_now')).toEqual(['b', 'c']);
    expect(suggestionBasis([], [], 'ord_now')).toEqual([]);
  });
});
