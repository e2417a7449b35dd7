// The people of a workspace (the `users` collection) as the Members screen and the "who are you"
// step show them, and the invite links an owner issued: pure functions over rows, presence
// states and the relay's answers, so they run the same in tests.
import type { Row } from '@counterpart/model';
import { ROLES, type Role } from '@counterpart/protocol';

export interface WorkspaceMember {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly role: Role;
  readonly title?: string;
  readonly territory?: string;
  /** `#rrggbb`: the member's own colour, or one derived from their id. */
  readonly color: string;
  /** Members are active unless marked otherwise. */
  readonly active: boolean;
}

/** Colours for members without one of their own; dark enough for white initials (WCAG AA). */
export const MEMBER_COLORS = ['#b91c1c', '#15803d', '#1d4ed8', '#c2410c', '#7e22ce', '#0f766e', '#92400e', '#be185d', '#334155'] as const;

const HEX = /^#[0-9a-f]{6}$/i;

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** A stable colour for an id (FNV-1a over its UTF-16 units). */
export function colorFor(id: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return MEMBER_COLORS[h % MEMBER_COLORS.length] ?? MEMBER_COLORS[0];
}

export function toMember(row: Row): WorkspaceMember {
  const role = (ROLES as readonly unknown[]).includes(row.role) ? (row.role as Role) : 'viewer';
  const color = typeof row.color === 'string' && HEX.test(row.color) ? row.color : colorFor(row.id);
  const email = text(row.email);
  const title = text(row.title);
  const territory = text(row.territory);
  return {
    id: row.id,
    name: text(row.name) ?? row._title,
    role,
    color,
    active: row.active !== false,
    ...(email ? { email } : {}),
    ...(title ? { title } : {}),
    ...(territory ? { territory } : {}),
  };
}

/** Active members first, then by name (locale order), ties by id. */
export function sortMembers(members: readonly WorkspaceMember[]): WorkspaceMember[] {
  return [...members].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** White or near-black, whichever reads better on a member's colour (WCAG contrast). */
export function textOn(color: string): string {
  const l = luminance(HEX.test(color) ? color : '#334155');
  // Contrast with white is 1.05 / (l + 0.05), with #111827 (luminance ≈ 0.0123) (l + 0.05) / 0.0623.
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.0623 ? '#ffffff' : '#111827';
}

/** One or two letters for an avatar: the first letters of the first and last word. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}

/** The presence fields the Members screen reads. */
export interface OnlinePeer {
  readonly user: { readonly name: string; readonly member?: string };
}

/**
 * Ids of the members someone has the workspace open as: by the member id their device
 * announces, or, for a device that has not said who it is, by a name equal to a member's.
 */
export function onlineMemberIds(peers: readonly OnlinePeer[], members: readonly WorkspaceMember[]): Set<string> {
  const ids = new Set(members.map((m) => m.id));
  const byName = new Map<string, string>();
  for (const m of members) {
    const key = m.name.trim().toLocaleLowerCase();
    if (!byName.has(key)) byName.set(key, m.id);
  }
  const out = new Set<string>();
  for (const p of peers) {
    const member = p.user.member;
    if (member !== undefined && ids.has(member)) out.add(member);
    else {
      const named = byName.get(p.user.name.trim().toLocaleLowerCase());
      if (named !== undefined) out.add(named);
    }
  }
  return out;
}

/** Whether a member may be offered in "who are you": active ones only. */
export function pickable(members: readonly WorkspaceMember[]): WorkspaceMember[] {
  return sortMembers(members.filter((m) => m.active));
}
