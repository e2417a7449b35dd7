// The single write path (SPEC S1): local edits, remote updates and imports all become
// (docId, update) pairs that go through `prepareBatch` and `commitBatch`. It checks each update, applies it to the
// record's doc, materialises the row and stores update and row in one IndexedDB transaction.
// Docs and rows are packed in chunks (db.ts): a batch reads the chunks of the docs it touches,
// changes them in memory and writes each back once, and new docs fill the newest chunk of their
// collection, so a batch of a thousand new records costs a handful of requests.
import Dexie from 'dexie';
import * as Y from 'yjs';
import { isCollectionName, readRecord, readRecordUpdate, SCHEMA_VERSION, toRow, type CollectionName, type CustomFieldDef, type RecordState, type Row } from '@counterpart/model';
import { CHUNK_SIZE, type BaseEntry, type ChunkEntry, type CounterpartDb, type MetaEntry, type Origin, type OutboxEntry, type ProblemEntry, type TrashEntry, type UpdateEntry } from './db.ts';
import { Directory } from './directory.ts';
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

/** Where ingest time goes, in milliseconds summed over batches (for benchmarks). */
export interface IngestStats {
  batches: number;
  /** Checking, applying and reading updates, and materialising rows. */
  cpu: number;
  /** Reading the directory, chunks and stored updates. */
  read: number;
  /** Writing chunks, updates and the outbox until IndexedDB has them. */
  write: number;
  /** From the last write to the durable commit. */
  commit: number;
}

export function newIngestStats(): IngestStats {
  return { batches: 0, cpu: 0, read: 0, write: 0, commit: 0 };
}

export interface DocSource {
  /** A doc already in memory, if any. */
  cached(id: string): Y.Doc | undefined;
  /** A doc created in memory on this device and not saved yet: certainly not stored. */
  isNew?(id: string): boolean;
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
 * Loads a doc from its base state (in its chunk's `bases` entry) and its stored updates.
 * Unreadable ones are skipped and returned as problems; `found` says whether anything was stored.
 */
export async function loadDoc(db: CounterpartDb, dir: Directory, id: string, into?: Y.Doc): Promise<{ doc: Y.Doc; problems: ProblemEntry[]; found: boolean }> {
  const doc = into ?? new Y.Doc({ guid: id });
  const [base, entries] = await db.transaction('r', [db.dir, db.chunks, db.bases, db.updates], async () => {
    // The settings doc has a chunk of its own; any other doc unseen so far is looked up in the
    // directory, as is one that is no longer where it was seen.
    if (dir.get(id) === undefined) {
      if (id === SETTINGS_DOC_ID) dir.note([id], ...(await db.chunks.where('c').equals('_settings').primaryKeys()).slice(0, 1));
      else await dir.refresh(db);
    }
    let n = dir.get(id);
    let entry = n === undefined ? undefined : await db.bases.get(n);
    if (entry && !entry.ids.includes(id)) {
      await dir.refresh(db);
      n = dir.get(id);
      entry = n === undefined ? undefined : await db.bases.get(n);
    }
    return [entry, await db.updates.where('docId').equals(id).toArray()] as const;
  });
  const problems: ProblemEntry[] = [];
  const i = base ? base.ids.indexOf(id) : -1;
  if (base && i >= 0) applyBase(doc, base.u[i] ?? null, problems);
  applyEntries(doc, entries, problems);
  return { doc, problems, found: i >= 0 || entries.length > 0 };
}

/**
 * Loads several docs together: one read of each chunk's states and one query of the stored
 * updates, instead of one of each per doc (`loadDoc`). Returns the docs found; the others are
 * left out, for `loadDoc` to load or report.
 */
export async function loadDocs(db: CounterpartDb, dir: Directory, ids: readonly string[]): Promise<{ docs: Map<string, Y.Doc>; problems: ProblemEntry[] }> {
  const [bases, entries] = await db.transaction('r', [db.dir, db.chunks, db.bases, db.updates], async () => {
    if (ids.some((id) => dir.get(id) === undefined)) await dir.refresh(db);
    const ns = [...new Set(ids.map((id) => dir.get(id)).filter((n): n is number => n !== undefined))];
    return [await db.bases.bulkGet(ns), await db.updates.where('docId').anyOf([...ids]).toArray()] as const;
  });
  const state = new Map<string, Uint8Array | null>();
  for (const base of bases) base?.ids.forEach((id, i) => state.set(id, base.u[i] ?? null));
  const updates = new Map<string, UpdateEntry[]>();
  for (const e of entries) {
    const list = updates.get(e.docId);
    if (list) list.push(e);
    else updates.set(e.docId, [e]);
  }
  const docs = new Map<string, Y.Doc>();
  const problems: ProblemEntry[] = [];
  for (const id of ids) {
    const own = updates.get(id) ?? [];
    // A doc its chunk does not hold (the directory moved on) is left to `loadDoc`, which looks again.
    if (!state.has(id) && (dir.get(id) !== undefined || !own.length)) continue;
    const doc = new Y.Doc({ guid: id });
    applyBase(doc, state.get(id) ?? null, problems);
    // In stored order, as `loadDoc` reads them.
    applyEntries(doc, own.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)), problems);
    docs.set(id, doc);
  }
  return { docs, problems };
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

function applyBase(doc: Y.Doc, u: Uint8Array | null, problems: ProblemEntry[]): void {
  if (u === null) return;
  const bad = checkUpdate(u);
  if (bad) {
    problems.push({ kind: 'corrupt-entry', docId: doc.guid, message: `The stored base state of ${doc.guid} is unreadable (${bad}); skipped`, at: Date.now(), data: u });
    return;
  }
  try {
    Y.applyUpdate(doc, u, INGEST_ORIGIN);
  } catch (err) {
    problems.push({ kind: 'corrupt-entry', docId: doc.guid, message: `The stored base state of ${doc.guid} failed to apply: ${String(err)}`, at: Date.now(), data: u });
  }
}

/**
 * A chunk being changed by a transaction: its rows, its docs' states (read only when needed:
 * an edit of a record in memory changes its row, not its base), and what was placed in it.
 */
export interface Working {
  chunk: ChunkEntry;
  base: Omit<BaseEntry, 'n'> | undefined;
  /** Ids placed here by this batch, for the directory. */
  placed: string[];
  rowsDirty: boolean;
  baseDirty: boolean;
}

/**
 * The chunks of one transaction: those of the docs it touches, read once, and the ones new docs
 * join. Everything is written back once at the end. Every method that reads or writes returns
 * IndexedDB's own promise (never an async function's), which keeps the transaction alive.
 */
export class ChunkSet {
  private readonly byN = new Map<number, Working>();
  private readonly fresh: Working[] = [];
  /** Per collection, its newest chunk, where new docs go while it has room. */
  private readonly newest = new Map<string, number | null>();

  constructor(
    private readonly db: CounterpartDb,
    private readonly dir: Directory,
  ) {}

  /** Reads the rows of chunks `ns`. */
  read(ns: Iterable<number>): Promise<void> {
    const want = [...new Set(ns)].filter((n) => !this.byN.has(n));
    if (!want.length) return Dexie.Promise.resolve();
    return this.db.chunks.bulkGet(want).then((chunks) => {
      want.forEach((n, i) => {
        // A chunk the directory names but that is gone is read as empty: its docs are new.
        const chunk = chunks[i] ?? { n, c: '?', ids: [], rows: [] };
        this.byN.set(n, { chunk, base: undefined, placed: [], rowsDirty: false, baseDirty: false });
      });
    });
  }

  /** Reads the docs' states of chunks `ns` (whose rows were read). */
  readBases(ns: Iterable<number>): Promise<void> {
    const want = [...new Set(ns)].filter((n) => this.byN.get(n)?.base === undefined);
    if (!want.length) return Dexie.Promise.resolve();
    return this.db.bases.bulkGet(want).then((bases) => {
      want.forEach((n, i) => {
        const w = this.byN.get(n)!;
        const base = bases[i];
        // States that do not line up with the rows (cannot happen through this code) are
        // matched by id, and a missing one is empty: the doc loads from its updates.
        if (base && base.ids.length === w.chunk.ids.length && base.ids.every((id, j) => id === w.chunk.ids[j])) {
          w.base = { ids: w.chunk.ids, u: base.u };
        } else {
          const byId = new Map((base?.ids ?? []).map((id, j) => [id, base!.u[j] ?? null]));
          w.base = { ids: w.chunk.ids, u: w.chunk.ids.map((id) => byId.get(id) ?? null) };
        }
      });
    });
  }

  /** Reads the newest chunk of each collection (rows and states), for new docs to join. */
  readNewest(collections: Iterable<string>): Promise<void> {
    const cs = [...collections].filter((c) => !this.newest.has(c));
    if (!cs.length) return Dexie.Promise.resolve();
    return Dexie.Promise.all(cs.map((c) => this.db.chunks.where('c').equals(c).reverse().limit(1).primaryKeys()))
      .then((keys) => {
        cs.forEach((c, i) => this.newest.set(c, keys[i]?.[0] ?? null));
        const ns = keys.flatMap((k) => k.slice(0, 1));
        return this.read(ns).then(() => this.readBases(ns));
      });
  }

  /** Where a stored doc is: its chunk and index, if the chunk was read and holds it. */
  find(id: string): { w: Working; i: number } | undefined {
    const n = this.dir.get(id);
    const w = n === undefined ? undefined : this.byN.get(n);
    if (!w) return undefined;
    const i = w.chunk.ids.indexOf(id);
    return i >= 0 ? { w, i } : undefined;
  }

  /** Adds a doc to collection `c`'s newest chunk (read with `readNewest`), or to a new one. */
  place(c: string, id: string, row: Row | null, u: Uint8Array | null): void {
    let w = this.fresh.find((f) => f.chunk.c === c && f.chunk.ids.length < CHUNK_SIZE);
    if (!w) {
      const n = this.newest.get(c);
      const open = n === undefined || n === null ? undefined : this.byN.get(n);
      if (open?.base && open.chunk.c === c && open.chunk.ids.length < CHUNK_SIZE) w = open;
    }
    if (!w) {
      const created: Working = { chunk: { c, ids: [], rows: [] }, base: { ids: [], u: [] }, placed: [], rowsDirty: true, baseDirty: true };
      this.fresh.push(created);
      w = created;
    }
    w.chunk.ids.push(id);
    w.chunk.rows.push(row);
    w.base!.u.push(u);
    w.placed.push(id);
    w.rowsDirty = true;
    w.baseDirty = true;
  }

  /** Takes a doc out of its chunk (its states read), to be placed again under its collection. */
  remove(w: Working, i: number): void {
    // Only called for a doc whose chunk's states were read.
    w.chunk.ids.splice(i, 1);
    w.chunk.rows.splice(i, 1);
    w.base!.u.splice(i, 1);
    w.rowsDirty = true;
    w.baseDirty = true;
  }

  /**
   * Writes every changed chunk and the directory entries of the docs placed, and raises the
   * version of every chunk whose rows it writes (SPEC S17). `inOrder`: the transaction began
   * with a directory refresh.
   */
  write(inOrder: boolean): Promise<void> {
    const ops: Promise<unknown>[] = [];
    const placed: { n: number; c: string; ids: string[] }[] = [];
    /** The chunks whose rows are written, by collection. */
    const written = new Map<string, number[]>();
    const wrote = (c: string, n: number): void => {
      const ns = written.get(c);
      if (ns) ns.push(n);
      else written.set(c, [n]);
    };
    const addDir = (): Promise<unknown> =>
      Dexie.Promise.all(placed.map((p) => this.db.dir.add(p).then((v) => this.dir.take({ ...p, v }, inOrder))));
    for (const [n, w] of this.byN) {
      if (w.rowsDirty) {
        ops.push(this.db.chunks.put(w.chunk));
        wrote(w.chunk.c, n);
      }
      if (w.baseDirty && w.base) ops.push(this.db.bases.put({ n, ids: w.chunk.ids, u: w.base.u }));
      if (w.placed.length) placed.push({ n, c: w.chunk.c, ids: w.placed });
    }
    for (const w of this.fresh) {
      ops.push(this.db.chunks.add(w.chunk).then((n) => {
        placed.push({ n, c: w.chunk.c, ids: w.placed });
        wrote(w.chunk.c, n);
        return this.db.bases.put({ n, ids: w.chunk.ids, u: w.base!.u });
      }));
    }
    return Dexie.Promise.all(ops)
      .then(addDir)
      .then(() => Dexie.Promise.all([...written].map(([c, ns]) => this.raiseVersions(c, ns))))
      .then(() => undefined);
  }

  /** The collection's version goes up by one, and chunks `ns` take it (SPEC S17). */
  private raiseVersions(c: string, ns: readonly number[]): Promise<unknown> {
    const k = chunkVersionsKey(c);
    return this.db.meta.get(k).then((entry) => {
      const prev = chunkVersionsOf(entry?.v);
      const ver = prev.ver + 1;
      const chunks = { ...prev.chunks };
      for (const n of ns) chunks[n] = ver;
      return this.db.meta.put({ k, v: { ver, chunks } satisfies ChunkVersions });
    });
  }
}

/**
 * A collection's row version and the version each of its chunks last had its rows written at
 * (SPEC S17). Chunks never written since the versions began (packed by an upgrade) have none:
 * they count as version 0.
 */
export interface ChunkVersions {
  readonly ver: number;
  readonly chunks: Readonly<Record<string, number>>;
}

export function chunkVersionsKey(c: string): string {
  return `rowsVersion:${c}`;
}

/** A stored entry's versions; none yet (or an entry not in this shape) is version 0. */
export function chunkVersionsOf(v: unknown): ChunkVersions {
  if (typeof v === 'object' && v !== null) {
    const { ver, chunks } = v as Partial<ChunkVersions>;
    if (typeof ver === 'number' && Number.isInteger(ver) && ver >= 0 && typeof chunks === 'object' && chunks !== null) return { ver, chunks };
  }
  return { ver: 0, chunks: {} };
}

/** What reading a record gave: its collection, its row, and what to change in the trash. */
interface Outcome {
  c: string;
  /** The live record's row; null when deleted, unreadable or not a record. */
  row: Row | null;
  change?: RowChange;
  trash?: TrashEntry;
  problems: ProblemEntry[];
}

/** A doc of the batch that nothing had stored when the batch was prepared, applied in advance. */
interface FreshDoc {
  /** Absent when the batch was prepared elsewhere (another worker): docs do not cross threads. */
  doc?: Y.Doc;
  updates: Uint8Array[];
  outcome: Outcome;
}

/**
 * A batch checked and grouped by doc, with its new docs already applied and read. This is the
 * CPU-heavy part of a write, done before the write waits for its turn, so a sync or an import
 * prepares its next batch while IndexedDB stores the previous one.
 */
export interface PreparedBatch {
  origin: Origin;
  at: number;
  size: number;
  /** Each doc's accepted updates, in order. */
  byDoc: Map<string, Uint8Array[]>;
  /** Updates refused before applying (malformed, or no doc id). */
  refused: ProblemEntry[];
  fresh: Map<string, FreshDoc>;
  /** Updates that failed to apply to a fresh doc. */
  failed: Set<Uint8Array>;
  cpu: number;
}

/**
 * Checks a batch and applies the updates of docs that are neither stored (as far as `dir` knows)
 * nor in memory to new docs. `commit` uses that work for every doc that is still new by then.
 */
export function prepareBatch(
  items: readonly IncomingUpdate[],
  origin: Origin,
  dir: Directory,
  source: DocSource,
  prepareFresh = true,
  keepDocs = true,
): PreparedBatch {
  const t0 = performance.now();
  const at = Date.now();
  const refused: ProblemEntry[] = [];
  const byDoc = new Map<string, Uint8Array[]>();
  const fresh = new Map<string, FreshDoc>();
  const failed = new Set<Uint8Array>();
  for (const it of items) {
    const bad = typeof it.docId !== 'string' || !it.docId ? 'missing doc id' : !(it.update instanceof Uint8Array) ? 'not binary data' : it.update.byteLength === 0 ? 'empty update' : undefined;
    if (bad) {
      refused.push(refusal(it, origin, bad, at));
      continue;
    }
    const list = byDoc.get(it.docId);
    if (list) list.push(it.update);
    else byDoc.set(it.docId, [it.update]);
  }
  for (const [id, updates] of byDoc) {
    if (!prepareFresh || id === SETTINGS_DOC_ID || dir.get(id) !== undefined || source.cached(id)) continue;
    // A new record that arrives as one plain update (as a relay sends a record written once) is
    // read from the update itself, without building its doc (model SPEC R17); its base is that
    // update. Anything else is applied to a doc below.
    const plain = !keepDocs && updates.length === 1 ? readRecordUpdate(id, updates[0]!, (c) => source.custom(c)) : undefined;
    if (plain) {
      fresh.set(id, { updates, outcome: outcomeOf(id, plain, source, at) });
      continue;
    }
    // A new doc needs no check before applying: if an update throws, the doc is built again
    // from the ones that did apply, so nothing half-applied stays in it.
    let doc = new Y.Doc({ guid: id });
    const good: Uint8Array[] = [];
    for (const update of updates) {
      try {
        Y.applyUpdate(doc, update, INGEST_ORIGIN);
        good.push(update);
      } catch (err) {
        failed.add(update);
        refused.push({ kind: 'malformed-update', docId: id, message: `Update for ${id} failed to apply: ${String(err)}. It is kept, not applied.`, at, data: update });
        doc.destroy();
        doc = new Y.Doc({ guid: id });
        for (const g of good) Y.applyUpdate(doc, g, INGEST_ORIGIN);
      }
    }
    byDoc.set(id, good);
    if (good.length) {
      const outcome = readOutcome(id, doc, source, at);
      if (keepDocs) fresh.set(id, { doc, updates: good, outcome });
      // Not destroyed: nothing else holds it, and destroying costs more than dropping it.
      else fresh.set(id, { updates: good, outcome });
    } else doc.destroy();
  }
  return { origin, at, size: items.length, byDoc, refused, fresh, failed, cpu: performance.now() - t0 };
}

function refusal(it: IncomingUpdate, origin: Origin, reason: string, at: number): ProblemEntry {
  return { kind: 'malformed-update', docId: typeof it.docId === 'string' ? it.docId : undefined, message: `A ${origin} update for ${String(it.docId)} was refused: ${reason}. It is kept, not applied.`, at, data: it.update };
}

/** Reads the record in `doc`: its collection, its row (or its move to the trash) and problems. */
function readOutcome(id: string, doc: Y.Doc, source: DocSource, now: number): Outcome {
  if (id === SETTINGS_DOC_ID) return { c: '_settings', row: null, problems: [] };
  let state;
  try {
    const raw = doc.getMap<unknown>('meta').get('c');
    state = readRecord(doc, isCollectionName(raw) ? source.custom(raw) : []);
  } catch (err) {
    return { c: '?', row: null, problems: [{ kind: 'corrupt-entry', docId: id, message: `Record ${id} cannot be read: ${String(err)}`, at: now }] };
  }
  return outcomeOf(id, state, source, now);
}

/** The outcome of a record read (from its doc, or from its one update). */
function outcomeOf(id: string, state: RecordState, source: DocSource, now: number): Outcome {
  const c = state.collection;
  if (!c) {
    // An update can arrive before the one that creates the record: keep it, no row yet.
    if (state.collectionName === undefined) return { c: '?', row: null, problems: [] };
    const name = describe(state.collectionName);
    return { c: name, row: null, problems: [{ kind: 'unknown-collection', docId: id, message: `Record ${id} belongs to "${name}", which this version does not know; kept`, at: now }] };
  }
  const problems: ProblemEntry[] = [];
  if (state.schemaVersion > SCHEMA_VERSION) {
    problems.push({ kind: 'newer-schema', docId: id, message: `Record ${id} was saved by a newer version (schema ${state.schemaVersion}); shown read-only, kept unchanged`, at: now });
  }
  const row = rowOfState(c, state, source.custom(c));
  if (state.deleted) return { c, row: null, change: { collection: c, id, deleted: true }, trash: { id, c, row, deletedAt: now }, problems };
  return { c, row, change: { collection: c, id, row, deleted: false }, problems };
}

/**
 * Applies a prepared batch and persists it. Resolves once IndexedDB has committed the
 * transaction (durably, see openDb): that is the "saved" point of every write (SPEC S2).
 * `docsOut` receives the docs touched, so the caller can keep hot ones in memory; `meta` is
 * written in the same transaction (the sync cursor that goes with a page of updates).
 */
export async function commitBatch(
  db: CounterpartDb,
  dir: Directory,
  batch: PreparedBatch,
  source: DocSource,
  docsOut: Map<string, Y.Doc>,
  stats: IngestStats = newIngestStats(),
  meta?: MetaEntry,
): Promise<BatchResult> {
  const { origin, at: now, fresh } = batch;
  let t = performance.now();
  const lap = (key: 'cpu' | 'read' | 'write' | 'commit'): void => {
    const t1 = performance.now();
    stats[key] += t1 - t;
    t = t1;
  };
  stats.batches++;
  stats.cpu += batch.cpu;
  const problems: ProblemEntry[] = [...batch.refused];
  const failed = new Set(batch.failed);
  const result: BatchResult = { applied: 0, rejected: batch.refused.length, rows: [], settingsChanged: false, problems };
  const trashPut: TrashEntry[] = [];
  const trashDelete: string[] = [];
  const ids = [...batch.byDoc.keys()].sort();

  try {
    await db.transaction('rw', [db.chunks, db.bases, db.dir, db.updates, db.outbox, db.trash, db.problems, db.meta], async () => {
      // Whether each doc is stored must be certain: a remote or imported batch, or a local one
      // with a doc whose place this store has not seen, reads the directory first.
      let refreshed = false;
      const refresh = async (): Promise<void> => {
        await dir.refresh(db);
        refreshed = true;
      };
      if (origin !== 'local' || ids.some((id) => dir.get(id) === undefined && !source.isNew?.(id))) await refresh();
      const chunks = new ChunkSet(db, dir);
      await chunks.read(ids.flatMap((id) => dir.get(id) ?? []));
      // A place seen earlier that no longer holds the doc (it moved): ask the directory.
      if (!refreshed && ids.some((id) => dir.get(id) !== undefined && !chunks.find(id))) {
        await refresh();
        await chunks.read(ids.flatMap((id) => dir.get(id) ?? []));
      }
      const storedSet = new Set(ids.filter((id) => chunks.find(id)));
      lap('read');
      // A doc prepared as new that was stored or loaded since is done the ordinary way.
      const usable = new Set<string>();
      for (const [id, f] of fresh) {
        if (storedSet.has(id) || source.cached(id) || docsOut.has(id)) f.doc?.destroy();
        else usable.add(id);
      }
      // Stored docs not in memory are loaded: base state from their chunk, then their updates.
      const toLoad: string[] = [];
      for (const id of ids) {
        if (usable.has(id)) {
          const doc = fresh.get(id)!.doc;
          if (doc) docsOut.set(id, doc);
          continue;
        }
        let doc = source.cached(id) ?? docsOut.get(id);
        if (!doc) {
          doc = new Y.Doc({ guid: id });
          if (storedSet.has(id)) toLoad.push(id);
        }
        docsOut.set(id, doc);
      }
      lap('cpu');
      // How many updates each stored doc has beside its base, for compaction (SPEC S5).
      const storedCount = new Map<string, number>();
      const later = new Map<string, UpdateEntry[]>();
      if (toLoad.length) {
        await chunks.readBases(toLoad.map((id) => dir.get(id)!));
        for (const e of await db.updates.where('docId').anyOf(toLoad).toArray()) {
          const list = later.get(e.docId);
          if (list) list.push(e);
          else later.set(e.docId, [e]);
        }
      }
      const loading = new Set(toLoad);
      const inMemory = [...storedSet].filter((id) => !loading.has(id));
      if (inMemory.length) {
        for (const docId of (await db.updates.where('docId').anyOf(inMemory).keys()) as string[]) storedCount.set(docId, (storedCount.get(docId) ?? 0) + 1);
      }
      for (const [id, list] of later) storedCount.set(id, list.length);
      lap('read');
      for (const id of toLoad) {
        const doc = docsOut.get(id)!;
        const found = chunks.find(id)!;
        applyBase(doc, found.w.base?.u[found.i] ?? null, problems);
        applyEntries(doc, later.get(id) ?? [], problems);
      }

      const toStore: UpdateEntry[] = [];
      const compacted: string[] = [];
      // First every doc is applied and read; then the chunks whose states change are read;
      // then everything is placed and written.
      const done: { id: string; doc: Y.Doc | undefined; updates: Uint8Array[]; outcome: Outcome; compact: boolean; move: boolean }[] = [];
      const joining = new Set<string>();
      const statesOf = new Set<number>();
      for (const id of ids) {
        const doc = docsOut.get(id);
        let updates: Uint8Array[];
        let outcome: Outcome;
        if (usable.has(id)) {
          ({ updates, outcome } = fresh.get(id)!);
          result.applied += updates.length;
        } else {
          updates = [];
          for (const update of batch.byDoc.get(id)!) {
            const bad = checkUpdate(update);
            if (bad) {
              problems.push(refusal({ docId: id, update }, origin, bad, now));
              result.rejected++;
              failed.add(update);
              continue;
            }
            try {
              Y.applyUpdate(doc!, update, INGEST_ORIGIN);
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
          outcome = readOutcome(id, doc!, source, now);
        }
        if (id === SETTINGS_DOC_ID) result.settingsChanged = true;
        problems.push(...outcome.problems);
        if (outcome.change) result.rows.push(outcome.change);
        // Only a doc that was stored before can have a row in the trash.
        if (outcome.trash) trashPut.push(outcome.trash);
        else if (outcome.change && storedSet.has(id)) trashDelete.push(id);
        const found = chunks.find(id);
        // A doc stored before its collection was known ('?') moves to that collection's chunks.
        const move = found !== undefined && found.w.chunk.c !== outcome.c && outcome.c !== '?';
        const compact = found !== undefined && 1 + (storedCount.get(id) ?? 0) + updates.length > COMPACT_AFTER;
        if (!found || move) joining.add(outcome.c);
        if (found && (move || compact)) statesOf.add(dir.get(id)!);
        done.push({ id, doc, updates, outcome, compact, move });
      }
      lap('cpu');
      await chunks.readBases(statesOf);
      await chunks.readNewest(joining);
      lap('read');
      for (const { id, doc, updates, outcome: { c, row }, compact, move } of done) {
        const found = chunks.find(id);
        if (!found) {
          // A new doc: its updates become its base state, in its chunk.
          chunks.place(c, id, row, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
          continue;
        }
        const { w, i } = found;
        if (compact) {
          // Compaction (SPEC S5): the doc's state becomes its base and its stored updates go.
          w.base!.u[i] = Y.encodeStateAsUpdate(doc!);
          w.baseDirty = true;
          compacted.push(id);
        } else {
          for (const update of updates) toStore.push({ docId: id, u: update, origin, at: now });
        }
        if (move) {
          const u = w.base!.u[i] ?? null;
          chunks.remove(w, i);
          chunks.place(c, id, row, u);
        } else {
          w.chunk.rows[i] = row;
          w.rowsDirty = true;
        }
      }
      const outbox: OutboxEntry[] = [];
      if (origin !== 'remote') {
        for (const id of ids) for (const u of batch.byDoc.get(id)!) if (!failed.has(u)) outbox.push({ docId: id, u });
      }
      lap('cpu');
      await chunks.write(refreshed);
      if (toStore.length) await db.updates.bulkAdd(toStore);
      if (compacted.length) await db.updates.where('docId').anyOf(compacted).delete();
      // What was made on this device waits in the outbox until the relay has it (SPEC S11).
      if (outbox.length) await db.outbox.bulkAdd(outbox);
      if (trashDelete.length) await db.trash.bulkDelete(trashDelete);
      if (trashPut.length) await db.trash.bulkPut(trashPut);
      if (problems.length) await db.problems.bulkAdd(problems.map((p) => ({ ...p })));
      if (meta) await db.meta.put(meta);
      lap('write');
    });
    lap('commit');
  } catch (err) {
    // The directory may hold placements of the transaction that failed: read it again.
    dir.reset();
    for (const f of fresh.values()) if (f.doc && !docsOut.has(f.doc.guid)) f.doc.destroy();
    throw err;
  }
  return result;
}

/**
 * Prepares a remote or imported batch away from any store (in another worker): every doc is
 * taken as new and applied, and only what crosses threads is kept (rows and updates, no docs).
 * The store that commits it treats docs it finds stored the ordinary way.
 */
export function prepareElsewhere(items: readonly IncomingUpdate[], origin: Origin, custom: Partial<Record<CollectionName, readonly CustomFieldDef[]>>): PreparedBatch {
  return prepareBatch(items, origin, new Directory(), { cached: () => undefined, custom: (c) => custom[c] ?? [] }, true, false);
}

/** A record's row as lists read it: `toRow` of its state, marked `_newer` when a newer schema wrote it. */
export function rowOfState(c: CollectionName, state: RecordState, custom: readonly CustomFieldDef[]): Row {
  const row = toRow(c, state, custom) as Row & { _newer?: 1 };
  if (state.schemaVersion > SCHEMA_VERSION) row._newer = 1;
  return row;
}

function describe(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '?');
}
