// The open workspace's connection to its relay, as the app sees it: the sync worker, its status
// for the header badge, and the two hand-offs between the worker's store and the app's (remote
// changes in, local changes out).
import * as Comlink from 'comlink';
import type { WorkspaceStore } from '@counterpart/store';
import type { FetchOutcome, SyncStatus } from '@counterpart/sync';
import type { ChangesMessage, SyncWorkerApi } from '../workers/sync.worker.ts';
import { ChangeFeed } from './change-feed.ts';
import { handleError } from './errors.ts';
import type { RelayLink } from './workspaces.svelte.ts';

const DEVICE_KEY = 'counterpart:device';

/** A stable name for this browser profile in the relay's logs. */
function deviceName(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = `device-${crypto.randomUUID().slice(0, 8)}`;
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

class SyncClient {
  /** Null while the workspace is not connected to a relay. */
  status = $state.raw<SyncStatus | null>(null);
  paused = $state(false);
  /** A viewer's workspace: the app offers no edits (the relay would refuse them anyway). */
  readOnly = $derived(this.status?.role === 'viewer');

  private worker: Worker | null = null;
  private api: Comlink.Remote<SyncWorkerApi> | null = null;
  private offLocal: (() => void) | null = null;
  private readonly awarenessListeners = new Set<(update: Uint8Array) => void>();
  private readonly onlineListeners = new Set<() => void>();
  private readonly blobListeners = new Set<(sha256: string) => void>();

  async connect(store: WorkspaceStore, workspaceId: string, relay: RelayLink | undefined): Promise<void> {
    await this.disconnect();
    if (!relay) return;
    const worker = new Worker(new URL('../workers/sync.worker.ts', import.meta.url), { type: 'module', name: 'sync' });
    const api = Comlink.wrap<SyncWorkerApi>(worker);
    this.worker = worker;
    this.api = api;
    this.paused = false;
    this.status = { state: 'connecting', unsent: 0, lastSynced: null, role: null, error: null };
    const offLocal = store.subscribe((e) => {
      if (e.origin !== 'remote') api.kick().catch(handleError);
    });
    // The worker sends the rows of what this store has read; before it reads more, it says so.
    // A worker that does not answer (it crashed) must not hold up reading: a second is enough.
    store.beforeRowsLoad((c) => Promise.race([api.interest([c]), new Promise<void>((resolve) => setTimeout(resolve, 1000))]));
    // What the worker commits comes on a port of its own, into a feed that hands the store a
    // few hundred rows per task (change-feed.ts).
    const feed = new ChangeFeed((e) => store.applyExternal(e), handleError);
    const channel = new MessageChannel();
    channel.port1.onmessage = (ev: MessageEvent<ChangesMessage>) => feed.push(ev.data);
    this.offLocal = () => {
      offLocal();
      store.beforeRowsLoad(null);
      feed.close();
      channel.port1.close();
    };
    await api.start(
      { url: relay.url, workspaceId, token: relay.token, device: deviceName() },
      Comlink.proxy({
        status: (s: SyncStatus) => {
          if (this.api !== api) return;
          const wasOnline = this.status?.state === 'online';
          this.status = s;
          if (s.state === 'online' && !wasOnline) for (const l of this.onlineListeners) l();
        },
        awareness: (u: Uint8Array) => {
          for (const l of this.awarenessListeners) l(u);
        },
        blob: (sha256: string) => {
          for (const l of this.blobListeners) l(sha256);
        },
      }),
      store.rowsLoaded(),
      Comlink.transfer(channel.port2, [channel.port2]),
    );
  }

  async disconnect(): Promise<void> {
    this.offLocal?.();
    this.offLocal = null;
    const api = this.api;
    const worker = this.worker;
    this.api = null;
    this.worker = null;
    this.status = null;
    if (api) {
      await api.dispose().catch(() => undefined);
      api[Comlink.releaseProxy]();
    }
    worker?.terminate();
  }

  /** Stops syncing without disconnecting the workspace from its relay (work offline). */
  async pause(): Promise<void> {
    this.paused = true;
    await this.api?.pause();
  }

  async resume(): Promise<void> {
    this.paused = false;
    await this.api?.resume();
  }

  sendAwareness(update: Uint8Array): void {
    this.api?.sendAwareness(update).catch(handleError);
  }

  /** Files were attached here: the worker uploads them (now, or once online). */
  blobsQueued(): void {
    this.api?.kickBlobs().catch(handleError);
  }

  /** Fetches an attachment's content into this device's database. */
  async fetchBlob(sha256: string): Promise<FetchOutcome> {
    if (!this.api) return { ok: false, reason: 'offline', message: 'this workspace is not connected to a relay' };
    return this.api.fetchBlob(sha256);
  }

  prefetchBlobs(blobs: { sha256: string; size: number }[]): void {
    this.api?.prefetchBlobs(blobs).catch(handleError);
  }

  /** An attachment's content was uploaded, refused or fetched by the worker. */
  onBlob(listener: (sha256: string) => void): () => void {
    this.blobListeners.add(listener);
    return () => this.blobListeners.delete(listener);
  }

  /** Called each time the connection comes (back) online. */
  onOnline(listener: () => void): () => void {
    this.onlineListeners.add(listener);
    return () => this.onlineListeners.delete(listener);
  }

  onAwareness(listener: (update: Uint8Array) => void): () => void {
    this.awarenessListeners.add(listener);
    return () => this.awarenessListeners.delete(listener);
  }
}

export const sync = new SyncClient();
