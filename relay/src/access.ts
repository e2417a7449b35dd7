// Who holds access to each workspace, as far as the relay can tell: the invite links owners
// created, the members who joined with them (each device then gets a token of its own naming its
// member), the role and active state an owner set for each member, and each member's calendar
// feed links (calendar.ts). Tokens stay the proof of access (auth.ts checks them); this registry
// lets an owner list their invites, change a member's role and cut off a member without knowing
// which tokens that member's devices hold, and a member list their calendar links.
//
// State: DATA_DIR/access.json, rewritten durably on every change. Like revoked.json, a corrupt
// file stops the relay rather than being replaced: starting empty would give every demoted member
// their old role back.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROLES, isValidId, type Role } from '@counterpart/protocol';
import { errorCode, errorMessage, saveJson } from './files.ts';

export const ACCESS_FILE = 'access.json';
/** Longest member name kept; the name is only a label for the invite list. */
export const MAX_MEMBER_NAME = 120;

/** An invite link an owner created through the API. */
export interface InviteEntry {
  readonly ws: string;
  readonly jti: string;
  readonly role: Role;
  /** Issued at, epoch seconds. */
  readonly iat: number;
  readonly exp?: number;
}

/** A device's own token, given when it joined as a member. */
export interface MemberToken {
  readonly ws: string;
  readonly jti: string;
  readonly member: string;
  /** The member's name as the joining device gave it (the relay does not vouch for it). */
  readonly name: string;
  /** The invite (or other token) the device joined with. */
  readonly via: string;
  readonly iat: number;
}

/** A member's calendar feed link (a `calendar` token naming the member), as issued. */
export interface CalendarEntry {
  readonly ws: string;
  readonly jti: string;
  readonly member: string;
  readonly iat: number;
}

/** Calendar links one member may hold at once. */
export const MAX_CALENDARS_PER_MEMBER = 20;

/** What an owner set for a member. */
export interface MemberAccess {
  readonly ws: string;
  readonly member: string;
  readonly role?: Role;
  readonly inactive?: boolean;
}

interface AccessFile {
  readonly version: 1;
  readonly invites: readonly InviteEntry[];
  readonly tokens: readonly MemberToken[];
  readonly members: readonly MemberAccess[];
  /** Absent in files written before calendar feeds existed. */
  readonly calendars?: readonly CalendarEntry[];
}

export class AccessError extends Error {
  override readonly name = 'AccessError';
}

export class AccessRegistry {
  private readonly invites = new Map<string, InviteEntry>();
  private readonly tokens = new Map<string, MemberToken>();
  private readonly members = new Map<string, MemberAccess>();
  private readonly calendars = new Map<string, CalendarEntry>();
  /** Writes of access.json, one after another so an older state never replaces a newer one. */
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly dataDir: string,
    file: AccessFile,
  ) {
    for (const i of file.invites) this.invites.set(key(i.ws, i.jti), i);
    for (const t of file.tokens) this.tokens.set(key(t.ws, t.jti), t);
    for (const m of file.members) this.members.set(key(m.ws, m.member), m);
    for (const c of file.calendars ?? []) this.calendars.set(key(c.ws, c.jti), c);
  }

  static async open(dataDir: string): Promise<AccessRegistry> {
    return new AccessRegistry(dataDir, await load(join(dataDir, ACCESS_FILE)));
  }

  /** Remembers an invite link an owner created; resolves once it is on disk. */
  async addInvite(entry: InviteEntry): Promise<void> {
    this.invites.set(key(entry.ws, entry.jti), entry);
    await this.save();
  }

  /** The workspace's invite links, newest first, each with the members who joined with it. */
  invitesOf(ws: string): { invite: InviteEntry; joined: MemberToken[] }[] {
    const out: { invite: InviteEntry; joined: MemberToken[] }[] = [];
    for (const invite of this.invites.values()) {
      if (invite.ws !== ws) continue;
      const joined = [...this.tokens.values()].filter((t) => t.ws === ws && t.via === invite.jti).sort((a, b) => a.iat - b.iat);
      out.push({ invite, joined });
    }
    return out.sort((a, b) => b.invite.iat - a.invite.iat || (a.invite.jti < b.invite.jti ? -1 : 1));
  }

  /** Remembers a device's own token for a member; resolves once it is on disk. */
  async addMemberToken(token: MemberToken): Promise<void> {
    if (token.name.length > MAX_MEMBER_NAME) throw new AccessError(`the name is longer than ${MAX_MEMBER_NAME} characters`);
    this.tokens.set(key(token.ws, token.jti), token);
    await this.save();
  }

  /** Ids of the tokens given to a member's devices. */
  tokensOf(ws: string, member: string): string[] {
    return [...this.tokens.values()].filter((t) => t.ws === ws && t.member === member).map((t) => t.jti);
  }

  /** Remembers a member's new calendar link; resolves once it is on disk. */
  async addCalendar(entry: CalendarEntry): Promise<void> {
    if (this.calendarsOf(entry.ws, entry.member).length >= MAX_CALENDARS_PER_MEMBER) {
      throw new AccessError(`a member may hold at most ${MAX_CALENDARS_PER_MEMBER} calendar links; revoke one first`);
    }
    this.calendars.set(key(entry.ws, entry.jti), entry);
    await this.save();
  }

  /** A calendar link of the workspace by its token id. */
  calendar(ws: string, jti: string): CalendarEntry | undefined {
    return this.calendars.get(key(ws, jti));
  }

  /** A member's calendar links, oldest first. */
  calendarsOf(ws: string, member: string): CalendarEntry[] {
    return [...this.calendars.values()].filter((c) => c.ws === ws && c.member === member).sort((a, b) => a.iat - b.iat || (a.jti < b.jti ? -1 : 1));
  }

  /** Forgets a calendar link (its token is revoked separately); resolves once it is on disk. */
  async removeCalendar(ws: string, jti: string): Promise<void> {
    if (!this.calendars.delete(key(ws, jti))) return;
    await this.save();
  }

  access(ws: string, member: string): MemberAccess | undefined {
    return this.members.get(key(ws, member));
  }

  /** The role an owner set for the member, if any; it replaces the role in the member's tokens. */
  roleOf(ws: string, member: string | undefined): Role | undefined {
    return member === undefined ? undefined : this.members.get(key(ws, member))?.role;
  }

  isInactive(ws: string, member: string): boolean {
    return this.members.get(key(ws, member))?.inactive === true;
  }

  /** Sets a member's role and/or active state; resolves once it is on disk. */
  async setAccess(ws: string, member: string, patch: { role?: Role; active?: boolean }): Promise<MemberAccess> {
    const before = this.members.get(key(ws, member));
    const role = patch.role ?? before?.role;
    const inactive = patch.active === undefined ? before?.inactive === true : !patch.active;
    const next: MemberAccess = { ws, member, ...(role !== undefined ? { role } : {}), ...(inactive ? { inactive: true } : {}) };
    this.members.set(key(ws, member), next);
    await this.save();
    return next;
  }

  private async save(): Promise<void> {
    const snapshot: AccessFile = {
      version: 1,
      invites: [...this.invites.values()],
      tokens: [...this.tokens.values()],
      members: [...this.members.values()],
      calendars: [...this.calendars.values()],
    };
    const write = this.saving.then(() => saveJson(this.dataDir, ACCESS_FILE, snapshot));
    this.saving = write.catch(() => undefined);
    await write;
  }
}

/** Workspace ids never contain a space, so the key cannot be ambiguous. */
function key(ws: string, id: string): string {
  return `${ws} ${id}`;
}

async function load(path: string): Promise<AccessFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { version: 1, invites: [], tokens: [], members: [] };
    throw new AccessError(`cannot read the access list ${path}: ${errorMessage(error)}`);
  }
  const corrupt = (why: string): AccessError =>
    new AccessError(`the access list ${path} is corrupt (${why}); restore it from a backup — deleting it would restore every member's original role`);
  let raw: Partial<Record<keyof AccessFile, unknown>>;
  try {
    raw = JSON.parse(text) as Partial<Record<keyof AccessFile, unknown>>;
  } catch {
    throw corrupt('not JSON');
  }
  if (typeof raw !== 'object' || raw === null || !Array.isArray(raw.invites) || !Array.isArray(raw.tokens) || !Array.isArray(raw.members)) {
    throw corrupt('missing lists');
  }
  const id = (v: unknown): v is string => typeof v === 'string' && isValidId(v);
  const role = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);
  const time = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
  const invites = (raw.invites as Partial<Record<keyof InviteEntry, unknown>>[]).map((i): InviteEntry => {
    if (!i || !id(i.ws) || !id(i.jti) || !role(i.role) || !time(i.iat) || (i.exp !== undefined && !time(i.exp))) throw corrupt('an invite is malformed');
    return { ws: i.ws, jti: i.jti, role: i.role, iat: i.iat, ...(i.exp !== undefined ? { exp: i.exp } : {}) };
  });
  const tokens = (raw.tokens as Partial<Record<keyof MemberToken, unknown>>[]).map((t): MemberToken => {
    if (!t || !id(t.ws) || !id(t.jti) || !id(t.member) || typeof t.name !== 'string' || !id(t.via) || !time(t.iat)) throw corrupt('a member token is malformed');
    return { ws: t.ws, jti: t.jti, member: t.member, name: t.name, via: t.via, iat: t.iat };
  });
  const members = (raw.members as Partial<Record<keyof MemberAccess, unknown>>[]).map((m): MemberAccess => {
    if (!m || !id(m.ws) || !id(m.member) || (m.role !== undefined && !role(m.role)) || (m.inactive !== undefined && m.inactive !== true)) {
      throw corrupt('a member entry is malformed');
    }
    return { ws: m.ws, member: m.member, ...(m.role !== undefined ? { role: m.role } : {}), ...(m.inactive ? { inactive: true } : {}) };
  });
  if (raw.calendars !== undefined && !Array.isArray(raw.calendars)) throw corrupt('the calendar links are not a list');
  const calendars = ((raw.calendars ?? []) as Partial<Record<keyof CalendarEntry, unknown>>[]).map((c): CalendarEntry => {
    if (!c || !id(c.ws) || !id(c.jti) || !id(c.member) || !time(c.iat)) throw corrupt('a calendar link is malformed');
    return { ws: c.ws, jti: c.jti, member: c.member, iat: c.iat };
  });
  return { version: 1, invites, tokens, members, calendars };
}
