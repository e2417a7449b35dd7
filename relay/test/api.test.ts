import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE, parseToken } from '@counterpart/protocol';
import { MAX_API_BODY_BYTES, createApiHandler } from '../src/api.ts';
import { Auth } from '../src/auth.ts';
import { BlobStore } from '../src/blobs.ts';

const SECRET = 'api-test-secret-of-enough-length';

let dir: string;
let auth: Auth;
let server: Server;
let base: string;
let owner: string;
let editor: string;
let viewer: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cp-relay-api-'));
  auth = await Auth.open(dir, SECRET);
  const api = createApiHandler(auth, new BlobStore(dir));
  // A bare server: anything the API does not claim is a plain 404, as the relay's router does.
  server = createServer((req, res) => {
    api(req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404, { 'X-Fallthrough': '1' }).end('not api');
      },
      (error: unknown) => {
        res.writeHead(500).end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  owner = auth.issue({ workspace: 'ws1', role: 'owner' });
  editor = auth.issue({ workspace: 'ws1', role: 'editor' });
  viewer = auth.issue({ workspace: 'ws1', role: 'viewer' });
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function call(method: string, path: string, opts: { token?: string; body?: unknown; raw?: string; authorization?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (opts.token !== undefined) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.authorization !== undefined) headers.Authorization = opts.authorization;
  let body: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  if (res.headers.get('x-fallthrough')) return { status: res.status, headers: res.headers, body: { fallthrough: text } };
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(res.headers.get('cache-control')).toBe('no-store');
  return { status: res.status, headers: res.headers, body: JSON.parse(text) as Record<string, unknown> };
}

function expectError(answer: Answer, status: number, message?: RegExp): void {
  expect(answer.status).toBe(status);
  expect(typeof answer.body.error).toBe('string');
  if (message) expect(answer.body.error).toMatch(message);
}

describe('POST /api/workspaces/<ws>/invites', () => {
  it('lets an owner create an invite for each role, with or without expiry', async () => {
    for (const role of ['editor', 'viewer', 'owner'] as const) {
      const before = Math.floor(Date.now() / 1000);
      const res = await call('POST', '/api/workspaces/ws1/invites', { token: owner, body: { role, ttl: '7d' } });
      expect(res.status).toBe(201);
      const { token, jti, expiresAt } = res.body;
      expect(res.body.role).toBe(role);
      expect(typeof token).toBe('string');
      const verdict = auth.verify(String(token), 'ws1');
      expect(verdict.ok && verdict.claims).toMatchObject({ ws: 'ws1', role, jti });
      expect(expiresAt).toBeGreaterThanOrEqual(before + 7 * 86_400);
      expect(expiresAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 7 * 86_400);
    }
    const forever = await call('POST', '/api/workspaces/ws1/invites', { token: owner, body: { role: 'viewer' } });
    expect(forever.status).toBe(201);
    expect(forever.body.expiresAt).toBeNull();
    expect(parseToken(String(forever.body.token)).claims.exp).toBeUndefined();
  });

  it('is for owners only', async () => {
    expectError(await call('POST', '/api/workspaces/ws1/invites', { token: editor, body: { role: 'viewer' } }), 403, /owner/);
    expectError(await call('POST', '/api/workspaces/ws1/invites', { token: viewer, body: { role: 'viewer' } }), 403);
  });

  it('is for owners of that workspace only', async () => {
    const elsewhere = auth.issue({ workspace: 'ws2', role: 'owner' });
    expectError(await call('POST', '/api/workspaces/ws1/invites', { token: elsewhere, body: { role: 'viewer' } }), 403, /another workspace/);
  });

  it('rejects a bad body with 400', async () => {
    const bad: [string | undefined, unknown][] = [
      ['{not json', undefined],
      ['', undefined],
      [undefined, []],
      [undefined, 'editor'],
      [undefined, {}],
      [undefined, { role: 'admin' }],
      [undefined, { role: 'editor', ttl: 'forever' }],
      [undefined, { role: 'editor', ttl: '0d' }],
      [undefined, { role: 'editor', ttl: 3600 }],
      [undefined, { role: 'editor', tll: '7d' }],
    ];
    for (const [raw, body] of bad) {
      const res = await call('POST', '/api/workspaces/ws1/invites', { token: owner, ...(raw !== undefined ? { raw } : { body }) });
      expectError(res, 400);
    }
  });

  it('rejects a body over 16 KiB with 413, declared or streamed', async () => {
    const big = JSON.stringify({ role: 'editor', pad: 'x'.repeat(MAX_API_BODY_BYTES) });
    expectError(await call('POST', '/api/workspaces/ws1/invites', { token: owner, raw: big }), 413);

    // Chunked, so the size is only known while reading.
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${base}/api/workspaces/ws1/invites`, { method: 'POST', headers: { Authorization: `Bearer ${owner}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write('x'.repeat(1024));
      req.end();
    });
    expect(status).toBe(413);

    // Exactly at the limit is still accepted.
    const atLimit = JSON.stringify({ role: 'editor' }).padEnd(MAX_API_BODY_BYTES, ' ');
    expect((await call('POST', '/api/workspaces/ws1/invites', { token: owner, raw: atLimit })).status).toBe(201);
  });
});

describe('POST /api/workspaces/<ws>/revoke', () => {
  it('lets an owner revoke a token, which then no longer works', async () => {
    const invite = await call('POST', '/api/workspaces/ws1/invites', { token: owner, body: { role: 'editor' } });
    const token = String(invite.body.token);
    const jti = String(invite.body.jti);
    expect((await call('GET', '/api/workspaces/ws1/whoami', { token })).status).toBe(200);

    const res = await call('POST', '/api/workspaces/ws1/revoke', { token: owner, body: { jti } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revoked: jti });
    expect(auth.isRevoked(jti, 'ws1')).toBe(true);
    const verdict = auth.verify(token, 'ws1');
    expect(verdict.ok ? 0 : verdict.code).toBe(CLOSE.revoked);
    expectError(await call('GET', '/api/workspaces/ws1/whoami', { token }), 401, /revoked/);

    // Again: still fine.
    expect((await call('POST', '/api/workspaces/ws1/revoke', { token: owner, body: { jti } })).status).toBe(200);
    // Durable.
    expect((await Auth.open(dir, SECRET)).isRevoked(jti, 'ws1')).toBe(true);
  });

  it('cannot touch another workspace’s tokens', async () => {
    const other = auth.issue({ workspace: 'ws2', role: 'editor' });
    const res = await call('POST', '/api/workspaces/ws1/revoke', { token: owner, body: { jti: parseToken(other).claims.jti } });
    expect(res.status).toBe(200);
    expect(auth.verify(other, 'ws2').ok).toBe(true);
  });

  it('is for owners only, and needs a token id', async () => {
    const { jti } = parseToken(viewer).claims;
    expectError(await call('POST', '/api/workspaces/ws1/revoke', { token: editor, body: { jti } }), 403);
    expectError(await call('POST', '/api/workspaces/ws1/revoke', { token: owner, body: {} }), 400, /jti/);
    expectError(await call('POST', '/api/workspaces/ws1/revoke', { token: owner, body: { jti: 42 } }), 400);
    expectError(await call('POST', '/api/workspaces/ws1/revoke', { token: owner, body: { jti: 'a b' } }), 400);
    expect(auth.isRevoked(jti)).toBe(false);
  });
});

async function createInvite(role: 'owner' | 'editor' | 'viewer', ttl?: string): Promise<{ token: string; jti: string }> {
  const res = await call('POST', '/api/workspaces/ws1/invites', { token: owner, body: { role, ...(ttl ? { ttl } : {}) } });
  expect(res.status).toBe(201);
  return { token: String(res.body.token), jti: String(res.body.jti) };
}

async function joinAs(token: string, member: string, name: string): Promise<Answer> {
  return call('POST', '/api/workspaces/ws1/join', { token, body: { member, name } });
}

describe('GET /api/workspaces/<ws>/invites', () => {
  it('lists the workspace’s invites newest first, with expiry, revocation and who joined', async () => {
    expect((await call('GET', '/api/workspaces/ws1/invites', { token: owner })).body).toEqual({ invites: [] });
    const first = await createInvite('editor', '7d');
    const second = await createInvite('viewer');
    // Another workspace's invites stay out of the list.
    const elsewhere = auth.issue({ workspace: 'ws2', role: 'owner' });
    expect((await call('POST', '/api/workspaces/ws2/invites', { token: elsewhere, body: { role: 'viewer' } })).status).toBe(201);
    expect((await joinAs(first.token, 'usr_anna', 'Anna Petrova')).status).toBe(201);
    await call('POST', '/api/workspaces/ws1/revoke', { token: owner, body: { jti: second.jti } });

    const res = await call('GET', '/api/workspaces/ws1/invites', { token: owner });
    expect(res.status).toBe(200);
    const invites = res.body.invites as Record<string, unknown>[];
    expect(invites.map((i) => i.jti).sort()).toEqual([first.jti, second.jti].sort());
    const byId = Object.fromEntries(invites.map((i) => [String(i.jti), i]));
    expect(byId[first.jti]).toMatchObject({ role: 'editor', revoked: false, joined: [{ member: 'usr_anna', name: 'Anna Petrova' }] });
    expect(byId[first.jti]?.expiresAt).toBe(parseToken(first.token).claims.exp);
    expect(byId[second.jti]).toMatchObject({ role: 'viewer', revoked: true, expiresAt: null, joined: [] });
    expect(typeof byId[first.jti]?.issuedAt).toBe('number');
    // Durable: a restarted relay lists the same.
    const again = await Auth.open(dir, SECRET);
    expect(again.access.invitesOf('ws1').map((i) => i.invite.jti).sort()).toEqual([first.jti, second.jti].sort());
  });

  it('is for owners of the workspace only', async () => {
    await createInvite('editor');
    expectError(await call('GET', '/api/workspaces/ws1/invites', { token: editor }), 403, /owner/);
    expectError(await call('GET', '/api/workspaces/ws1/invites', { token: viewer }), 403, /owner/);
    expectError(await call('GET', '/api/workspaces/ws1/invites'), 401);
    expectError(await call('GET', '/api/workspaces/ws1/invites', { token: auth.issue({ workspace: 'ws2', role: 'owner' }) }), 403, /another workspace/);
  });
});

describe('POST /api/workspaces/<ws>/join', () => {
  it('gives a device that joined with an invite a token of its own, naming its member, with the invite’s role', async () => {
    const invite = await createInvite('editor', '1d');
    const res = await joinAs(invite.token, 'usr_ivan', '  Ivan Shevchenko ');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: 'editor', member: 'usr_ivan' });
    const claims = parseToken(String(res.body.token)).claims;
    expect(claims).toMatchObject({ ws: 'ws1', role: 'editor', sub: 'usr_ivan', jti: res.body.jti });
    // A device's own token outlives the invite link it joined with.
    expect(claims.exp).toBeUndefined();
    expect(auth.access.invitesOf('ws1')[0]?.joined).toMatchObject([{ member: 'usr_ivan', name: 'Ivan Shevchenko' }]);
    // Revoking the invite leaves devices that already joined with it working.
    await call('POST', '/api/workspaces/ws1/revoke', { token: owner, body: { jti: invite.jti } });
    expect(auth.verify(String(res.body.token), 'ws1').ok).toBe(true);
  });

  it('refuses a second join with a member’s own token, a deactivated member, and more than the invite grants', async () => {
    const invite = await createInvite('viewer');
    const mine = await joinAs(invite.token, 'usr_a', 'A');
    expectError(await joinAs(String(mine.body.token), 'usr_b', 'B'), 409, /already belongs/);
    await call('POST', '/api/workspaces/ws1/member', { token: owner, body: { member: 'usr_gone', active: false } });
    expectError(await joinAs(invite.token, 'usr_gone', 'Gone'), 403, /deactivated/);
    await call('POST', '/api/workspaces/ws1/member', { token: owner, body: { member: 'usr_boss', role: 'owner' } });
    expectError(await joinAs(invite.token, 'usr_boss', 'Boss'), 403, /does not grant/);
    expect(auth.access.tokensOf('ws1', 'usr_boss')).toEqual([]);
  });

  it('rejects a bad body with 400 and changes nothing', async () => {
    const invite = await createInvite('editor');
    for (const body of [{}, { member: 'usr_1' }, { member: 'a b', name: 'x' }, { member: 'usr_1', name: '   ' }, { member: 'usr_1', name: 'x'.repeat(121) }, { member: 'usr_1', name: 'x', extra: 1 }]) {
      expectError(await call('POST', '/api/workspaces/ws1/join', { token: invite.token, body }), 400);
    }
    expectError(await call('POST', '/api/workspaces/ws1/join', { body: { member: 'usr_1', name: 'x' } }), 401);
    expect(auth.access.tokensOf('ws1', 'usr_1')).toEqual([]);
  });
});

describe('POST /api/workspaces/<ws>/member', () => {
  it('changes a member’s role on every token of theirs at once, durably', async () => {
    const invite = await createInvite('editor');
    const a = String((await joinAs(invite.token, 'usr_m', 'M')).body.token);
    const b = String((await joinAs(invite.token, 'usr_m', 'M')).body.token);
    const other = String((await joinAs(invite.token, 'usr_o', 'O')).body.token);
    const changed: string[][] = [];
    auth.onRoleChange((jtis) => changed.push([...jtis]));
    const res = await call('POST', '/api/workspaces/ws1/member', { token: owner, body: { member: 'usr_m', role: 'viewer' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ member: 'usr_m', role: 'viewer', active: true, tokens: 2 });
    for (const t of [a, b]) {
      const v = auth.verify(t, 'ws1');
      expect(v.ok && v.claims.role).toBe('viewer');
    }
    const o = auth.verify(other, 'ws1');
    expect(o.ok && o.claims.role).toBe('editor');
    expect(changed).toEqual([[parseToken(a).claims.jti, parseToken(b).claims.jti]]);
    const restarted = await Auth.open(dir, SECRET);
    const again = restarted.verify(a, 'ws1');
    expect(again.ok && again.claims.role).toBe('viewer');
    // An invite for the member (or tokens with no member) are not affected.
    const inv = auth.verify(invite.token, 'ws1');
    expect(inv.ok && inv.claims.role).toBe('editor');
  });

  it('deactivating revokes the member’s tokens; reactivating lets them join again', async () => {
    const invite = await createInvite('editor');
    const mine = String((await joinAs(invite.token, 'usr_x', 'X')).body.token);
    const res = await call('POST', '/api/workspaces/ws1/member', { token: owner, body: { member: 'usr_x', active: false } });
    expect(res.body).toMatchObject({ member: 'usr_x', active: false });
    const v = auth.verify(mine, 'ws1');
    expect(v.ok ? 0 : v.code).toBe(CLOSE.revoked);
    expect((await call('POST', '/api/workspaces/ws1/member', { token: owner, body: { member: 'usr_x', active: true } })).body).toMatchObject({ active: true });
    expect((await joinAs(invite.token, 'usr_x', 'X')).status).toBe(201);
  });

  it('is for owners only, who cannot lower their own access; a bad body changes nothing', async () => {
    const invite = await createInvite('owner');
    const me = String((await joinAs(invite.token, 'usr_me', 'Me')).body.token);
    expectError(await call('POST', '/api/workspaces/ws1/member', { token: me, body: { member: 'usr_me', role: 'editor' } }), 409, /own access/);
    expectError(await call('POST', '/api/workspaces/ws1/member', { token: me, body: { member: 'usr_me', active: false } }), 409);
    expect((await call('POST', '/api/workspaces/ws1/member', { token: me, body: { member: 'usr_other', role: 'viewer' } })).status).toBe(200);
    expectError(await call('POST', '/api/workspaces/ws1/member', { token: editor, body: { member: 'usr_other', role: 'owner' } }), 403, /owner/);
    for (const body of [{}, { member: 'usr_1' }, { member: 'usr_1', role: 'admin' }, { member: 'usr_1', active: 'no' }, { member: 'a b', role: 'viewer' }, { member: 'usr_1', role: 'viewer', x: 1 }]) {
      expectError(await call('POST', '/api/workspaces/ws1/member', { token: owner, body }), 400);
    }
    expect(auth.access.access('ws1', 'usr_1')).toBeUndefined();
  });
});

describe('GET /api/workspaces/<ws>/whoami', () => {
  it('describes any valid token', async () => {
    const res = await call('GET', '/api/workspaces/ws1/whoami', { token: viewer });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ workspace: 'ws1', role: 'viewer', expiresAt: null, member: null });

    const expiring = auth.issue({ workspace: 'ws1', role: 'editor', ttlSeconds: 3600 });
    const exp = parseToken(expiring).claims.exp;
    expect((await call('GET', '/api/workspaces/ws1/whoami', { token: expiring })).body).toEqual({ workspace: 'ws1', role: 'editor', expiresAt: exp, member: null });
    const mine = auth.issue({ workspace: 'ws1', role: 'editor', member: 'usr_1' });
    expect((await call('GET', '/api/workspaces/ws1/whoami', { token: mine })).body).toMatchObject({ member: 'usr_1' });
  });

  it('answers 401 without a valid token and 403 for another workspace', async () => {
    const res = await call('GET', '/api/workspaces/ws1/whoami');
    expectError(res, 401, /missing/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expectError(await call('GET', '/api/workspaces/ws1/whoami', { authorization: `Basic ${owner}` }), 401);
    expectError(await call('GET', '/api/workspaces/ws1/whoami', { token: 'cp1.garbage.sig' }), 401, /malformed/);
    const { body, signature } = parseToken(owner);
    const forged = `${body}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expectError(await call('GET', '/api/workspaces/ws1/whoami', { token: forged }), 401, /signature/);
    const expired = auth.issue({ workspace: 'ws1', role: 'owner', ttlSeconds: 60, now: Math.floor(Date.now() / 1000) - 120 });
    expectError(await call('GET', '/api/workspaces/ws1/whoami', { token: expired }), 401, /expired/);
    expectError(await call('GET', '/api/workspaces/ws2/whoami', { token: viewer }), 403, /another workspace/);
  });
});

describe('routing', () => {
  it('answers 404 for unknown API paths and 400 for an invalid workspace id', async () => {
    for (const path of ['/api', '/api/', '/api/workspaces', '/api/workspaces/ws1', '/api/workspaces/ws1/nope', '/api/workspaces/ws1/whoami/', '/api/other/ws1/whoami']) {
      expectError(await call('GET', path, { token: owner }), 404);
    }
    expectError(await call('GET', '/api/workspaces/a%20b/whoami', { token: owner }), 400, /workspace/);
  });

  it('answers 405 with Allow for the wrong method', async () => {
    const get = await call('GET', '/api/workspaces/ws1/revoke', { token: owner });
    expectError(get, 405);
    expect(get.headers.get('allow')).toBe('POST');
    const put = await call('PUT', '/api/workspaces/ws1/invites', { token: owner });
    expectError(put, 405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    expectError(await call('GET', '/api/workspaces/ws1/join', { token: owner }), 405);
    expectError(await call('GET', '/api/workspaces/ws1/member', { token: owner }), 405);
    expectError(await call('PUT', '/api/workspaces/ws1/revoke', { token: owner }), 405);
    const post = await call('POST', '/api/workspaces/ws1/whoami', { token: owner, body: {} });
    expectError(post, 405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  it('leaves other paths to the caller', async () => {
    for (const path of ['/', '/healthz', '/apis', '/contacts/api/x']) {
      const res = await call('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.body).toEqual({ fallthrough: 'not api' });
    }
  });

  it('writes nothing to stdout', async () => {
    const write = vi.spyOn(process.stdout, 'write');
    await call('POST', '/api/workspaces/ws1/invites', { token: owner, body: { role: 'viewer' } });
    await call('GET', '/api/workspaces/ws1/whoami', { token: 'bad' });
    await call('POST', '/api/workspaces/ws1/revoke', { token: owner, body: { jti: 'tok_x' } });
    expect(write).not.toHaveBeenCalled();
  });
});
