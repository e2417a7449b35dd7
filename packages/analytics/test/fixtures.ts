// Small hand-made logs for the sales questions, so expected answers can be read off by eye.
import type { Activity, Order } from '../src/index.ts';

export function order(customerId: string, date: string, products: readonly string[], amount = 10 * products.length, repId?: string): Order {
  return {
    customerId,
    date,
    amount,
    products: products.map((productId) => ({ productId, quantity: 1, amount: amount / products.length })),
    ...(repId ? { repId } : {}),
  };
}

export function activity(customerId: string, date: string, type: Activity['type'], extra: Partial<Activity> = {}): Activity {
  return { customerId, date, type, ...extra };
}
