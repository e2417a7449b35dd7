// The relay's HTTP API for sharing a workspace: owners create invite tokens and revoke them, and
// the app checks what a token (an invite link) grants before using it.
//
//   POST /api/workspaces/<ws>/invites  owner   { role, ttl? }  → 201 { token, jti, role, expiresAt }
//   POST /api/workspaces/<ws>/forms    owner   { ttl? }        → 201 { token, jti, expiresAt }  (a web form's token)
//   POST /api/workspaces/<ws>/revoke   owner   { jti }         → 200 { revoked }
//   GET  /api/workspaces/<ws>/whoami   anyone  —               → 200 { workspace, role, expiresAt }
//
// Every call carries `Authorization: Bearer <token>` for that workspace. Answers are JSON; errors
// are `{ "error": "…" }`. Tokens travel in a header, never a cookie, so another site cannot make
// a browser call this API with its user's credentials.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLOSE, ROLES, isValidId, parseToken, type Role } from '@counterpart/protocol';
import { AuthError, parseTtl, type AccessClaims, type Auth } from './auth.ts';
import { requestPath } from './request-path.ts';

/** Largest request body accepted; every API body is a few dozen bytes. */
export const MAX_API_BODY_BYTES = 16 * 1024;

export const API_PREFIX = '/api/';

/** Resolves true when the request was an API request and has been answered. */
export type ApiHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

type Action = 'invites' | 'forms' | 'revoke' | 'whoami';

const METHODS: Record<Action, string> = { invites: 'POST', forms: 'POST', revoke: 'POST', whoami: 'GET' };

/** An answer other than success; thrown inside a handler, sent as `{ error }`. */
class ApiError extends Error {
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
export function createApiHandler(auth: Auth): ApiHandler {
  return async (req, res) => {
    const path = requestPath(req);
    if (path === undefined || (path !== '/api' && !path.startsWith(API_PREFIX))) return false;
    try {
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
  if (req.method !== METHODS[action]) {
    throw new ApiError(405, `use ${METHODS[action]}`, { Allow: METHODS[action] });
  }
  if (!isValidId(workspace)) throw new ApiError(400, 'invalid workspace id');

  const claims = authenticate(auth, req, workspace);
  switch (action) {
    case 'whoami':
      sendJson(res, 200, { workspace: claims.ws, role: claims.role, expiresAt: claims.exp ?? null });
      return;
    case 'invites': {
      requireOwner(claims);
      const body = await readJsonObject(req);
      if (body === undefined) return;
      const { role, ttl } = inviteRequest(body);
      const token = auth.issue({ workspace, role, ...(ttl !== undefined ? { ttlSeconds: ttl } : {}) });
      const issued = parseToken(token).claims;
      sendJson(res, 201, { token, jti: issued.jti, role: issued.role, expiresAt: issued.exp ?? null });
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

function isAction(action: string | undefined): action is Action {
  return action !== undefined && Object.hasOwn(METHODS, action);
}

/** The claims of the request's bearer token, valid for `workspace`; throws 401 or 403. */
function authenticate(auth: Auth, req: IncomingMessage, workspace: string): AccessClaims {
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
async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
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

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
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
