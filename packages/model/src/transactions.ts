// Orders from the touchpoints: a till, a web shop or a call centre sends what was sold, and it
// is appended to the workspace as an order (model SPEC T1–T4). The relay's ingestion endpoint
// and the app's CSV import read the same input, match the customer the same way and derive the
// same order id from the external id, so a sale sent twice — or sent by the endpoint and also
// imported from a file — is one order.
import { ORDER_SOURCES, ORDER_STATUSES } from './collections.ts';
import { checkValue } from './fields.ts';
import { derivedSuffix, makeId, type RecordId } from './ids.ts';
import { isCurrencyCode, parseMoney, type Money } from './money.ts';
import type { Values } from './validate.ts';

/** The touchpoints, and the order source each one is recorded as. */
export const TOUCHPOINTS = { till: 'pos', web_shop: 'web', call_centre: 'phone' } as const;
export type Touchpoint = keyof typeof TOUCHPOINTS;
export type OrderSource = (typeof ORDER_SOURCES)[number];

export const MAX_EXTERNAL_ID = 200;
export const MAX_TRANSACTION_LINES = 500;

export interface TransactionLine {
  readonly description: string;
  readonly quantity: number;
  readonly unitPrice: Money;
}

/** Who bought: any of the keys; matched in this order (T2). */
export interface CustomerKey {
  readonly id?: string;
  readonly email?: string;
  readonly phone?: string;
}

export interface Transaction {
  readonly externalId: string;
  readonly source: OrderSource;
  readonly customer: CustomerKey;
  /** YYYY-MM-DD. */
  readonly orderedOn: string;
  readonly currency: string;
  readonly lines: readonly TransactionLine[];
  readonly status: (typeof ORDER_STATUSES)[number];
  readonly notes?: string;
}

export interface TransactionDefaults {
  readonly currency: string;
  /** Today, YYYY-MM-DD, for a sale given without a date. */
  readonly today: string;
}

/** One problem of one input, naming the field. */
export interface TransactionIssue {
  readonly field: string;
  readonly message: string;
}

const FIELDS = ['externalId', 'source', 'customer', 'date', 'amount', 'lines', 'currency', 'status', 'notes'];
const LINE_FIELDS = ['description', 'product', 'quantity', 'price', 'unitPrice'];

/**
 * Reads one transaction as the endpoint receives it (JSON): `externalId`, `source` (till,
 * web_shop, call_centre — or an order source), `customer` `{ id?, email?, phone? }`, `date`,
 * `currency`, and `lines` `[{ description, quantity, price }]` or `amount` (T1). Amounts are
 * decimal strings or numbers in major units (`"12.50"`).
 */
export function parseTransaction(raw: unknown, defaults: TransactionDefaults): { ok: Transaction } | { issues: TransactionIssue[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { issues: [{ field: '', message: 'must be an object' }] };
  const o = raw as Record<string, unknown>;
  const issues: TransactionIssue[] = [];
  const add = (field: string, message: string): void => void issues.push({ field, message });
  for (const k of Object.keys(o)) if (!FIELDS.includes(k)) add(k, 'is not a field of a transaction');

  const externalId = typeof o.externalId === 'number' ? String(o.externalId) : o.externalId;
  if (typeof externalId !== 'string' || !externalId.trim()) add('externalId', 'is required');
  else if (externalId.trim().length > MAX_EXTERNAL_ID) add('externalId', `is longer than ${MAX_EXTERNAL_ID} characters`);

  const source = readSource(o.source);
  if (source === undefined) add('source', `must be one of ${Object.keys(TOUCHPOINTS).join(', ')}`);

  const customer = readCustomer(o.customer, add);

  let orderedOn = defaults.today;
  if (o.date !== undefined && o.date !== null && o.date !== '') {
    const day = typeof o.date === 'string' ? o.date.trim().slice(0, 10) : undefined;
    const r = checkValue({ kind: 'date', label: 'Date' }, day);
    if (!r.ok || typeof r.value !== 'string') add('date', 'must be a date, YYYY-MM-DD');
    else orderedOn = r.value;
  }

  const currency = o.currency === undefined || o.currency === null || o.currency === '' ? defaults.currency : o.currency;
  if (!isCurrencyCode(currency)) add('currency', 'must be a currency code such as EUR');

  const cur = isCurrencyCode(currency) ? currency : defaults.currency;
  const lines: TransactionLine[] = [];
  if (o.lines !== undefined && o.amount !== undefined) add('lines', 'give lines or amount, not both');
  else if (Array.isArray(o.lines)) {
    if (!o.lines.length) add('lines', 'must have at least one line');
    if (o.lines.length > MAX_TRANSACTION_LINES) add('lines', `has more than ${MAX_TRANSACTION_LINES} lines`);
    else {
      o.lines.forEach((line: unknown, i) => {
        const at = `lines[${i}]`;
        if (typeof line !== 'object' || line === null) return add(at, 'must be an object');
        const l = line as Record<string, unknown>;
        for (const k of Object.keys(l)) if (!LINE_FIELDS.includes(k)) add(`${at}.${k}`, 'is not a field of a line');
        const description = l.description ?? l.product;
        if (typeof description !== 'string' || !description.trim()) add(`${at}.description`, 'is required');
        const quantity = typeof l.quantity === 'string' ? Number(l.quantity.replace(',', '.')) : l.quantity ?? 1;
        if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity <= 0) add(`${at}.quantity`, 'must be a number above 0');
        const price = readMoney(l.price ?? l.unitPrice, cur);
        if (!price) add(`${at}.price`, 'must be an amount such as 12.50');
        if (typeof description === 'string' && description.trim() && typeof quantity === 'number' && price) {
          lines.push({ description: description.trim().slice(0, 200), quantity, unitPrice: price });
        }
      });
    }
  } else if (o.lines !== undefined) add('lines', 'must be a list of lines');
  else if (o.amount !== undefined) {
    const amount = readMoney(o.amount, cur);
    if (!amount) add('amount', 'must be an amount such as 12.50');
    else lines.push({ description: 'Sale', quantity: 1, unitPrice: amount });
  } else add('amount', 'give lines or amount');

  let status: Transaction['status'] = source === 'pos' ? 'paid' : 'registered';
  if (o.status !== undefined) {
    if (typeof o.status !== 'string' || !(ORDER_STATUSES as readonly string[]).includes(o.status)) add('status', `must be one of ${ORDER_STATUSES.join(', ')}`);
    else status = o.status as Transaction['status'];
  }
  if (o.notes !== undefined && (typeof o.notes !== 'string' || o.notes.length > 5000)) add('notes', 'must be text of at most 5000 characters');

  if (issues.length) return { issues };
  return {
    ok: {
      externalId: (externalId as string).trim(), source: source!, customer, orderedOn, currency: cur, lines, status,
      ...(typeof o.notes === 'string' && o.notes.trim() ? { notes: o.notes.trim() } : {}),
    },
  };
}

function readSource(v: unknown): OrderSource | undefined {
  if (typeof v !== 'string') return undefined;
  const key = v.trim().toLowerCase().replace(/[\s-]+/g, '_').replace('center', 'centre');
  if (Object.hasOwn(TOUCHPOINTS, key)) return TOUCHPOINTS[key as Touchpoint];
  return (ORDER_SOURCES as readonly string[]).includes(key) ? (key as OrderSource) : undefined;
}

function readCustomer(v: unknown, add: (field: string, message: string) => void): CustomerKey {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    add('customer', 'must be an object with id, email or phone');
    return {};
  }
  const c = v as Record<string, unknown>;
  for (const k of Object.keys(c)) if (!['id', 'email', 'phone'].includes(k)) add(`customer.${k}`, 'is not a customer key: use id, email or phone');
  const out: { id?: string; email?: string; phone?: string } = {};
  if (c.id !== undefined && c.id !== null && c.id !== '') {
    if (typeof c.id !== 'string' || !/^(acc|con)_[0-9a-z]{4,40}$/.test(c.id)) add('customer.id', 'must be an account or contact id');
    else out.id = c.id;
  }
  if (c.email !== undefined && c.email !== null && c.email !== '') {
    const email = normaliseEmail(c.email);
    if (!email) add('customer.email', 'is not an e-mail address');
    else out.email = email;
  }
  if (c.phone !== undefined && c.phone !== null && c.phone !== '') {
    const phone = normalisePhone(c.phone);
    if (!phone) add('customer.phone', 'is not a phone number');
    else out.phone = phone;
  }
  if (!out.id && !out.email && !out.phone && c.id === undefined && c.email === undefined && c.phone === undefined) add('customer', 'give id, email or phone');
  return out;
}

function readMoney(v: unknown, currency: string): Money | undefined {
  if (typeof v === 'number') v = String(v);
  if (typeof v !== 'string') return undefined;
  const m = parseMoney(v, currency);
  return m && m.amount >= 0 ? m : undefined;
}

/** An e-mail address as matched: trimmed, lower case; undefined when it is not one (T2). */
export function normaliseEmail(v: unknown): string | undefined {
  const r = checkValue({ kind: 'email', label: 'E-mail' }, v);
  return r.ok && typeof r.value === 'string' ? r.value : undefined;
}

/**
 * A phone number as matched: its last ten digits (or all of them when shorter, at least five),
 * so "+1 555 010 2030", "(555) 010-2030" and "8 555 010 2030" are one number (T2).
 */
export function normalisePhone(v: unknown): string | undefined {
  const r = checkValue({ kind: 'phone', label: 'Phone' }, v);
  if (!r.ok || typeof r.value !== 'string') return undefined;
  const digits = r.value.replace(/\D/g, '');
  return digits.length >= 5 ? digits.slice(-10) : undefined;
}

/** The order id of a sale's external id: the same wherever it is computed (T3). */
export function orderIdFor(externalId: string): RecordId<'orders'> {
  const key = `order\u0000${externalId.trim()}`;
  return makeId('orders', `x${derivedSuffix(key, 3)}`);
}

/** A customer as matching finds it: the account the order belongs to and, if any, the contact. */
export interface MatchedCustomer {
  readonly accountId: string;
  readonly contactId?: string;
  readonly ownerId?: string;
}

/** The rows matching reads: accounts and contacts with the fields that identify them. */
export interface CustomerRow {
  readonly id: string;
  readonly accountId?: unknown;
  readonly email?: unknown;
  readonly phone?: unknown;
  readonly mobile?: unknown;
  readonly ownerId?: unknown;
}

/**
 * Accounts and contacts by id, e-mail and phone (T2). A contact's match is its account; a key
 * two customers share matches the one added first (contacts before accounts: a person's own
 * address is a closer match than a company's switchboard).
 */
export class CustomerIndex {
  private readonly accounts = new Map<string, CustomerRow>();
  private readonly contacts = new Map<string, CustomerRow>();
  private readonly byEmail = new Map<string, string>();
  private readonly byPhone = new Map<string, string>();

  constructor(accounts: Iterable<CustomerRow> = [], contacts: Iterable<CustomerRow> = []) {
    for (const c of contacts) this.set(c);
    for (const a of accounts) this.set(a);
  }

  /** Adds or replaces a row (by its id prefix); keys of its previous version are dropped. */
  set(row: CustomerRow): void {
    this.remove(row.id);
    (row.id.startsWith('con_') ? this.contacts : this.accounts).set(row.id, row);
    const email = normaliseEmail(row.email);
    if (email && !this.byEmail.has(email)) this.byEmail.set(email, row.id);
    for (const p of [row.phone, row.mobile]) {
      const phone = normalisePhone(p);
      if (phone && !this.byPhone.has(phone)) this.byPhone.set(phone, row.id);
    }
  }

  remove(id: string): void {
    if (!this.accounts.delete(id) && !this.contacts.delete(id)) return;
    for (const map of [this.byEmail, this.byPhone]) for (const [k, v] of map) if (v === id) map.delete(k);
  }

  match(key: CustomerKey): MatchedCustomer | undefined {
    const id = (key.id && (this.accounts.has(key.id) || this.contacts.has(key.id)) ? key.id : undefined)
      ?? (key.email ? this.byEmail.get(key.email) : undefined)
      ?? (key.phone ? this.byPhone.get(key.phone) : undefined);
    if (!id) return undefined;
    const contact = this.contacts.get(id);
    if (contact) {
      const accountId = typeof contact.accountId === 'string' ? contact.accountId : undefined;
      if (!accountId) return undefined;
      const owner = this.accounts.get(accountId)?.ownerId;
      return { accountId, contactId: id, ...(typeof owner === 'string' ? { ownerId: owner } : {}) };
    }
    const owner = this.accounts.get(id)?.ownerId;
    return { accountId: id, ...(typeof owner === 'string' ? { ownerId: owner } : {}) };
  }
}

/** Why a sale's customer was not matched, for its error. */
export function describeCustomer(key: CustomerKey): string {
  return [key.id && `id ${key.id}`, key.email && `e-mail ${key.email}`, key.phone && `phone …${key.phone}`].filter(Boolean).join(', ');
}

/** The order record of a matched transaction (T4). */
export function orderValues(tx: Transaction, customer: MatchedCustomer): Values {
  return {
    number: tx.externalId,
    externalId: tx.externalId,
    source: tx.source,
    status: tx.status,
    orderedOn: tx.orderedOn,
    currency: tx.currency,
    accountId: customer.accountId,
    ...(customer.contactId ? { contactId: customer.contactId } : {}),
    ...(customer.ownerId ? { ownerId: customer.ownerId } : {}),
    ...(tx.status === 'paid' ? { paidOn: tx.orderedOn } : {}),
    lines: tx.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitPrice: l.unitPrice })),
    ...(tx.notes ? { notes: tx.notes } : {}),
  };
}
