import { describe, expect, it } from 'vitest';
import {
  approvalNeed, decideApproval, nextNumber, nextOrderStatus, orderFromQuote, orderStep, quoteStep, requestApproval,
  SalesError, stockShortages, validate, type Values,
} from '../src/index.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const ctx = { today: '2025-06-10', thresholdPct: 15 };

function quote(extra: Values = {}): Values & { id: string } {
  return {
    id: 'quo_0001',
    number: 'Q-2025-000001',
    accountId: 'acc_0001',
    contactId: 'con_0001',
    status: 'draft',
    currency: 'EUR',
    lines: [
      { id: 'l1aaaa', productId: 'prd_aaaa', quantity: 2, unitPrice: eur(1000), discountPct: 5 },
      { id: 'l2aaaa', productId: 'prd_bbbb', quantity: 1, unitPrice: eur(500) },
    ],
    ...extra,
  };
}

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof SalesError) return err.reason;
    throw err;
  }
  return 'no error';
}

describe('quote status (R13)', () => {
  it('[R13] draft → sent → accepted or rejected, each step dated', () => {
    expect(quoteStep(quote(), 'sent', ctx)).toEqual({ status: 'sent', sentOn: '2025-06-10', issuedOn: '2025-06-10' });
    expect(quoteStep(quote({ issuedOn: '2025-06-01' }), 'sent', ctx)).toEqual({ status: 'sent', sentOn: '2025-06-10' });
    expect(quoteStep(quote({ status: 'sent' }), 'accepted', ctx)).toEqual({ status: 'accepted', decidedOn: '2025-06-10' });
    expect(quoteStep(quote({ status: 'sent' }), 'rejected', ctx)).toEqual({ status: 'rejected', decidedOn: '2025-06-10' });
  });

  it('[R13] an invalid transition is refused with a clear error', () => {
    expect(() => quoteStep(quote(), 'accepted', ctx)).toThrow('A quote that is draft cannot become accepted');
    expect(reasonOf(() => quoteStep(quote({ status: 'accepted' }), 'sent', ctx))).toBe('invalid-transition');
    expect(reasonOf(() => quoteStep(quote({ status: 'rejected' }), 'accepted', ctx))).toBe('invalid-transition');
    const err = (() => { try { quoteStep(quote({ status: 'accepted' }), 'rejected', ctx); } catch (e) { return e as SalesError; } })();
    expect(err?.detail).toEqual({ from: 'accepted', to: 'rejected' });
  });

  it('[R13] a quote without lines is not sent; a quote past its validity is not accepted; nor one with an order', () => {
    expect(reasonOf(() => quoteStep(quote({ lines: [] }), 'sent', ctx))).toBe('no-lines');
    expect(reasonOf(() => quoteStep(quote({ lines: [{ id: 'zzzz', quantity: 0 }] }), 'sent', ctx))).toBe('no-lines');
    expect(reasonOf(() => quoteStep(quote({ status: 'sent', validUntil: '2025-06-09' }), 'accepted', ctx))).toBe('expired');
    expect(quoteStep(quote({ status: 'sent', validUntil: '2025-06-10' }), 'accepted', ctx).status).toBe('accepted');
    expect(reasonOf(() => quoteStep(quote({ status: 'sent', orderId: 'ord_0001' }), 'accepted', ctx))).toBe('already-ordered');
  });

  it('[R13] a discount above the threshold blocks sending until an owner approves it', () => {
    const q = quote({ discountPct: 12 }); // 5 % line + 12 % document = 16.4 % > 15 %
    expect(approvalNeed(q, 15)).toBe('ask');
    expect(approvalNeed(q, 20)).toBe('none');
    expect(reasonOf(() => quoteStep(q, 'sent', ctx))).toBe('needs-approval');

    const asked = { ...q, ...requestApproval(q, 15) };
    expect(asked.approval).toBe('requested');
    expect(approvalNeed(asked, 15)).toBe('waiting');
    expect(reasonOf(() => quoteStep(asked, 'sent', ctx))).toBe('needs-approval');

    const approved = { ...asked, ...decideApproval(asked, true, { name: 'Olena', at: 1000 }) };
    expect(approved).toMatchObject({ approval: 'approved', approvedPct: 16.4, approvalBy: 'Olena', approvalAt: 1000 });
    expect(approvalNeed(approved, 15)).toBe('none');
    expect(quoteStep(approved, 'sent', ctx).status).toBe('sent');

    // A bigger discount after the approval needs a new one; a smaller one does not.
    expect(approvalNeed({ ...approved, discountPct: 20 }, 15)).toBe('ask');
    expect(approvalNeed({ ...approved, discountPct: 10 }, 15)).toBe('none');
  });

  it('[R13] a declined discount stays blocked until it is lowered or asked for again; decisions need a request', () => {
    const asked = { ...quote({ discountPct: 20 }), approval: 'requested' };
    const declined = { ...asked, ...decideApproval(asked, false, { name: 'Olena', at: 5 }) };
    expect(declined).toMatchObject({ approval: 'declined', approvedPct: null });
    expect(approvalNeed(declined, 15)).toBe('declined');
    expect(reasonOf(() => quoteStep(declined, 'sent', ctx))).toBe('needs-approval');
    expect(approvalNeed({ ...declined, discountPct: 5 }, 15)).toBe('none');
    expect(requestApproval(declined, 15).approval).toBe('requested');
    expect(reasonOf(() => decideApproval(declined, true, { name: 'x', at: 1 }))).toBe('not-requested');
    expect(reasonOf(() => requestApproval(quote(), 15))).toBe('no-approval-needed');
  });

  it('[R13] every patch a step writes is valid for the schema', () => {
    const asked = { ...quote({ discountPct: 20 }), ...requestApproval(quote({ discountPct: 20 }), 15) };
    expect(() => validate('quotes', requestApproval(quote({ discountPct: 20 }), 15), { partial: true })).not.toThrow();
    expect(() => validate('quotes', decideApproval(asked, true, { name: 'O', at: 1 }), { partial: true })).not.toThrow();
    expect(() => validate('quotes', quoteStep(quote(), 'sent', ctx), { partial: true })).not.toThrow();
  });
});

describe('orders (R14)', () => {
  it('[R14] registered → confirmed → shipped → delivered → paid, each step keeping its date', () => {
    expect(nextOrderStatus('registered')).toBe('confirmed');
    expect(nextOrderStatus('confirmed')).toBe('shipped');
    expect(nextOrderStatus('shipped')).toBe('delivered');
    expect(nextOrderStatus('delivered')).toBe('paid');
    expect(nextOrderStatus('paid')).toBeUndefined();
    expect(nextOrderStatus('cancelled')).toBeUndefined();
    expect(orderStep({ status: 'registered' }, 'confirmed', '2025-06-11')).toEqual({ status: 'confirmed', confirmedOn: '2025-06-11' });
    expect(orderStep({ status: 'delivered' }, 'paid', '2025-07-01')).toEqual({ status: 'paid', paidOn: '2025-07-01' });
    expect(orderStep({ status: 'confirmed' }, 'cancelled', '2025-07-01')).toEqual({ status: 'cancelled', cancelledOn: '2025-07-01' });
    expect(() => validate('orders', orderStep({ status: 'shipped' }, 'delivered', '2025-07-01'), { partial: true })).not.toThrow();
  });

  it('[R14] skipping a step, going back or leaving a final status is refused with a clear error', () => {
    expect(() => orderStep({ status: 'registered' }, 'shipped', '2025-06-11')).toThrow('An order that is registered cannot become shipped');
    expect(reasonOf(() => orderStep({ status: 'shipped' }, 'confirmed', '2025-06-11'))).toBe('invalid-transition');
    expect(reasonOf(() => orderStep({ status: 'shipped' }, 'cancelled', '2025-06-11'))).toBe('invalid-transition');
    expect(reasonOf(() => orderStep({ status: 'paid' }, 'paid', '2025-06-11'))).toBe('invalid-transition');
  });

  it('[R14] an accepted quote becomes an order with the same lines (ids of their own), linked to it', () => {
    const q = quote({ discountPct: 3, ownerId: 'usr_0001' });
    const o = orderFromQuote(q, { number: 'SO-2025-000007', today: '2025-06-12' });
    expect(o).toMatchObject({
      number: 'SO-2025-000007', accountId: 'acc_0001', contactId: 'con_0001', ownerId: 'usr_0001', currency: 'EUR',
      discountPct: 3, quoteId: 'quo_0001', status: 'registered', source: 'quote', orderedOn: '2025-06-12',
    });
    const lines = o.lines as Values[];
    expect(lines.map(({ id: _id, ...l }) => l)).toEqual((q.lines as Values[]).map(({ id: _id, ...l }) => l));
    expect(lines.every((l, i) => typeof l.id === 'string' && l.id !== (q.lines as Values[])[i]?.id)).toBe(true);
    expect(() => validate('orders', o)).not.toThrow();
  });

  it('[R14] document numbers count up per series and year', () => {
    expect(nextNumber('SO', 2025, [])).toBe('SO-2025-000001');
    expect(nextNumber('SO', 2025, ['SO-2025-000041', 'SO-2024-000900', 'SO-2025-000007', 'junk', 3])).toBe('SO-2025-000042');
    expect(nextNumber('Q', 2025, ['Q-2025-00012'], 5)).toBe('Q-2025-00013');
  });

  it('[R14] lines asking for more than is on hand are flagged with the availability date; lines of one product add up', () => {
    const products: Record<string, Values> = {
      prd_aaaa: { stock: 5, availableOn: '2025-07-01' },
      prd_bbbb: { stock: 10 },
      prd_cccc: {},
    };
    const lines = [
      { productId: 'prd_aaaa', quantity: 3 },
      { productId: 'prd_bbbb', quantity: 10 },
      { productId: 'prd_aaaa', quantity: 3 },
      { productId: 'prd_cccc', quantity: 1000 },
      { productId: 'prd_xxxx', quantity: 1 },
    ];
    expect(stockShortages(lines, (id) => products[id])).toEqual([
      { line: 0, productId: 'prd_aaaa', quantity: 6, stock: 5, availableOn: '2025-07-01' },
    ]);
    expect(stockShortages([{ productId: 'prd_bbbb', quantity: 11 }], (id) => products[id])).toEqual([
      { line: 0, productId: 'prd_bbbb', quantity: 11, stock: 10 },
    ]);
    expect(stockShortages(undefined, () => undefined)).toEqual([]);
  });
});
