// The order ingestion endpoint (relay/src/orders.ts, model SPEC T1–T4): a till, web shop or call
// centre appends orders with an ingest token; they reach devices through the log like any update.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeNewRecord, orderIdFor, readRecord, type CollectionName, type RecordId, type Values } from '@counterpart/model';
import type { StoredUpdate } from '@counterpart/protocol';
import { startRelay, type Relay } from '../src/server.ts';
import { connect, device, syncUrl } from './support/client.ts';

const SECRET = 'relay-test-secret-0123456789';
const relays: Relay[] = [];
const dirs: string[] = [];
const logged: Record<string, unknown>[] = [];

async function relay(orderLimits?: Parameters<typeof startRelay>[0]['orderLimits']): Promise<Relay> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cp-relay-orders-'));
  dirs.push(dataDir);
  const r = await startRelay({ port: 0, dataDir, secret: SECRET, log: (f) => void logged.push(f), ...(orderLimits ? { orderLimits } : {}) });
  relays.push(r);
  return r;
}

afterEach(async () => {
  for (const r of relays.splice(0)) await r.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ACME = 'acc_0000acme';
const ANN = 'con_0000anna';

function record(c: CollectionName, id: string, values: Values): { docId: string; update: Uint8Array } {
  const { doc, update } = encodeNewRecord(c, id as RecordId, values);
  doc.destroy();
  return { docId: id, update };
}

/** A workspace with one account and its contact, pushed by an owner's device. */
async function withCustomers(r: Relay): Promise<string> {
  const owner = r.auth.issue({ workspace: 'ws1', role: 'owner' });
  const d = await device(r.url, 'ws1', owner);
  d.send({ type: 'push', batch: 1, items: [
    record('accounts', ACME, { name: 'Acme', kind: 'customer', email: 'office@acme.test', phone: '+1 555 010 9999', ownerId: 'usr_0000rep1' }),
    record('contacts', ANN, { lastName: 'Lee', accountId: ACME, email: 'ann@acme.test', mobile: '+1 (555) 010-2030' }),
  ] });
  await d.next('ack', (m) => m.batch === 1);
  await d.close();
  return owner;
}

function send(r: Relay, token: string | undefined, body: unknown, workspace = 'ws1'): Promise<Response> {
  return fetch(`${r.url}/api/workspaces/${workspace}/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token !== undefined ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function ordersIn(items: readonly StoredUpdate[]): ReturnType<typeof readRecord>[] {
  return items.filter((i) => i.docId.startsWith('ord_')).map((i) => {
    const doc = new Y.Doc({ guid: i.docId });
    Y.applyUpdate(doc, i.update);
    return readRecord(doc);
  });
}

async function stored(r: Relay, owner: string): Promise<StoredUpdate[]> {
  const d = await device(r.url, 'ws1', owner);
  const items = d.received.filter((m) => m.type === 'updates').flatMap((m) => m.items);
  await d.close();
  return items;
}

describe('order ingestion endpoint', () => {
  it('[T1][T2] appends matched orders that a connected device receives live', async () => {
    const r = await relay();
    const owner = await withCustomers(r);
    const ingest = r.auth.issue({ workspace: 'ws1', role: 'ingest' });
    const live = await device(r.url, 'ws1', owner, 2);
    const res = await send(r, ingest, [
      { externalId: 'TILL-1', source: 'till', customer: { phone: '8 555 010 2030' }, date: '2026-02-03', lines: [{ description: 'Tea', quantity: 2, price: '3.50' }] },
      { externalId: 'WEB-9', source: 'web_shop', customer: { email: 'OFFICE@acme.test' }, amount: '10' },
      { externalId: 'CC-3', source: 'call_centre', customer: { id: ACME }, amount: 42, currency: 'USD' },
    ]);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { results: { externalId: string; id: string; status: string }[] };
    expect(body.results.map((x) => [x.externalId, x.status])).toEqual([['TILL-1', 'created'], ['WEB-9', 'created'], ['CC-3', 'created']]);
    expect(body.results[0]!.id).toBe(orderIdFor('TILL-1'));
    const got = await live.next('updates', (m) => m.items.filter((i) => i.docId.startsWith('ord_')).length === 3);
    const [till, web, cc] = ordersIn(got.items);
    expect(till!.values).toMatchObject({ number: 'TILL-1', externalId: 'TILL-1', source: 'pos', status: 'paid', accountId: ACME, contactId: ANN, ownerId: 'usr_0000rep1', orderedOn: '2026-02-03', currency: 'EUR' });
    expect(till!.values.lines).toEqual([expect.objectContaining({ description: 'Tea', quantity: 2, unitPrice: { amount: 350, currency: 'EUR' } })]);
    expect(web!.values).toMatchObject({ source: 'web', status: 'registered', accountId: ACME });
    expect(cc!.values).toMatchObject({ source: 'phone', accountId: ACME, currency: 'USD' });
    await live.close();
    expect(logged).toContainEqual(expect.objectContaining({ event: 'orders_ingested', workspace: 'ws1', created: 3 }));
  });

  it('[T3] the same external id twice is one order, the second answered as a duplicate', async () => {
    const r = await relay();
    const owner = await withCustomers(r);
    const ingest = r.auth.issue({ workspace: 'ws1', role: 'ingest' });
    const sale = { externalId: 'TILL-7', source: 'till', customer: { email: 'ann@acme.test' }, amount: '5' };
    expect((await send(r, ingest, sale)).status).toBe(201);
    const again = await send(r, ingest, [sale, { ...sale, externalId: 'TILL-8' }, { ...sale, externalId: 'TILL-8' }]);
    expect(again.status).toBe(201);
    expect(((await again.json()) as { results: { status: string }[] }).results.map((x) => x.status)).toEqual(['duplicate', 'created', 'duplicate']);
    const onlyDup = await send(r, ingest, sale);
    expect(onlyDup.status).toBe(200);
    expect(ordersIn(await stored(r, owner)).map((o) => o.values.externalId).sort()).toEqual(['TILL-7', 'TILL-8']);
  });

  it('[T1][T2] a batch with an invalid or unmatched sale is refused whole, each problem named', async () => {
    const r = await relay();
    const owner = await withCustomers(r);
    const ingest = r.auth.issue({ workspace: 'ws1', role: 'ingest' });
    const res = await send(r, ingest, [
      { externalId: 'OK-1', source: 'till', customer: { email: 'ann@acme.test' }, amount: '5' },
      { source: 'fax', customer: { email: 'ann@acme.test' }, amount: 'x' },
      { externalId: 'NO-1', source: 'till', customer: { email: 'stranger@nowhere.test' }, amount: '5' },
    ]);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; items: { index: number; externalId?: string; errors: { field: string }[] }[] };
    expect(body.error).toBe('2 of 3 orders are not valid; nothing was added');
    expect(body.items.map((i) => [i.index, i.externalId, i.errors.map((e) => e.field)])).toEqual([
      [1, undefined, ['externalId', 'source', 'amount']],
      [2, 'NO-1', ['customer']],
    ]);
    expect((await send(r, ingest, '{"externalId":')).status).toBe(400);
    expect(ordersIn(await stored(r, owner))).toEqual([]);
  });

  it('[T1] no token, a person’s token, another workspace’s and a revoked ingest token are refused and nothing is stored', async () => {
    const r = await relay();
    const owner = await withCustomers(r);
    const sale = { externalId: 'T-1', source: 'till', customer: { email: 'ann@acme.test' }, amount: '5' };
    expect((await send(r, undefined, sale)).status).toBe(401);
    expect((await send(r, `${r.auth.issue({ workspace: 'ws1', role: 'ingest' })}x`, sale)).status).toBe(401);
    const editor = await send(r, r.auth.issue({ workspace: 'ws1', role: 'editor' }), sale);
    expect(editor.status).toBe(403);
    expect(((await editor.json()) as { error: string }).error).toContain('ingest token');
    expect((await send(r, r.auth.issue({ workspace: 'ws2', role: 'ingest' }), sale)).status).toBe(403);
    const ingest = r.auth.issue({ workspace: 'ws1', role: 'ingest' });
    const { jti } = JSON.parse(Buffer.from(ingest.split('.')[1]!, 'base64url').toString()) as { jti: string };
    const rev = await fetch(`${r.url}/api/workspaces/ws1/revoke`, { method: 'POST', headers: { Authorization: `Bearer ${owner}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ jti }) });
    expect(rev.status).toBe(200);
    const revoked = await send(r, ingest, sale);
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: string }).error).toBe('token revoked');
    expect(ordersIn(await stored(r, owner))).toEqual([]);
  });

  it('[T1] an ingest token cannot open the sync socket or call the rest of the API', async () => {
    const r = await relay();
    const ingest = r.auth.issue({ workspace: 'ws1', role: 'ingest' });
    const closed = await connect(syncUrl(r.url, 'ws1', ingest)).closed;
    expect(closed.reason).toBe('an ingest token cannot open a workspace');
    expect((await fetch(`${r.url}/api/workspaces/ws1/whoami`, { headers: { Authorization: `Bearer ${ingest}` } })).status).toBe(401);
  });

  it('[T1] bodies over the limit and senders over the rate are refused', async () => {
    const r = await relay({ perClient: { burst: 2, perMinute: 1 }, perToken: { burst: 100, perMinute: 100 } });
    await withCustomers(r);
    const ingest = r.auth.issue({ workspace: 'ws1', role: 'ingest' });
    const huge = JSON.stringify({ externalId: 'x', source: 'till', customer: { id: ACME }, amount: '1', notes: 'n'.repeat(1_100_000) });
    expect((await send(r, ingest, huge)).status).toBe(413);
    expect((await send(r, ingest, { externalId: 'A', source: 'till', customer: { id: ACME }, amount: '1' })).status).toBe(201);
    const limited = await send(r, ingest, { externalId: 'B', source: 'till', customer: { id: ACME }, amount: '1' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
