// The rows of a collection in memory, read from its chunks the first time a list, a lookup or a
// search needs them, and kept equal to what is stored: every committed write of this store and
// every change another store announces (SPEC S12) is applied here. Orders and lookups by field
// follow IndexedDB's key order (numbers before strings, strings by UTF-16 code units, ties by
// id), so lists read the same as they would from an index.
import type { CollectionName, Row } from '@counterpart/model';
import type { CounterpartDb } from './db.ts';
import type { RowChange } from './ingest.ts';
import { SearchIndex } from './search-index.ts';

/** A row read back from IndexedDB is only trusted if it has the shape rows are written with. */
export function isRow(v: unknown): v is Row {
  return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' && Array.isArray((v as { _t?: unknown })._t);
}

type Key = number | string;

/** The value as an index key, or undefined when IndexedDB would leave the row out of the index. */
export function keyOf(v: unknown): Key | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && !Number.isNaN(v)) return v;
  return undefined;
}

export function compareKeys(a: Key, b: Key): number {
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Chunks read per transaction while a collection loads: short reads never hold up a save, and
 * the browser deserialises each read's values in one task on this thread (about 3 ms a chunk),
 * so a read of ten keeps that task short.
 */
const LOAD_PAGE = 10;
/** Rows indexed per step when a lookup is built in the background (`buildLookup`). */
const LOOKUP_STEP = 10_000;

interface Keyed {
  k: Key;
  id: string;
}

function compareKeyed(a: Keyed, b: Keyed): number {
  return compareKeys(a.k, b.k) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class RowTable {
  readonly rows = new Map<string, Row>();
  /**
   * Rows of records merged into another (model SPEC R16): `get` finds them; lists, lookups and
   * search do not.
   */
  readonly merged = new Map<string, Row>();
  /** Per field, the rows that have it in ascending key order. */
  private readonly orders = new Map<string, Keyed[]>();
  private readonly lookups = new Map<string, Map<Key, Set<string>>>();
  private searchIndex: SearchIndex | null = null;
  /**
   * Rows changed since the orders (and, apart, the search index) were last brought up to
   * date. Each catches up when next read, so a sync streaming pages in costs each page only
   * its own rows.
   */
  private staleOrders = new Set<string>();
  private staleSearch = new Set<string>();
  /** Counts applyAll calls, so a lookup built in steps can tell whether rows changed meanwhile. */
  private version = 0;

  constructor(readonly collection: CollectionName) {}

  apply(ch: RowChange): void {
    this.applyAll([ch]);
  }

  /** Changes in commit order (the last change of an id wins). */
  applyAll(changes: readonly RowChange[]): void {
    this.version++;
    const before = new Map<string, Row | undefined>();
    for (const ch of changes) {
      const old = this.rows.get(ch.id);
      if (!before.has(ch.id)) before.set(ch.id, old);
      if (this.orders.size) this.staleOrders.add(ch.id);
      if (this.searchIndex) this.staleSearch.add(ch.id);
      const row = ch.deleted ? undefined : ch.row;
      this.put(ch.id, row);
    }
    for (const [field, m] of this.lookups) {
      for (const [id, old] of before) {
        if (old) drop(m, keyOf(old[field]), id);
        const row = this.rows.get(id);
        if (row) add(m, keyOf(row[field]), id);
      }
    }
  }

  /** Sets (or, with no row, removes) the row of `id`, as a listed or a merged one. */
  put(id: string, row: Row | undefined): void {
    this.rows.delete(id);
    this.merged.delete(id);
    if (row) (row.mergedInto ? this.merged : this.rows).set(id, row);
  }

  /** The ids merged into `id`, directly or through other merged records (there are few). */
  mergedIntoThis(id: string): string[] {
    const out = [id];
    for (let i = 0; i < out.length; i++) for (const [l, r] of this.merged) if (r.mergedInto === out[i] && !out.includes(l)) out.push(l);
    return out.slice(1);
  }

  private ordersCatchUp(): void {
    if (!this.staleOrders.size) return;
    const stale = this.staleOrders;
    this.staleOrders = new Set();
    for (const [field, sorted] of this.orders) this.orders.set(field, reorder(sorted, field, stale, this.rows));
  }

  private searchCatchUp(): void {
    if (!this.staleSearch.size || !this.searchIndex) return;
    const changes: RowChange[] = [];
    for (const id of this.staleSearch) {
      const row = this.rows.get(id);
      changes.push(row ? { collection: this.collection, id, row, deleted: false } : { collection: this.collection, id, deleted: true });
    }
    this.staleSearch = new Set();
    this.searchIndex.apply(changes);
  }

  /** Ids of the rows that have `field`, in key order (then by id). */
  ids(field: string, reverse: boolean): string[] {
    const ids = this.sorted(field).map((e) => e.id);
    return reverse ? ids.reverse() : ids;
  }

  /** `limit` ids from `offset` in the order of `ids`, without copying the whole order. */
  slice(field: string, reverse: boolean, offset: number, limit: number): string[] {
    const sorted = this.sorted(field);
    const out: string[] = [];
    const end = Math.min(sorted.length, offset + limit);
    for (let i = Math.max(0, offset); i < end; i++) out.push(sorted[reverse ? sorted.length - 1 - i : i]!.id);
    return out;
  }

  private sorted(field: string): Keyed[] {
    this.ordersCatchUp();
    let sorted = this.orders.get(field);
    if (!sorted) {
      sorted = [];
      for (const row of this.rows.values()) {
        const k = keyOf(row[field]);
        if (k !== undefined) sorted.push({ k, id: row.id });
      }
      sorted.sort(compareKeyed);
      this.orders.set(field, sorted);
    }
    return sorted;
  }

  /** Ids of the rows whose `field` equals `value` as a key, in id order. */
  where(field: string, value: unknown): string[] {
    const m = this.lookup(field);
    const k = keyOf(value);
    const set = k === undefined ? undefined : m.get(k);
    return set ? [...set].sort() : [];
  }

  /** The rows by value of `field`, built the first time and then kept up to date. */
  lookup(field: string): Map<Key, Set<string>> {
    let m = this.lookups.get(field);
    if (!m) {
      m = new Map();
      for (const row of this.rows.values()) add(m, keyOf(row[field]), row.id);
      this.lookups.set(field, m);
    }
    return m;
  }

  /**
   * Builds the lookup of `field` in steps, giving the thread back between them, unless it is
   * built already (`lookup` builds it at once when something needs it meanwhile).
   */
  async buildLookup(field: string): Promise<void> {
    if (this.lookups.has(field)) return;
    const version = this.version;
    const m = new Map<Key, Set<string>>();
    const rows = [...this.rows.values()];
    for (let i = 0; i < rows.length; i += LOOKUP_STEP) {
      for (const row of rows.slice(i, i + LOOKUP_STEP)) add(m, keyOf(row[field]), row.id);
      await nextTask();
      if (this.lookups.has(field)) return;
    }
    // Rows changed while it was built (rare): built again at once from the rows as they are.
    if (this.version !== version) this.lookup(field);
    else this.lookups.set(field, m);
  }

  search(prefixes: readonly string[], limit: number): Row[] {
    this.searchCatchUp();
    if (!this.searchIndex) {
      const index = new SearchIndex(new Set([this.collection]));
      index.fill([...this.rows.values()].map((row) => ({ collection: this.collection, row })));
      this.searchIndex = index;
    }
    return this.searchIndex.search(prefixes, [this.collection], limit).map((e) => e.row);
  }

  /** Builds the search index now (the header search's collections, right after opening). */
  warmSearch(): void {
    this.search(['\uffff'], 1);
  }
}

/**
 * A field's order after rows changed: the changed rows' old entries go and their new ones are
 * merged in, in one pass (a sync page changes a thousand rows of a list of 150,000).
 */
function reorder(sorted: readonly Keyed[], field: string, changed: ReadonlySet<string>, rows: ReadonlyMap<string, Row>): Keyed[] {
  const added: Keyed[] = [];
  for (const id of changed) {
    const row = rows.get(id);
    const k = row ? keyOf(row[field]) : undefined;
    if (k !== undefined) added.push({ k, id });
  }
  added.sort(compareKeyed);
  const out: Keyed[] = [];
  let j = 0;
  for (const e of sorted) {
    if (changed.has(e.id)) continue;
    while (j < added.length && compareKeyed(added[j]!, e) < 0) out.push(added[j++]!);
    out.push(e);
  }
  while (j < added.length) out.push(added[j++]!);
  return out;
}

/** Resolves in a later task, so rendering and input can run first. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function add(m: Map<Key, Set<string>>, k: Key | undefined, id: string): void {
  if (k === undefined) return;
  let set = m.get(k);
  if (!set) m.set(k, (set = new Set()));
  set.add(id);
}

function drop(m: Map<Key, Set<string>>, k: Key | undefined, id: string): void {
  if (k === undefined) return;
  const set = m.get(k);
  if (!set) return;
  set.delete(id);
  if (!set.size) m.delete(k);
}

export class RowMemory {
  private readonly tables = new Map<CollectionName, RowTable>();
  private readonly loading = new Map<CollectionName, { done: Promise<RowTable>; missed: RowChange[] }>();

  /** Awaited before a collection's rows are read (see WorkspaceStore.beforeRowsLoad). */
  beforeLoad: ((c: CollectionName) => Promise<void>) | null = null;
  /** Told which ids each chunk read holds. */
  onChunk: ((ids: readonly string[], n: number) => void) | null = null;

  constructor(private readonly db: CounterpartDb) {}

  collections(): CollectionName[] {
    return [...new Set([...this.tables.keys(), ...this.loading.keys()])];
  }

  /** The collection's rows, read from its chunks the first time. */
  table(c: CollectionName): Promise<RowTable> {
    const t = this.tables.get(c);
    if (t) return Promise.resolve(t);
    const pending = this.loading.get(c);
    if (pending) return pending.done;
    const missed: RowChange[] = [];
    const done = this.load(c, missed).finally(() => this.loading.delete(c));
    this.loading.set(c, { done, missed });
    return done;
  }

  loaded(c: CollectionName): RowTable | undefined {
    return this.tables.get(c);
  }

  /** Committed changes: applied to loaded collections, kept for the ones being read. */
  apply(changes: readonly RowChange[]): void {
    const byC = new Map<CollectionName, RowChange[]>();
    for (const ch of changes) {
      const list = byC.get(ch.collection);
      if (list) list.push(ch);
      else byC.set(ch.collection, [ch]);
    }
    for (const [c, list] of byC) {
      const t = this.tables.get(c);
      if (t) t.applyAll(list);
      else this.loading.get(c)?.missed.push(...list);
    }
  }

  private async load(c: CollectionName, missed: RowChange[]): Promise<RowTable> {
    const table = new RowTable(c);
    if (this.beforeLoad) await this.beforeLoad(c);
    const ns = await this.db.chunks.where('c').equals(c).primaryKeys();
    for (let i = 0; i < ns.length; i += LOAD_PAGE) {
      const chunks = await this.db.chunks.bulkGet(ns.slice(i, i + LOAD_PAGE));
      for (const chunk of chunks) {
        if (!chunk || chunk.c !== c) continue;
        for (const row of chunk.rows) if (isRow(row)) table.put(row.id, row);
        if (chunk.n !== undefined) this.onChunk?.(chunk.ids, chunk.n);
      }
    }
    // Changes committed while the chunks were read, in commit order: the last one wins.
    if (missed.length) table.applyAll(missed);
    this.tables.set(c, table);
    return table;
  }
}
