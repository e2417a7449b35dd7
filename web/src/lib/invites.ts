// Invite links: an owner asks the relay for a token (POST /api/workspaces/<id>/invites) and
// shares `<relay>/#/join/<token>`; opening it on another device joins the workspace.
import { parseToken, type Role, type TokenClaims } from '@counterpart/protocol';
import type { RelayLink } from './workspaces.svelte.ts';

/** A window event sent when this device creates or revokes an invite link (the Members page follows it). */
export const INVITES_CHANGED = 'counterpart:invites-changed';

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

/** Why a relay call failed: no answer at all, a refusal of this device's access, or anything else. */
export type RelayFailure = 'unreachable' | 'forbidden' | 'unauthorized' | 'refused';

export class RelayApiError extends Error {
  override readonly name = 'RelayApiError';
  constructor(
    readonly reason: RelayFailure,
    message: string,
  ) {
    super(message);
  }
}

export async function callRelay<T>(relay: RelayLink, workspaceId: string, action: string, payload?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${relay.url}/api/workspaces/${encodeURIComponent(workspaceId)}/${action}`, {
      method: payload === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${relay.token}`, ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
  } catch (err) {
    // fetch rejects only when no answer came: offline, relay down, or a blocked request.
    throw new RelayApiError('unreachable', err instanceof Error ? err.message : String(err));
  }
  const body = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) {
    const message = body.error ?? `the relay answered ${res.status}`;
    throw new RelayApiError(res.status === 403 ? 'forbidden' : res.status === 401 ? 'unauthorized' : 'refused', message);
  }
  return body;
}

function post<T>(relay: RelayLink, workspaceId: string, action: string, payload: unknown): Promise<T> {
  return callRelay<T>(relay, workspaceId, action, payload);
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

/**
 * This device says which member it is: the relay answers with a token of the device's own,
 * naming the member, which replaces the invite link's token.
 */
export async function joinAsMember(relay: RelayLink, workspaceId: string, member: string, name: string): Promise<{ token: string; role: Role }> {
  const body = await post<{ token?: string; role?: Role }>(relay, workspaceId, 'join', { member, name });
  if (!body.token || !body.role) throw new Error('the relay sent no token');
  return { token: body.token, role: body.role };
}

/** An owner changes a member's role or cuts them off on every device they use. */
export async function setMemberAccess(relay: RelayLink, workspaceId: string, member: string, patch: { role?: Role; active?: boolean }): Promise<void> {
  await post(relay, workspaceId, 'member', { member, ...patch });
}

/** The member a device's token belongs to, if it has one of its own. */
export function tokenMember(token: string): string | undefined {
  try {
    return parseToken(token).claims.sub;
  } catch {
    return undefined;
  }
}

/** Reads an invite token's claims without the relay's secret (the relay checks it on connect). */
export function inviteClaims(token: string): TokenClaims & { role: Role } {
  const { claims } = parseToken(token);
  if (claims.role === 'form') throw new Error('this is the link of a web form, not an invitation');
  if (claims.role === 'ingest') throw new Error('this is the token of a till, web shop or call centre, not an invitation');
  if (claims.role === 'calendar') throw new Error('this is the link of someone’s calendar, not an invitation');
  if (claims.exp !== undefined && claims.exp * 1000 < Date.now()) throw new Error('the link has expired');
  return { ...claims, role: claims.role };
}

