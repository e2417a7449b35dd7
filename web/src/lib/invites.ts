// Invite links: an owner asks the relay for a token (POST /api/workspaces/<id>/invites) and
// shares `<relay>/#/join/<token>`; opening it on another device joins the workspace.
import { parseToken, type Role, type TokenClaims } from '@counterpart/protocol';
import type { RelayLink } from './workspaces.svelte.ts';

export function inviteLink(relayUrl: string, token: string): string {
  return `${relayUrl.replace(/\/+$/, '')}/#/join/${encodeURIComponent(token)}`;
}

/** The token of a `#/join/<token>` hash, or undefined for any other route. */
export function joinTokenOf(hash: string): string | undefined {
  const m = /^#\/join\/([^/]+)$/.exec(hash);
  if (!m?.[1]) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return undefined;
  }
}

async function post<T>(relay: RelayLink, workspaceId: string, action: string, payload: unknown): Promise<T> {
  const res = await fetch(`${relay.url}/api/workspaces/${encodeURIComponent(workspaceId)}/${action}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${relay.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const body = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `the relay answered ${res.status}`);
  return body;
}

/** Asks the relay for an invite token; returns it with its id (for revoking the link). */
export async function requestInvite(relay: RelayLink, workspaceId: string, role: Role, days: number): Promise<{ token: string; jti: string }> {
  const body = await post<{ token?: string; jti?: string }>(relay, workspaceId, 'invites', { role, ttl: `${days}d` });
  if (!body.token || !body.jti) throw new Error('the relay sent no token');
  return { token: body.token, jti: body.jti };
}

/** Revokes an invite: devices that joined with it are disconnected and cannot reconnect. */
export async function revokeInvite(relay: RelayLink, workspaceId: string, jti: string): Promise<void> {
  await post(relay, workspaceId, 'revoke', { jti });
}

/** Reads an invite token's claims without the relay's secret (the relay checks it on connect). */
export function inviteClaims(token: string): TokenClaims {
  const { claims } = parseToken(token);
  if (claims.exp !== undefined && claims.exp * 1000 < Date.now()) throw new Error('the link has expired');
  return claims;
}

