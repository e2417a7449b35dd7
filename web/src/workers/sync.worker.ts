// Sync off the main thread: this worker opens its own WorkspaceStore on the workspace's database
// and runs the SyncEngine (socket, catch-up, ingest of remote updates, outbox). What it writes is
// announced to the app, whose store takes it in (store SPEC S12); the app tells it when its own
// edits have added to the outbox.
import * as Comlink from 'comlink';
import type { CollectionName } from '@counterpart/model';
import type { OtherIds, RowChange } from '@counterpart/store';
import { WorkspaceStore } from '@counterpart/store';
import { BlobTransfer, SyncEngine, type FetchOutcome, type SyncStatus } from '@counterpart/sync';
import type { PrepareWorkerApi } from './prepare.worker.ts';

export interface SyncConfig {
  readonly url: string;
  readonly workspaceId: string;
  readonly token: string;
  readonly device: string;
}

export interface SyncEvents {
  status(s: SyncStatus): void;
  awareness(update: Uint8Array): void;
  /** An attachment's content was uploaded, refused, or fetched. */
  blob(sha256: string): void;
}

let prepareApi: Comlink.Remote<PrepareWorkerApi> | null = null;

/** The thread that prepares large pages, started the first time one arrives. */
function preparer(): Comlink.Remote<PrepareWorkerApi> {
  prepareApi ??= Comlink.wrap<PrepareWorkerApi>(new Worker(new URL('./prepare.worker.ts', import.meta.url), { type: 'module', name: 'sync-prepare' }));
  return prepareApi;
}

/** Row changes per message to the app. */
const ANNOUNCE_SLICE = 200;

/** What the worker posts to the app for each change it committed (the app's store takes it in). */
export interface ChangesMessage {
  rows: RowChange[];
  settingsChanged: boolean;
  otherIds?: OtherIds;
}

let store: WorkspaceStore | null = null;
/** Collections whose rows the app holds in memory: their changes are sent with rows. */
const interest = new Set<CollectionName>();
let engine: SyncEngine | null = null;
let transfer: BlobTransfer | null = null;

const api = {
  /** `changes`: the port the committed changes are posted to, as `ChangesMessage`s. */
  async start(config: SyncConfig, events: SyncEvents, collections: CollectionName[], changes: MessagePort): Promise<void> {
    await api.dispose();
    interest.clear();
    api.interest(collections);
    store = await WorkspaceStore.open(config.workspaceId);
    const s = store;
    s.subscribe((e) => {
      if (e.origin !== 'remote') return;
      // Rows go only to collections the app has read; for the others, which records changed,
      // packed as one string of ids per collection. A page of a catch-up changes thousands of
      // rows: announced in slices, so that reading one message stays a short task on the app's
      // main thread (which takes them in a few hundred rows per task, see change-feed.ts).
      const rows: RowChange[] = [];
      const others = new Map<CollectionName, string[]>();
      for (const r of e.rows) {
        if (interest.has(r.collection)) rows.push(r);
        else {
          const ids = others.get(r.collection);
          if (ids) ids.push(r.id);
          else others.set(r.collection, [r.id]);
        }
      }
      const otherIds: OtherIds = {};
      for (const [c, ids] of others) otherIds[c] = ids.join('\n');
      for (let i = 0; i === 0 || i < rows.length; i += ANNOUNCE_SLICE) {
        const m: ChangesMessage = { rows: rows.slice(i, i + ANNOUNCE_SLICE), settingsChanged: i === 0 && e.settingsChanged, ...(i === 0 && others.size ? { otherIds } : {}) };
        changes.postMessage(m);
      }
    });
    engine = new SyncEngine(s, {
      url: config.url,
      workspaceId: config.workspaceId,
      token: config.token,
      device: config.device,
      prepare: (items) => preparer().prepare(items, s.settings.customFields),
    });
    const blobs = new BlobTransfer(s, {
      url: config.url,
      workspaceId: config.workspaceId,
      token: config.token,
      report: (err) => console.error(err),
    });
    transfer = blobs;
    blobs.onChange((sha) => void events.blob(sha));
    let online = false;
    engine.onStatus((st) => {
      events.status(st);
      // Back online: uploads waiting out a backoff go now; a refused device stops trying.
      if (st.state === 'online' && !online) blobs.wake().catch((err: unknown) => console.error(err));
      if (st.state === 'refused') blobs.stop();
      online = st.state === 'online';
    });
    blobs.start();
    engine.onAwareness((u) => events.awareness(u));
    await engine.start();
  },
  /** Go offline on purpose (or come back): the outbox keeps what is made meanwhile. */
  async pause(): Promise<void> {
    transfer?.stop();
    await engine?.stop();
  },
  async resume(): Promise<void> {
    transfer?.start();
    await engine?.start();
  },
  /** Files were attached on this device: upload them. */
  kickBlobs(): void {
    transfer?.kick();
  },
  /** Fetches an attachment's content from the relay into the workspace's database. */
  async fetchBlob(sha256: string): Promise<FetchOutcome> {
    if (!transfer) return { ok: false, reason: 'offline', message: 'not connected' };
    return transfer.fetch(sha256);
  },
  /** Fetches the small ones ahead of time, so they open offline later. */
  async prefetchBlobs(blobs: { sha256: string; size: number }[]): Promise<void> {
    await transfer?.prefetch(blobs);
  },
  /** The app has read (or is about to read) these collections' rows. */
  interest(collections: CollectionName[]): void {
    for (const c of collections) interest.add(c);
  },
  kick(): void {
    engine?.kick();
  },
  sendAwareness(update: Uint8Array): void {
    engine?.sendAwareness(update);
  },
  async dispose(): Promise<void> {
    await transfer?.dispose();
    transfer = null;
    await engine?.dispose();
    engine = null;
    await store?.close();
    store = null;
  },
};

export type SyncWorkerApi = typeof api;

/** Where this worker's time went (writes to IndexedDB, messages), read by the sync benchmark. */
(self as unknown as { counterpartStats?: () => unknown }).counterpartStats = () => ({ ingest: store?.stats, engine: engine?.stats });

Comlink.expose(api);
