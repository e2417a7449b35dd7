// The steps of a quote and an order as the app takes them: each reads the record as it is now,
// asks the model whether the step is allowed (model SPEC R13, R14), and saves the patch. A step
// that is refused shows why, in the UI's language, and writes nothing. Loaded with the sales
// panels, not with the first screen.
import {
  decideApproval, nextNumber, orderFromQuote, orderStep, quoteStep, requestApproval, SalesError,
  type OrderStatus, type QuoteStatus, type Row, type Values,
} from '@counterpart/model';
import type { WorkspaceStore } from '@counterpart/store';
import { today } from './catalog.ts';
import { handleError } from './errors.ts';
import { formatDate, formatNumber } from './format.ts';
import { optionLabel } from './i18n.ts';
import { notices } from './notices.svelte.ts';
import { presence } from './presence.svelte.ts';
import { st } from './sales-i18n.ts';
import { sync } from './sync.svelte.ts';

/**
 * Whether this device may decide approvals: the owner of a workspace shared through a relay, or
 * the only person of one kept on this device.
 */
export function canApprove(connected: boolean): boolean {
  return connected ? sync.status?.role === 'owner' : true;
}

/** A workflow refusal in the UI's words. */
export function salesMessage(err: SalesError, thresholdPct: number): string {
  switch (err.reason) {
    case 'invalid-transition': return st.errInvalid(optionLabel(err.detail.from ?? ''), optionLabel(err.detail.to ?? ''));
    case 'needs-approval': return st.errNeedsApproval(formatNumber(thresholdPct));
    case 'no-lines': return st.errNoLines;
    case 'expired': return st.errExpired(formatDate(err.detail.on ?? ''));
    case 'already-ordered': return st.errAlreadyOrdered;
    case 'not-requested': return st.errNotRequested;
    case 'no-approval-needed': return st.errNoApprovalNeeded;
  }
}

/** Runs a step; a refusal becomes an error toast. Resolves to whether it was saved. */
async function step(store: WorkspaceStore, run: () => Promise<void>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (err) {
    if (err instanceof SalesError) notices.toast(salesMessage(err, store.settings.approvalPct), { kind: 'error' });
    else handleError(err);
    return false;
  }
}

/** The record as stored now: a step never works from a stale copy on screen. */
async function current(store: WorkspaceStore, collection: 'quotes' | 'orders', id: string): Promise<Row> {
  const row = await store.get(collection, id);
  if (!row) throw new Error(`${collection} ${id} is not on this device`);
  return row;
}

export function moveQuote(store: WorkspaceStore, id: string, to: Exclude<QuoteStatus, 'accepted'>): Promise<boolean> {
  return step(store, async () => {
    const quote = await current(store, 'quotes', id);
    await store.update('quotes', id, quoteStep(quote, to, { today: today(), thresholdPct: store.settings.approvalPct }));
    notices.toast(to === 'sent' ? st.quoteSent : st.quoteStatusSet(optionLabel(to)), { kind: 'success' });
  });
}

export function askApproval(store: WorkspaceStore, id: string): Promise<boolean> {
  return step(store, async () => {
    const quote = await current(store, 'quotes', id);
    await store.update('quotes', id, requestApproval(quote, store.settings.approvalPct));
    notices.toast(st.approvalRequested, { kind: 'success' });
  });
}

export function decide(store: WorkspaceStore, id: string, approve: boolean): Promise<boolean> {
  return step(store, async () => {
    const quote = await current(store, 'quotes', id);
    await store.update('quotes', id, decideApproval(quote, approve, { name: presence.name, at: Date.now() }));
    notices.toast(approve ? st.approved : st.declined, { kind: 'success' });
  });
}

/** The next number of a series among the records this device holds. */
async function numberFor(store: WorkspaceStore, collection: 'orders' | 'quotes'): Promise<string> {
  const year = new Date().getFullYear();
  const rows = await store.rows(collection, await store.ids(collection, { orderBy: 'number' }));
  return collection === 'orders'
    ? nextNumber('SO', year, rows.map((r) => r.number))
    : nextNumber('Q', year, rows.map((r) => r.number), 5);
}

/**
 * The customer accepts: an order with the quote's lines is registered and linked both ways.
 * The order is written first, so a failure in between leaves an order pointing at the quote,
 * which a second try finds and links instead of ordering twice.
 */
export async function acceptQuote(store: WorkspaceStore, id: string): Promise<string | undefined> {
  let orderId: string | undefined;
  await step(store, async () => {
    const quote = await current(store, 'quotes', id);
    const day = today();
    const patch = quoteStep(quote, 'accepted', { today: day, thresholdPct: store.settings.approvalPct });
    const existing = typeof quote.accountId === 'string'
      ? (await store.where('orders', 'accountId', quote.accountId)).find((o) => o.quoteId === id)
      : undefined;
    orderId = existing?.id ?? (await store.create('orders', orderFromQuote(quote, { number: await numberFor(store, 'orders'), today: day })));
    await store.update('quotes', id, { ...patch, orderId });
    const order = await store.get('orders', orderId);
    notices.toast(st.orderCreated(typeof order?.number === 'string' ? order.number : ''), { kind: 'success' });
  });
  return orderId;
}

export function moveOrder(store: WorkspaceStore, id: string, to: OrderStatus): Promise<boolean> {
  return step(store, async () => {
    const order = await current(store, 'orders', id);
    await store.update('orders', id, orderStep(order, to, today()));
    notices.toast(st.orderStatusSet(optionLabel(to)), { kind: 'success' });
  });
}

/** What a new quote or order for an account starts with (the dialog asks for the rest). */
export async function newDocumentValues(store: WorkspaceStore, collection: 'orders' | 'quotes', accountId: string): Promise<Values> {
  const number = await numberFor(store, collection);
  const currency = store.settings.currency;
  return collection === 'orders'
    ? { number, accountId, status: 'registered', orderedOn: today(), currency, source: 'field' }
    : { number, accountId, status: 'draft', issuedOn: today(), currency };
}

/** An order taken during a call or visit: the activity's customer and contact, linked to it. */
export async function orderFromActivity(store: WorkspaceStore, activity: Row): Promise<string | undefined> {
  if (typeof activity.accountId !== 'string') {
    notices.toast(st.errNoAccount, { kind: 'error' });
    return undefined;
  }
  try {
    const values = await newDocumentValues(store, 'orders', activity.accountId);
    const phone = activity.type === 'call' || activity.channel === 'phone';
    return await store.create('orders', {
      ...values,
      source: phone ? 'phone' : 'field',
      activityId: activity.id,
      ...(typeof activity.contactId === 'string' ? { contactId: activity.contactId } : {}),
      ...(typeof activity.userId === 'string' ? { ownerId: activity.userId } : {}),
    });
  } catch (err) {
    handleError(err);
    return undefined;
  }
}

/** An account's orders, newest first (by order date, then number). */
export async function purchaseHistory(store: WorkspaceStore, accountId: string): Promise<Row[]> {
  const orders = await store.where('orders', 'accountId', accountId);
  const key = (r: Row): string => `${typeof r.orderedOn === 'string' ? r.orderedOn : ''}\u0000${typeof r.number === 'string' ? r.number : ''}`;
  return orders.sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}
