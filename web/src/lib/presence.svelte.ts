// Presence: who else has this workspace open, on which record, in which field. One y-protocols
// Awareness per open workspace; its updates travel over the sync socket (the relay forwards them
// to every device of the workspace, and to stock y-websocket clients).
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { sync } from './sync.svelte.ts';

const NAME_KEY = 'counterpart:name';
const COLORS = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#469990', '#9a6324', '#800000', '#000075'];

export interface PresenceState {
  /** `member`: the workspace member (users record) the device's user said they are. */
  readonly user: { readonly name: string; readonly color: string; readonly member?: string };
  /** The record on screen, as `collection/id`. */
  readonly viewing?: string;
  /** The field being edited on that record. */
  readonly editing?: string;
}

export interface Peer extends PresenceState {
  readonly clientId: number;
}

function isPresence(v: unknown): v is PresenceState {
  const s = v as Partial<PresenceState> | null;
  return typeof s === 'object' && s !== null && typeof s.user?.name === 'string' && typeof s.user.color === 'string'
    && (s.user.member === undefined || typeof s.user.member === 'string');
}

class Presence {
  /** Everyone else with the workspace open, in a stable order. */
  others = $state.raw<readonly Peer[]>([]);
  /** The name typed on this device ("Your name"), used while it has not said which member it is. */
  ownName = $state(localStorage.getItem(NAME_KEY) ?? '');
  /** The member this device's user is in the open workspace (members.svelte.ts), if known. */
  identity = $state.raw<{ readonly name: string; readonly color: string; readonly member: string } | null>(null);
  /** The name others see and record history names: the member's, else the typed one. */
  readonly name = $derived(this.identity?.name ?? this.ownName);

  private awareness: Awareness | null = null;
  private offRemote: (() => void) | null = null;
  private offOnline: (() => void) | null = null;
  private local: Omit<PresenceState, 'user'> = {};

  /** Starts announcing this device for the open workspace. */
  start(): void {
    this.stop();
    const awareness = new Awareness(new Y.Doc({ guid: 'presence' }));
    this.awareness = awareness;
    awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin !== 'remote') {
        const changed = [...added, ...updated, ...removed].filter((id) => id === awareness.clientID);
        if (changed.length) sync.sendAwareness(encodeAwarenessUpdate(awareness, changed));
      }
      this.refresh();
    });
    this.offRemote = sync.onAwareness((update) => applyAwarenessUpdate(awareness, update, 'remote'));
    this.offOnline = sync.onOnline(() => this.announce());
    this.publish();
  }

  stop(): void {
    this.offRemote?.();
    this.offRemote = null;
    this.offOnline?.();
    this.offOnline = null;
    if (this.awareness) {
      removeAwarenessStates(this.awareness, [this.awareness.clientID], 'local');
      this.awareness.destroy();
    }
    this.awareness = null;
    this.others = [];
  }

  /** Sends this device's state again (after a reconnect the relay has forgotten it). */
  announce(): void {
    const a = this.awareness;
    if (a?.getLocalState()) sync.sendAwareness(encodeAwarenessUpdate(a, [a.clientID]));
  }

  setName(name: string): void {
    this.ownName = name.trim();
    localStorage.setItem(NAME_KEY, this.ownName);
    this.publish();
  }

  setIdentity(identity: { readonly name: string; readonly color: string; readonly member: string } | null): void {
    const same = identity?.name === this.identity?.name && identity?.color === this.identity?.color && identity?.member === this.identity?.member;
    if (same) return;
    this.identity = identity;
    this.publish();
  }

  viewing(collection: string | undefined, id?: string): void {
    this.local = collection && id ? { viewing: `${collection}/${id}` } : {};
    this.publish();
  }

  editing(field: string | undefined): void {
    const { viewing } = this.local;
    this.local = { ...(viewing ? { viewing } : {}), ...(field ? { editing: field } : {}) };
    this.publish();
  }

  /** Who else is on a record, and what they edit there. */
  on(collection: string, id: string): Peer[] {
    return this.others.filter((p) => p.viewing === `${collection}/${id}`);
  }

  private publish(): void {
    const a = this.awareness;
    if (!a) return;
    const id = this.identity;
    const name = this.name || `Guest ${String(a.clientID % 1000).padStart(3, '0')}`;
    const color = id?.color ?? COLORS[a.clientID % COLORS.length] ?? '#4363d8';
    a.setLocalState({ user: { name, color, ...(id ? { member: id.member } : {}) }, ...this.local } satisfies PresenceState);
  }

  private refresh(): void {
    const a = this.awareness;
    if (!a) return;
    const out: Peer[] = [];
    for (const [clientId, state] of a.getStates()) {
      if (clientId !== a.clientID && isPresence(state)) out.push({ clientId, ...state });
    }
    this.others = out.sort((x, y) => x.clientId - y.clientId);
  }
}

export const presence = new Presence();
