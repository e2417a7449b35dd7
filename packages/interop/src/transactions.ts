// A CSV of sales from a till, a web shop or a call centre, read into orders (SPEC I10, model
// SPEC T1–T4). Columns are mapped to the transaction's fields (guessed from the headers); rows
// that share an external id are the lines of one sale (product, quantity, price per row) unless
// the file gives one amount per row. Each sale is read and matched exactly as the relay's
// ingestion endpoint does it, and planned before anything is written: the orders to create, the
// sales already in the workspace (duplicates, by external id) and every problem by line.
import {
  CustomerIndex, describeCustomer, orderIdFor, orderValues, parseTransaction,
  type TransactionDefaults, type TransactionIssue,
} from '@counterpart/model';
import type { CsvRecord } from './csv.ts';
import type { PlannedCreate } from './plan.ts';

export const TRANSACTION_TARGETS = ['externalId', 'customerId', 'email', 'phone', 'date', 'source', 'amount', 'product', 'quantity', 'price', 'currency', 'notes'] as const;
export type TransactionTarget = (typeof TRANSACTION_TARGETS)[number];
export type TransactionMapping = readonly (TransactionTarget | null)[];

const SYNONYMS: Record<TransactionTarget, readonly string[]> = {
  externalId: ['external id', 'externalid', 'order id', 'order', 'receipt', 'receipt no', 'transaction id', 'transaction', 'invoice', 'номер', 'номер заказа', 'чек'],
  customerId: ['customer id', 'client id', 'account id', 'contact id', 'id клиента'],
  email: ['email', 'e-mail', 'customer email', 'mail', 'почта'],
  phone: ['phone', 'telephone', 'mobile', 'customer phone', 'телефон'],
  date: ['date', 'order date', 'ordered', 'sold on', 'дата'],
  source: ['source', 'channel', 'touchpoint', 'канал', 'источник'],
  amount: ['amount', 'total', 'sum', 'сумма', 'итого'],
  product: ['product', 'item', 'description', 'sku', 'товар'],
  quantity: ['quantity', 'qty', 'count', 'количество', 'кол-во'],
  price: ['price', 'unit price', 'цена'],
  currency: ['currency', 'валюта'],
  notes: ['notes', 'comment', 'note', 'комментарий'],
};

const norm = (s: string): string => s.trim().toLowerCase().replace(/[_.]+/g, ' ').replace(/\s+/g, ' ');

/** Each column's field, guessed from its header; a field is given to one column at most. */
export function guessTransactionMapping(headers: readonly string[]): TransactionMapping {
  const used = new Set<TransactionTarget>();
  return headers.map((h) => {
    const key = norm(h);
    const target = TRANSACTION_TARGETS.find((t) => !used.has(t) && (norm(t) === key || SYNONYMS[t].includes(key)));
    if (target) used.add(target);
    return target ?? null;
  });
}

export interface TransactionProblem {
  readonly line: number;
  readonly externalId?: string;
  readonly field: string;
  readonly message: string;
}

export interface TransactionPlan {
  /** Orders to create, with the line each sale starts on (written like any import plan's). */
  readonly creates: PlannedCreate[];
  readonly duplicates: readonly { readonly line: number; readonly externalId: string }[];
  readonly problems: readonly TransactionProblem[];
  readonly sales: number;
}

export interface TransactionPlanOptions extends TransactionDefaults {
  /** Source of rows that have none (the file's touchpoint). */
  readonly source?: string;
  /** Whether an order with this id, or with this external id, is already in the workspace. */
  readonly exists: (orderId: string, externalId: string) => boolean;
}

/** Reads mapped rows into a plan; writes nothing (I4, I10). */
export function planTransactions(records: readonly CsvRecord[], mapping: TransactionMapping, customers: CustomerIndex, opts: TransactionPlanOptions): TransactionPlan {
  const problems: TransactionProblem[] = [];
  if (!mapping.includes('externalId')) problems.push({ line: 1, field: 'externalId', message: 'map a column to the external id' });
  if (!mapping.includes('customerId') && !mapping.includes('email') && !mapping.includes('phone')) problems.push({ line: 1, field: 'customer', message: 'map a column to the customer id, e-mail or phone' });
  if (!mapping.includes('amount') && !mapping.includes('price')) problems.push({ line: 1, field: 'amount', message: 'map a column to the amount or to the price' });
  if (problems.length) return { creates: [], duplicates: [], problems, sales: 0 };

  // Rows of one external id, in file order, are one sale.
  const sales = new Map<string, { line: number; rows: Record<string, string>[] }>();
  const anonymous: { line: number; rows: Record<string, string>[] }[] = [];
  for (const r of records) {
    const row: Record<string, string> = {};
    mapping.forEach((t, i) => {
      const v = (r.cells[i] ?? '').trim();
      if (t && v) row[t] = v;
    });
    if (!Object.keys(row).length) continue;
    const key = row.externalId;
    if (!key) anonymous.push({ line: r.line, rows: [row] });
    else {
      const sale = sales.get(key);
      if (sale) sale.rows.push(row);
      else sales.set(key, { line: r.line, rows: [row] });
    }
  }
  const creates: PlannedCreate[] = [];
  const duplicates: { line: number; externalId: string }[] = [];
  const report = (line: number, externalId: string | undefined, issues: readonly TransactionIssue[]): void => {
    for (const i of issues) problems.push({ line, ...(externalId ? { externalId } : {}), field: i.field, message: i.message });
  };
  for (const { line, rows } of [...anonymous, ...sales.values()]) {
    const first = rows[0]!;
    const input: Record<string, unknown> = {
      externalId: first.externalId,
      source: first.source ?? opts.source,
      customer: { ...(first.customerId ? { id: first.customerId } : {}), ...(first.email ? { email: first.email } : {}), ...(first.phone ? { phone: first.phone } : {}) },
      ...(first.date ? { date: first.date } : {}),
      ...(first.currency ? { currency: first.currency } : {}),
      ...(first.notes ? { notes: first.notes } : {}),
    };
    if (rows.some((r) => r.price !== undefined || r.product !== undefined)) {
      input.lines = rows.map((r) => ({ description: r.product ?? '', quantity: r.quantity ?? '1', price: r.price ?? r.amount ?? '' }));
    } else if (rows.length === 1) input.amount = first.amount ?? '';
    else input.lines = rows.map((r) => ({ description: 'Sale', quantity: '1', price: r.amount ?? '' }));
    const parsed = parseTransaction(input, opts);
    if ('issues' in parsed) {
      report(line, first.externalId, parsed.issues);
      continue;
    }
    const tx = parsed.ok;
    const id = orderIdFor(tx.externalId);
    if (opts.exists(id, tx.externalId)) {
      duplicates.push({ line, externalId: tx.externalId });
      continue;
    }
    const customer = customers.match(tx.customer);
    if (!customer) {
      report(line, tx.externalId, [{ field: 'customer', message: `no account or contact with ${describeCustomer(tx.customer)}` }]);
      continue;
    }
    creates.push({ collection: 'orders', line, id, values: orderValues(tx, customer) });
  }
  problems.sort((a, b) => a.line - b.line);
  return { creates, duplicates, problems, sales: anonymous.length + sales.size };
}
