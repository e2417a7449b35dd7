// The in-memory search index of the header search (SPEC S10): the rows of a few collections
// (accounts, contacts) and one sorted array of "term\0id" entries, so a keystroke is a binary
// search and a short scan instead of IndexedDB cursors. It is filled once from IndexedDB after
// the workspace opens and then follows every committed write, so it never loads a doc either.
import { matchesAll, type CollectionName, type Row } from '@counterpart/model';
import type { RowChange } from './ingest.ts';

interface Entry {
  readonly collection: CollectionName;
  readonly row: Row;
}

const SEP = '\u0000';

/** Above this many changes at once, one merge pass beats inserting one by one. */
const MERGE_AFTER = 64;

function lowerBound(a: readonly string[], key: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function termsOf(row: Row): readonly string[] {
  return Array.isArray(row._t) ? row._t : [];
}

export class SearchIndex {
  private readonly byId = new Map<string, Entry>();
  private entries: string[] = [];

  constructor(readonly collections: ReadonlySet<CollectionName>) {}

  get size(): number {
    return this.byId.size;
  }

  /** Number of term entries (one per term of each row). */
  get entryCount(): number {
    return this.entries.length;
  }

  /** Replaces the whole content (the initial fill). */
  fill(rows: Iterable<Entry>): void {
    this.byId.clear();
    for (const e of rows) this.byId.set(e.row.id, e);
    this.rebuild();
  }

  /** Follows committed writes: new and changed rows in, deleted ones out. */
  apply(changes: readonly RowChange[]): void {
    const relevant = changes.filter((c) => this.collections.has(c.collection));
    if (!relevant.length) return;
    if (relevant.length > MERGE_AFTER) {
      this.merge(relevant);
      return;
    }
    for (const c of relevant) {
      const old = this.byId.get(c.id);
      if (old) for (const t of termsOf(old.row)) this.removeEntry(t + SEP + c.id);
      if (c.deleted || !c.row) {
        this.byId.delete(c.id);
        continue;
      }
      this.byId.set(c.id, { collection: c.collection, row: c.row });
      for (const t of termsOf(c.row)) this.insertEntry(t + SEP + c.id);
    }
  }

  /**
   * Rows whose terms start with every prefix, in term order of the longest prefix, at most
   * `limit` per collection: the same answer as the IndexedDB query in queries.ts.
   */
  search(prefixes: readonly string[], collections: readonly CollectionName[], limit: number): Entry[] {
    if (!prefixes.length) return [];
    const longest = prefixes.reduce((a, b) => (b.length > a.length ? b : a));
    const wanted = new Set(collections);
    const perCollection = new Map<CollectionName, number>();
    const seen = new Set<string>();
    const out: Entry[] = [];
    let full = 0;
    for (let i = lowerBound(this.entries, longest); i < this.entries.length; i++) {
      const key = this.entries[i] as string;
      if (!key.startsWith(longest)) break;
      const id = key.slice(key.indexOf(SEP) + 1);
      if (seen.has(id)) continue;
      seen.add(id);
      const e = this.byId.get(id);
      if (!e || !wanted.has(e.collection)) continue;
      const n = perCollection.get(e.collection) ?? 0;
      if (n >= limit || !matchesAll(termsOf(e.row), prefixes)) continue;
      perCollection.set(e.collection, n + 1);
      out.push(e);
      if (n + 1 === limit && ++full === wanted.size) break;
    }
    // Grouped by collection in the order asked for, like the per-collection IndexedDB queries.
    const order = new Map(collections.map((c, i) => [c, i]));
    return out.sort((a, b) => (order.get(a.collection) ?? 0) - (order.get(b.collection) ?? 0));
  }

  /**
   * Many changes at once (a sync page): drop the old entries of the changed rows and merge the
   * sorted new ones in, in one pass over the array instead of a splice per entry.
   */
  private merge(changes: readonly RowChange[]): void {
    const stale = new Set<string>();
    const added: string[] = [];
    for (const c of changes) {
      const old = this.byId.get(c.id);
      if (old) for (const t of termsOf(old.row)) stale.add(t + SEP + c.id);
      if (c.deleted || !c.row) {
        this.byId.delete(c.id);
        continue;
      }
      this.byId.set(c.id, { collection: c.collection, row: c.row });
      for (const t of termsOf(c.row)) added.push(t + SEP + c.id);
    }
    added.sort();
    const out: string[] = new Array<string>(this.entries.length + added.length);
    let n = 0;
    let j = 0;
    for (const e of this.entries) {
      if (stale.has(e)) continue;
      while (j < added.length && (added[j] as string) < e) out[n++] = added[j++] as string;
      if (j < added.length && added[j] === e) j++;
      out[n++] = e;
    }
    while (j < added.length) {
      const a = added[j++] as string;
      if (n === 0 || out[n - 1] !== a) out[n++] = a;
    }
    out.length = n;
    this.entries = out;
  }

  private rebuild(): void {
    const entries: string[] = [];
    for (const [id, e] of this.byId) for (const t of termsOf(e.row)) entries.push(t + SEP + id);
    entries.sort();
    this.entries = entries;
  }

  private insertEntry(key: string): void {
    const i = lowerBound(this.entries, key);
    if (this.entries[i] !== key) this.entries.splice(i, 0, key);
  }

  private removeEntry(key: string): void {
    const i = lowerBound(this.entries, key);
    if (this.entries[i] === key) this.entries.splice(i, 1);
  }
}
