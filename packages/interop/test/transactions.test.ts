import { describe, expect, it } from 'vitest';
import { CustomerIndex, orderIdFor } from '@counterpart/model';
import { guessTransactionMapping, parseCsv, planTransactions } from '../src/index.ts';

const customers = new CustomerIndex(
  [{ id: 'acc_0000acme', email: 'office@acme.test' }],
  [{ id: 'con_0000anna', accountId: 'acc_0000acme', email: 'ann@acme.test', phone: '+1 555 010 2030' }],
);
const opts = (existing: string[] = []) => ({ currency: 'EUR', today: '2026-03-01', source: 'till', exists: (id: string) => existing.includes(id) });

describe('transactions CSV', () => {
  it('[I10] guesses the columns from their headers', () => {
    expect(guessTransactionMapping(['Receipt', 'E-mail', 'Date', 'Product', 'Qty', 'Price', 'Channel', 'Other'])).toEqual(['externalId', 'email', 'date', 'product', 'quantity', 'price', 'source', null]);
  });

  it('[I10] rows of one external id are the lines of one sale; amounts make one line each', () => {
    const csv = parseCsv('receipt,email,date,product,qty,price\nR1,ann@acme.test,2026-02-01,Tea,2,3.50\nR1,ann@acme.test,2026-02-01,Cake,1,4\nR2,office@acme.test,2026-02-02,Coffee,1,2.20\n');
    const plan = planTransactions(csv.records, guessTransactionMapping(csv.headers), customers, opts());
    expect(plan.problems).toEqual([]);
    expect(plan.sales).toBe(2);
    expect(plan.creates.map((c) => [c.line, c.id, c.values.accountId, (c.values.lines as unknown[]).length])).toEqual([
      [2, orderIdFor('R1'), 'acc_0000acme', 2],
      [4, orderIdFor('R2'), 'acc_0000acme', 1],
    ]);
    expect(plan.creates[0]!.values).toMatchObject({ contactId: 'con_0000anna', source: 'pos', status: 'paid', orderedOn: '2026-02-01' });
  });

  it('[I10] a sale already in the workspace is a duplicate; problems are listed by line, nothing planned for them', () => {
    const csv = parseCsv('id,phone,amount,source\nW1,(555) 010-2030,10,web shop\nW2,999 999 9999,5,web shop\nW3,(555) 010-2030,ten,web shop\n,(555) 010-2030,1,fax\n');
    const plan = planTransactions(csv.records, ['externalId', 'phone', 'amount', 'source'], customers, opts([orderIdFor('W1')]));
    expect(plan.creates).toEqual([]);
    expect(plan.duplicates).toEqual([{ line: 2, externalId: 'W1' }]);
    expect(plan.problems.map((p) => [p.line, p.field])).toEqual([[3, 'customer'], [4, 'amount'], [5, 'externalId'], [5, 'source']]);
  });

  it('[I10] a mapping without an external id, a customer or an amount is refused before reading rows', () => {
    const csv = parseCsv('a,b\n1,2\n');
    expect(planTransactions(csv.records, ['notes', null], customers, opts()).problems.map((p) => p.field)).toEqual(['externalId', 'customer', 'amount']);
  });
});
