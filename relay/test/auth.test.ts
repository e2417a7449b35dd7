import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE, ROLES, base64url, fromBase64url, parseToken, tokenBody, type TokenClaims } from '@counterpart/protocol';
import { Auth, AuthError, REVOKED_FILE, SECRET_FILE, parseTtl } from '../src/auth.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cp-relay-auth-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const SECRET = 'a-test-secret-of-enough-length';
const NOW = 1_800_000_000;

/** The token with its claims replaced, keeping the original signature. */
function withClaims(token: string, change: (c: TokenClaims) => TokenClaims): string {
  const { claims, signature } = parseToken(token);
  return `${tokenBody(change(claims))}.${signature}`;
}

function expectFailure(result: ReturnType<Auth['verify']>, code: number): void {
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.code).toBe(code);
    expect(result.reason.length).toBeGreaterThan(0);
    expect(Buffer.byteLength(result.reason)).toBeLessThanOrEqual(123);
  }
}

describe('issue and verify', () => {
  it.each(ROLES)('round-trips a %s token', async (role) => {
    const auth = await Auth.open(tempDir(), SECRET);
    const token = auth.issue({ workspace: 'ws-1', role, ttlSeconds: 3600, now: NOW });
    const result = auth.verify(token, 'ws-1', NOW + 10);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.claims).toMatchObject({ ws: 'ws-1', role, iat: NOW, exp: NOW + 3600 });
      expect(result.claims.jti).toMatch(/^tok_[\w-]{16}$/);
    }
  });

  it('issues a token without expiry when no ttl is given, with a fresh id each time', async () => {
    const auth = await Auth.open(tempDir(), SECRET);
    const a = auth.issue({ workspace: 'w', role: 'editor' });
    const b = auth.issue({ workspace: 'w', role: 'editor' });
    expect(parseToken(a).claims.exp).toBeUndefined();
    expect(parseToken(a).claims.jti).not.toBe(parseToken(b).claims.jti);
    expect(auth.verify(a, 'w', Number.MAX_SAFE_INTEGER - 1).ok).toBe(true);
  });

  it('refuses to issue for an invalid workspace, role or ttl', async () => {
    const auth = await Auth.open(tempDir(), SECRET);
    expect(() => auth.issue({ workspace: 'has space', role: 'owner' })).toThrow(AuthError);
    expect(() => auth.issue({ workspace: '', role: 'owner' })).toThrow(/workspace/);
    expect(() => auth.issue({ workspace: 'w', role: 'admin' as 'owner' })).toThrow(/role/);
    expect(() => auth.issue({ workspace: 'w', role: 'owner', ttlSeconds: 0 })).toThrow(/ttl/);
    expect(() => auth.issue({ workspace: 'w', role: 'owner', ttlSeconds: 1.5 })).toThrow(/ttl/);
  });

  it('rejects a missing or malformed token as unauthenticated', async () => {
    const auth = await Auth.open(tempDir(), SECRET);
    for (const token of [undefined, null, '', 'nonsense', 'cp1.a.b', 'cp2.x.y', 'cp1..', 'x'.repeat(5000)]) {
      expectFailure(auth.verify(token, 'w', NOW), CLOSE.unauthenticated);
    }
  });

  it('rejects tampered claims (a viewer promoting itself) as unauthenticated', async () => {
    const auth = await Auth.open(tempDir(), SECRET);
    const token = auth.issue({ workspace: 'w', role: 'viewer', ttlSeconds: 60, now: NOW });
    expectFailure(auth.verify(withClaims(token, (c) => ({ ...c, role: 'owner' })), 'w', NOW), CLOSE.unauthenticated);
    expectFailure(auth.verify(withClaims(token, (c) => ({ ...c, exp: NOW + 10_000 })), 'w', NOW + 100), CLOSE.unauthenticated);
  });

  it('rejects a tampered signature as unauthenticated', async () => {
    const auth = await Auth.open(tempDir(), SECRET);
    const token = auth.issue({ workspace: 'w', role: 'owner', now: NOW });
    const { body, signature } = parseToken(token);
    const bytes = fromBase64url(signature);
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    expectFailure(auth.verify(`${body}.${base64url(bytes)}`, 'w', NOW), CLOSE.unauthenticated);
    expectFailure(auth.verify(`${body}.${signature.slice(0, -1)}`, 'w', NOW), CLOSE.unauthenticated);
    expectFailure(auth.verify(`${body}.`, 'w', NOW), CLOSE.unauthenticated);
  });

  it('rejects a token signed with another secret as unauthenticated', async () => {
    const mine = await Auth.open(tempDir(), SECRET);
    const theirs = await Auth.open(tempDir(), 'another-secret-of-enough-length');
    const token = theirs.issue({ workspace: 'w', role: 'owner', now: NOW });
    expectFailure(mine.verify(token, 'w', NOW), CLOSE.unauthenticated);
  });

  it('rejects an expired token, from its expiry second on', async () => {
    const auth = await Auth.open(tempDir(), SECRET);
    const token = auth.issue({ workspace: 'w', role: 'editor', ttlSeconds: 60, now: NOW });
    expect(auth.verify(token, 'w', NOW + 59).ok).toBe(true);
    expectFailure(auth.verify(token, 'w', NOW + 60), CLOSE.expired);
  });

  it('rejects a token for another workspace', async () => {
    const auth = await Auth.open(tempDir(), SECRET);
    const token = auth.issue({ workspace: 'w1', role: 'owner', now: NOW });
    expectFailure(auth.verify(token, 'w2', NOW), CLOSE.wrongWorkspace);
  });
});

describe('revocation', () => {
  it('rejects a revoked token, and the revocation survives a restart', async () => {
    const dir = tempDir();
    const auth = await Auth.open(dir, SECRET);
    const token = auth.issue({ workspace: 'w', role: 'editor', now: NOW });
    const other = auth.issue({ workspace: 'w', role: 'editor', now: NOW });
    const { jti } = parseToken(token).claims;

    await auth.revoke(jti);
    await auth.revoke(jti); // idempotent
    expect(auth.isRevoked(jti)).toBe(true);
    expectFailure(auth.verify(token, 'w', NOW), CLOSE.revoked);
    expect(auth.verify(other, 'w', NOW).ok).toBe(true);

    const reopened = await Auth.open(dir, SECRET);
    expect(reopened.isRevoked(jti)).toBe(true);
    expectFailure(reopened.verify(token, 'w', NOW), CLOSE.revoked);
    expect(reopened.verify(other, 'w', NOW).ok).toBe(true);
    const file = JSON.parse(await readFile(join(dir, REVOKED_FILE), 'utf8')) as { revoked: unknown[] };
    expect(file.revoked).toHaveLength(1);
  });

  it('scopes a revocation made for one workspace to that workspace', async () => {
    const dir = tempDir();
    const auth = await Auth.open(dir, SECRET);
    const token = auth.issue({ workspace: 'b', role: 'viewer', now: NOW });
    const { jti } = parseToken(token).claims;

    await auth.revoke(jti, 'a');
    expect(auth.isRevoked(jti, 'a')).toBe(true);
    expect(auth.isRevoked(jti, 'b')).toBe(false);
    expect(auth.verify(token, 'b', NOW).ok).toBe(true);

    await auth.revoke(jti, 'b');
    expectFailure(auth.verify(token, 'b', NOW), CLOSE.revoked);
    expectFailure((await Auth.open(dir, SECRET)).verify(token, 'b', NOW), CLOSE.revoked);
  });

  it('keeps every revocation when several are made at once', async () => {
    const dir = tempDir();
    const auth = await Auth.open(dir, SECRET);
    const ids = Array.from({ length: 20 }, (_, i) => `tok_${i}`);
    await Promise.all(ids.map((jti) => auth.revoke(jti)));
    const reopened = await Auth.open(dir, SECRET);
    for (const jti of ids) expect(reopened.isRevoked(jti), jti).toBe(true);
  });

  it('refuses an invalid token id', async () => {
    const auth = await Auth.open(tempDir(), SECRET);
    await expect(auth.revoke('')).rejects.toThrow(AuthError);
    await expect(auth.revoke('a/b')).rejects.toThrow(AuthError);
  });

  it('stops at startup on a corrupt revocation list and leaves the file alone', async () => {
    for (const text of ['{not json', '[]', '{"revoked": "x"}', '{"revoked": [{"jti": 5, "at": 1}]}', '{"revoked": [{"jti": "tok_a"}]}']) {
      const dir = tempDir();
      await writeFile(join(dir, REVOKED_FILE), text);
      await expect(Auth.open(dir, SECRET), text).rejects.toThrow(/revocation list .* is corrupt/);
      expect(await readFile(join(dir, REVOKED_FILE), 'utf8')).toBe(text);
    }
  });
});

describe('secret', () => {
  it('is generated once, kept with mode 0600, and reused', async () => {
    const dir = join(tempDir(), 'nested', 'data');
    const first = await Auth.open(dir);
    expect(first.secretSource).toBe('generated');
    const path = join(dir, SECRET_FILE);
    const secret = (await readFile(path, 'utf8')).trim();
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const second = await Auth.open(dir);
    expect(second.secretSource).toBe('file');
    expect((await readFile(path, 'utf8')).trim()).toBe(secret);
    const token = first.issue({ workspace: 'w', role: 'owner', now: NOW });
    expect(second.verify(token, 'w', NOW).ok).toBe(true);
    // The file holds the key itself: an explicit secret with the same text signs alike.
    expect((await Auth.open(tempDir(), secret)).verify(token, 'w', NOW).ok).toBe(true);
  });

  it('agrees on one secret when opened concurrently', async () => {
    const dir = tempDir();
    const auths = await Promise.all(Array.from({ length: 8 }, () => Auth.open(dir)));
    const token = auths[0]?.issue({ workspace: 'w', role: 'owner', now: NOW }) ?? '';
    for (const auth of auths) expect(auth.verify(token, 'w', NOW).ok).toBe(true);
  });

  it('uses an explicit secret (RELAY_SECRET) over the data dir and writes no secret file', async () => {
    const dir = tempDir();
    const generated = await Auth.open(dir);
    const explicit = await Auth.open(dir, SECRET);
    expect(explicit.secretSource).toBe('given');
    const token = explicit.issue({ workspace: 'w', role: 'owner', now: NOW });
    expect((await Auth.open(tempDir(), SECRET)).verify(token, 'w', NOW).ok).toBe(true);
    expectFailure(generated.verify(token, 'w', NOW), CLOSE.unauthenticated);

    const fresh = tempDir();
    await Auth.open(fresh, SECRET);
    await expect(stat(join(fresh, SECRET_FILE))).rejects.toThrow(/ENOENT/);
  });

  it('treats an empty secret as absent', async () => {
    expect((await Auth.open(tempDir(), '')).secretSource).toBe('generated');
  });

  it('refuses a short secret, given or in the file', async () => {
    await expect(Auth.open(tempDir(), 'short')).rejects.toThrow(/at least 16 characters/);
    const dir = tempDir();
    await writeFile(join(dir, SECRET_FILE), 'short\n');
    await expect(Auth.open(dir)).rejects.toThrow(/at least 16 characters/);
  });
});

describe('parseTtl', () => {
  it('reads days, hours, minutes, seconds and plain seconds', () => {
    expect(parseTtl('30d')).toBe(30 * 86_400);
    expect(parseTtl('12h')).toBe(12 * 3_600);
    expect(parseTtl('15m')).toBe(15 * 60);
    expect(parseTtl('90s')).toBe(90);
    expect(parseTtl('3600')).toBe(3600);
  });

  it('rejects anything else, zero and negatives', () => {
    for (const text of ['', '0', '0d', '-5', '-1h', '1.5h', '1w', 'd', '10 days', '7D', '1e3', '99999999999999999999d']) {
      expect(() => parseTtl(text), text).toThrow(/invalid ttl/);
    }
  });
});
