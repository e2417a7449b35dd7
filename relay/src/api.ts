// The relay's HTTP API for sharing a workspace: owners create invite tokens and revoke them, and
// the app checks what a token (an invite link) grants before using it.
//
//   POST /api/workspaces/<ws>/invites  owner   { role, ttl? }  → 201 { token, jti, role, expiresAt }
//   GET  /api/workspaces/<ws>/invites  owner   —               → 200 { invites: [{ jti, role, issuedAt,
//                                                                   expiresAt, revoked, joined: [{ member, name, at }] }] }
//   POST /api/workspaces/<ws>/forms    owner   { ttl? }        → 201 { token, jti, expiresAt }  (a web form's token)
//   POST /api/workspaces/<ws>/revoke   owner   { jti }         → 200 { revoked }
//   GET  /api/workspaces/<ws>/whoami   anyone  —               → 200 { workspace, role, expiresAt, member }
//   POST /api/workspaces/<ws>/join     anyone  { member, name } → 201 { token, jti, role, member }
//        a device that joined with an invite says which member it is and gets a token of its own
//   POST /api/workspaces/<ws>/member   owner   { member, role?, active? } → 200 { member, role, active, tokens }
//        changes a member's role on every device they use, or cuts them off (active: false)
//   GET  /api/workspaces/<ws>/calendars        anyone  ?member= → 200 { calendars: [{ jti, member, issuedAt }] }
//   POST /api/workspaces/<ws>/calendars        anyone  { member? } → 201 { token, jti, member, issuedAt, path }
//   DELETE /api/workspaces/<ws>/calendars/<jti> the feed's member, an owner → 200 { revoked }
//        a member's calendar feed links (calendar.ts), for themselves only
//   PUT  /api/workspaces/<ws>/blobs/<sha256>  owner, editor  the file's bytes → 201 stored, 200 already stored
//   GET  /api/workspaces/<ws>/blobs/<sha256>  anyone         —                → 200 the bytes, 404 not stored
//
// Blobs are attachment contents (blobs.ts): the relay checks the bytes against the name and
// refuses a mismatch (400) or a body over MAX_BLOB_BYTES (413), so every device that fetches a
// blob gets exactly what was attached.
//
// Every call carries `Authorization: Bearer <token>` for that workspace. Answers are JSON; errors
// are `{ "error": "…" }`. Tokens travel in a header, never a cookie, so another site cannot make
// a browser call this API with its user's credentials.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLOSE, MAX_BLOB_BYTES, ROLES, isSha256, isValidId, parseToken, type Role } from '@counterpart/protocol';
import { MAX_MEMBER_NAME } from './access.ts';
import { AuthError, parseTtl, type AccessClaims, type Auth } from './auth.ts';
import type { BlobStore } from './blobs.ts';
import { requestPath } from './request-path.ts';

/** Largest request body accepted; every API body is a few dozen bytes. */
export const MAX_API_BODY_BYTES = 16 * 1024;

export const API_PREFIX = '/api/';

/** Resolves true when the request was an API request and has been answered. */
export type ApiHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

type Action = 'invites' | 'forms' | 'revoke' | 'whoami' | 'join' | 'member';

const METHODS: Record<Action, readonly string[]> = {
  invites: ['GET', 'POST'],
  forms: ['POST'],
  revoke: ['POST'],
  whoami: ['GET'],
  join: ['POST'],
  member: ['POST'],
};

/** Roles by how much they may do, to keep a join from granting more than its invite. */
const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

/** An answer other than success; thrown inside a handler, sent as `{ error }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * The API routes under /api/. Resolves false for any other path so the caller can route it
 * elsewhere (the PWA, health checks). Never writes to stdout.
 */
export function createApiHandler(auth: Auth, blobs: BlobStore): ApiHandler {
  return async (req, res) => {
    const path = requestPath(req);
    if (path === undefined || (path !== '/api' && !path.startsWith(API_PREFIX))) return false;
    try {
      const segments = path.split('/');
      if (segments.length === 6 && segments[2] === 'workspaces' && segments[4] === 'blobs') {
        await blobRoute(auth, blobs, segments[3] ?? '', segments[5] ?? '', req, res);
        return true;
      }
      await route(auth, path, req, res);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      sendJson(res, error.status, { error: error.message }, error.headers);
    }
    return true;
  };
}

async function route(auth: Auth, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const segments = path.split('/');
  const [, , collection, workspace = '', action] = segments;
  if (segments.length !== 5 || collection !== 'workspaces' || !isAction(action)) throw new ApiError(404, 'not found');
  const allowed = METHODS[action];
  if (req.method === undefined || !allowed.includes(req.method)) {
    throw new ApiError(405, `use ${allowed.join(' or ')}`, { Allow: allowed.join(', ') });
  }
  if (!isValidId(workspace)) throw new ApiError(400, 'invalid workspace id');

  const claims = authenticate(auth, req, workspace);
  switch (action) {
    case 'whoami':
      sendJson(res, 200, { workspace: claims.ws, role: claims.role, expiresAt: claims.exp ?? null, member: claims.sub ?? null });
      return;
    case 'invites': {
      requireOwner(claims);
      if (req.method === 'GET') {
        const invites = auth.access.invitesOf(workspace).map(({ invite, joined }) => ({
          jti: invite.jti,
          role: invite.role,
          issuedAt: invite.iat,
          expiresAt: invite.exp ?? null,
          revoked: auth.isRevoked(invite.jti, workspace),
          joined: joined.map((t) => ({ member: t.member, name: t.name, at: t.iat })),
        }));
        sendJson(res, 200, { invites });
        return;
      }
      const body = await readJsonObject(req);
      if (body === undefined) return;
      const { role, ttl } = inviteRequest(body);
      const token = auth.issue({ workspace, role, ...(ttl !== undefined ? { ttlSeconds: ttl } : {}) });
      const issued = parseToken(token).claims;
      await auth.access.addInvite({ ws: workspace, jti: issued.jti, role, iat: issued.iat, ...(issued.exp !== undefined ? { exp: issued.exp } : {}) });
      sendJson(res, 201, { token, jti: issued.jti, role: issued.role, expiresAt: issued.exp ?? null });
      return;
    }
    case 'join': {
      const body = await readJsonObject(req);
      if (body === undefined) return;
      const { member, name } = joinRequest(body);
      if (claims.sub !== undefined) throw new ApiError(409, 'this token already belongs to a member');
      if (auth.access.isInactive(workspace, member)) throw new ApiError(403, 'this member has been deactivated; an owner can reactivate them');
      const set = auth.access.roleOf(workspace, member);
      if (set !== undefined && RANK[set] > RANK[claims.role]) {
        throw new ApiError(403, `this member is ${set === 'owner' ? 'an owner' : `an ${set}`}, which this invite does not grant; ask an owner for an invite with that role`);
      }
      const token = auth.issue({ workspace, role: claims.role, member });
      const issued = parseToken(token).claims;
      await auth.access.addMemberToken({ ws: workspace, jti: issued.jti, member, name, via: claims.jti, iat: issued.iat });
      const verdict = auth.verify(token, workspace);
      sendJson(res, 201, { token, jti: issued.jti, role: verdict.ok ? verdict.claims.role : issued.role, member });
      return;
    }
    case 'member': {
      requireOwner(claims);
      const body = await readJsonObject(req);
      if (body === undefined) return;
      const { member, role, active } = memberRequest(body);
      if (claims.sub === member && ((role !== undefined && role !== 'owner') || active === false)) {
        throw new ApiError(409, 'owners cannot lower their own access; ask another owner');
      }
      const next = await auth.setMemberAccess(workspace, member, { ...(role !== undefined ? { role } : {}), ...(active !== undefined ? { active } : {}) });
      sendJson(res, 200, { member, role: next.role ?? null, active: next.inactive !== true, tokens: auth.access.tokensOf(workspace, member).length });
      return;
    }
    case 'forms': {
      requireOwner(claims);
      const body = await readJsonObject(req);
      if (body === undefined) return;
      const ttl = formRequest(body);
      const token = auth.issue({ workspace, role: 'form', ...(ttl !== undefined ? { ttlSeconds: ttl } : {}) });
      const issued = parseToken(token).claims;
      sendJson(res, 201, { token, jti: issued.jti, expiresAt: issued.exp ?? null });
      return;
    }
    case 'revoke': {
      requireOwner(claims);
      const body = await readJsonObject(req);
      if (body === undefined) return;
      const jti = revokeRequest(body);
      await auth.revoke(jti, workspace);
      sendJson(res, 200, { revoked: jti });
      return;
    }
  }
}

async function blobRoute(auth: Auth, blobs: BlobStore, workspace: string, sha256: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD' && method !== 'PUT') throw new ApiError(405, 'use GET, HEAD or PUT', { Allow: 'GET, HEAD, PUT' });
  if (!isValidId(workspace)) throw new ApiError(400, 'invalid workspace id');
  if (!isSha256(sha256)) throw new ApiError(400, 'a blob is named by its SHA-256 in lower-case hex (64 characters)');
  const claims = authenticate(auth, req, workspace);
  if (method === 'PUT') {
    if (claims.role === 'viewer') throw new ApiError(403, 'a viewer may not upload attachments');
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_BLOB_BYTES) throw new ApiError(413, tooLarge());
    const result = await blobs.put(workspace, sha256, req, MAX_BLOB_BYTES);
    if (result.ok) {
      sendJson(res, result.created ? 201 : 200, { sha256, size: result.size });
      return;
    }
    if (result.reason === 'too-large') throw new ApiError(413, tooLarge());
    if (result.reason === 'mismatch') throw new ApiError(400, `the body's SHA-256 is ${result.actual ?? '?'}, not ${sha256}`);
    return; // the client went away mid-body: nothing was stored and no one is left to answer
  }
  const size = await blobs.size(workspace, sha256);
  if (size === undefined) throw new ApiError(404, 'this blob is not stored on the relay');
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': size,
    // A blob never changes: its name is its content's digest.
    'Cache-Control': 'private, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': 'attachment',
  });
  if (method === 'HEAD') {
    res.end();
    return;
  }
  const stream = blobs.read(workspace, sha256);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function tooLarge(): string {
  return `the file is larger than ${MAX_BLOB_BYTES / (1024 * 1024)} MB`;
}

function isAction(action: string | undefined): action is Action {
  return action !== undefined && Object.hasOwn(METHODS, action);
}

/** The claims of the request's bearer token, valid for `workspace`; throws 401 or 403. */
export function authenticate(auth: Auth, req: IncomingMessage, workspace: string): AccessClaims {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') {
    throw new ApiError(401, 'missing bearer token', { 'WWW-Authenticate': 'Bearer' });
  }
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  if (!match) throw new ApiError(401, 'the Authorization header must be "Bearer <token>"', { 'WWW-Authenticate': 'Bearer' });
  const result = auth.verify(match[1], workspace);
  if (result.ok) return result.claims;
  if (result.code === CLOSE.wrongWorkspace) throw new ApiError(403, result.reason);
  throw new ApiError(401, result.reason, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
}

function requireOwner(claims: AccessClaims): void {
  if (claims.role !== 'owner') throw new ApiError(403, 'only an owner of the workspace may do this');
}

function inviteRequest(body: Record<string, unknown>): { role: Role; ttl?: number } {
  rejectUnknownFields(body, ['role', 'ttl']);
  const { role, ttl } = body;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new ApiError(400, `"role" must be one of ${ROLES.join(', ')}`);
  }
  if (ttl === undefined || ttl === null) return { role: role as Role };
  if (typeof ttl !== 'string') throw new ApiError(400, '"ttl" must be a duration such as "7d", "12h", "15m" or "3600"');
  try {
    return { role: role as Role, ttl: parseTtl(ttl) };
  } catch (error) {
    if (error instanceof AuthError) throw new ApiError(400, error.message);
    throw error;
  }
}

function joinRequest(body: Record<string, unknown>): { member: string; name: string } {
  rejectUnknownFields(body, ['member', 'name']);
  const { member, name } = body;
  if (typeof member !== 'string' || !isValidId(member)) throw new ApiError(400, '"member" must be a member id');
  if (typeof name !== 'string' || name.trim() === '' || name.trim().length > MAX_MEMBER_NAME) {
    throw new ApiError(400, `"name" must be 1–${MAX_MEMBER_NAME} characters`);
  }
  return { member, name: name.trim() };
}

function memberRequest(body: Record<string, unknown>): { member: string; role?: Role; active?: boolean } {
  rejectUnknownFields(body, ['member', 'role', 'active']);
  const { member, role, active } = body;
  if (typeof member !== 'string' || !isValidId(member)) throw new ApiError(400, '"member" must be a member id');
  if (role !== undefined && (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))) {
    throw new ApiError(400, `"role" must be one of ${ROLES.join(', ')}`);
  }
  if (active !== undefined && typeof active !== 'boolean') throw new ApiError(400, '"active" must be true or false');
  if (role === undefined && active === undefined) throw new ApiError(400, 'give "role", "active" or both');
  return { member, ...(role !== undefined ? { role: role as Role } : {}), ...(active !== undefined ? { active } : {}) };
}

function formRequest(body: Record<string, unknown>): number | undefined {
  rejectUnknownFields(body, ['ttl']);
  const { ttl } = body;
  if (ttl === undefined || ttl === null) return undefined;
  if (typeof ttl !== 'string') throw new ApiError(400, '"ttl" must be a duration such as "7d", "12h", "15m" or "3600"');
  try {
    return parseTtl(ttl);
  } catch (error) {
    if (error instanceof AuthError) throw new ApiError(400, error.message);
    throw error;
  }
}

function revokeRequest(body: Record<string, unknown>): string {
  rejectUnknownFields(body, ['jti']);
  const { jti } = body;
  if (typeof jti !== 'string' || !isValidId(jti)) throw new ApiError(400, '"jti" must be a token id');
  return jti;
}

function rejectUnknownFields(body: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(body).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new ApiError(400, `unknown field "${unknown}"`);
}

/**
 * The request body as a JSON object. Throws 400 or 413; resolves undefined when the client
 * went away before sending it all (there is no one left to answer).
 */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const body = await readBody(req, MAX_API_BODY_BYTES);
  if (body === TOO_LARGE) throw new ApiError(413, `the body is larger than ${MAX_API_BODY_BYTES} bytes`);
  if (body === ABORTED) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ApiError(400, 'the body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ApiError(400, 'the body must be a JSON object');
  return value as Record<string, unknown>;
}

export const TOO_LARGE = Symbol('too large');
export const ABORTED = Symbol('aborted');

/**
 * Reads at most `limit` bytes. An oversized body is not read into memory; the rest of it is
 * discarded as it arrives (Node drains it after the answer), so the client still gets its 413
 * instead of a reset connection.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | typeof TOO_LARGE | typeof ABORTED> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      resolve(TOO_LARGE);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    // After 'end' these are no-ops; before it, the client disconnected mid-body.
    req.on('error', () => resolve(ABORTED));
    req.on('close', () => resolve(ABORTED));
  });
}

/** A JSON reply that no cache keeps. */
export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}
