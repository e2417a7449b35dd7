// Access tokens: `cp1.<claims>.<signature>`, claims as base64url JSON, the signature an
// HMAC-SHA-256 of `cp1.<claims>` with the relay's secret (relay/src/auth.ts signs and checks).
// A token names one workspace and one role, may expire, and carries an id that an owner can
// revoke. The app reads the claims of an invite link without the secret; only the relay can
// tell a genuine token from a forged one.
import { TOKEN_ROLES, isValidId, type TokenRole } from './messages.ts';

export const TOKEN_PREFIX = 'cp1';

export interface TokenClaims {
  /** Workspace id. */
  readonly ws: string;
  readonly role: TokenRole;
  /** Token id, for revocation. */
  readonly jti: string;
  /** Issued at, epoch seconds. */
  readonly iat: number;
  /** Expires at, epoch seconds; absent for a token that does not expire. */
  readonly exp?: number;
  /**
   * The workspace member (a `users` record id) the token belongs to: a device's own token, given
   * when it joins from an invite link and says who it is. Absent on invite links and operator
   * tokens. The relay applies the member's current role (an owner may change it) over `role`.
   */
  readonly sub?: string;
}

export class TokenError extends Error {
  override readonly name = 'TokenError';
}

export function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array {
  if (!/^[\w-]*$/.test(text)) throw new TokenError('not base64url');
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The signed part of a token for these claims (the relay appends `.<signature>`). */
export function tokenBody(claims: TokenClaims): string {
  return `${TOKEN_PREFIX}.${base64url(new TextEncoder().encode(JSON.stringify(claims)))}`;
}

/** Splits a token and checks the shape of its claims; says nothing about the signature. */
export function parseToken(token: string): { claims: TokenClaims; body: string; signature: string } {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== TOKEN_PREFIX) throw new TokenError('not a Counterpart token');
  const [, encoded = '', signature = ''] = parts;
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(encoded)));
  } catch {
    throw new TokenError('the token claims do not decode');
  }
  const c = raw as Partial<Record<keyof TokenClaims, unknown>>;
  if (typeof raw !== 'object' || raw === null) throw new TokenError('the token claims are not an object');
  if (typeof c.ws !== 'string' || !isValidId(c.ws)) throw new TokenError('the token names no valid workspace');
  if (typeof c.role !== 'string' || !(TOKEN_ROLES as readonly string[]).includes(c.role)) throw new TokenError('the token has no valid role');
  if (typeof c.jti !== 'string' || !c.jti) throw new TokenError('the token has no id');
  if (typeof c.iat !== 'number' || !Number.isSafeInteger(c.iat)) throw new TokenError('the token has no issue time');
  if (c.exp !== undefined && (typeof c.exp !== 'number' || !Number.isSafeInteger(c.exp))) throw new TokenError('the token expiry is not a time');
  if (c.sub !== undefined && (typeof c.sub !== 'string' || !isValidId(c.sub))) throw new TokenError('the token names no valid member');
  const claims: TokenClaims = {
    ws: c.ws, role: c.role as TokenRole, jti: c.jti, iat: c.iat,
    ...(c.exp !== undefined ? { exp: c.exp } : {}),
    ...(c.sub !== undefined ? { sub: c.sub } : {}),
  };
  return { claims, body: `${TOKEN_PREFIX}.${encoded}`, signature };
}
