// Runs a list view's query against the store: the ids of the records that pass its filters, in
// its order. Only the store's public reads are used (ids, rows, where, count), never its tables.
//
// What it costs, for the largest list (150,000 activities):
// - sorted by the title or an indexed field, no filter: the store's index order, keys only;
// - filtered: records are read in chunks of CHUNK and tested as they come, so the page gets a
//   turn after every chunk; an "is this record" filter on an indexed reference reads only the
//   matching records (store `where`);
// - sorted by a field without an index: the keys collected while reading are sorted in slices
//   (sorting.ts), the page getting a turn every few milliseconds.
import { collectionOfId, COLLECTIONS, type CollectionName, type FieldDef, type Row } from '@counterpart/model';
import type { WorkspaceStore } from '@counterpart/store';
import type { RowTest } from './filters.ts';
import { compareKeys, indexFor, insertionIndex, sortInSteps, sortKey, type Keyed, type SortSpec } from './sorting.ts';

/** The store reads a query needs. */
export type QueryStore = Pick<WorkspaceStore, 'ids' | 'rows' | 'where' | 'count'>;

export interface ListQuery {
  readonly collection: CollectionName;
  readonly sort: SortSpec;
  /** The sort field's definition (undefined for the title). */
  readonly sortDef: FieldDef | undefined;
  /** Filters and the quick filter together; null when nothing filters. */
  readonly test: RowTest | null;
  /** An "is this record" filter on an indexed reference field: only those records are read. */
  readonly narrow?: { readonly field: string; readonly id: string };
}

export interface QueryResult {
  /** Matching ids, in order. */
  readonly ids: string[];
  /** Keys of the matching records in the same order, when records were read. */
  readonly entries: Keyed[] | null;
  /** Records in the collection. */
  readonly total: number;
}

export interface QueryControl {
  /** True once a newer query has replaced this one: it stops at its next step. */
  readonly stale: () => boolean;
  readonly progress?: (done: number, of: number, phase: 'reading' | 'sorting') => void;
  /** Gives the page a turn; a timer by default. */
  readonly pause?: () => Promise<void>;
}

/** Records read per store call: enough to keep IndexedDB busy, few enough to stay under a frame. */
export const CHUNK = 500;
/** Time the in-memory sort may hold the page before it gives it a turn. */
const SLICE_MS = 8;

export class QueryCancelled extends Error {
  constructor() {
    super('A newer list query replaced this one');
    this.name = 'QueryCancelled';
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Ids in the order of an indexed field. The index leaves out records without a value: they
 * follow, in title order, so an order never hides records.
 */
export async function indexedIds(store: QueryStore, collection: CollectionName, index: string, reverse: boolean): Promise<string[]> {
  if (index === '_sort') return store.ids(collection, { reverse });
  const [ordered, all] = await Promise.all([store.ids(collection, { orderBy: index, reverse }), store.ids(collection)]);
  if (ordered.length === all.length) return ordered;
  const seen = new Set(ordered);
  for (const id of all) if (!seen.has(id)) ordered.push(id);
  return ordered;
}

/** Whether `field` of the collection is a built-in reference field with an index. */
export function isIndexedRef(collection: CollectionName, field: string): boolean {
  const def: FieldDef | undefined = (COLLECTIONS[collection].fields as Readonly<Record<string, FieldDef>>)[field];
  return def?.kind === 'ref' && def.indexed === true;
}

export async function runQuery(store: QueryStore, q: ListQuery, ctl: QueryControl): Promise<QueryResult> {
  const pause = ctl.pause ?? nextTurn;
  const check = (): void => {
    if (ctl.stale()) throw new QueryCancelled();
  };
  const index = indexFor(q.sort.field, q.sortDef);
  const reverse = q.sort.dir === 'desc';
  const total = await store.count(q.collection);
  check();

  if (q.test === null && index !== undefined) {
    const ids = await indexedIds(store, q.collection, index, reverse);
    check();
    return { ids, entries: null, total };
  }

  const keyOf = (row: Row): Keyed => ({ id: row.id, key: sortKey(row, q.sort.field, q.sortDef) });
  const test = q.test ?? (() => true);
  let matched: Keyed[] = [];
  let ordered: boolean;

  if (q.narrow) {
    // Few records refer to one record: read just those, then order them here.
    const rows = await store.where(q.collection, q.narrow.field, q.narrow.id);
    check();
    // Title order first, so equal keys stay in title order after the stable sort below.
    rows.sort((a, b) => (a._sort < b._sort ? -1 : a._sort > b._sort ? 1 : 0));
    for (const row of rows) if (test(row)) matched.push(keyOf(row));
    ordered = false;
  } else {
    // Read in the final order when an index gives it; otherwise in title order, which the
    // stable sort keeps among records with equal keys.
    const source = index !== undefined ? await indexedIds(store, q.collection, index, reverse) : await store.ids(q.collection);
    check();
    for (let i = 0; i < source.length; i += CHUNK) {
      const rows = await store.rows(q.collection, source.slice(i, i + CHUNK));
      check();
      for (const row of rows) if (test(row)) matched.push(keyOf(row));
      ctl.progress?.(Math.min(i + CHUNK, source.length), source.length, 'reading');
    }
    ordered = index !== undefined;
  }

  if (!ordered) {
    const steps = sortInSteps(matched, q.sort.dir);
    let sliceStart = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done) {
        matched = step.value;
        break;
      }
      if (performance.now() - sliceStart > SLICE_MS) {
        ctl.progress?.(0, matched.length, 'sorting');
        await pause();
        check();
        sliceStart = performance.now();
      }
    }
  }
  return { ids: matched.map((e) => e.id), entries: matched, total };
}

/**
 * A query's answer kept current record by record: a changed record is tested again and moved
 * to its place, or taken out, without running the query again.
 */
export class LiveResult {
  private readonly present: Set<string>;

  constructor(
    readonly query: ListQuery,
    readonly entries: Keyed[],
  ) {
    this.present = new Set(entries.map((e) => e.id));
  }

  get ids(): string[] {
    return this.entries.map((e) => e.id);
  }

  /** Applies one record's new state (undefined when deleted); true when the list changed. */
  place(id: string, row: Row | undefined): boolean {
    const { test, sort, sortDef } = this.query;
    const keep = row !== undefined && (test === null || test(row));
    const key = row ? sortKey(row, sort.field, sortDef) : null;
    let changed = false;
    if (this.present.has(id)) {
      const at = this.entries.findIndex((x) => x.id === id);
      const entry = this.entries[at];
      if (keep && entry && compareKeys(entry.key, key, sort.dir) === 0) return false;
      if (at >= 0) this.entries.splice(at, 1);
      this.present.delete(id);
      changed = true;
    }
    if (keep) {
      this.entries.splice(insertionIndex(this.entries, key, sort.dir), 0, { id, key });
      this.present.add(id);
      changed = true;
    }
    return changed;
  }
}

/** Record ids grouped by the collection their prefix names; unknown ones are left out. */
export function byCollection(ids: readonly string[]): Map<CollectionName, string[]> {
  const out = new Map<CollectionName, string[]>();
  for (const id of ids) {
    const c = collectionOfId(id);
    if (!c) continue;
    const group = out.get(c);
    if (group) group.push(id);
    else out.set(c, [id]);
  }
  return out;
}
