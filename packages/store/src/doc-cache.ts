// Record docs held in memory: the ones open in the UI (pinned) and a bounded number of recently
// used ones. Everything else lives only in IndexedDB, so memory does not grow with the workspace.
import type * as Y from 'yjs';

export class DocCache {
  private readonly docs = new Map<string, Y.Doc>();
  private readonly pins = new Map<string, number>();

  constructor(private readonly limit: number) {}

  get(id: string): Y.Doc | undefined {
    const doc = this.docs.get(id);
    if (doc) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.docs.delete(id);
      this.docs.set(id, doc);
    }
    return doc;
  }

  set(id: string, doc: Y.Doc): void {
    this.docs.set(id, doc);
    this.evict();
  }

  pin(id: string): void {
    this.pins.set(id, (this.pins.get(id) ?? 0) + 1);
  }

  unpin(id: string): void {
    const n = (this.pins.get(id) ?? 0) - 1;
    if (n > 0) this.pins.set(id, n);
    else this.pins.delete(id);
    this.evict();
  }

  delete(id: string): void {
    this.docs.get(id)?.destroy();
    this.docs.delete(id);
  }

  get size(): number {
    return this.docs.size;
  }

  /** The ids of the docs held. */
  ids(): IterableIterator<string> {
    return this.docs.keys();
  }

  clear(): void {
    for (const d of this.docs.values()) d.destroy();
    this.docs.clear();
    this.pins.clear();
  }

  private evict(): void {
    if (this.docs.size <= this.limit) return;
    for (const [id, doc] of this.docs) {
      if (this.docs.size <= this.limit) break;
      if (this.pins.has(id)) continue;
      doc.destroy();
      this.docs.delete(id);
    }
  }
}
