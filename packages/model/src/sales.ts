// The life of a quote and an order (SPEC R13, R14): which status may follow which, what a step
// writes (its date, the approval), when a quote needs a manager's approval, the order an
// accepted quote becomes, and lines asking for more than is in stock. Each step returns the
// patch to save; a step that is not allowed throws SalesError and changes nothing.
import type { QUOTE_STATUSES, ORDER_STATUSES } from './collections.ts';
import { newLineId } from './record-doc.ts';
import { effectiveDiscountPct, type PricedLine } from './pricing.ts';
import type { Values } from './validate.ts';

export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type SalesErrorReason =
  | 'invalid-transition'
  | 'needs-approval'
  | 'no-lines'
  | 'expired'
  | 'no-approval-needed'
  | 'not-requested'
  | 'already-ordered';

export class SalesError extends Error {
  override readonly name = 'SalesError';
  constructor(
    readonly reason: SalesErrorReason,
    message: string,
    /** The statuses involved, for a message in the UI's language. */
    readonly detail: { readonly from?: string; readonly to?: string; readonly on?: string } = {},
  ) {
    super(message);
  }
}

/** Which statuses may follow each quote status. Accepted, rejected and expired are final. */
export const QUOTE_FLOW: Readonly<Record<QuoteStatus, readonly QuoteStatus[]>> = {
  draft: ['sent'],
  sent: ['accepted', 'rejected', 'expired'],
  accepted: [],
  rejected: [],
  expired: [],
};

/** Each order status and the steps that may follow; a paid or cancelled order is final. */
export const ORDER_FLOW: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  registered: ['confirmed', 'cancelled'],
  confirmed: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: ['paid'],
  paid: [],
  cancelled: [],
};

/** The date field each order step keeps. */
export const ORDER_STEP_DATE: Readonly<Partial<Record<OrderStatus, string>>> = {
  confirmed: 'confirmedOn',
  shipped: 'shippedOn',
  delivered: 'deliveredOn',
  paid: 'paidOn',
  cancelled: 'cancelledOn',
};

function statusOf<S extends string>(flow: Readonly<Record<S, readonly S[]>>, value: unknown, fallback: S): S {
  return typeof value === 'string' && Object.hasOwn(flow, value) ? (value as S) : fallback;
}

function refuse(from: string, to: string, what: 'quote' | 'order'): never {
  const article = what === 'order' ? 'An' : 'A';
  throw new SalesError('invalid-transition', `${article} ${what} that is ${from} cannot become ${to}`, { from, to });
}

function linesOf(values: Values): PricedLine[] {
  return Array.isArray(values.lines) ? (values.lines as PricedLine[]) : [];
}

/** The discount of a quote that counts against the approval threshold (pricing.ts). */
export function quoteDiscountPct(quote: Values): number {
  return effectiveDiscountPct(linesOf(quote), typeof quote.discountPct === 'number' ? quote.discountPct : 0);
}

export type ApprovalNeed =
  /** The discount is within the threshold, or an approval covers it. */
  | 'none'
  /** Above the threshold and nobody has asked yet (or the discount grew past an approval). */
  | 'ask'
  /** Asked; waiting for an owner. */
  | 'waiting'
  /** An owner declined this discount. */
  | 'declined';

/**
 * Whether a quote may go out as it stands. An approval covers the discount it was given for
 * (`approvedPct`): raise a discount after it and the quote needs a new one.
 */
export function approvalNeed(quote: Values, thresholdPct: number): ApprovalNeed {
  const pct = quoteDiscountPct(quote);
  if (pct <= thresholdPct) return 'none';
  const approvedPct = typeof quote.approvedPct === 'number' ? quote.approvedPct : -1;
  if (quote.approval === 'approved' && pct <= approvedPct) return 'none';
  if (quote.approval === 'requested') return 'waiting';
  if (quote.approval === 'declined' && pct > approvedPct) return 'declined';
  return 'ask';
}

/** Asks for an owner's approval of the quote's discount. */
export function requestApproval(quote: Values, thresholdPct: number): Values {
  const need = approvalNeed(quote, thresholdPct);
  if (need === 'none') {
    throw new SalesError('no-approval-needed', `A discount of ${quoteDiscountPct(quote)} % is within ${thresholdPct} %: no approval is needed`);
  }
  if (need === 'waiting') return {};
  return { approval: 'requested', approvedPct: null, approvalBy: null, approvalAt: null };
}

/**
 * An owner approves or declines the discount asked for. Approving covers the discount as it is
 * now; the decision names who made it and when.
 */
export function decideApproval(quote: Values, approve: boolean, by: { name: string; at: number }): Values {
  if (quote.approval !== 'requested') {
    throw new SalesError('not-requested', 'Nobody has asked for an approval of this quote');
  }
  return {
    approval: approve ? 'approved' : 'declined',
    approvedPct: approve ? quoteDiscountPct(quote) : null,
    approvalBy: by.name.trim() || null,
    approvalAt: by.at,
  };
}

/**
 * Moves a quote to `to` on `today` (YYYY-MM-DD). Sending needs lines and, above the threshold,
 * an approval; a quote past its validity date cannot be accepted. Returns the patch to save.
 */
export function quoteStep(quote: Values, to: QuoteStatus, ctx: { today: string; thresholdPct: number }): Values {
  const from = statusOf(QUOTE_FLOW, quote.status, 'draft');
  if (!QUOTE_FLOW[from].includes(to)) refuse(from, to, 'quote');
  if (to === 'sent') {
    if (!linesOf(quote).some((l) => typeof l.quantity === 'number' && l.quantity > 0)) {
      throw new SalesError('no-lines', 'A quote needs at least one line before it is sent');
    }
    if (approvalNeed(quote, ctx.thresholdPct) !== 'none') {
      throw new SalesError('needs-approval', `A discount above ${ctx.thresholdPct} % needs an owner's approval before the quote is sent`);
    }
    return { status: 'sent', sentOn: ctx.today, ...(typeof quote.issuedOn === 'string' ? {} : { issuedOn: ctx.today }) };
  }
  if (to === 'accepted' && typeof quote.validUntil === 'string' && quote.validUntil < ctx.today) {
    throw new SalesError('expired', `The quote was valid until ${quote.validUntil}: extend it before it is accepted`, { on: quote.validUntil });
  }
  if (to === 'accepted' && typeof quote.orderId === 'string') {
    throw new SalesError('already-ordered', 'This quote has an order already');
  }
  return { status: to, decidedOn: ctx.today };
}

/** The step an order takes next in the ordinary course (cancelling aside), if any. */
export function nextOrderStatus(status: unknown): OrderStatus | undefined {
  const from = statusOf(ORDER_FLOW, status, 'registered');
  return ORDER_FLOW[from].find((s) => s !== 'cancelled');
}

/** Moves an order to `to` on `today`, keeping the day of the step in its date field. */
export function orderStep(order: Values, to: OrderStatus, today: string): Values {
  const from = statusOf(ORDER_FLOW, order.status, 'registered');
  if (!ORDER_FLOW[from].includes(to)) refuse(from, to, 'order');
  const field = ORDER_STEP_DATE[to];
  return { status: to, ...(field ? { [field]: today } : {}) };
}

/**
 * The order an accepted quote becomes: the same customer, contact, currency, discount and lines
 * (each line with an id of its own), linked to the quote.
 */
export function orderFromQuote(quote: Values & { id: string }, ctx: { number: string; today: string }): Values {
  const lines = linesOf(quote).map((l) => {
    const { id: _id, ...rest } = l as PricedLine & { id?: string };
    return { ...rest, id: newLineId() };
  });
  const copy = (k: string): Values => (quote[k] === undefined || quote[k] === null ? {} : { [k]: quote[k] });
  return {
    number: ctx.number,
    ...copy('accountId'),
    ...copy('contactId'),
    ...copy('ownerId'),
    ...copy('currency'),
    ...copy('discountPct'),
    quoteId: quote.id,
    status: 'registered',
    source: 'quote',
    orderedOn: ctx.today,
    lines,
  };
}

/**
 * The next document number of a series: `<prefix>-<year>-<n>` with n one more than the highest
 * of that year among `existing`, padded to `width` digits.
 */
export function nextNumber(prefix: string, year: number, existing: Iterable<unknown>, width = 6): string {
  const head = `${prefix}-${year}-`;
  let max = 0;
  for (const n of existing) {
    if (typeof n !== 'string' || !n.startsWith(head)) continue;
    const k = Number(n.slice(head.length));
    if (Number.isSafeInteger(k) && k > max) max = k;
  }
  return `${head}${String(max + 1).padStart(width, '0')}`;
}

export interface StockShortage {
  /** Position of the line (0-based). */
  readonly line: number;
  readonly productId: string;
  readonly quantity: number;
  readonly stock: number;
  /** When more arrives (YYYY-MM-DD), if the product says. */
  readonly availableOn?: string;
}

/**
 * Lines asking for more of a product than is on hand. Lines of one product count together;
 * products without a stock figure are not checked.
 */
export function stockShortages(
  lines: readonly { productId?: string; quantity?: number }[] | undefined,
  product: (id: string) => Readonly<Record<string, unknown>> | undefined,
): StockShortage[] {
  const wanted = new Map<string, number>();
  for (const l of lines ?? []) {
    if (typeof l.productId === 'string' && typeof l.quantity === 'number') {
      wanted.set(l.productId, (wanted.get(l.productId) ?? 0) + l.quantity);
    }
  }
  const out: StockShortage[] = [];
  const seen = new Set<string>();
  (lines ?? []).forEach((l, i) => {
    if (typeof l.productId !== 'string' || seen.has(l.productId)) return;
    seen.add(l.productId);
    const p = product(l.productId);
    const stock = p?.stock;
    const quantity = wanted.get(l.productId) ?? 0;
    if (typeof stock !== 'number' || quantity <= stock) return;
    out.push({
      line: i,
      productId: l.productId,
      quantity,
      stock,
      ...(typeof p?.availableOn === 'string' ? { availableOn: p.availableOn } : {}),
    });
  });
  return out;
}
