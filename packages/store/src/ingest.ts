// The single write path (SPEC S1): local edits, remote updates and imports all become
// (docId, update) pairs that go through `ingestBatch`. It checks each update, applies it to the
// record's doc, materialises the row and stores update and row in one IndexedDB transaction.
import * as Y from 'yjs';
import type { Table } from 'dexie';
import { isCollectionName, readRecord, SCHEMA_VERSION, toRow, type CollectionName, type CustomFieldDef, type RecordState, type Row } from '@counterpart/model';
import type { CounterpartDb, DocEntry, Origin, OutboxEntry, ProblemEntry, UpdateEntry } from './db.ts';
import { SETTINGS_DOC_ID } from './settings.ts';

export const INGEST_ORIGIN = Symbol('counterpart:ingest');

/** Docs with more stored updates than this are compacted to one merged update (SPEC S5). */
export const COMPACT_AFTER = 64;

/** Rows or docs entries per IndexedDB call while a batch is written. */
const WRITE_SLICE = 100;

export interface IncomingUpdate {
  docId: string;
  update: Uint8Array;
}

export interface RowChange {
  collection: CollectionName;
  id: string;
  row?: Row;
  deleted: boolean;
}

export interface BatchResult {
  applied: number;
  rejected: number;
  rows: RowChange[];
  settingsChanged: boolean;
  problems: ProblemEntry[];
}

export interface DocSource {
  /** A doc already in memory, if any. */
  cached(id: string): Y.Doc | undefined;
  custom(collection: CollectionName): readonly CustomFieldDef[];
}

/** Checks that bytes are a decodable Yjs update without applying them anywhere. */
export function checkUpdate(update: unknown): string | undefined {
  if (!(update instanceof Uint8Array)) return 'not binary data';
  if (update.byteLength === 0) return 'empty update';
  try {
    Y.decodeUpdate(update);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Loads a doc from its base state (in its `docs` entry) and its stored updates. Unreadable ones
 * are skipped and returned as problems; `n` is how many there were.
 */
export async function loadDoc(db: CounterpartDb, id: string, into?: Y.Doc): Promise<{ doc: Y.Doc; problems: ProblemEntry[]; n: number }> {
  const doc = into ?? new Y.Doc({ guid: id });
  const [entry, entries] = await db.transaction('r', [db.docs, db.updates], () =>
    Promise.all([db.docs.get(id), db.updates.where('docId').equals(id).toArray()]),
  );
  const problems: ProblemEntry[] = [];
  if (entry) applyBase(doc, entry, problems);
  applyEntries(doc, entries, problems);
  return { doc, problems, n: entries.length + (entry?.u ? 1 : 0) };
}

function applyEntries(doc: Y.Doc, entries: UpdateEntry[], problems: ProblemEntry[]): void {
  for (const e of entries) {
    const bad = checkUpdate(e.u);
    if (bad) {
      problems.push({ kind: 'corrupt-entry', docId: doc.guid, message: `Stored update #${e.seq ?? '?'} of ${doc.guid} is unreadable (${bad}); skipped`, at: Date.now(), data: e });
      continue;
    }
    try {
      Y.applyUpdate(doc, e.u, INGEST_ORIGIN);
    } catch (err) {
      problems.push({ kind: 'corrupt-entry', docId: doc.guid, message: `Stored update #${e.seq ?? '?'} of ${doc.guid} failed to apply: ${String(err)}`, at: Date.now(), data: e });
    }
  }
}

function applyBase(doc: Y.Doc, entry: DocEntry, problems: ProblemEntry[]): void {
  if (entry.u === undefined) return;
  const bad = checkUpdate(entry.u);
  if (bad) {
    problems.push({ kind: 'corrupt-entry', docId: doc.guid, message: `The stored base state of ${doc.guid} is unreadable (${bad}); skipped`, at: Date.now(), data: entry });
    return;
  }
  try {
    Y.applyUpdate(doc, entry.u, INGEST_ORIGIN);
  } catch (err) {
    problems.push({ kind: 'corrupt-entry', docId: doc.guid, message: `The stored base state of ${doc.guid} failed to apply: ${String(err)}`, at: Date.now(), data: entry });
  }
}

/**
 * The `docs` entries of `ids` (sorted, distinct). A batch from a sync or an import is mostly new
 * records with neighbouring ids: one key read over the batch's id range then shows which exist,
 * instead of a read per id. When the range holds many other docs, each id is read on its own.
 */
async function readDocEntries(db: CounterpartDb, ids: readonly string[]): Promise<Map<string, DocEntry>> {
  const out = new Map<string, DocEntry>();
  if (!ids.length) return out;
  let wanted: readonly string[] = ids;
  if (ids.length > 1) {
    const limit = 2 * ids.length + 16;
    const inRange: string[] = await db.docs.where(':id').between(ids[0]!, ids[ids.length - 1]!, true, true).limit(limit).primaryKeys();
    if (inRange.length < limit) {
      const asked = new Set(ids);
      wanted = inRange.filter((id) => asked.has(id));
    }
  }
  if (!wanted.length) return out;
  const entries = await db.docs.bulkGet([...wanted]);
  for (const e of entries) if (e) out.set(e.id, e);
  return out;
}

/**
 * The tables a batch writes. When every doc is in memory its collection is known, and the
 * transaction leaves the other collections free: a long read of activities (the analytics
 * worker's) does not hold up saving an account. Otherwise every table, since a doc's collection
 * is only known once it is loaded.
 */
function transactionScope(db: CounterpartDb, ids: readonly string[], source: DocSource): Table[] {
  const collections = new Set<CollectionName>();
  for (const id of ids) {
    if (id === SETTINGS_DOC_ID) continue;
    const c: unknown = source.cached(id)?.getMap('meta').get('c');
    if (!isCollectionName(c)) return db.tables;
    collections.add(c);
  }
  return [db.updates, db.docs, db.outbox, db.trash, db.problems, ...[...collections].map((c) => db.table(c))];
}

/**
 * Applies a batch and persists it. Resolves once IndexedDB has committed the transaction
 * (durably, see openDb): that is the "saved" point of every write (SPEC S2).
 * `docsOut` receives the docs touched, so the caller can keep hot ones in memory.
 */
export async function ingestBatch(
  db: CounterpartDb,
  items: readonly IncomingUpdate[],
  origin: Origin,
  source: DocSource,
  docsOut: Map<string, Y.Doc>,
): Promise<BatchResult> {
  const now = Date.now();
  const problems: ProblemEntry[] = [];
  const accepted: IncomingUpdate[] = [];
  for (const it of items) {
    const bad = typeof it.docId === 'string' && it.docId ? checkUpdate(it.update) : 'missing doc id';
    if (bad) {
      problems.push({ kind: 'malformed-update', docId: typeof it.docId === 'string' ? it.docId : undefined, message: `A ${origin} update for ${String(it.docId)} was refused: ${bad}. It is kept, not applied.`, at: now, data: it.update });
    } else accepted.push(it);
  }
  const ids = [...new Set(accepted.map((a) => a.docId))].sort();

  const result: BatchResult = { applied: 0, rejected: items.length - accepted.length, rows: [], settingsChanged: false, problems };
  // Rows and docs entries are written in slices as they are made, without waiting: IndexedDB
  // stores one slice while the next records are read (the two run on different threads).
  const rows = new Map<CollectionName, Row[]>();
  const writes: Promise<unknown>[] = [];
  const revived: string[] = [];
  const write = (p: Promise<unknown>): void => {
    // Awaited together below; if the transaction aborts before that, they only repeat its error.
    void p.catch(() => undefined);
    writes.push(p);
  };
  const removed = new Map<CollectionName, string[]>();
  const trash: { id: string; c: CollectionName; row: Row; deletedAt: number }[] = [];

  await db.transaction('rw', transactionScope(db, ids, source), async () => {
    const known = await readDocEntries(db, ids);
    const toLoad: string[] = [];
    for (const id of ids) {
      let doc = source.cached(id) ?? docsOut.get(id);
      if (!doc) {
        doc = new Y.Doc({ guid: id });
        if (known.has(id)) toLoad.push(id);
      }
      docsOut.set(id, doc);
    }
    if (toLoad.length) {
      const stored = await db.updates.where('docId').anyOf(toLoad).toArray();
      const byDoc = new Map<string, UpdateEntry[]>();
      for (const e of stored) {
        const list = byDoc.get(e.docId);
        if (list) list.push(e);
        else byDoc.set(e.docId, [e]);
      }
      for (const id of toLoad) {
        const doc = docsOut.get(id)!;
        applyBase(doc, known.get(id)!, problems);
        applyEntries(doc, byDoc.get(id) ?? [], problems);
      }
    }

    // Doc by doc: apply its updates, read it and queue its writes, so that IndexedDB stores the
    // first records while the later ones are applied.
    const byDoc = new Map<string, Uint8Array[]>();
    for (const it of accepted) {
      const list = byDoc.get(it.docId);
      if (list) list.push(it.update);
      else byDoc.set(it.docId, [it.update]);
    }
    const failed = new Set<Uint8Array>();
    const docEntries: DocEntry[] = [];
    const toStore: UpdateEntry[] = [];
    const compacted: string[] = [];
    for (const [id, incoming] of byDoc) {
      const doc = docsOut.get(id)!;
      const updates: Uint8Array[] = [];
      for (const update of incoming) {
        try {
          Y.applyUpdate(doc, update, INGEST_ORIGIN);
        } catch (err) {
          problems.push({ kind: 'malformed-update', docId: id, message: `Update for ${id} failed to apply: ${String(err)}. It is kept, not applied.`, at: now, data: update });
          result.rejected++;
          failed.add(update);
          continue;
        }
        updates.push(update);
        result.applied++;
      }
      if (!updates.length) continue;
      const prev = known.get(id);
      if (id === SETTINGS_DOC_ID) result.settingsChanged = true;
      const c = id === SETTINGS_DOC_ID ? '_settings' : materialise(id, doc, prev !== undefined);
      const entry: DocEntry = { id, c: prev && prev.c !== '?' ? prev.c : c, n: (prev?.n ?? 0) + updates.length };
      if (prev?.u !== undefined) entry.u = prev.u;
      if (!prev) {
        // A new doc: its updates become its base state, in its docs entry (one write, not two).
        entry.u = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
        entry.n = 1;
      } else if (entry.n > COMPACT_AFTER) {
        // Compaction (SPEC S5): the doc's state becomes its base and its stored updates go.
        entry.u = Y.encodeStateAsUpdate(doc);
        entry.n = 1;
        compacted.push(id);
      } else {
        for (const u of updates) toStore.push({ docId: id, u, origin, at: now });
      }
      docEntries.push(entry);
      if (docEntries.length >= WRITE_SLICE) write(db.docs.bulkPut(docEntries.splice(0)));
    }
    const outbox: OutboxEntry[] = [];
    if (origin !== 'remote') for (const it of accepted) if (!failed.has(it.update)) outbox.push({ docId: it.docId, u: it.update });

    if (toStore.length) await db.updates.bulkAdd(toStore);
    if (compacted.length) await db.updates.where('docId').anyOf(compacted).delete();
    // What was made on this device waits in the outbox until the relay has it (SPEC S11).
    if (outbox.length) await db.outbox.bulkAdd(outbox);
    if (docEntries.length) write(db.docs.bulkPut(docEntries));
    for (const [c, list] of rows) if (list.length) write(db.table(c).bulkPut(list));
    await Promise.all(writes);
    if (revived.length) await db.trash.bulkDelete(revived);
    for (const [c, list] of removed) await db.table(c).bulkDelete(list);
    if (trash.length) await db.trash.bulkPut(trash);
    if (problems.length) await db.problems.bulkAdd(problems.map((p) => ({ ...p })));
  });
  return result;

  /** Reads the record, queues its row (or its move to the trash) and returns its collection. */
  function materialise(id: string, doc: Y.Doc, stored: boolean): string {
    let state;
    try {
      const raw = doc.getMap<unknown>('meta').get('c');
      state = readRecord(doc, isCollectionName(raw) ? source.custom(raw) : []);
    } catch (err) {
      problems.push({ kind: 'corrupt-entry', docId: id, message: `Record ${id} cannot be read: ${String(err)}`, at: now });
      return '?';
    }
    const c = state.collection;
    if (!c) {
      // An update can arrive before the one that creates the record: keep it, no row yet.
      if (state.collectionName !== undefined) {
        problems.push({ kind: 'unknown-collection', docId: id, message: `Record ${id} belongs to "${describe(state.collectionName)}", which this version does not know; kept`, at: now });
      }
      return describe(state.collectionName);
    }
    if (state.schemaVersion > SCHEMA_VERSION) {
      problems.push({ kind: 'newer-schema', docId: id, message: `Record ${id} was saved by a newer version (schema ${state.schemaVersion}); shown read-only, kept unchanged`, at: now });
    }
    const row = rowOfState(c, state, source.custom(c));
    if (state.deleted) {
      push(removed, c, id);
      trash.push({ id, c, row, deletedAt: now });
      result.rows.push({ collection: c, id, deleted: true });
    } else {
      const list = push(rows, c, row);
      if (list.length >= WRITE_SLICE) write(db.table(c).bulkPut(list.splice(0)));
      // Only a doc that was stored before can have a row in the trash.
      if (stored) revived.push(id);
      result.rows.push({ collection: c, id, row, deleted: false });
    }
    return c;
  }
}

/** A record's row as lists read it: `toRow` of its state, marked `_newer` when a newer schema wrote it. */
export function rowOfState(c: CollectionName, state: RecordState, custom: readonly CustomFieldDef[]): Row {
  const row = toRow(c, state, custom) as Row & { _newer?: 1 };
  if (state.schemaVersion > SCHEMA_VERSION) row._newer = 1;
  return row;
}

function push<T>(m: Map<CollectionName, T[]>, c: CollectionName, v: T): T[] {
  let list = m.get(c);
  if (!list) m.set(c, (list = []));
  list.push(v);
  return list;
}

function describe(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '?');
}
