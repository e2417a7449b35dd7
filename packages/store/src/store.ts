// WorkspaceStore: one workspace on this device. Owns the IndexedDB database, the docs in memory
// and the write queue. Reads go to materialised rows (queries.ts); writes go through ingest.ts.
import * as Y from 'yjs';
import {
  COLLECTIONS, collectionOfId, isCollectionName, newId, newRecordDoc, readRecord, SCHEMA_VERSION, setDeleted, validate, ValidationError, writeRecord,
  type CollectionName, type CustomFieldDef, type RecordId, type Row, type SalesSettings, type SalesSettingsKey, type Values,
} from '@counterpart/model';
import { openDb, type CounterpartDb, type DbOptions, type Origin, type OutboxEntry, type ProblemEntry, type UploadEntry } from './db.ts';
import { DocCache } from './doc-cache.ts';
import { Directory } from './directory.ts';
import { StoreError, isQuotaError } from './errors.ts';
import { INGEST_ORIGIN, commitBatch, loadDoc, loadDocs, newIngestStats, prepareBatch, type BatchResult, type IncomingUpdate, type PreparedBatch, type RowChange } from './ingest.ts';
import { refreshDocs } from './external.ts';
import { Queries } from './queries.ts';
import {
  DEFAULT_SETTINGS, SETTINGS_DOC_ID, readSettings, writeCustomField, writeListView, writeSalesSetting, writeWorkspaceInfo,
  type ListViewChange, type WorkspaceInfo, type WorkspaceSettings, workspaceInfoProblem,
} from './settings.ts';

/** Collections whose writes the workspace's rules add to (rules.ts). */
const RULED: ReadonlySet<CollectionName> = new Set(['tickets', 'leads', 'campaigns']);
let rules: Promise<typeof import('./rules.ts')> | undefined;
const loadRules = (): Promise<typeof import('./rules.ts')> => (rules ??= import('./rules.ts'));

/** Raises what the workspace's rules refuse as the ValidationError a form shows by its fields. */
function refuse(collection: CollectionName, issues: readonly { field: string; message: string }[]): void {
  if (!issues.length) return;
  const fields: Readonly<Record<string, { label: string }>> = COLLECTIONS[collection].fields;
  throw new ValidationError(collection, issues.map((i) => ({ ...i, label: fields[i.field]?.label ?? i.field })));
}

export interface StoreOptions extends DbOptions {
  /** How many unpinned docs stay in memory after use. */
  docCacheSize?: number;
}

export interface ChangeEvent {
  origin: Origin;
  rows: RowChange[];
  settingsChanged: boolean;
  /**
   * Collections with changes that `rows` does not list: another store's writes to collections
   * this one has not read (their rows were not passed along, see `applyExternal`).
   */
  touched?: readonly CollectionName[];
}

/**
 * Changes another store made to records whose rows it did not pass along, as one string of ids
 * per collection, separated by newlines: thousands of ids cross threads as a few strings.
 */
export type OtherIds = Partial<Record<CollectionName, string>>;

/** A change another store made to a record whose row it did not pass along. */
export interface Touch {
  collection: CollectionName;
  id: string;
}

export type ChangeListener = (e: ChangeEvent) => void;
export type ProblemListener = (p: ProblemEntry) => void;

export class WorkspaceStore extends Queries {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly cache: DocCache;
  private readonly loading = new Map<string, Promise<Y.Doc>>();
  private readonly changeListeners = new Set<ChangeListener>();
  private readonly problemListeners = new Set<ProblemListener>();
  /** Local updates whose write failed (quota): kept in memory and written with the next write. */
  private unsaved: IncomingUpdate[] = [];
  private capture: Promise<unknown>[] | null = null;
  private settingsDoc: Y.Doc;
  /** Which chunk holds each doc. */
  private readonly dir = new Directory();
  /** Where the time of this store's writes went (benchmarks print it). */
  readonly stats = newIngestStats();
  /** Records created here whose first write is not saved yet. */
  private readonly created = new Set<string>();
  private readonly source = {
    cached: (id: string) => this.cache.get(id),
    isNew: (id: string) => this.created.has(id),
    custom: (c: CollectionName) => this.customFields(c),
  };
  settings: WorkspaceSettings = DEFAULT_SETTINGS;
  /** Who edits on this device: named in each record's history (model SPEC R11). */
  author = '';
  private closed = false;

  private constructor(
    readonly workspaceId: string,
    db: CounterpartDb,
    opts: StoreOptions,
  ) {
    super(db);
    this.memory.onChunk = (ids, n) => this.dir.note(ids, n);
    this.cache = new DocCache(opts.docCacheSize ?? 256);
    this.settingsDoc = newRecordDoc(SETTINGS_DOC_ID);
  }

  static async open(workspaceId: string, opts: StoreOptions = {}): Promise<WorkspaceStore> {
    const db = openDb(workspaceId, opts);
    await db.open();
    const store = new WorkspaceStore(workspaceId, db, opts);
    const { doc, problems } = await loadDoc(db, store.dir, SETTINGS_DOC_ID, store.settingsDoc);
    store.track(SETTINGS_DOC_ID, doc);
    store.cache.set(SETTINGS_DOC_ID, doc);
    store.cache.pin(SETTINGS_DOC_ID);
    store.settings = readSettings(doc);
    if (problems.length) await db.problems.bulkAdd(problems);
    return store;
  }

  // ---- events ---------------------------------------------------------------------------

  subscribe(listener: ChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onProblem(listener: ProblemListener): () => void {
    this.problemListeners.add(listener);
    return () => this.problemListeners.delete(listener);
  }

  // ---- the write path -------------------------------------------------------------------

  /**
   * Stores CRDT updates from anywhere: the sync engine (origin 'remote'), imports, and — through
   * the doc listeners below — local edits. Resolves when they are durably saved (SPEC S1, S2).
   * Malformed updates are kept in `problems` and reported, never applied (SPEC S4).
   */
  ingest(
    items: readonly IncomingUpdate[],
    origin: Origin,
    opts: { meta?: { k: string; v: unknown }; prepared?: PreparedBatch } = {},
  ): Promise<BatchResult> {
    if (this.closed) return Promise.reject(new StoreError('closed', 'The workspace is closed'));
    // Remote and imported batches are applied now, while earlier writes may still be storing:
    // a sync or an import prepares its next batch while IndexedDB writes the last one. A batch
    // may also come prepared by another thread (`prepareElsewhere`), with the same items.
    const early = origin === 'local' ? undefined : (opts.prepared ?? prepareBatch(items, origin, this.dir, this.source));
    return this.enqueue(async () => {
      const batch = early ?? prepareBatch([...this.unsaved, ...items], origin, this.dir, this.source, false);
      const touched = new Map<string, Y.Doc>();
      let result: BatchResult;
      try {
        result = await commitBatch(this.db, this.dir, batch, this.source, touched, this.stats, opts.meta);
      } catch (err) {
        // Docs loaded for this batch now hold unsaved state: drop them (cached ones keep it).
        for (const [id, doc] of touched) if (this.cache.get(id) !== doc) doc.destroy();
        if (isQuotaError(err)) {
          if (origin === 'local') this.unsaved = [...this.unsaved, ...items];
          const p: ProblemEntry = { kind: 'quota', message: 'The device is out of storage space: the last change is kept in memory but not saved. Free some space; it is saved with the next change.', at: Date.now() };
          this.emitProblem(p);
          throw new StoreError('quota', p.message, { cause: err });
        }
        throw err;
      }
      if (origin === 'local') this.unsaved = [];
      for (const id of batch.byDoc.keys()) this.created.delete(id);
      // Keep docs loaded for few-record writes hot; bulk loads would only churn the cache.
      for (const [id, doc] of touched) {
        if (this.cache.get(id) === doc) continue;
        if (touched.size <= 16) {
          this.track(id, doc);
          this.cache.set(id, doc);
        } else doc.destroy();
      }
      this.memory.apply(result.rows);
      if (result.settingsChanged) this.settings = readSettings(this.settingsDoc);
      for (const p of result.problems) this.emitProblem(p);
      if (result.rows.length || result.settingsChanged) {
        const e: ChangeEvent = { origin, rows: result.rows, settingsChanged: result.settingsChanged };
        for (const l of this.changeListeners) l(e);
      }
      return result;
    });
  }

  // ---- search ----------------------------------------------------------------------------

  /**
   * Reads the rows of `collections` into memory and builds their search index, after which a
   * keystroke in the header search is answered without any IndexedDB read (SPEC S10). Called
   * once the first screen is up.
   */
  async warmSearch(collections: readonly CollectionName[]): Promise<void> {
    await this.warm(collections);
    for (const c of collections) this.memory.loaded(c)?.warmSearch();
  }

  /**
   * Reads the rows of `collections` into memory a chunk page at a time, with their lookup by
   * account, so the first account page or list opened later does not wait for them. Called
   * when the app is idle.
   */
  async warm(collections: readonly CollectionName[]): Promise<void> {
    for (const c of collections) {
      if (this.closed) return;
      try {
        const table = await this.memory.table(c);
        if ((COLLECTIONS[c].fields as Readonly<Record<string, unknown>>).accountId) await table.buildLookup('accountId');
      } catch (err) {
        // Closing the workspace ends the reading; anything else is an error.
        if (this.closed) return;
        throw err;
      }
    }
  }

  /** Resolves when every write queued so far is saved. */
  flush(): Promise<void> {
    return this.enqueue(() => Promise.resolve());
  }

  /**
   * The record's doc, loaded from IndexedDB if needed and kept in memory until `release`.
   * Changes made to it directly (a bound text editor) are saved automatically; `edit` awaits them.
   */
  async acquire(id: string): Promise<Y.Doc> {
    this.assertOpen();
    this.cache.pin(id);
    try {
      return await this.doc(id);
    } catch (err) {
      this.cache.unpin(id);
      throw err;
    }
  }

  release(id: string): void {
    this.cache.unpin(id);
  }

  /** Runs `fn` on the record's doc in one transaction and resolves when the change is saved. */
  async edit(id: string, fn: (doc: Y.Doc) => void): Promise<void> {
    const doc = await this.acquire(id);
    try {
      const saves: Promise<unknown>[] = [];
      this.capture = saves;
      try {
        doc.transact(() => fn(doc));
      } finally {
        this.capture = null;
      }
      await Promise.all(saves);
    } finally {
      this.release(id);
    }
  }

  async create<C extends CollectionName>(collection: C, values: Values): Promise<RecordId<C>> {
    this.assertOpen();
    const validated = validate(collection, values, { custom: this.customFields(collection) });
    const checked = { ...validated, ...(await this.derive(collection, undefined, validated)) };
    const id = newId(collection);
    await this.writeNew(collection, id, checked);
    return id;
  }

  /** Writes a new record's doc under `id` and resolves once it is saved. */
  private async writeNew(collection: CollectionName, id: string, checked: Values): Promise<void> {
    const doc = newRecordDoc(id);
    this.created.add(id);
    this.track(id, doc);
    this.cache.set(id, doc);
    const saves: Promise<unknown>[] = [];
    this.capture = saves;
    try {
      writeRecord(doc, collection, checked, { create: true, custom: this.customFields(collection) });
    } finally {
      this.capture = null;
    }
    await Promise.all(saves);
  }

  /** Validates a patch and writes the changed fields; resolves when saved. */
  async update(collection: CollectionName, id: string, patch: Values): Promise<void> {
    const custom = this.customFields(collection);
    const checked = validate(collection, patch, { partial: true, custom });
    const rules = RULED.has(collection) ? await loadRules() : undefined;
    await this.editRecord(collection, id, (doc) => {
      // Derived from the values as they are at the moment of writing (SPEC S14).
      const derived = rules?.deriveValues(collection, readRecord(doc).values, checked, rules.salesSettingsFrom(this.settings.sales), Date.now(), this.settings.currency);
      if (derived) refuse(collection, derived.issues);
      writeRecord(doc, collection, { ...checked, ...derived?.values }, { custom, by: this.author });
    });
  }

  /**
   * Creates the record with this id unless a record with it exists here already (deleted ones
   * included). Resolves true when it created it. For records whose ids every device derives
   * alike (the welcome cadence's tasks), so scheduling them twice creates nothing.
   */
  async ensure(collection: CollectionName, id: string, values: Values): Promise<boolean> {
    this.assertOpen();
    const custom = this.customFields(collection);
    const validated = validate(collection, values, { custom });
    const checked = { ...validated, ...(await this.derive(collection, undefined, validated)) };
    // One at a time, so two calls for one id cannot both find it missing.
    const run = this.ensuring.then(async () => {
      try {
        await this.acquire(id);
        this.release(id);
        return false;
      } catch (err) {
        if (!(err instanceof StoreError) || err.reason !== 'not-found') throw err;
      }
      await this.writeNew(collection, id, checked);
      return true;
    });
    this.ensuring = run.catch(() => false);
    return run;
  }
  private ensuring: Promise<boolean> = Promise.resolve(false);

  /**
   * Changes several records' docs in one go and resolves when all the changes are saved, in one
   * transaction (SPEC S18): `fn` gets the docs of `ids`; a throw in it before any change writes
   * nothing. Merging (merge.ts) validates its patches first.
   */
  async editMany(ids: readonly string[], fn: (docs: ReadonlyMap<string, Y.Doc>) => void): Promise<void> {
    const docs = await this.acquireMany([...new Set(ids)]);
    try {
      const batch: IncomingUpdate[] = (this.batching = []);
      try {
        fn(docs);
      } finally {
        this.batching = null;
      }
      if (batch.length) await this.ingest(batch, 'local');
    } finally {
      for (const id of docs.keys()) this.release(id);
    }
  }
  private batching: IncomingUpdate[] | null = null;

  /** Like `acquire` for several docs, loaded together: docs of one chunk share one read. */
  private async acquireMany(ids: readonly string[]): Promise<Map<string, Y.Doc>> {
    this.assertOpen();
    for (const id of ids) this.cache.pin(id);
    const docs = new Map<string, Y.Doc>();
    try {
      await this.enqueue(async () => {
        const missing = ids.filter((id) => !this.cache.get(id) && !this.loading.has(id));
        if (missing.length < 2) return;
        const { docs: loaded, problems } = await loadDocs(this.db, this.dir, missing);
        if (problems.length) {
          await this.db.problems.bulkAdd(problems);
          for (const p of problems) this.emitProblem(p);
        }
        for (const [id, doc] of loaded) {
          this.track(id, doc);
          this.cache.set(id, doc);
        }
      });
      // Loaded now, or loaded (or found missing) one by one as `acquire` does.
      for (const id of ids) docs.set(id, await this.doc(id));
      return docs;
    } catch (err) {
      for (const id of ids) this.cache.unpin(id);
      throw err;
    }
  }

  /** Deletes a record (a tombstone: it can be restored, and the delete syncs). */
  async remove(collection: CollectionName, id: string): Promise<void> {
    await this.editRecord(collection, id, (doc) => setDeleted(doc, true));
  }

  async restore(collection: CollectionName, id: string): Promise<void> {
    await this.editRecord(collection, id, (doc) => setDeleted(doc, false), { allowDeleted: true });
  }

  private async editRecord(
    collection: CollectionName,
    id: string,
    fn: (doc: Y.Doc) => void,
    opts: { allowDeleted?: boolean } = {},
  ): Promise<void> {
    const doc = await this.acquire(id);
    try {
      const state = readRecord(doc);
      if (state.collection !== collection || (state.deleted && !opts.allowDeleted)) {
        throw new StoreError('not-found', `${COLLECTIONS[collection].singular} ${id} does not exist`);
      }
      if (state.schemaVersion > SCHEMA_VERSION) {
        throw new StoreError('read-only', `${COLLECTIONS[collection].singular} ${id} was saved by a newer version of Counterpart; update the app to edit it`);
      }
      await this.edit(id, fn);
    } finally {
      this.release(id);
    }
  }

  // ---- workspace settings -----------------------------------------------------------------

  customFields(collection: CollectionName): readonly CustomFieldDef[] {
    return this.settings.customFields[collection] ?? [];
  }

  async defineCustomField(collection: CollectionName, def: CustomFieldDef): Promise<void> {
    if (Object.hasOwn(COLLECTIONS[collection].fields, def.key)) {
      throw new StoreError('invalid-update', `"${def.key}" is already a field of ${COLLECTIONS[collection].label.toLowerCase()}`);
    }
    await this.edit(SETTINGS_DOC_ID, (doc) => writeCustomField(doc, collection, def));
  }

  async removeCustomField(collection: CollectionName, key: string): Promise<void> {
    await this.edit(SETTINGS_DOC_ID, (doc) => writeCustomField(doc, collection, { key, remove: true }));
  }

  /** Saves, renames or deletes a list view shared by the team, or sets a list's default view. */
  async changeListView(collection: CollectionName, change: ListViewChange): Promise<void> {
    await this.edit(SETTINGS_DOC_ID, (doc) => writeListView(doc, collection, change));
  }

  /** Replaces one of the workspace's sales and service rule sets (parsed first: a bad one throws). */
  async setSalesSetting(key: SalesSettingsKey, value: unknown): Promise<void> {
    const parsed = (await loadRules()).parseSalesSetting(key, value);
    await this.edit(SETTINGS_DOC_ID, (doc) => writeSalesSetting(doc, key, parsed));
  }

  /** The workspace's sales and service rules, read from the settings doc. */
  async salesSettings(): Promise<SalesSettings> {
    return (await loadRules()).salesSettingsFrom(this.settings.sales);
  }

  /** What the workspace's rules derive for a write to `collection` (SPEC S14). */
  private async derive(collection: CollectionName, before: Values | undefined, patch: Values): Promise<Values> {
    if (!RULED.has(collection)) return {};
    const rules = await loadRules();
    const derived = rules.deriveValues(collection, before, patch, rules.salesSettingsFrom(this.settings.sales), Date.now(), this.settings.currency);
    refuse(collection, derived.issues);
    return derived.values;
  }

  /** Changes workspace-wide values; a value out of range is refused and nothing is written. */
  async setWorkspaceInfo(info: WorkspaceInfo): Promise<void> {
    const problem = workspaceInfoProblem(info);
    if (problem) throw new StoreError('invalid-update', problem);
    await this.edit(SETTINGS_DOC_ID, (doc) => writeWorkspaceInfo(doc, info));
  }

  // ---- sync --------------------------------------------------------------------------------

  /**
   * Takes in writes that another store committed to this workspace's database (the sync
   * worker's): docs held here are brought up to date and every listener hears of the change
   * (SPEC S12). `e` is the other store's change event.
   */
  applyExternal(e: { rows: readonly RowChange[]; settingsChanged: boolean; others?: readonly Touch[]; otherIds?: OtherIds }): Promise<void> {
    return this.enqueue(async () => {
      const others = e.others ?? [];
      const ids = new Set([...e.rows.map((r) => r.id), ...others.map((o) => o.id)]);
      if (e.settingsChanged) ids.add(SETTINGS_DOC_ID);
      const cached: { id: string; doc: Y.Doc }[] = [];
      for (const id of ids) {
        const doc = this.cache.get(id);
        if (doc) cached.push({ id, doc });
      }
      // Packed ids: only the docs held here are looked for in them.
      const packed = e.otherIds ?? {};
      const packedIn = Object.keys(packed).filter((c): c is CollectionName => isCollectionName(c) && !!packed[c]);
      if (packedIn.length) {
        const sets = new Map<CollectionName, Set<string>>();
        for (const id of [...this.cache.ids()]) {
          const c = collectionOfId(id);
          if (!c || ids.has(id) || !packed[c]) continue;
          let set = sets.get(c);
          if (!set) sets.set(c, (set = new Set(packed[c].split('\n'))));
          if (set.has(id)) cached.push({ id, doc: this.cache.get(id)! });
        }
      }
      const { rows: rewritten, problems } = await refreshDocs(this.db, this.dir, cached, (c) => this.customFields(c), SETTINGS_DOC_ID);
      for (const p of problems) this.emitProblem(p);
      const byId = new Map(e.rows.map((r) => [r.id, r]));
      for (const r of rewritten) byId.set(r.id, r);
      const rows = [...byId.values()];
      const touched = [...new Set([...others.filter((o) => !byId.has(o.id)).map((o) => o.collection), ...packedIn])];
      if (e.settingsChanged) this.settings = readSettings(this.settingsDoc);
      this.memory.apply(rows);
      if (rows.length || touched.length || e.settingsChanged) {
        const event: ChangeEvent = { origin: 'remote', rows, settingsChanged: e.settingsChanged, ...(touched.length ? { touched } : {}) };
        for (const l of this.changeListeners) l(event);
      }
    });
  }

  /**
   * Called before the rows of a collection are first read into memory, and awaited: a sync
   * worker that leaves out the rows of collections this store has not read is told to send
   * them from now on (see `applyExternal`), before the reading starts.
   */
  beforeRowsLoad(hook: ((c: CollectionName) => Promise<void>) | null): void {
    this.memory.beforeLoad = hook;
  }

  /** Collections whose rows this store holds in memory or is reading. */
  rowsLoaded(): CollectionName[] {
    return this.memory.collections();
  }

  /** The oldest updates waiting to be sent to the relay, at most `limit` or about `maxBytes`. */
  async outbox(limit = 500, maxBytes = 1024 * 1024): Promise<OutboxEntry[]> {
    const out: OutboxEntry[] = [];
    let bytes = 0;
    await this.db.outbox.orderBy('id').until(() => out.length >= limit || bytes >= maxBytes).each((e) => {
      out.push(e);
      bytes += e.u.byteLength;
    });
    return out;
  }

  /** Removes acknowledged updates from the outbox. */
  async acknowledge(ids: readonly number[]): Promise<void> {
    await this.db.outbox.bulkDelete([...ids]);
  }

  outboxCount(): Promise<number> {
    return this.db.outbox.count();
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await this.db.meta.get(key))?.v as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await this.db.meta.put({ k: key, v: value });
  }

  /** The meta entries whose keys start with `prefix`, in key order. */
  async metaWithPrefix(prefix: string): Promise<{ k: string; v: unknown }[]> {
    return this.db.meta.where('k').startsWith(prefix).toArray();
  }

  /** Writes `entries` and removes the entries under `remove`, in one transaction. */
  async putMeta(entries: readonly { k: string; v: unknown }[], remove: readonly string[] = []): Promise<void> {
    await this.db.transaction('rw', this.db.meta, async () => {
      if (remove.length) await this.db.meta.bulkDelete([...remove]);
      if (entries.length) await this.db.meta.bulkPut([...entries]);
    });
  }

  // ---- attachments ------------------------------------------------------------------------

  /**
   * Stores the content of a file attached on this device by its SHA-256 and queues it for the
   * relay, in one transaction (SPEC S13). Identical files are kept once. Returns the hash.
   */
  async putBlob(data: Uint8Array): Promise<string> {
    this.assertOpen();
    const sha256 = await sha256Hex(data);
    await this.writeBlobs(async () => {
      await this.db.blobs.put({ sha256, data });
      if (!(await this.db.uploads.get(sha256))) {
        // Two files attached within one millisecond still go in the order they were attached.
        this.lastQueuedAt = Math.max(Date.now(), this.lastQueuedAt + 1);
        await this.db.uploads.put({ sha256, size: data.byteLength, queuedAt: this.lastQueuedAt, attempts: 0, retryAt: 0 });
      }
    });
    return sha256;
  }
  private lastQueuedAt = 0;

  /**
   * Keeps content fetched from the relay, after checking it is what `sha256` names (a mismatch
   * stores nothing and rejects with `invalid-blob`). Not queued: the relay has it.
   */
  async putFetchedBlob(sha256: string, data: Uint8Array): Promise<void> {
    this.assertOpen();
    const actual = await sha256Hex(data);
    if (actual !== sha256) throw new StoreError('invalid-blob', `The file received is not the one attached (its SHA-256 is ${actual}, not ${sha256})`);
    await this.writeBlobs(() => this.db.blobs.put({ sha256, data }));
  }

  async getBlob(sha256: string): Promise<Uint8Array | Blob | undefined> {
    return (await this.db.blobs.get(sha256))?.data;
  }

  async hasBlob(sha256: string): Promise<boolean> {
    return (await this.db.blobs.where('sha256').equals(sha256).count()) > 0;
  }

  /** Every upload waiting, oldest first (SPEC S13). */
  async uploads(): Promise<UploadEntry[]> {
    const all = await this.db.uploads.toArray();
    return all.sort((a, b) => a.queuedAt - b.queuedAt || (a.sha256 < b.sha256 ? -1 : 1));
  }

  upload(sha256: string): Promise<UploadEntry | undefined> {
    return this.db.uploads.get(sha256);
  }

  /** The relay has the blob: it leaves the queue. */
  async uploaded(sha256: string): Promise<void> {
    await this.db.uploads.delete(sha256);
  }

  /** Records a failed attempt: retried from `retryAt`, or never again on its own when `refused`. */
  async uploadFailed(sha256: string, failure: { error: string; retryAt: number; refused?: boolean }): Promise<void> {
    await this.db.transaction('rw', this.db.uploads, async () => {
      const entry = await this.db.uploads.get(sha256);
      if (!entry) return;
      await this.db.uploads.put({
        ...entry,
        attempts: entry.attempts + 1,
        retryAt: failure.retryAt,
        error: failure.error,
        ...(failure.refused ? { refused: true } : { refused: undefined }),
      });
    });
  }

  /**
   * Makes every waiting upload due now: when the connection is back, or (with `refused`) when the
   * user asks to try refused ones again.
   */
  async retryUploads(opts: { refused?: boolean } = {}): Promise<void> {
    await this.db.uploads.toCollection().modify((e) => {
      if (e.refused && !opts.refused) return;
      e.retryAt = 0;
      delete e.refused;
    });
  }

  private async writeBlobs(fn: () => Promise<unknown>): Promise<void> {
    try {
      await this.db.transaction('rw', this.db.blobs, this.db.uploads, fn);
    } catch (err) {
      if (isQuotaError(err)) {
        const p: ProblemEntry = { kind: 'quota', message: 'The device is out of storage space: the file was not saved. Free some space and attach it again.', at: Date.now() };
        this.emitProblem(p);
        throw new StoreError('quota', p.message, { cause: err });
      }
      throw err;
    }
  }

  // ---- lifecycle --------------------------------------------------------------------------

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    this.cache.clear();
    this.db.close();
  }

  /** Deletes this workspace's local database. */
  static async destroy(workspaceId: string, opts: DbOptions = {}): Promise<void> {
    await openDb(workspaceId, opts).delete();
  }

  // ---- internals --------------------------------------------------------------------------

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      this.assertOpen();
      return task();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async doc(id: string): Promise<Y.Doc> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    let p = this.loading.get(id);
    if (!p) {
      // Loading waits for queued writes, so a doc is never read half-way through a batch.
      p = this.enqueue(async () => {
        const again = this.cache.get(id);
        if (again) return again;
        const { doc, problems, found } = await loadDoc(this.db, this.dir, id);
        if (problems.length) {
          await this.db.problems.bulkAdd(problems);
          for (const pr of problems) this.emitProblem(pr);
        }
        if (!found) {
          doc.destroy();
          throw new StoreError('not-found', `No record ${id} on this device`);
        }
        this.track(id, doc);
        this.cache.set(id, doc);
        return doc;
      }).finally(() => this.loading.delete(id));
      this.loading.set(id, p);
    }
    return p;
  }

  /** Every change made to a doc in memory, by any code, is persisted through `ingest`. */
  private track(id: string, doc: Y.Doc): void {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === INGEST_ORIGIN) return;
      if (this.batching) {
        this.batching.push({ docId: id, update });
        return;
      }
      const saved = this.ingest([{ docId: id, update }], 'local');
      if (this.capture) this.capture.push(saved);
      else saved.catch(() => undefined); // reported through onProblem; the change stays in memory
    });
  }

  private emitProblem(p: ProblemEntry): void {
    for (const l of this.problemListeners) l(p);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError('closed', 'The workspace is closed');
  }
}

/** Lower-case hex SHA-256 of the bytes (Web Crypto: browsers, workers and Node alike). */
export async function sha256Hex(data: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
  let out = '';
  for (const b of digest) out += b.toString(16).padStart(2, '0');
  return out;
}

export type { Row };
