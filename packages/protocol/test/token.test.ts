import { describe, expect, it } from 'vitest';
import { TokenError, base64url, fromBase64url, parseToken, tokenBody } from '../src/index.ts';

describe('token claims', () => {
  it('a body with a signature parses back to its claims', () => {
    const claims = { ws: 'ws_1', role: 'editor' as const, jti: 'tok_1', iat: 1_700_000_000, exp: 1_700_086_400 };
    const parsed = parseToken(`${tokenBody(claims)}.c2ln`);
    expect(parsed.claims).toEqual(claims);
    expect(parsed.body).toBe(tokenBody(claims));
    expect(parsed.signature).toBe('c2ln');
  });

  it('a member’s own token names the member', () => {
    const claims = { ws: 'ws_1', role: 'viewer' as const, jti: 'tok_2', iat: 1_700_000_000, sub: 'usr_abc' };
    expect(parseToken(`${tokenBody(claims)}.c2ln`).claims).toEqual(claims);
  });

  it('malformed tokens are TokenErrors naming what is wrong', () => {
    const body = (o: object): string => `cp1.${base64url(new TextEncoder().encode(JSON.stringify(o)))}.x`;
    expect(() => parseToken('')).toThrow(TokenError);
    expect(() => parseToken('jwt.a.b')).toThrow(/not a Counterpart token/);
    expect(() => parseToken('cp1.!!!.x')).toThrow(/do not decode/);
    expect(() => parseToken(body({ ws: 'a/b', role: 'owner', jti: 'j', iat: 1 }))).toThrow(/workspace/);
    expect(() => parseToken(body({ ws: 'w', role: 'admin', jti: 'j', iat: 1 }))).toThrow(/role/);
    expect(() => parseToken(body({ ws: 'w', role: 'owner', iat: 1 }))).toThrow(/id/);
    expect(() => parseToken(body({ ws: 'w', role: 'owner', jti: 'j', iat: 1, exp: 'soon' }))).toThrow(/expiry/);
    expect(() => parseToken(body({ ws: 'w', role: 'owner', jti: 'j', iat: 1, sub: 'a b' }))).toThrow(/member/);
    expect(() => parseToken(body({ ws: 'w', role: 'owner', jti: 'j', iat: 1, sub: 7 }))).toThrow(/member/);
  });

  it('base64url round-trips every byte', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64url(base64url(all))).toEqual(all);
    expect(base64url(all)).not.toMatch(/[+/=]/);
  });
});
