// Reads over materialised rows: lists, lookups by index and search. No Y.Doc is loaded here, so
// these stay fast however large the workspace is (SPEC S3).
import { COLLECTION_NAMES, matchesAll, queryTerms, type CollectionName, type Row } from '@counterpart/model';
import type { CounterpartDb, ProblemEntry, TrashEntry } from './db.ts';

export interface SearchHit {
  collection: CollectionName;
  row: Row;
}

export interface PageOptions {
  /** An indexed field or '_sort' (the title). */
  orderBy?: string;
  reverse?: boolean;
  offset?: number;
  limit?: number;
}

/** A row read back from IndexedDB is only trusted if it has the shape rows are written with. */
export function isRow(v: unknown): v is Row {
  return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' && Array.isArray((v as { _t?: unknown })._t);
}

export class Queries {
  constructor(readonly db: CounterpartDb) {}

  async get(collection: CollectionName, id: string): Promise<Row | undefined> {
    const row: unknown = await this.db.table(collection).get(id);
    return isRow(row) ? row : undefined;
  }

  async count(collection: CollectionName): Promise<number> {
    return this.db.table(collection).count();
  }

  /** One page of rows in index order. */
  async page(collection: CollectionName, opts: PageOptions = {}): Promise<Row[]> {
    let q = this.db.table(collection).orderBy(opts.orderBy ?? '_sort');
    if (opts.reverse) q = q.reverse();
    if (opts.offset) q = q.offset(opts.offset);
    const rows: unknown[] = await q.limit(opts.limit ?? 50).toArray();
    return rows.filter(isRow);
  }

  /** All ids in index order: cheap enough (keys only) to drive a virtual list of any length. */
  async ids(collection: CollectionName, opts: Pick<PageOptions, 'orderBy' | 'reverse'> = {}): Promise<string[]> {
    let q = this.db.table(collection).orderBy(opts.orderBy ?? '_sort');
    if (opts.reverse) q = q.reverse();
    return (await q.primaryKeys()) as string[];
  }

  async rows(collection: CollectionName, ids: readonly string[]): Promise<Row[]> {
    const rows: unknown[] = await this.db.table(collection).bulkGet([...ids]);
    return rows.filter(isRow);
  }

  /** Rows whose indexed `field` equals `value` (e.g. contacts of an account). */
  async where(collection: CollectionName, field: string, value: string | number, opts: { limit?: number } = {}): Promise<Row[]> {
    let q = this.db.table(collection).where(field).equals(value);
    if (opts.limit) q = q.limit(opts.limit);
    const rows: unknown[] = await q.toArray();
    return rows.filter(isRow);
  }

  /**
   * Rows of every listed collection whose search terms start with each word of the query.
   * One indexed prefix query per collection on the longest word, then a check of the others.
   */
  async search(
    query: string,
    opts: { collections?: readonly CollectionName[]; limit?: number } = {},
  ): Promise<SearchHit[]> {
    const prefixes = queryTerms(query);
    if (prefixes.length === 0) return [];
    const longest = prefixes.reduce((a, b) => (b.length > a.length ? b : a));
    const limit = opts.limit ?? 20;
    const collections = opts.collections ?? COLLECTION_NAMES;
    const found = await Promise.all(
      collections.map(async (c) => {
        const rows: unknown[] = await this.db
          .table(c)
          .where('_t')
          .startsWith(longest)
          .distinct()
          .filter((r: unknown) => isRow(r) && matchesAll(r._t, prefixes))
          .limit(limit)
          .toArray();
        return rows.filter(isRow).map((row) => ({ collection: c, row }));
      }),
    );
    return found.flat();
  }

  async trash(): Promise<TrashEntry[]> {
    return this.db.trash.orderBy('deletedAt').reverse().toArray();
  }

  async problems(): Promise<ProblemEntry[]> {
    return this.db.problems.toArray();
  }
}
