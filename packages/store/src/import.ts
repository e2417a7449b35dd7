// Bulk loading of whole records (the demo workspace, imports): each record becomes one CRDT
// update and goes through the same ingest path as every other write, in chunks, with progress.
import { encodeNewRecord, type CollectionName, type RecordId, type Values } from '@counterpart/model';
import type { WorkspaceStore } from './store.ts';

export interface NewRecord {
  collection: CollectionName;
  id: RecordId;
  values: Values;
  created: number;
}

export interface ImportOptions {
  /** Records per IndexedDB transaction. */
  chunk?: number;
  /** Fixed CRDT client id, so two devices importing the same records produce identical updates. */
  clientID?: number;
  onProgress?: (done: number) => void;
  signal?: AbortSignal;
}

export async function importRecords(
  store: WorkspaceStore,
  records: Iterable<NewRecord>,
  opts: ImportOptions = {},
): Promise<number> {
  const chunk = opts.chunk ?? 2000;
  let batch: { docId: string; update: Uint8Array }[] = [];
  let done = 0;
  // The previous chunk's write: the next chunk is encoded while IndexedDB commits it.
  let writing: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    await writing;
    if (!batch.length) return;
    opts.signal?.throwIfAborted();
    const items = batch;
    batch = [];
    writing = store.ingest(items, 'import').then(() => {
      done += items.length;
      opts.onProgress?.(done);
    });
    // Surfaced by the next flush; this keeps it from being reported as unhandled meanwhile.
    void writing.catch(() => undefined);
  };
  for (const r of records) {
    const { doc, update } = encodeNewRecord(r.collection, r.id, r.values, {
      now: r.created,
      ...(opts.clientID !== undefined ? { clientID: opts.clientID } : {}),
      custom: store.customFields(r.collection),
    });
    doc.destroy();
    batch.push({ docId: r.id, update });
    if (batch.length >= chunk) await flush();
  }
  await flush();
  await writing;
  return done;
}
