// Where each doc is stored: the chunk number of every id. The `dir` table is an append-only log of
// placements; several stores write one database (the app's and the sync worker's), so a store
// that must know for certain whether a doc is stored (a remote or imported batch) reads the
// entries added since it last looked, at the start of its transaction — all of them the first
// time. Until then a store only knows the places it has seen (`note`): the chunks it read rows
// from, the docs it loaded and the ones it placed. That is enough for editing records already
// on screen and creating new ones, and spares the app reading 276,000 ids when it opens.
import type { CounterpartDb, DirEntry } from './db.ts';

export class Directory {
  private readonly chunkOf = new Map<string, number>();
  private v = 0;

  /**
   * Reads the entries added since the last refresh, all of them the first time. Call inside a
   * transaction over `dir`; the promise is IndexedDB's own, so the transaction stays alive.
   */
  refresh(db: CounterpartDb): Promise<void> {
    return db.dir.where(':id').above(this.v).toArray().then((entries) => {
      for (const e of entries) this.take(e);
    });
  }

  /**
   * Records a dir entry: read by `refresh`, or written by this store in a transaction that
   * began with a refresh (`inOrder`), which keeps the directory complete.
   */
  take(e: DirEntry, inOrder = true): void {
    for (const id of e.ids) this.chunkOf.set(id, e.n);
    if (inOrder && e.v !== undefined && e.v > this.v) this.v = e.v;
  }

  /** Where docs were seen: hints, checked against the chunk when it is read. */
  note(ids: readonly string[], n?: number): void {
    if (n === undefined) return;
    for (const id of ids) this.chunkOf.set(id, n);
  }

  /** Forgets everything, to be read again: after a transaction that wrote entries failed. */
  reset(): void {
    this.chunkOf.clear();
    this.v = 0;
  }

  get(id: string): number | undefined {
    return this.chunkOf.get(id);
  }
}
