// The open workspace's members and this device's own person in it ("who are you").
//
// Who this device is: a device that joined from an invite link and said who it is holds a token
// of its own naming its member (claim `sub`, relay/src/access.ts), so its person follows the
// token. A device without one (local-only workspaces, or an owner connected with an operator
// token) keeps its choice in localStorage per workspace. The person's name and colour are what
// presence shows to others and what record history names as the author.
import type { WorkspaceStore } from '@counterpart/store';
import type { Role } from '@counterpart/protocol';
import { serialReload } from './batch.ts';
import { handleError } from './errors.ts';
import { RelayApiError, joinAsMember, tokenMember } from './invites.ts';
import { t } from './i18n.ts';
import { colorFor, pickable, sortMembers, textOn, toMember, type WorkspaceMember } from './members.ts';
import { presence } from './presence.svelte.ts';
import { workspaces, type WorkspaceInfo } from './workspaces.svelte.ts';

export const meKey = (workspaceId: string): string => `counterpart:me:${workspaceId}`;

/** The members of a workspace, read from its rows and kept current. */
export class MemberDirectory {
  members = $state.raw<readonly WorkspaceMember[]>([]);
  ready = $state(false);
  readonly active = $derived(pickable(this.members));
  private readonly reload = serialReload(() => this.load(), handleError);

  constructor(private readonly store: WorkspaceStore) {}

  /** Reads the members and follows changes; returns the stop function. */
  start(): () => void {
    this.reload();
    return this.store.subscribe((e) => {
      if (e.rows.some((r) => r.collection === 'users') || e.touched?.includes('users')) this.reload();
    });
  }

  get(id: string | null | undefined): WorkspaceMember | undefined {
    return id ? this.members.find((m) => m.id === id) : undefined;
  }

  private async load(): Promise<void> {
    const rows = await this.store.rows('users', await this.store.ids('users'));
    this.members = sortMembers(rows.map(toMember));
    this.ready = true;
  }
}

class Me {
  /** The open workspace's members (null while no workspace is open). */
  directory = $state.raw<MemberDirectory | null>(null);
  private chosen = $state<string | null>(null);
  private readonly workspace = $derived<WorkspaceInfo | undefined>(workspaces.current);

  /** The member id from this device's own token, which cannot be changed on this device. */
  readonly fixed = $derived(this.workspace?.relay ? tokenMember(this.workspace.relay.token) : undefined);
  readonly id = $derived(this.fixed ?? this.chosen);
  readonly member = $derived(this.directory?.get(this.id));

  private stop: (() => void) | null = null;

  constructor() {
    // Presence and record history speak for the chosen member, under their current name.
    $effect.root(() => {
      $effect(() => {
        const m = this.member;
        // Others' avatars show white initials: a light member colour gives way to a dark one.
        const color = m && textOn(m.color) === '#ffffff' ? m.color : colorFor(m?.id ?? '');
        presence.setIdentity(m ? { name: m.name, color, member: m.id } : null);
      });
    });
  }

  attach(store: WorkspaceStore): () => void {
    this.detach();
    const directory = new MemberDirectory(store);
    this.directory = directory;
    this.chosen = localStorage.getItem(meKey(store.workspaceId));
    const stopDirectory = directory.start();
    this.stop = () => {
      stopDirectory();
      if (this.directory === directory) this.directory = null;
    };
    return () => this.detach();
  }

  detach(): void {
    this.stop?.();
    this.stop = null;
  }

  /**
   * This device is `member`. On a relay, a device without a token of its own asks the relay for
   * one naming the member (it replaces the invite's token, and sync reconnects with it); a
   * refusal throws and changes nothing.
   */
  async choose(member: WorkspaceMember): Promise<void> {
    const ws = this.workspace;
    if (!ws) throw new Error('no workspace is open');
    if (this.fixed && this.fixed !== member.id) throw new Error('this device’s access belongs to another member');
    if (ws.relay && !this.fixed) {
      const { token } = await joinAsMember(ws.relay, ws.id, member.id, member.name);
      workspaces.update(ws.id, { relay: { url: ws.relay.url, token } });
    }
    localStorage.setItem(meKey(ws.id), member.id);
    this.chosen = member.id;
  }

  /** A new member for this device's user, then chosen. Their role is what this device may do. */
  async createAndChoose(store: WorkspaceStore, values: { name: string; email?: string; title?: string }, role: Role): Promise<void> {
    const id = await store.create('users', { ...values, role, active: true });
    const row = await store.get('users', id);
    if (!row) throw new Error('the new member could not be read back');
    await this.choose(toMember(row));
  }
}

export const me = new Me();

/** A relay call's failure in the user's words. */
export function relayErrorText(err: unknown): string {
  if (err instanceof RelayApiError) {
    if (err.reason === 'unreachable') return t.relayUnreachable;
    if (err.reason === 'forbidden' && /owner/i.test(err.message)) return t.relayNotOwner;
    if (err.reason === 'unauthorized') return `${t.relayNoAccess} (${err.message})`;
  }
  return err instanceof Error ? err.message : String(err);
}
