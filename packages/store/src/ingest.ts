// The single write path (SPEC S1): local edits, remote updates and imports all become
// (docId, update) pairs that go through `ingestBatch`. It checks each update, applies it to the
// record's doc, materialises the row and stores update and row in one IndexedDB transaction.
import * as Y from 'yjs';
import { readRecord, SCHEMA_VERSION, toRow, type CollectionName, type CustomFieldDef, type Row } from '@counterpart/model';
import type { CounterpartDb, DocEntry, Origin, ProblemEntry, UpdateEntry } from './db.ts';
import { SETTINGS_DOC_ID } from './settings.ts';

export const INGEST_ORIGIN = Symbol('counterpart:ingest');

/** Docs with more stored updates than this are compacted to one merged update (SPEC S5). */
export const COMPACT_AFTER = 64;

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

/** Loads a doc from its stored updates. Unreadable entries are skipped and returned as problems. */
export async function loadDoc(db: CounterpartDb, id: string, into?: Y.Doc): Promise<{ doc: Y.Doc; problems: ProblemEntry[]; n: number }> {
  const doc = into ?? new Y.Doc({ guid: id });
  const entries = await db.updates.where('docId').equals(id).toArray();
  const problems: ProblemEntry[] = [];
  applyEntries(doc, entries, problems);
  return { doc, problems, n: entries.length };
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
  const ids = [...new Set(accepted.map((a) => a.docId))];

  const result: BatchResult = { applied: 0, rejected: items.length - accepted.length, rows: [], settingsChanged: false, problems };
  const docEntries = new Map<string, DocEntry>();
  const rows = new Map<CollectionName, Row[]>();
  const removed = new Map<CollectionName, string[]>();
  const trash: { id: string; c: CollectionName; row: Row; deletedAt: number }[] = [];
  const compact: string[] = [];

  await db.transaction('rw', db.tables, async () => {
    const known = await db.docs.bulkGet(ids);
    const toLoad: string[] = [];
    ids.forEach((id, i) => {
      const entry = known[i];
      if (entry) docEntries.set(id, entry);
      let doc = source.cached(id) ?? docsOut.get(id);
      if (!doc) {
        doc = new Y.Doc({ guid: id });
        if (entry) toLoad.push(id);
      }
      docsOut.set(id, doc);
    });
    if (toLoad.length) {
      const stored = await db.updates.where('docId').anyOf(toLoad).toArray();
      const byDoc = new Map<string, UpdateEntry[]>();
      for (const e of stored) {
        const list = byDoc.get(e.docId);
        if (list) list.push(e);
        else byDoc.set(e.docId, [e]);
      }
      for (const id of toLoad) applyEntries(docsOut.get(id)!, byDoc.get(id) ?? [], problems);
    }

    const toStore: UpdateEntry[] = [];
    for (const it of accepted) {
      const doc = docsOut.get(it.docId)!;
      try {
        Y.applyUpdate(doc, it.update, INGEST_ORIGIN);
      } catch (err) {
        problems.push({ kind: 'malformed-update', docId: it.docId, message: `Update for ${it.docId} failed to apply: ${String(err)}. It is kept, not applied.`, at: now, data: it.update });
        result.rejected++;
        continue;
      }
      toStore.push({ docId: it.docId, u: it.update, origin, at: now });
      result.applied++;
    }
    const touched = new Set(toStore.map((u) => u.docId));

    for (const id of touched) {
      const doc = docsOut.get(id)!;
      if (id === SETTINGS_DOC_ID) {
        result.settingsChanged = true;
        bumpDoc(docEntries, id, '_settings', toStore, compact);
        continue;
      }
      let state;
      try {
        state = readRecord(doc, []);
        if (state.collection) state = readRecord(doc, source.custom(state.collection));
      } catch (err) {
        problems.push({ kind: 'corrupt-entry', docId: id, message: `Record ${id} cannot be read: ${String(err)}`, at: now });
        bumpDoc(docEntries, id, '?', toStore, compact);
        continue;
      }
      const c = state.collection;
      bumpDoc(docEntries, id, c ?? describe(state.collectionName), toStore, compact);
      if (!c) {
        // An update can arrive before the one that creates the record: keep it, no row yet.
        if (state.collectionName !== undefined) {
          problems.push({ kind: 'unknown-collection', docId: id, message: `Record ${id} belongs to "${describe(state.collectionName)}", which this version does not know; kept`, at: now });
        }
        continue;
      }
      const newer = state.schemaVersion > SCHEMA_VERSION;
      if (newer) {
        problems.push({ kind: 'newer-schema', docId: id, message: `Record ${id} was saved by a newer version (schema ${state.schemaVersion}); shown read-only, kept unchanged`, at: now });
      }
      const row = toRow(c, state, source.custom(c)) as Row & { _newer?: 1 };
      if (newer) (row as Record<string, unknown>)._newer = 1;
      if (state.deleted) {
        push(removed, c, id);
        trash.push({ id, c, row, deletedAt: now });
        result.rows.push({ collection: c, id, deleted: true });
      } else {
        push(rows, c, row);
        result.rows.push({ collection: c, id, row, deleted: false });
      }
    }

    if (toStore.length) await db.updates.bulkAdd(toStore);
    // What was made on this device waits in the outbox until the relay has it (SPEC S11).
    if (origin !== 'remote' && toStore.length) await db.outbox.bulkAdd(toStore.map((u) => ({ docId: u.docId, u: u.u })));
    await db.docs.bulkPut([...docEntries.values()].filter((d) => touched.has(d.id)));
    for (const [c, list] of rows) await db.table(c).bulkPut(list);
    const revived = [...rows.values()].flat().map((r) => r.id);
    if (revived.length) await db.trash.bulkDelete(revived);
    for (const [c, list] of removed) await db.table(c).bulkDelete(list);
    if (trash.length) await db.trash.bulkPut(trash);
    for (const id of compact) {
      const doc = docsOut.get(id)!;
      const merged = Y.encodeStateAsUpdate(doc);
      const old = await db.updates.where('docId').equals(id).toArray();
      const wasLocal = old.some((o) => o.origin === 'local');
      await db.updates.bulkDelete(old.map((o) => o.seq!));
      await db.updates.add({ docId: id, u: merged, origin: wasLocal ? 'local' : origin, at: now });
      const entry = docEntries.get(id)!;
      await db.docs.put({ ...entry, n: 1 });
    }
    if (problems.length) await db.problems.bulkAdd(problems.map((p) => ({ ...p })));
  });
  return result;
}

function push<T>(m: Map<CollectionName, T[]>, c: CollectionName, v: T): void {
  const list = m.get(c);
  if (list) list.push(v);
  else m.set(c, [v]);
}

function bumpDoc(entries: Map<string, DocEntry>, id: string, c: string, stored: UpdateEntry[], compact: string[]): void {
  let added = 0;
  for (const u of stored) if (u.docId === id) added++;
  const prev = entries.get(id);
  const entry: DocEntry = { id, c: prev && prev.c !== '?' ? prev.c : c, n: (prev?.n ?? 0) + added };
  entries.set(id, entry);
  if (entry.n > COMPACT_AFTER) compact.push(id);
}

function describe(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '?');
}
