// The invite links an owner issued for a workspace, as the relay lists them
// (GET /api/workspaces/<ws>/invites): parsing and status, for the Members page only.
import { ROLES, type Role } from '@counterpart/protocol';
import { callRelay } from './invites.ts';
import type { RelayLink } from './workspaces.svelte.ts';

/** An invite link as the relay lists it (GET /api/workspaces/<ws>/invites). */
export interface InviteInfo {
  readonly jti: string;
  readonly role: Role;
  /** Epoch seconds. */
  readonly issuedAt: number;
  readonly expiresAt: number | null;
  readonly revoked: boolean;
  readonly joined: readonly { readonly member: string; readonly name: string; readonly at: number }[];
}

export type InviteStatus = 'active' | 'expired' | 'revoked';

export function inviteStatus(invite: InviteInfo, nowMs: number): InviteStatus {
  if (invite.revoked) return 'revoked';
  if (invite.expiresAt !== null && invite.expiresAt * 1000 <= nowMs) return 'expired';
  return 'active';
}

/** Parses the relay's invite list; anything malformed is dropped rather than shown half-read. */
export function parseInvites(body: unknown): InviteInfo[] {
  const list = (body as { invites?: unknown } | null)?.invites;
  if (!Array.isArray(list)) throw new Error('the relay sent no invite list');
  const out: InviteInfo[] = [];
  for (const raw of list as Partial<Record<keyof InviteInfo, unknown>>[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const { jti, role, issuedAt, expiresAt, revoked, joined } = raw;
    if (typeof jti !== 'string' || !(ROLES as readonly unknown[]).includes(role) || typeof issuedAt !== 'number') continue;
    if (expiresAt !== null && typeof expiresAt !== 'number') continue;
    const people = Array.isArray(joined)
      ? (joined as Partial<Record<'member' | 'name' | 'at', unknown>>[]).filter(
        (j): j is { member: string; name: string; at: number } => typeof j?.member === 'string' && typeof j.name === 'string' && typeof j.at === 'number',
      ).map((j) => ({ member: j.member, name: j.name, at: j.at }))
      : [];
    out.push({ jti, role: role as Role, issuedAt, expiresAt, revoked: revoked === true, joined: people });
  }
  return out;
}

/** The invite links issued for the workspace, newest first (owners only). */
export async function listInvites(relay: RelayLink, workspaceId: string): Promise<InviteInfo[]> {
  return parseInvites(await callRelay<unknown>(relay, workspaceId, 'invites'));
}
