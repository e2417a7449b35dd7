// Who may open a workspace: the relay signs access tokens with its secret and checks them on
// every connection and API call. A token (packages/protocol/src/token.ts) names one workspace
// and one role, may expire, and has an id an owner can revoke.
//
// State, under DATA_DIR:
//   secret        the HMAC key, created on first start unless RELAY_SECRET gives one (mode 0600)
//   revoked.json  revoked token ids; a corrupt file stops the relay rather than being replaced,
//                 since starting with an empty list would quietly un-revoke every token
//   access.json   invites, members' own tokens, roles set by owners (access.ts)
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { link, mkdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CLOSE,
  MAX_ID_LENGTH,
  ROLES,
  TOKEN_ROLES,
  TokenError,
  isValidId,
  parseToken,
  tokenBody,
  type Role,
  type TokenClaims,
  type TokenRole,
} from '@counterpart/protocol';
import { AccessRegistry, type MemberAccess } from './access.ts';
import { errorCode, errorMessage, saveJson, syncDir, tempPath, writeDurably } from './files.ts';

/** Shortest secret accepted: a guessable key would let anyone mint owner tokens. */
export const MIN_SECRET_LENGTH = 16;
/** Longer than any token the relay issues; anything bigger is rejected before parsing. */
export const MAX_TOKEN_LENGTH = 2048;

export const SECRET_FILE = 'secret';
export const REVOKED_FILE = 'revoked.json';

export class AuthError extends Error {
  override readonly name = 'AuthError';
}

/** The claims of a token that opens a workspace: a person's, never a web form's. */
export type AccessClaims = TokenClaims & { readonly role: Role };

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; code: number; reason: string };
/** `wrongRole`: a genuine, valid token of another role (403 rather than 401 over HTTP). */
export type FormVerifyResult = { ok: true; claims: TokenClaims } | { ok: false; code: number; reason: string; wrongRole?: boolean };

export type CalendarVerifyResult = { ok: true; claims: TokenClaims & { readonly sub: string } } | { ok: false; code: number; reason: string; wrongRole?: boolean };

/** What a token of each role that is not a person's is, for the refusal of a socket. */
const NOT_A_PERSON: Readonly<Record<string, string>> = { form: 'a web form', ingest: 'an ingest', calendar: 'a calendar feed' };

/** Where the signing secret came from, for the startup log. */
export type SecretSource = 'given' | 'file' | 'generated';

/**
 * One revocation. Without `ws` it applies to the token id in every workspace (an operator's
 * revocation); with it, only to tokens of that workspace, so an owner of one workspace cannot
 * revoke tokens of another whose id they happen to know.
 */
interface Revocation {
  readonly jti: string;
  readonly ws?: string;
  /** When it was revoked, epoch seconds. */
  readonly at: number;
}

/** On-disk shape of revoked.json. */
interface RevokedFile {
  readonly version: 1;
  readonly revoked: readonly Revocation[];
}

export class Auth {
  private readonly revokeListeners = new Set<(jti: string, workspace: string | undefined) => void>();

  /** Called on every revocation (the server closes the token's open connections). */
  onRevoke(listener: (jti: string, workspace: string | undefined) => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }

  private readonly roleListeners = new Set<(jtis: readonly string[], workspace: string) => void>();

  /** Called when an owner changes a member's role, with the member's token ids. */
  onRoleChange(listener: (jtis: readonly string[], workspace: string) => void): () => void {
    this.roleListeners.add(listener);
    return () => this.roleListeners.delete(listener);
  }

  private readonly revoked = new Map<string, Revocation>();
  /** Writes of revoked.json, one after another so an older list never replaces a newer one. */
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly secret: string,
    readonly secretSource: SecretSource,
    private readonly dataDir: string,
    revocations: readonly Revocation[],
    /** Invites, members' tokens and the roles owners set (access.ts). */
    readonly access: AccessRegistry,
  ) {
    for (const r of revocations) this.revoked.set(revocationKey(r.jti, r.ws), r);
  }

  /**
   * The relay's signer and checker. `secret` (RELAY_SECRET) wins when non-empty; otherwise the
   * secret kept in `<dataDir>/secret` is used, generated on first use. Throws on a short secret
   * or an unreadable or corrupt revocation list.
   */
  static async open(dataDir: string, secret?: string): Promise<Auth> {
    const revocations = await loadRevocations(join(dataDir, REVOKED_FILE));
    const access = await AccessRegistry.open(dataDir);
    if (secret !== undefined && secret.trim() !== '') {
      checkSecret(secret, 'the given relay secret (RELAY_SECRET)');
      return new Auth(secret, 'given', dataDir, revocations, access);
    }
    const { value, source } = await loadOrCreateSecret(dataDir);
    return new Auth(value, source, dataDir, revocations, access);
  }

  /**
   * A signed token for one workspace and role; without `ttlSeconds` it does not expire. With
   * `member`, the token is that member's own (claim `sub`).
   */
  issue(opts: { workspace: string; role: TokenRole; ttlSeconds?: number; now?: number; member?: string }): string {
    const { workspace, role, ttlSeconds, member } = opts;
    if (member !== undefined && !isValidId(member)) throw new AuthError(`invalid member id "${member}"`);
    if (typeof workspace !== 'string' || !isValidId(workspace)) {
      throw new AuthError(`invalid workspace id "${String(workspace)}": use 1–${MAX_ID_LENGTH} letters, digits, _ . : or -`);
    }
    if (!isTokenRole(role)) throw new AuthError(`invalid role "${String(role)}": use ${TOKEN_ROLES.join(', ')}`);
    const iat = opts.now ?? nowSeconds();
    if (!Number.isSafeInteger(iat) || iat < 0) throw new AuthError(`invalid issue time ${iat}`);
    if (ttlSeconds !== undefined && (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0 || !Number.isSafeInteger(iat + ttlSeconds))) {
      throw new AuthError(`invalid ttl ${ttlSeconds}: use a positive whole number of seconds`);
    }
    const claims: TokenClaims = {
      ws: workspace,
      role,
      jti: `tok_${randomBytes(12).toString('base64url')}`,
      iat,
      ...(ttlSeconds !== undefined ? { exp: iat + ttlSeconds } : {}),
      ...(member !== undefined ? { sub: member } : {}),
    };
    const body = tokenBody(claims);
    return `${body}.${this.sign(body)}`;
  }

  /**
   * Checks a token presented for `workspace`. The failure codes are the sync sockets' close
   * codes; the reasons are short enough for a WebSocket close frame (≤ 123 bytes).
   */
  verify(token: string | null | undefined, workspace: string, now: number = nowSeconds()): VerifyResult {
    const result = this.check(token, workspace, now);
    if (!result.ok) return result;
    // A web form's token is published on a web page and an ingest token sits in a till's
    // configuration: each opens nothing but its own endpoint.
    if (!isRole(result.claims.role)) return fail(CLOSE.unauthenticated, `${NOT_A_PERSON[result.claims.role]} token cannot open a workspace`);
    return { ok: true, claims: result.claims as AccessClaims };
  }

  /** Checks a web form's token for `workspace`: genuine, not expired or revoked, role `form`. */
  verifyForm(token: string | null | undefined, workspace: string, now: number = nowSeconds()): FormVerifyResult {
    const result = this.check(token, workspace, now);
    if (!result.ok) return result;
    if (result.claims.role !== 'form') return fail(CLOSE.unauthenticated, 'not a web form token');
    return result;
  }

  /** Checks a touchpoint's token for `workspace`: genuine, not expired or revoked, role `ingest`. */
  verifyIngest(token: string | null | undefined, workspace: string, now: number = nowSeconds()): FormVerifyResult {
    const result = this.check(token, workspace, now);
    if (!result.ok) return result;
    if (result.claims.role !== 'ingest') return { ok: false, code: CLOSE.unauthenticated, reason: 'this endpoint takes an ingest token (counterpart-relay token --role ingest)', wrongRole: true };
    return result;
  }

  /**
   * Checks a calendar feed's token for `workspace`: genuine, not expired or revoked, role
   * `calendar`, naming a member who has not been deactivated.
   */
  verifyCalendar(token: string | null | undefined, workspace: string, now: number = nowSeconds()): CalendarVerifyResult {
    const result = this.check(token, workspace, now);
    if (!result.ok) return result;
    const { claims } = result;
    if (claims.role !== 'calendar' || claims.sub === undefined) return { ok: false, code: CLOSE.unauthenticated, reason: 'not a calendar token', wrongRole: true };
    if (this.access.isInactive(workspace, claims.sub)) return { ok: false, code: CLOSE.revoked, reason: 'this member has been deactivated' };
    return { ok: true, claims: { ...claims, sub: claims.sub } };
  }

  private check(token: string | null | undefined, workspace: string, now: number): FormVerifyResult {
    if (typeof token !== 'string' || token === '') return fail(CLOSE.unauthenticated, 'no token');
    if (token.length > MAX_TOKEN_LENGTH) return fail(CLOSE.unauthenticated, 'malformed token');
    let parsed: ReturnType<typeof parseToken>;
    try {
      parsed = parseToken(token);
    } catch (error) {
      if (error instanceof TokenError) return fail(CLOSE.unauthenticated, 'malformed token');
      throw error;
    }
    // The signature is checked before anything the claims say, so a forged token learns nothing.
    const expected = Buffer.from(this.sign(parsed.body));
    const given = Buffer.from(parsed.signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return fail(CLOSE.unauthenticated, 'invalid token signature');
    }
    const { claims } = parsed;
    if (claims.exp !== undefined && now >= claims.exp) return fail(CLOSE.expired, 'token expired');
    if (this.isRevoked(claims.jti, claims.ws)) return fail(CLOSE.revoked, 'token revoked');
    if (claims.ws !== workspace) return fail(CLOSE.wrongWorkspace, 'token is for another workspace');
    // A member's own token carries the role they joined with; an owner may have changed it since.
    // Only a person's token takes the new role: a member's calendar token stays a calendar token.
    if (!isRole(claims.role)) return { ok: true, claims };
    const role = this.access.roleOf(claims.ws, claims.sub);
    return { ok: true, claims: role === undefined || role === claims.role ? claims : { ...claims, role } };
  }

  /**
   * Revokes a token id, durably: resolves once revoked.json is on disk. With `workspace`, only
   * that workspace's token with this id is revoked (what an owner may do); without it, the id in
   * every workspace. Revoking again is harmless.
   */
  async revoke(jti: string, workspace?: string): Promise<void> {
    if (typeof jti !== 'string' || !isValidId(jti)) throw new AuthError(`invalid token id "${String(jti)}"`);
    if (workspace !== undefined && !isValidId(workspace)) throw new AuthError(`invalid workspace id "${workspace}"`);
    const key = revocationKey(jti, workspace);
    if (!this.revoked.has(key)) {
      this.revoked.set(key, { jti, ...(workspace !== undefined ? { ws: workspace } : {}), at: nowSeconds() });
    }
    // Connections already open with the token are closed now, not at their next reconnect.
    for (const l of this.revokeListeners) l(jti, workspace);
    // Written even when already present, so a retry after a failed write does persist it. The
    // revocation holds in memory meanwhile: a failed write never lets the token back in.
    const snapshot: RevokedFile = { version: 1, revoked: [...this.revoked.values()] };
    const write = this.saving.then(() => saveRevocations(this.dataDir, snapshot));
    this.saving = write.catch(() => undefined);
    await write;
  }

  /**
   * An owner changes a member's role or active state. A new role applies to the member's tokens
   * at once: their open connections close with `roleChanged` and reconnect with it. Deactivating
   * revokes every token the member's devices hold and refuses the member's later joins.
   */
  async setMemberAccess(workspace: string, member: string, patch: { role?: Role; active?: boolean }): Promise<MemberAccess> {
    if (!isValidId(workspace)) throw new AuthError(`invalid workspace id "${workspace}"`);
    if (!isValidId(member)) throw new AuthError(`invalid member id "${member}"`);
    if (patch.role !== undefined && !isRole(patch.role)) throw new AuthError(`invalid role "${String(patch.role)}": use ${ROLES.join(', ')}`);
    const before = this.access.access(workspace, member)?.role;
    const next = await this.access.setAccess(workspace, member, patch);
    const jtis = this.access.tokensOf(workspace, member);
    if (patch.active === false) {
      for (const jti of [...jtis, ...this.access.calendarsOf(workspace, member).map((c) => c.jti)]) await this.revoke(jti, workspace);
    } else if (patch.role !== undefined && patch.role !== before) {
      for (const l of this.roleListeners) l(jtis, workspace);
    }
    return next;
  }

  /** Whether a token id is revoked, for tokens of `workspace` (any workspace when omitted). */
  isRevoked(jti: string, workspace?: string): boolean {
    if (this.revoked.has(revocationKey(jti, undefined))) return true;
    if (workspace !== undefined) return this.revoked.has(revocationKey(jti, workspace));
    for (const r of this.revoked.values()) if (r.jti === jti) return true;
    return false;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

/**
 * Seconds from an operator's duration: "30d", "12h", "15m", "90s" or plain seconds "3600".
 * Throws on anything else, and on zero.
 */
export function parseTtl(text: string): number {
  const match = /^(\d+)([dhms]?)$/.exec(text.trim());
  const unit = match?.[2] ?? '';
  const seconds = match ? Number(match[1]) * (UNIT_SECONDS[unit] ?? 1) : Number.NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new AuthError(`invalid ttl "${text}": use a positive number of seconds, or one followed by d, h, m or s (e.g. 30d)`);
  }
  return seconds;
}

const UNIT_SECONDS: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };

function isRole(role: unknown): role is Role {
  return typeof role === 'string' && (ROLES as readonly string[]).includes(role);
}

function isTokenRole(role: unknown): role is TokenRole {
  return typeof role === 'string' && (TOKEN_ROLES as readonly string[]).includes(role);
}

function fail(code: number, reason: string): VerifyResult {
  return { ok: false, code, reason };
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Workspace ids never contain a space, so the key cannot be ambiguous; `*` is every workspace. */
function revocationKey(jti: string, workspace: string | undefined): string {
  return `${workspace ?? '*'} ${jti}`;
}

function checkSecret(secret: string, where: string): void {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new AuthError(`${where} is too short: the relay secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
}

// ---------------------------------------------------------------------------------------------
// Files

async function loadOrCreateSecret(dataDir: string): Promise<{ value: string; source: SecretSource }> {
  const path = join(dataDir, SECRET_FILE);
  const existing = await readSecret(path);
  if (existing !== undefined) return { value: existing, source: 'file' };

  await mkdir(dataDir, { recursive: true });
  const value = randomBytes(32).toString('base64url');
  const tmp = tempPath(path);
  await writeDurably(tmp, `${value}\n`, 0o600);
  try {
    // link, unlike rename, never replaces: when two processes (the relay and `token`) create
    // the secret at once, one wins and the other adopts its secret instead of overwriting it.
    await link(tmp, path);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    const winner = await readSecret(path);
    if (winner === undefined) throw error;
    return { value: winner, source: 'file' };
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  await syncDir(dataDir);
  return { value, source: 'generated' };
}

async function readSecret(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new AuthError(`cannot read the relay secret ${path}: ${errorMessage(error)}`);
  }
  const secret = text.trim();
  checkSecret(secret, `the relay secret in ${path}`);
  return secret;
}

async function loadRevocations(path: string): Promise<Revocation[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw new AuthError(`cannot read the revocation list ${path}: ${errorMessage(error)}`);
  }
  const corrupt = (why: string): AuthError =>
    new AuthError(`the revocation list ${path} is corrupt (${why}); restore it from a backup — deleting it would un-revoke every revoked token`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw corrupt('not JSON');
  }
  if (typeof raw !== 'object' || raw === null || !('revoked' in raw) || !Array.isArray(raw.revoked)) {
    throw corrupt('no "revoked" list');
  }
  const out: Revocation[] = [];
  for (const entry of raw.revoked as unknown[]) {
    const r = entry as Partial<Record<keyof Revocation, unknown>> | null;
    if (typeof r !== 'object' || r === null || typeof r.jti !== 'string' || !isValidId(r.jti)) throw corrupt('an entry has no valid token id');
    if (r.ws !== undefined && (typeof r.ws !== 'string' || !isValidId(r.ws))) throw corrupt(`entry ${r.jti} has an invalid workspace`);
    if (typeof r.at !== 'number' || !Number.isSafeInteger(r.at)) throw corrupt(`entry ${r.jti} has no revocation time`);
    out.push({ jti: r.jti, ...(r.ws !== undefined ? { ws: r.ws } : {}), at: r.at });
  }
  return out;
}

async function saveRevocations(dataDir: string, list: RevokedFile): Promise<void> {
  await saveJson(dataDir, REVOKED_FILE, list);
}
