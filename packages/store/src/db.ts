// The IndexedDB layout of one workspace, derived from the model's schema:
//   docs      id               one entry per known doc: its collection, its base state (the first
//                              updates, or the compacted state) and how many updates it has stored
//   updates   ++seq, docId     the doc's later updates; base plus updates are the source of truth
//   <collection>               one materialised row per live record, indexed for lists and search
//   trash     id, c            rows of deleted records (tombstoned in the CRDT), for undo and restore
//   blobs     sha256           attachment contents
//   problems  ++id, kind       data kept aside because it could not be read (malformed, newer schema)
//   meta      k                small key/value state (workspace settings, sync cursor)
//   outbox    ++id             local and imported updates not yet acknowledged by the relay
import Dexie, { type Table } from 'dexie';
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

export interface DocEntry {
  id: string;
  /** Collection, or '_settings' for the workspace settings doc. */
  c: string;
  /** Number of stored updates, the base state included, for compaction. */
  n: number;
  /**
   * The doc's base state: the updates that created it, or its state when it was last compacted.
   * Its other updates are in `updates`. Absent on entries written before version 3.
   */
  u?: Uint8Array;
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
  updates: Table<UpdateEntry, number>;
  docs: Table<DocEntry, string>;
  trash: Table<TrashEntry, string>;
  blobs: Table<BlobEntry, string>;
  problems: Table<ProblemEntry, number>;
  meta: Table<MetaEntry, string>;
  outbox: Table<OutboxEntry, number>;
} & { [C in CollectionName]: Table<Row, string> };

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
  // new record costs one write less; the unused index on docs.c goes. Entries stored by version 2
  // have no base and keep their updates, which loads the same. Older code must not open this
  // layout: it would not see the bases.
  db.version(3).stores({ docs: 'id' });
  return db as CounterpartDb;
}
