// Where each doc is stored: the chunk number of every id, read from the append-only `dir` table.
// Several stores write one database (the app's and the sync worker's), so a store brings its
// directory up to date at the start of every transaction that places or finds docs: it reads
// the dir entries added since it last looked, usually none.
import { CHUNK_SIZE, type CounterpartDb, type DirEntry } from './db.ts';

export class Directory {
  private readonly chunkOf = new Map<string, number>();
  /** Ids placed in each chunk, an upper bound of its size (docs can move out of a chunk). */
  private readonly placed = new Map<number, number>();
  /** Per collection, its newest chunk: where new docs go while it has room. */
  private readonly newest = new Map<string, number>();
  private v = 0;

  /**
   * Reads the entries added since the last refresh. Call inside a transaction over `dir`; the
   * promise is IndexedDB's own, so the transaction stays alive across it.
   */
  refresh(db: CounterpartDb): Promise<void> {
    return db.dir.where(':id').above(this.v).toArray().then((entries) => {
      for (const e of entries) this.take(e);
    });
  }

  /** Records a dir entry this store has just written (its `v` included). */
  take(e: DirEntry): void {
    for (const id of e.ids) this.chunkOf.set(id, e.n);
    this.placed.set(e.n, (this.placed.get(e.n) ?? 0) + e.ids.length);
    if ((this.newest.get(e.c) ?? -1) < e.n) this.newest.set(e.c, e.n);
    if (e.v !== undefined && e.v > this.v) this.v = e.v;
  }

  /** Forgets everything, to be read again: after a transaction that wrote entries failed. */
  reset(): void {
    this.chunkOf.clear();
    this.placed.clear();
    this.newest.clear();
    this.v = 0;
  }

  get(id: string): number | undefined {
    return this.chunkOf.get(id);
  }

  /** The chunk new docs of `c` should join, if its newest one may still have room. */
  openChunk(c: string): number | undefined {
    const n = this.newest.get(c);
    return n !== undefined && (this.placed.get(n) ?? 0) < CHUNK_SIZE ? n : undefined;
  }

  get size(): number {
    return this.chunkOf.size;
  }
}
