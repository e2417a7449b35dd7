// Reads over materialised rows: lists, lookups by field and search. No Y.Doc is loaded here, so
// these stay fast however large the workspace is (SPEC S3). The rows of a collection are read
// from its chunks into memory the first time they are asked for (rows.ts).
import { COLLECTION_NAMES, collectionOfId, queryTerms, type CollectionName, type Row } from '@counterpart/model';
import type { CounterpartDb, ProblemEntry, TrashEntry } from './db.ts';
import { chunkVersionsKey, chunkVersionsOf } from './ingest.ts';
import { RowMemory, isRow } from './rows.ts';

export { isRow };

export interface SearchHit {
  collection: CollectionName;
  row: Row;
}

export interface PageOptions {
  /** A field or '_sort' (the title). Rows without a value for it are not listed. */
  orderBy?: string;
  reverse?: boolean;
  offset?: number;
  limit?: number;
}

/** The rows of one chunk of a collection (`n` is the chunk's number). */
export interface ChunkRows {
  readonly n: number;
  readonly rows: readonly Row[];
}

export interface ChunksRead {
  /** The collection's version, read before the chunks: ask again with it for what follows. */
  readonly ver: number;
  /** Every chunk of the collection was read (none was asked for, or its versions began again). */
  readonly all: boolean;
  readonly chunks: readonly ChunkRows[];
}

export class Queries {
  protected readonly memory: RowMemory;

  constructor(readonly db: CounterpartDb) {
    this.memory = new RowMemory(db);
  }

  /** The record's row; also of a record merged into another (its `mergedInto` names that one). */
  async get(collection: CollectionName, id: string): Promise<Row | undefined> {
    const t = await this.memory.table(collection);
    return t.rows.get(id) ?? t.merged.get(id);
  }

  /** Ids of the rows whose `field` is exactly `value`, without following merges. */
  async refersTo(collection: CollectionName, field: string, value: string): Promise<string[]> {
    return (await this.memory.table(collection)).where(field, value);
  }

  async count(collection: CollectionName): Promise<number> {
    return (await this.memory.table(collection)).rows.size;
  }

  /** One page of rows in the order of a field. */
  async page(collection: CollectionName, opts: PageOptions = {}): Promise<Row[]> {
    const t = await this.memory.table(collection);
    const ids = t.slice(opts.orderBy ?? '_sort', opts.reverse ?? false, opts.offset ?? 0, opts.limit ?? 50);
    return ids.map((id) => t.rows.get(id)!);
  }

  /** All ids in the order of a field: drives a virtual list of any length. */
  async ids(collection: CollectionName, opts: Pick<PageOptions, 'orderBy' | 'reverse'> = {}): Promise<string[]> {
    const t = await this.memory.table(collection);
    return t.ids(opts.orderBy ?? '_sort', opts.reverse ?? false);
  }

  /** The rows of `ids` that exist, in that order. */
  async rows(collection: CollectionName, ids: readonly string[]): Promise<Row[]> {
    const t = await this.memory.table(collection);
    const out: Row[] = [];
    for (const id of ids) {
      const row = t.rows.get(id) ?? t.merged.get(id);
      if (row) out.push(row);
    }
    return out;
  }

  /** Rows whose `field` equals `value` (e.g. contacts of an account), in id order. */
  async where(collection: CollectionName, field: string, value: string | number, opts: { limit?: number } = {}): Promise<Row[]> {
    const t = await this.memory.table(collection);
    let ids = t.where(field, value);
    // A record that still refers to one merged into `value` (written before the merge reached
    // its device) is listed with the survivor's (model SPEC R16).
    const target = typeof value === 'string' && field !== 'mergedInto' ? collectionOfId(value) : undefined;
    if (target === 'accounts' || target === 'contacts') {
      const losers = (await this.memory.table(target)).mergedIntoThis(value as string);
      if (losers.length) ids = [...new Set([...ids, ...losers.flatMap((l) => t.where(field, l))])].sort();
    }
    return (opts.limit ? ids.slice(0, opts.limit) : ids).map((id) => t.rows.get(id)!);
  }

  /**
   * Rows of every listed collection whose search terms start with each word of the query, in
   * the order of the term matched by the longest word, at most `limit` per collection.
   */
  async search(
    query: string,
    opts: { collections?: readonly CollectionName[]; limit?: number } = {},
  ): Promise<SearchHit[]> {
    const prefixes = queryTerms(query);
    if (prefixes.length === 0) return [];
    const limit = opts.limit ?? 20;
    const collections = opts.collections ?? COLLECTION_NAMES;
    const tables = await Promise.all(collections.map((c) => this.memory.table(c)));
    return tables.flatMap((t) => t.search(prefixes, limit).map((row) => ({ collection: t.collection, row })));
  }

  /**
   * Every row of a collection, read straight from its chunks a few at a time and not kept in
   * memory here: for a worker that reads whole collections once (analytics).
   */
  async scan(collection: CollectionName): Promise<Row[]> {
    return (await this.chunksSince(collection)).chunks.flatMap((chunk) => chunk.rows);
  }

  /**
   * The rows of the collection's chunks written after version `since`, or of all its chunks
   * when `since` is undefined or above the collection's version (its database began again),
   * with the version read before them (SPEC S17). A reader that keeps what it read asks again
   * with that version and gets only the chunks written since. Read a few chunks at a time.
   */
  async chunksSince(collection: CollectionName, since?: number): Promise<ChunksRead> {
    const versions = chunkVersionsOf((await this.db.meta.get(chunkVersionsKey(collection)))?.v);
    const all = since === undefined || since > versions.ver;
    const ns = all
      ? await this.db.chunks.where('c').equals(collection).primaryKeys()
      : Object.entries(versions.chunks).filter(([, v]) => v > since).map(([n]) => Number(n)).sort((a, b) => a - b);
    const chunks: ChunkRows[] = [];
    for (let i = 0; i < ns.length; i += 10) {
      const got = await this.db.chunks.bulkGet(ns.slice(i, i + 10));
      // A chunk that is gone holds nothing now.
      got.forEach((chunk, j) => chunks.push({ n: ns[i + j] as number, rows: chunk?.c === collection ? chunk.rows.filter(isRow) : [] }));
    }
    return { ver: versions.ver, all, chunks };
  }

  async trash(): Promise<TrashEntry[]> {
    return this.db.trash.orderBy('deletedAt').reverse().toArray();
  }

  async problems(): Promise<ProblemEntry[]> {
    return this.db.problems.toArray();
  }
}
