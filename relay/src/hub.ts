// What the relay holds in memory: for each workspace that has a connection, its peers (app
// devices on the sync socket, stock y-websocket clients per doc) and its presence (one
// y-protocols Awareness). Docs are never loaded: updates pass through as
// bytes. The last peer to leave unloads the workspace, so memory returns to baseline.
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocUpdate, StoredUpdate } from '@counterpart/protocol';
import type { Metrics } from './metrics.ts';
import type { AppendResult, RelayStorage } from './storage.ts';

/** Largest live UPDATES frame the relay sends: well inside the protocol's limits. */
const FRAME_ITEMS = 2_000;
const FRAME_BYTES = 1024 * 1024;

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
  /** Writes not yet stored: the room stays loaded until they are broadcast. */
  pending: number;
  /** Number of y-websocket joins so far, and when each current y-websocket peer joined. */
  joins: number;
  readonly joinedAt: Map<Peer, number>;
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
      room.joinedAt.set(peer, ++room.joins);
    }
  }

  leave(peer: Peer): void {
    const room = this.rooms.get(peer.workspace);
    if (!room || !room.peers.delete(peer)) return;
    if (peer.docId !== undefined) {
      const set = room.docPeers.get(peer.docId);
      set?.delete(peer);
      room.joinedAt.delete(peer);
      if (set && !set.size) {
        room.docPeers.delete(peer.docId);
        this.metrics.docsInMemory--;
      }
    }
    if (peer.controlled.size) removeAwarenessStates(room.awareness, [...peer.controlled], null);
    this.unloadIfIdle(peer.workspace, room);
  }

  /**
   * Stores updates from a peer durably and sends them to every other peer that should see them.
   * App devices get them once stored, with their seqs. Writes are not waited on one by one: the
   * store takes every write issued meanwhile into one transaction (one disk flush for many
   * batches), assigns seqs in the order the writes were made and resolves them in that order, so
   * broadcasts go out in seq order. Stock y-websocket peers of the doc get them at once, as
   * y-websocket servers do: their protocol has no seqs and no acknowledgement, and whatever a
   * failed write loses is still held by the sender (its connection is closed, and it sends its
   * state again when it reconnects) and by the peers that received it.
   */
  append(from: Peer, items: readonly DocUpdate[]): Promise<AppendResult> {
    const room = this.rooms.get(from.workspace);
    if (!room) return Promise.reject(new Error('the peer is not connected to its workspace'));
    const joinsBefore = room.joins;
    this.forward(room, from, items);
    room.pending++;
    const started = performance.now();
    return this.storage
      .append(from.workspace, items)
      .then((result) => {
        this.metrics.storeLatency(performance.now() - started);
        this.metrics.updatesIn += items.length;
        this.broadcast(room, from, items, result);
        // A y-websocket peer that joined the doc while the write was being stored read the
        // doc's state without it, and was not there when it was forwarded.
        if (room.joins !== joinsBefore) {
          for (const it of items) {
            for (const p of room.docPeers.get(it.docId) ?? []) {
              if (p !== from && (room.joinedAt.get(p) ?? 0) > joinsBefore) p.sendDocUpdate(it.update);
            }
          }
        }
        return result;
      })
      .finally(() => {
        room.pending--;
        this.unloadIfIdle(from.workspace, room);
      });
  }

  /**
   * Stores updates the relay itself makes (a lead posted through a web form) and sends them to
   * the workspace's connected devices like any peer's: the workspace is loaded for the write and
   * unloaded after it if nobody is connected.
   */
  async post(workspace: string, items: readonly DocUpdate[]): Promise<AppendResult> {
    const self: Peer = {
      kind: 'y',
      workspace,
      live: false,
      controlled: new Set(),
      sendUpdates: () => undefined,
      sendDocUpdate: () => undefined,
      sendAwareness: () => undefined,
    };
    this.join(self);
    try {
      return await this.append(self, items);
    } finally {
      this.leave(self);
    }
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
    const room: Room = { peers: new Set(), docPeers: new Map(), awareness, pending: 0, joins: 0, joinedAt: new Map() };
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
      const q = this.queueOf(p);
      q.items.push(...stored);
      q.head = Math.max(q.head, result.head);
    }
  }

  /**
   * Queues updates for the y-websocket peers of their docs. They go out once the event loop has
   * read everything that arrived meanwhile, so that a doc's updates from many peers are merged
   * into one message for each of its peers.
   */
  private forward(room: Room, from: Peer, items: readonly DocUpdate[]): void {
    for (const it of items) {
      if (!room.docPeers.has(it.docId)) continue;
      const key = `${from.workspace}\u0000${it.docId}`;
      let q = this.docOutgoing.get(key);
      if (!q) {
        q = { room, docId: it.docId, updates: [], senders: new Map() };
        this.docOutgoing.set(key, q);
        this.scheduleDocFlush();
      }
      q.updates.push(it.update);
      q.senders.set(from, (q.senders.get(from) ?? 0) + 1);
    }
  }

  /**
   * What goes to each peer is collected until the end of the current turn and sent as one frame:
   * the writes of one commit resolve together, and a peer applies one message instead of many.
   */
  private readonly outgoing = new Map<Peer, { items: StoredUpdate[]; head: number }>();
  /** Updates of each doc with y-websocket peers, merged once per turn for all of them. */
  private readonly docOutgoing = new Map<string, { room: Room; docId: string; updates: Uint8Array[]; senders: Map<Peer, number> }>();
  private flushScheduled = false;
  private docFlushScheduled = false;

  private queueOf(p: Peer): { items: StoredUpdate[]; head: number } {
    let q = this.outgoing.get(p);
    if (!q) {
      q = { items: [], head: 0 };
      this.outgoing.set(p, q);
      this.scheduleFlush();
    }
    return q;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private scheduleDocFlush(): void {
    if (this.docFlushScheduled) return;
    this.docFlushScheduled = true;
    setImmediate(() => {
      this.docFlushScheduled = false;
      this.flushDocs();
    });
  }

  private flush(): void {
    for (const [p, q] of this.outgoing) {
      // Within the protocol's limits per frame (MAX_BATCH_ITEMS, MAX_FRAME_BYTES).
      let start = 0;
      let bytes = 0;
      for (let i = 0; i < q.items.length; i++) {
        bytes += (q.items[i] as StoredUpdate).update.byteLength;
        const last = i === q.items.length - 1;
        if (last || i + 1 - start >= FRAME_ITEMS || bytes >= FRAME_BYTES) {
          const chunk = q.items.slice(start, i + 1);
          p.sendUpdates(chunk, last ? q.head : (chunk.at(-1) as StoredUpdate).seq);
          start = i + 1;
          bytes = 0;
        }
      }
      this.metrics.updatesOut += q.items.length;
    }
    this.outgoing.clear();
  }

  private flushDocs(): void {
    for (const q of this.docOutgoing.values()) {
      const peers = q.room.docPeers.get(q.docId);
      if (!peers) continue;
      const only = q.updates.length === 1 ? q.updates[0] : undefined;
      let merged: Uint8Array | undefined;
      for (const p of peers) {
        // A peer that sent every one of these already has them; others get one merged update
        // (which may hold their own edits too: applying an update twice changes nothing).
        if ((q.senders.get(p) ?? 0) === q.updates.length) continue;
        merged ??= only ?? Y.mergeUpdates(q.updates);
        p.sendDocUpdate(merged);
        this.metrics.updatesOut += q.updates.length;
      }
    }
    this.docOutgoing.clear();
  }

  private unloadIfIdle(workspace: string, room: Room): void {
    if (room.peers.size || room.pending || this.rooms.get(workspace) !== room) return;
    room.awareness.destroy();
    this.rooms.delete(workspace);
    this.metrics.workspaces = this.rooms.size;
  }
}
