// What the relay holds in memory: for each workspace that has a connection, its peers (app
// devices on the sync socket, stock y-websocket clients per doc), its presence (one y-protocols
// Awareness) and a write chain that stores its updates one batch after another, so seqs are
// broadcast in the order they were committed. Docs are never loaded: updates pass through as
// bytes. The last peer to leave unloads the workspace, so memory returns to baseline.
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocUpdate, StoredUpdate } from '@counterpart/protocol';
import type { Metrics } from './metrics.ts';
import type { AppendResult, RelayStorage } from './storage.ts';

export interface Peer {
  readonly kind: 'sync' | 'y';
  readonly workspace: string;
  /** The doc of a y-websocket peer. */
  readonly docId?: string;
  /** A sync peer receives live updates once its catch-up has reached the head. */
  live: boolean;
  /** Awareness client ids this peer announced, removed when it leaves. */
  readonly controlled: Set<number>;
  sendUpdates(items: readonly StoredUpdate[], head: number): void;
  sendDocUpdate(update: Uint8Array): void;
  sendAwareness(update: Uint8Array): void;
}

interface Room {
  readonly peers: Set<Peer>;
  readonly docPeers: Map<string, Set<Peer>>;
  readonly awareness: Awareness;
  chain: Promise<unknown>;
  pending: number;
}

export class Hub {
  private readonly rooms = new Map<string, Room>();

  constructor(
    private readonly storage: RelayStorage,
    private readonly metrics: Metrics,
  ) {}

  get workspaceCount(): number {
    return this.rooms.size;
  }

  join(peer: Peer): void {
    let room = this.rooms.get(peer.workspace);
    if (!room) {
      room = this.createRoom(peer.workspace);
      this.rooms.set(peer.workspace, room);
      this.metrics.workspaces = this.rooms.size;
    }
    room.peers.add(peer);
    if (peer.docId !== undefined) {
      let set = room.docPeers.get(peer.docId);
      if (!set) {
        set = new Set();
        room.docPeers.set(peer.docId, set);
        this.metrics.docsInMemory++;
      }
      set.add(peer);
    }
  }

  leave(peer: Peer): void {
    const room = this.rooms.get(peer.workspace);
    if (!room || !room.peers.delete(peer)) return;
    if (peer.docId !== undefined) {
      const set = room.docPeers.get(peer.docId);
      set?.delete(peer);
      if (set && !set.size) {
        room.docPeers.delete(peer.docId);
        this.metrics.docsInMemory--;
      }
    }
    if (peer.controlled.size) removeAwarenessStates(room.awareness, [...peer.controlled], null);
    this.unloadIfIdle(peer.workspace, room);
  }

  /**
   * Stores updates from a peer durably, then sends them to every other peer that should see
   * them. Batches of one workspace are stored strictly one after another.
   */
  append(from: Peer, items: readonly DocUpdate[]): Promise<AppendResult> {
    const room = this.rooms.get(from.workspace);
    if (!room) return Promise.reject(new Error('the peer is not connected to its workspace'));
    room.pending++;
    const run = room.chain.then(async () => {
      const started = performance.now();
      const result = await this.storage.append(from.workspace, items);
      this.metrics.storeLatency(performance.now() - started);
      this.metrics.updatesIn += items.length;
      this.broadcast(room, from, items, result);
      return result;
    });
    room.chain = run.then(
      () => undefined,
      () => undefined,
    ).finally(() => {
      room.pending--;
      this.unloadIfIdle(from.workspace, room);
    });
    return run;
  }

  /** Applies a peer's presence update and forwards it to the other peers of the workspace. */
  awareness(from: Peer, update: Uint8Array): void {
    const room = this.rooms.get(from.workspace);
    if (room) applyAwarenessUpdate(room.awareness, update, from);
  }

  /** Everyone's current presence in a workspace, for a peer that just joined. */
  awarenessSnapshot(workspace: string): Uint8Array | undefined {
    const room = this.rooms.get(workspace);
    if (!room || room.awareness.getStates().size === 0) return undefined;
    return encodeAwarenessUpdate(room.awareness, [...room.awareness.getStates().keys()]);
  }

  close(): void {
    for (const room of this.rooms.values()) room.awareness.destroy();
    this.rooms.clear();
  }

  private createRoom(workspace: string): Room {
    const awareness = new Awareness(new Y.Doc({ guid: `awareness:${workspace}` }));
    // The relay itself is not present anywhere.
    awareness.setLocalState(null);
    const room: Room = { peers: new Set(), docPeers: new Map(), awareness, chain: Promise.resolve(), pending: 0 };
    awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const source = origin as Peer | null;
      if (source?.controlled) {
        for (const id of added) source.controlled.add(id);
        for (const id of removed) source.controlled.delete(id);
      }
      const update = encodeAwarenessUpdate(awareness, changed);
      for (const p of room.peers) if (p !== source) p.sendAwareness(update);
    });
    return room;
  }

  private broadcast(room: Room, from: Peer, items: readonly DocUpdate[], result: AppendResult): void {
    const stored: StoredUpdate[] = items.map((it, i) => ({ seq: result.first + i, docId: it.docId, update: it.update }));
    for (const p of room.peers) {
      if (p === from || p.kind !== 'sync' || !p.live) continue;
      p.sendUpdates(stored, result.head);
      this.metrics.updatesOut += stored.length;
    }
    for (const it of items) {
      const set = room.docPeers.get(it.docId);
      if (!set) continue;
      for (const p of set) {
        if (p === from) continue;
        p.sendDocUpdate(it.update);
        this.metrics.updatesOut++;
      }
    }
  }

  private unloadIfIdle(workspace: string, room: Room): void {
    if (room.peers.size || room.pending || this.rooms.get(workspace) !== room) return;
    room.awareness.destroy();
    this.rooms.delete(workspace);
    this.metrics.workspaces = this.rooms.size;
  }
}
