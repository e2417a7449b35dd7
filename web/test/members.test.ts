import { describe, expect, it } from 'vitest';
import type { Row } from '@counterpart/model';
import { MEMBER_COLORS, colorFor, initials, textOn, onlineMemberIds, pickable, sortMembers, toMember, type WorkspaceMember } from '../src/lib/members.ts';
import { inviteStatus, parseInvites, type InviteInfo } from '../src/lib/invite-list.ts';

function row(id: string, values: Record<string, unknown>): Row {
  return { id, _title: typeof values.name === 'string' ? values.name : id, _sort: '', _t: [], ...values } as unknown as Row;
}

describe('members', () => {
  it('reads a member row with defaults: active unless marked, a colour from the id, unknown roles as viewer', () => {
    const m = toMember(row('usr_1', { name: ' Anna Petrova ', role: 'editor', title: 'Rep', territory: '', color: '#12ab34', email: 'a@x.io' }));
    expect(m).toEqual({ id: 'usr_1', name: 'Anna Petrova', role: 'editor', title: 'Rep', color: '#12ab34', active: true, email: 'a@x.io' });
    const bare = toMember(row('usr_2', { name: 'Ivan', role: 'admin', color: 'red', active: false }));
    expect(bare.role).toBe('viewer');
    expect(bare.active).toBe(false);
    expect(bare.color).toBe(colorFor('usr_2'));
    expect(MEMBER_COLORS).toContain(bare.color);
    expect(colorFor('usr_2')).toBe(colorFor('usr_2'));
  });

  it('sorts active members first, then by name; "who are you" offers only active ones', () => {
    const ms: WorkspaceMember[] = [
      { id: 'c', name: 'Zoe', role: 'editor', color: '#000000', active: true },
      { id: 'b', name: 'Adam', role: 'viewer', color: '#000000', active: false },
      { id: 'a', name: 'Boris', role: 'owner', color: '#000000', active: true },
    ];
    expect(sortMembers(ms).map((m) => m.id)).toEqual(['a', 'c', 'b']);
    expect(pickable(ms).map((m) => m.id)).toEqual(['a', 'c']);
  });

  it('avatar text is white on dark colours and dark on light ones', () => {
    expect(textOn('#1d4ed8')).toBe('#ffffff');
    expect(textOn('#fde68a')).toBe('#111827');
    expect(textOn('#ffffff')).toBe('#111827');
    for (const c of MEMBER_COLORS) expect(textOn(c)).toBe('#ffffff');
  });

  it('initials take the first and last word', () => {
    expect(initials('Anna Maria Petrova')).toBe('AP');
    expect(initials('  ivan ')).toBe('I');
    expect(initials('')).toBe('?');
  });

  it('finds who is online by announced member id, else by a name equal to a member’s', () => {
    const ms: WorkspaceMember[] = [
      { id: 'usr_a', name: 'Anna Petrova', role: 'editor', color: '#000000', active: true },
      { id: 'usr_b', name: 'Ivan', role: 'editor', color: '#000000', active: true },
      { id: 'usr_c', name: 'Olena', role: 'owner', color: '#000000', active: true },
    ];
    const online = onlineMemberIds([
      { user: { name: 'Someone', member: 'usr_a' } },
      { user: { name: ' ivan ' } },
      { user: { name: 'Olena', member: 'usr_gone' } },
      { user: { name: 'Guest 042' } },
    ], ms);
    expect([...online].sort()).toEqual(['usr_a', 'usr_b', 'usr_c']);
    expect(onlineMemberIds([], ms).size).toBe(0);
  });
});

describe('invite links', () => {
  const base: InviteInfo = { jti: 'tok_1', role: 'editor', issuedAt: 1000, expiresAt: 2000, revoked: false, joined: [] };

  it('is active until it expires or is revoked', () => {
    expect(inviteStatus(base, 1_999_000)).toBe('active');
    expect(inviteStatus(base, 2_000_000)).toBe('expired');
    expect(inviteStatus({ ...base, expiresAt: null }, 9e15)).toBe('active');
    expect(inviteStatus({ ...base, revoked: true }, 0)).toBe('revoked');
  });

  it('parses the relay’s list, dropping malformed entries, and refuses an answer without one', () => {
    const parsed = parseInvites({
      invites: [
        { ...base, joined: [{ member: 'usr_1', name: 'Ivan', at: 1500 }, { member: 7 }] },
        { jti: 'tok_2', role: 'admin', issuedAt: 1, expiresAt: null, revoked: false, joined: [] },
        { jti: 'tok_3', role: 'viewer', issuedAt: 1, expiresAt: 'soon' },
        null,
        { jti: 'tok_4', role: 'viewer', issuedAt: 5, expiresAt: null, revoked: 'yes' },
      ],
    });
    expect(parsed).toEqual([
      { ...base, joined: [{ member: 'usr_1', name: 'Ivan', at: 1500 }] },
      { jti: 'tok_4', role: 'viewer', issuedAt: 5, expiresAt: null, revoked: false, joined: [] },
    ]);
    expect(() => parseInvites({ error: 'nope' })).toThrow(/no invite list/);
    expect(() => parseInvites(null)).toThrow();
  });
});
