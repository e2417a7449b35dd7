// The IndexedDB layout of one workspace (version 5):
//   chunks    ++n, c           packed docs of one collection: for each its id, base state (the first
//                              updates, or the compacted state), stored-update count and row
//   dir       ++v              append-only directory: which ids were placed in which chunk
//   updates   ++seq, docId     a doc's later updates; base plus updates are the source of truth
//   trash     id, c            rows of deleted records (tombstoned in the CRDT), for undo and restore
//   blobs     sha256           attachment contents
//   problems  ++id, kind       data kept aside because it could not be read (malformed, newer schema)
//   meta      k                small key/value state (workspace settings, sync cursor)
//   outbox    ++id             local and imported updates not yet acknowledged by the relay
//   uploads   sha256           attachment contents stored here that the relay does not have yet
// Why packed: every IndexedDB request costs about 100 µs and every index entry about 19 µs in
// Chromium whatever the value's size, so a workspace of 276,000 records stored one row per
// request cannot be written in less than half a minute. A chunk holds hundreds of records.
import Dexie, { type Table, type Transaction } from 'dexie';
import { COLLECTION_NAMES, COLLECTIONS, type CollectionName, type FieldDef, type Row } from '@counterpart/model';

export interface UpdateEntry {
  seq?: number;
  docId: string;
  u: Uint8Array;
  /** Where it came from: 'local' edits are the ones a sync engine still has to send. */
  origin: Origin;
  at: number;
}

export type Origin = 'local' | 'remote' | 'import';

/** A doc entry of layout version 3 and before (kept for the upgrade to version 4). */
export interface DocEntry {
  id: string;
  c: string;
  n: number;
  u?: Uint8Array;
}

/**
 * The rows of up to CHUNK_SIZE docs of one collection (`c`), or of no known collection yet ('?'),
 * or the settings doc ('_settings'). Index i of each array belongs to `ids[i]`. Lists read these
 * without touching the docs' states, which are in the `bases` entry with the same `n`.
 */
export interface ChunkEntry {
  n?: number;
  c: string;
  ids: string[];
  /** The live record's row; null for deleted records and docs that are not records. */
  rows: (Row | null)[];
}

/** The docs' states of chunk `n`, index for index. */
export interface BaseEntry {
  n: number;
  ids: string[];
  /** Base state: the updates that created the doc, or its state when last compacted; null for a
   * doc of layout version 2, whose updates are all in `updates`. */
  u: (Uint8Array | null)[];
}

/** The ids placed in chunk `n` by one write; later entries win over earlier ones. */
export interface DirEntry {
  v?: number;
  n: number;
  c: string;
  ids: string[];
}

export interface TrashEntry {
  id: string;
  c: CollectionName;
  row: Row;
  deletedAt: number;
}

export interface BlobEntry {
  sha256: string;
  data: Blob | Uint8Array;
}

/** An attachment's content waiting to be uploaded to the relay (SPEC S13). */
export interface UploadEntry {
  sha256: string;
  size: number;
  /** When it was queued (epoch ms): uploads go oldest first. */
  queuedAt: number;
  /** Failed attempts so far. */
  attempts: number;
  /** Not tried again before this time (epoch ms); 0 means now. */
  retryAt: number;
  /** Why the last attempt failed. */
  error?: string;
  /** The relay refused it for good (too large, not allowed): kept, not retried until asked. */
  refused?: boolean;
}

export interface ProblemEntry {
  id?: number;
  kind: ProblemKind;
  docId?: string;
  message: string;
  at: number;
  /** The bytes or value that could not be used, kept so nothing is lost. */
  data?: unknown;
}

export type ProblemKind = 'malformed-update' | 'corrupt-entry' | 'newer-schema' | 'unknown-collection' | 'quota';

/** An update made on this device that the relay has not yet acknowledged (SPEC S11). */
export interface OutboxEntry {
  id?: number;
  docId: string;
  u: Uint8Array;
}

export interface MetaEntry {
  k: string;
  v: unknown;
}

/** Field kinds whose values are valid IndexedDB keys (booleans and objects are not). */
const INDEXABLE = new Set(['text', 'email', 'phone', 'url', 'integer', 'number', 'date', 'datetime', 'enum', 'currency', 'ref']);

export function rowIndexes(collection: CollectionName): string[] {
  const out = ['id', '_sort', '*_t'];
  const fields: Readonly<Record<string, FieldDef>> = COLLECTIONS[collection].fields;
  for (const [key, def] of Object.entries(fields)) {
    if (def.indexed && INDEXABLE.has(def.kind)) out.push(key);
  }
  return out;
}

export type CounterpartDb = Dexie & {
  chunks: Table<ChunkEntry, number>;
  bases: Table<BaseEntry, number>;
  dir: Table<DirEntry, number>;
  updates: Table<UpdateEntry, number>;
  trash: Table<TrashEntry, string>;
  blobs: Table<BlobEntry, string>;
  problems: Table<ProblemEntry, number>;
  meta: Table<MetaEntry, string>;
  outbox: Table<OutboxEntry, number>;
  uploads: Table<UploadEntry, string>;
};

/** Docs per chunk: large enough that a full sync costs few requests, small enough that rewriting
 * one chunk for an edit stays a few milliseconds. */
export const CHUNK_SIZE = 200;

export interface DbOptions {
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

export const DB_PREFIX = 'counterpart:';

export function openDb(workspaceId: string, opts: DbOptions = {}): CounterpartDb {
  const db = new Dexie(DB_PREFIX + workspaceId, {
    ...(opts.indexedDB ? { indexedDB: opts.indexedDB } : {}),
    ...(opts.IDBKeyRange ? { IDBKeyRange: opts.IDBKeyRange } : {}),
    // An edit counts as saved only when it is on disk, not merely handed to the OS (SPEC S2).
    chromeTransactionDurability: 'strict',
    cache: 'disabled',
  });
  const stores: Record<string, string> = {
    updates: '++seq, docId',
    docs: 'id, c',
    trash: 'id, c, deletedAt',
    blobs: 'sha256',
    problems: '++id, kind, docId',
    meta: 'k',
  };
  for (const c of COLLECTION_NAMES) stores[c] = rowIndexes(c).join(', ');
  db.version(1).stores(stores);
  // Version 2: the sync outbox. A workspace from version 1 was never synced: everything in it is
  // this device's own, so all its stored updates go to the outbox.
  db.version(2)
    .stores({ outbox: '++id' })
    .upgrade(async (tx) => {
      const all = await tx.table<UpdateEntry, number>('updates').toArray();
      await tx.table<OutboxEntry, number>('outbox').bulkAdd(all.map((e) => ({ docId: e.docId, u: e.u })));
    });
  // Version 3: a doc's first updates (and its compacted state) are stored in its docs entry, so a
  // new record costs one write less; the unused index on docs.c goes.
  db.version(3).stores({ docs: 'id' });
  // Version 4: docs and rows packed in chunks (see the top of this file). Older code must not open
  // this layout.
  const dropped: Record<string, null> = { docs: null };
  for (const c of COLLECTION_NAMES) dropped[c] = null;
  db.version(4)
    .stores({ chunks: '++n, c', bases: 'n', dir: '++v', ...dropped })
    .upgrade((tx) => packV3(tx));
  // Version 5: the upload queue of attachment contents. Blobs stored before it existed were
  // attached on this device and never sent, so every one is queued.
  db.version(5)
    .stores({ uploads: 'sha256' })
    .upgrade(async (tx) => {
      const now = Date.now();
      const queued: UploadEntry[] = [];
      await tx.table<BlobEntry, string>('blobs').each((b) => {
        const size = b.data instanceof Blob ? b.data.size : b.data.byteLength;
        queued.push({ sha256: b.sha256, size, queuedAt: now, attempts: 0, retryAt: 0 });
      });
      await tx.table<UploadEntry, string>('uploads').bulkPut(queued);
    });
  return db as CounterpartDb;
}

/**
 * Moves a version 3 database into chunks: per collection, its docs entries with their rows. A doc
 * from version 2 has no base; its updates stay in `updates` and load as before.
 */
async function packV3(tx: Transaction): Promise<void> {
  const docs = tx.table<DocEntry, string>('docs');
  const chunks = tx.table<ChunkEntry, number>('chunks');
  const bases = tx.table<BaseEntry, number>('bases');
  const dir = tx.table<DirEntry, number>('dir');
  const open = new Map<string, { chunk: ChunkEntry; u: (Uint8Array | null)[] }>();
  const flush = async ({ chunk, u }: { chunk: ChunkEntry; u: (Uint8Array | null)[] }): Promise<void> => {
    const n = await chunks.add(chunk);
    await bases.add({ n, ids: chunk.ids, u });
    await dir.add({ n, c: chunk.c, ids: chunk.ids });
  };
  let after: string | undefined;
  for (;;) {
    const page = await (after === undefined ? docs.orderBy(':id') : docs.where(':id').above(after)).limit(2000).toArray();
    if (!page.length) break;
    after = page[page.length - 1]!.id;
    const byC = new Map<string, DocEntry[]>();
    for (const e of page) {
      const list = byC.get(e.c);
      if (list) list.push(e);
      else byC.set(e.c, [e]);
    }
    for (const [c, list] of byC) {
      const rows: unknown[] = (COLLECTION_NAMES as readonly string[]).includes(c)
        ? await tx.table(c).bulkGet(list.map((e) => e.id))
        : list.map(() => undefined);
      for (let i = 0; i < list.length; i++) {
        const e = list[i]!;
        let packed = open.get(c);
        if (!packed) open.set(c, (packed = { chunk: { c, ids: [], rows: [] }, u: [] }));
        packed.chunk.ids.push(e.id);
        packed.chunk.rows.push((rows[i] as Row | undefined) ?? null);
        packed.u.push(e.u ?? null);
        if (packed.chunk.ids.length >= CHUNK_SIZE) {
          open.delete(c);
          await flush(packed);
        }
      }
    }
  }
  for (const packed of open.values()) await flush(packed);
}
