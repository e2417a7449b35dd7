import { describe, expect, it } from 'vitest';
import { CustomerIndex, normalisePhone, orderIdFor, orderValues, parseTransaction, validate } from '../src/index.ts';

const defaults = { currency: 'EUR', today: '2026-03-01' };

describe('transactions', () => {
  it('[T1] reads a till sale with lines, and a web shop sale with an amount', () => {
    const till = parseTransaction({ externalId: 'T-1', source: 'till', customer: { email: ' Ann@Shop.test ' }, date: '2026-02-03', lines: [{ description: 'Tea', quantity: 2, price: '3.50' }] }, defaults);
    expect(till).toEqual({ ok: { externalId: 'T-1', source: 'pos', customer: { email: 'ann@shop.test' }, orderedOn: '2026-02-03', currency: 'EUR', status: 'paid', lines: [{ description: 'Tea', quantity: 2, unitPrice: { amount: 350, currency: 'EUR' } }] } });
    const web = parseTransaction({ externalId: 77, source: 'web shop', customer: { phone: '+1 (555) 010-2030' }, amount: 19.9, currency: 'USD' }, defaults);
    expect(web).toMatchObject({ ok: { externalId: '77', source: 'web', orderedOn: '2026-03-01', status: 'registered', lines: [{ quantity: 1, unitPrice: { amount: 1990, currency: 'USD' } }] } });
  });

  it('[T1] names every problem by its field', () => {
    const r = parseTransaction({ source: 'fax', customer: {}, date: 'yesterday', amount: 'ten', extra: 1 }, defaults);
    expect('issues' in r && r.issues.map((i) => i.field).sort()).toEqual(['amount', 'customer', 'date', 'externalId', 'extra', 'source']);
    const lines = parseTransaction({ externalId: 'a', source: 'call centre', customer: { id: 'acc_0000aaaa' }, lines: [{ quantity: -1, price: 'x' }] }, defaults);
    expect('issues' in lines && lines.issues.map((i) => i.field)).toEqual(['lines[0].description', 'lines[0].quantity', 'lines[0].price']);
    expect(parseTransaction([], defaults)).toEqual({ issues: [{ field: '', message: 'must be an object' }] });
  });

  it('[T2] matches by id, then e-mail, then phone; a contact gives its account and the account rep', () => {
    const index = new CustomerIndex(
      [{ id: 'acc_0000aaaa', email: 'office@acme.test', phone: '+1 555 010 9999', ownerId: 'usr_0000rep1' }, { id: 'acc_0000bbbb' }],
      [{ id: 'con_0000cccc', accountId: 'acc_0000aaaa', email: 'ann@acme.test', mobile: '8 (555) 010-2030' }, { id: 'con_0000dddd', email: 'nobody@x.test' }],
    );
    expect(index.match({ id: 'acc_0000bbbb', email: 'ann@acme.test' })).toEqual({ accountId: 'acc_0000bbbb' });
    expect(index.match({ email: 'ann@acme.test' })).toEqual({ accountId: 'acc_0000aaaa', contactId: 'con_0000cccc', ownerId: 'usr_0000rep1' });
    expect(index.match({ phone: normalisePhone('+1 555 010 2030')! })).toMatchObject({ contactId: 'con_0000cccc' });
    expect(index.match({ email: 'office@acme.test' })).toEqual({ accountId: 'acc_0000aaaa', ownerId: 'usr_0000rep1' });
    // A contact without an account cannot carry an order.
    expect(index.match({ email: 'nobody@x.test' })).toBeUndefined();
    expect(index.match({ id: 'acc_0000zzzz' })).toBeUndefined();
    index.remove('con_0000cccc');
    expect(index.match({ email: 'ann@acme.test' })).toBeUndefined();
  });

  it('[T3] the order id derives from the external id alone', () => {
    expect(orderIdFor('T-1')).toBe(orderIdFor(' T-1 '));
    expect(orderIdFor('T-1')).not.toBe(orderIdFor('T-2'));
    expect(orderIdFor('T-1')).toMatch(/^ord_x[0-9a-z]{21}$/);
  });

  it('[T4] the order values are a valid order', () => {
    const r = parseTransaction({ externalId: 'T-9', source: 'till', customer: { id: 'acc_0000aaaa' }, amount: '5' }, defaults);
    if (!('ok' in r)) throw new Error('expected a transaction');
    const values = orderValues(r.ok, { accountId: 'acc_0000aaaa' });
    expect(validate('orders', values)).toMatchObject({ number: 'T-9', externalId: 'T-9', source: 'pos', status: 'paid', paidOn: '2026-03-01' });
  });
});
