// Orders from the touchpoints — a till, a web shop, a call centre — taken in by the relay while
// every device may be offline (model SPEC T1–T4):
//
//   POST /api/workspaces/<ws>/orders   ingest token   one sale or an array of them (JSON)
//        → 201 { results: [{ externalId, id, status: "created" | "duplicate" }] } (200 when all are duplicates)
//        → 400 { error, items: [{ index, externalId?, errors: [{ field, message }] }] }: nothing added
//
// Each sale is checked, its customer matched by id, e-mail or phone against the relay's index of
// the workspace's accounts and contacts (customers.ts), and written to the workspace's log as the
// first update of an order record, as a device builds it, so connected devices receive it at once
// and the others when they next sync. The order's id derives from the external id, so a sale sent
// again (or also imported from a file on a device) is reported as a duplicate and stored once.
// A batch is all or nothing: one invalid or unmatched sale and none is added. Requests are limited
// per token and per client address, and in size.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  describeCustomer, encodeNewRecord, isCurrencyCode, orderIdFor, orderValues, parseTransaction,
  type Transaction, type TransactionIssue,
} from '@counterpart/model';
import { isValidId } from '@counterpart/protocol';
import { ABORTED, TOO_LARGE, readBody, sendJson } from './api.ts';
import type { Auth } from './auth.ts';
import { CustomerDirectory } from './customers.ts';
import type { Hub } from './hub.ts';
import { log as stdoutLog, type Logger } from './log.ts';
import { RateLimiter, type RateLimit } from './rate-limit.ts';
import { requestPath } from './request-path.ts';
import type { RelayStorage } from './storage.ts';
import { readSettingsDoc } from './settings-doc.ts';

export const MAX_ORDERS_BODY_BYTES = 1024 * 1024;
export const MAX_ORDERS_PER_REQUEST = 1_000;

export interface OrderLimits {
  readonly perClient: RateLimit;
  readonly perToken: RateLimit;
}

export const DEFAULT_ORDER_LIMITS: OrderLimits = {
  perClient: { burst: 60, perMinute: 120 },
  perToken: { burst: 60, perMinute: 120 },
};

export type OrdersHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

interface ItemError {
  readonly index: number;
  readonly externalId?: string;
  readonly errors: readonly TransactionIssue[];
}

export function createOrdersHandler(auth: Auth, storage: RelayStorage, hub: Hub, limits: OrderLimits = DEFAULT_ORDER_LIMITS, log: Logger = stdoutLog): OrdersHandler {
  const byClient = new RateLimiter(limits.perClient);
  const byToken = new RateLimiter(limits.perToken);
  const customers = new CustomerDirectory(storage);
  // One batch at a time per workspace, so two sends of one sale cannot both find it new.
  const queues = new Map<string, Promise<unknown>>();
  return async (req, res) => {
    const parts = (requestPath(req) ?? '').split('/');
    if (parts.length !== 5 || parts[1] !== 'api' || parts[2] !== 'workspaces' || parts[4] !== 'orders') return false;
    const workspace = parts[3] ?? '';
    if (req.method !== 'POST') return send(res, 405, { error: 'use POST' }, { Allow: 'POST' });
    if (!isValidId(workspace)) return send(res, 400, { error: 'invalid workspace id' });
    const header = req.headers.authorization ?? '';
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    if (!match) return send(res, 401, { error: header.trim() ? 'the Authorization header must be "Bearer <token>"' : 'missing bearer token' }, { 'WWW-Authenticate': 'Bearer' });
    const verdict = auth.verifyIngest(match[1], workspace);
    if (!verdict.ok) {
      if (verdict.wrongRole || verdict.reason === 'token is for another workspace') return send(res, 403, { error: verdict.reason });
      return send(res, 401, { error: verdict.reason }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    }
    const wait = Math.max(byClient.take(req.socket.remoteAddress ?? 'unknown'), byToken.take(verdict.claims.jti));
    if (wait > 0) {
      log({ event: 'orders_rate_limited', workspace, token: verdict.claims.jti });
      return send(res, 429, { error: `too many requests; try again in ${wait} s` }, { 'Retry-After': String(wait) });
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return send(res, 415, { error: 'send JSON (Content-Type: application/json)' });
    const body = await readBody(req, MAX_ORDERS_BODY_BYTES);
    if (body === ABORTED) return true;
    if (body === TOO_LARGE) return send(res, 413, { error: `the body is larger than ${MAX_ORDERS_BODY_BYTES} bytes` });
    let raw: unknown;
    try {
      raw = JSON.parse(body.toString('utf8'));
    } catch {
      return send(res, 400, { error: 'the body is not valid JSON' });
    }
    const inputs = Array.isArray(raw) ? raw : [raw];
    if (!inputs.length) return send(res, 400, { error: 'the array has no orders' });
    if (inputs.length > MAX_ORDERS_PER_REQUEST) return send(res, 413, { error: `at most ${MAX_ORDERS_PER_REQUEST} orders per request` });

    const run = (queues.get(workspace) ?? Promise.resolve()).then(() => ingest(workspace, inputs));
    const settled = run.catch(() => undefined);
    queues.set(workspace, settled);
    void settled.then(() => {
      if (queues.get(workspace) === settled) queues.delete(workspace);
    });
    const outcome = await run;
    if ('items' in outcome) return send(res, 400, outcome);
    const created = outcome.results.filter((r) => r.status === 'created').length;
    log({ event: 'orders_ingested', workspace, token: verdict.claims.jti, created, duplicates: outcome.results.length - created });
    return send(res, created ? 201 : 200, outcome);
  };

  async function ingest(workspace: string, inputs: readonly unknown[]): Promise<{ results: { externalId: string; id: string; status: 'created' | 'duplicate' }[] } | { error: string; items: ItemError[] }> {
    const defaults = { currency: workspaceCurrency(storage, workspace), today: new Date().toISOString().slice(0, 10) };
    const index = customers.index(workspace);
    const errors: ItemError[] = [];
    const results: { externalId: string; id: string; status: 'created' | 'duplicate' }[] = [];
    const updates: { docId: string; update: Uint8Array }[] = [];
    const seen = new Set<string>();
    const now = Date.now();
    inputs.forEach((input, i) => {
      const parsed = parseTransaction(input, defaults);
      const externalId = externalIdOf(input);
      if ('issues' in parsed) return void errors.push({ index: i, ...(externalId ? { externalId } : {}), errors: parsed.issues });
      const tx: Transaction = parsed.ok;
      const id = orderIdFor(tx.externalId);
      if (seen.has(id) || storage.docUpdateCount(workspace, id) > 0) return void results.push({ externalId: tx.externalId, id, status: 'duplicate' });
      const customer = index.match(tx.customer);
      if (!customer) return void errors.push({ index: i, externalId: tx.externalId, errors: [{ field: 'customer', message: `no account or contact with ${describeCustomer(tx.customer)}` }] });
      seen.add(id);
      const { doc, update } = encodeNewRecord('orders', id, orderValues(tx, customer), { now });
      doc.destroy();
      updates.push({ docId: id, update });
      results.push({ externalId: tx.externalId, id, status: 'created' });
    });
    if (errors.length) {
      return { error: `${errors.length} of ${inputs.length} ${inputs.length === 1 ? 'order is' : 'orders are'} not valid; nothing was added`, items: errors };
    }
    if (updates.length) await hub.post(workspace, updates);
    return { results };
  }
}

function externalIdOf(input: unknown): string | undefined {
  const v = typeof input === 'object' && input !== null ? (input as { externalId?: unknown }).externalId : undefined;
  return typeof v === 'string' || typeof v === 'number' ? String(v).slice(0, 200) : undefined;
}

/** The workspace's currency from its settings doc as stored (EUR when it has none). */
function workspaceCurrency(storage: RelayStorage, workspace: string): string {
  try {
    return readSettingsDoc(storage, workspace, (doc) => {
      const currency = doc.getMap<unknown>('ws').get('currency');
      return isCurrencyCode(currency) ? currency : 'EUR';
    });
  } catch {
    return 'EUR';
  }
}

function send(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): true {
  sendJson(res, status, value, headers);
  return true;
}
