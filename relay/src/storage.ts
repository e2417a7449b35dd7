// The relay's durable store: for each workspace, an ordered log of CRDT updates, each with a
// sequence number that only grows. Embedded LMDB (README: "Why LMDB"): one memory-mapped file,
// ACID transactions, and a write is on disk (fsync) before `append` resolves, which is when the
// relay acknowledges it to the device.
//
// Layout, in one LMDB environment under DATA_DIR/store:
//   log   [workspace, seq]        → docId + update   the workspace's log, read by "since N"
//   docs  [workspace, docId, seq] → (empty)          which seqs hold a doc's updates
//   heads [workspace]             → last seq used
// Serving never instantiates a doc. Compaction applies a doc's stored updates to a throwaway
// Y.Doc and replaces them by its encoded state, one entry at a new seq: deleted content is
// garbage-collected as on any device, so storage stays bounded by the doc's live size (merging
// the encoded updates alone would keep every value ever overwritten), and a device whose cursor
// is older receives the compacted state (a superset of what it missed).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import * as Y from 'yjs';
import type { DocUpdate, StoredUpdate } from '@counterpart/protocol';

/** A doc with more stored updates than this is compacted after the write that passes it. */
export const COMPACT_AFTER = 100;

export interface AppendResult {
  /** Seq of the first item written. */
  readonly first: number;
  /** The workspace's head after the write (seq of the last item). */
  readonly head: number;
}

export class StorageError extends Error {
  override readonly name = 'StorageError';
}

type LogKey = [string, number];
type DocKey = [string, string, number];

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** Log value: docId length (2 bytes), docId, update. */
function packEntry(docId: string, update: Uint8Array): Uint8Array {
  const id = utf8.encode(docId);
  const out = new Uint8Array(2 + id.length + update.length);
  out[0] = id.length >> 8;
  out[1] = id.length & 0xff;
  out.set(id, 2);
  out.set(update, 2 + id.length);
  return out;
}

function unpackEntry(v: Uint8Array): { docId: string; update: Uint8Array } {
  const n = ((v[0] ?? 0) << 8) | (v[1] ?? 0);
  if (v.length < 2 + n) throw new StorageError('a stored log entry is shorter than its header');
  // LMDB hands out views of buffers it reuses: copy the update out.
  return { docId: fromUtf8.decode(v.subarray(2, 2 + n)), update: new Uint8Array(v.subarray(2 + n)) };
}

/**
 * One update with the same content as `updates` together, with deleted content collected.
 * Updates whose dependencies are missing stay pending in the doc and are kept in its encoding.
 * Throws if an update cannot be read.
 */
export function compactUpdates(guid: string, updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc({ guid });
  try {
    // One transaction: everything deleted by these updates is collected when it ends.
    Y.transact(doc, () => {
      for (const u of updates) Y.applyUpdate(doc, u);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

export class RelayStorage {
  private readonly env: RootDatabase;
  private readonly log: Database<Uint8Array, LogKey>;
  private readonly docs: Database<true, DocKey>;
  private readonly heads: Database<number, string>;
  private closed = false;

  private constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.env = open({ path: join(dir, 'store'), compression: false, maxDbs: 8 });
    this.log = this.env.openDB<Uint8Array, LogKey>({ name: 'log', encoding: 'binary', keyEncoding: 'ordered-binary' });
    this.docs = this.env.openDB<true, DocKey>({ name: 'docs', keyEncoding: 'ordered-binary' });
    this.heads = this.env.openDB<number, string>({ name: 'heads', keyEncoding: 'ordered-binary' });
  }

  static open(dataDir: string): RelayStorage {
    return new RelayStorage(dataDir);
  }

  /** The last seq stored for a workspace (0 when it has none). */
  head(workspace: string): number {
    return this.heads.get(workspace) ?? 0;
  }

  /**
   * Appends updates to a workspace's log and resolves once they are durably on disk, with the
   * seqs they got. Docs that pass COMPACT_AFTER are compacted in the same transaction. Appends
   * made without waiting for each other share one commit, get their seqs in call order and
   * resolve in call order.
   */
  async append(workspace: string, items: readonly DocUpdate[]): Promise<AppendResult> {
    this.assertOpen();
    if (!items.length) {
      const head = this.head(workspace);
      return { first: head + 1, head };
    }
    return this.env.transaction(() => {
      let head = this.heads.get(workspace) ?? 0;
      const first = head + 1;
      const touched = new Set<string>();
      for (const it of items) {
        head++;
        void this.log.put([workspace, head], packEntry(it.docId, it.update));
        void this.docs.put([workspace, it.docId, head], true);
        touched.add(it.docId);
      }
      for (const docId of touched) {
        if (this.docs.getKeysCount({ start: [workspace, docId, 0], end: [workspace, docId, Number.MAX_SAFE_INTEGER] }) > COMPACT_AFTER) {
          head = this.compactIn(workspace, docId, head);
        }
      }
      void this.heads.put(workspace, head);
      return { first, head };
    });
  }

  /** Stored updates after `cursor`, in seq order, at most `limit` of them or `maxBytes` worth. */
  since(workspace: string, cursor: number, limit = 1000, maxBytes = 1024 * 1024): StoredUpdate[] {
    const out: StoredUpdate[] = [];
    let bytes = 0;
    for (const { key, value } of this.log.getRange({ start: [workspace, cursor + 1], end: [workspace, Number.MAX_SAFE_INTEGER] })) {
      const { docId, update } = unpackEntry(value);
      out.push({ seq: key[1], docId, update });
      bytes += update.byteLength;
      if (out.length >= limit || bytes >= maxBytes) break;
    }
    return out;
  }

  /** All stored updates of one doc, merged into one (empty doc → undefined). */
  docState(workspace: string, docId: string): Uint8Array | undefined {
    const updates = this.docUpdates(workspace, docId);
    if (!updates.length) return undefined;
    return updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
  }

  /** Number of stored updates of a doc. */
  docUpdateCount(workspace: string, docId: string): number {
    return this.docs.getKeysCount({ start: [workspace, docId, 0], end: [workspace, docId, Number.MAX_SAFE_INTEGER] });
  }

  /** Merges a doc's stored updates into one now (the relay also does this on its own). */
  async compact(workspace: string, docId: string): Promise<number> {
    this.assertOpen();
    return this.env.transaction(() => {
      const head = this.compactIn(workspace, docId, this.heads.get(workspace) ?? 0);
      void this.heads.put(workspace, head);
      return head;
    });
  }

  /** Workspaces with at least one stored update. */
  workspaces(): string[] {
    return [...this.heads.getKeys()];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.env.close();
  }

  private docUpdates(workspace: string, docId: string): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (const key of this.docs.getKeys({ start: [workspace, docId, 0], end: [workspace, docId, Number.MAX_SAFE_INTEGER] })) {
      const v = this.log.get([workspace, key[2]]);
      if (v) out.push(unpackEntry(v).update);
    }
    return out;
  }

  /** Inside a write transaction: replaces a doc's updates by their merge at seq head + 1. */
  private compactIn(workspace: string, docId: string, head: number): number {
    const seqs = [...this.docs.getKeys({ start: [workspace, docId, 0], end: [workspace, docId, Number.MAX_SAFE_INTEGER] })].map((k) => k[2]);
    if (seqs.length < 2) return head;
    const updates: Uint8Array[] = [];
    for (const seq of seqs) {
      const v = this.log.get([workspace, seq]);
      if (v) updates.push(unpackEntry(v).update);
    }
    let merged: Uint8Array;
    try {
      merged = compactUpdates(docId, updates);
    } catch {
      // An update that does not merge stays as it is: compaction never loses data.
      return head;
    }
    for (const seq of seqs) {
      void this.log.remove([workspace, seq]);
      void this.docs.remove([workspace, docId, seq]);
    }
    const seq = head + 1;
    void this.log.put([workspace, seq], packEntry(docId, merged));
    void this.docs.put([workspace, docId, seq], true);
    return seq;
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageError('the relay store is closed');
  }
}
