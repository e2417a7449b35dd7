// Attachment contents between this device and the relay, over HTTP (protocol blobs.ts). Uploads
// drain the store's durable queue (store SPEC S13) oldest first; a failure that may pass (no
// network, relay down, 5xx) is retried with capped, jittered exponential backoff, and one the
// relay gives as final (too large, not allowed) is kept as refused with its reason. Downloads
// happen when a file is opened (and, for small files, ahead of time): the content is checked
// against its name and kept, so it opens offline from then on.
import { blobPath } from '@counterpart/protocol';
import { StoreError, type WorkspaceStore } from '@counterpart/store';

export interface BlobTransferOptions {
  /** The relay, as http(s)://. */
  url: string;
  workspaceId: string;
  token: string;
  fetch?: typeof fetch;
  backoff?: { minMs: number; maxMs: number };
  random?: () => number;
  /** Unexpected failures (a store error), for the app to show; the queue is retried later. */
  report?: (err: unknown) => void;
}

export type FetchOutcome =
  | { ok: true }
  /**
   * offline: the relay cannot be reached (or sync is paused); missing: the relay does not have
   * it (yet); refused: the relay does not let this device read it; invalid: what came back is
   * not the file.
   */
  | { ok: false; reason: 'offline' | 'missing' | 'refused' | 'invalid'; message: string };

/** Files up to this size are fetched ahead of time when their record is open. */
export const PREFETCH_MAX_BYTES = 2 * 1024 * 1024;

/** Answers after which trying the same upload again cannot help. */
const FINAL = new Set([400, 401, 403, 413]);

export class BlobTransfer {
  private enabled = false;
  private pumping: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly fetching = new Map<string, Promise<FetchOutcome>>();
  private readonly listeners = new Set<(sha256: string) => void>();

  constructor(
    private readonly store: WorkspaceStore,
    private readonly opts: BlobTransferOptions,
  ) {}

  /** Called whenever a blob's state here changes: uploaded, failed, or fetched. */
  onChange(listener: (sha256: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts uploading what is queued (and what is queued later, on `kick`). */
  start(): void {
    this.enabled = true;
    this.kick();
  }

  /** Stops talking to the relay: nothing is uploaded or fetched until `start`. */
  stop(): void {
    this.enabled = false;
    this.clearTimer();
  }

  /** Something was queued, or the connection came back: upload what is due now. */
  kick(): void {
    if (!this.enabled) return;
    this.clearTimer();
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump().catch((err: unknown) => {
      if (!this.enabled) return; // stopped (the workspace closed) mid-way: nothing to report
      this.opts.report?.(err);
      this.schedule(this.delay(0));
    }).finally(() => {
      this.pumping = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** The connection is back: uploads waiting for their backoff are tried now (refused ones stay). */
  async wake(): Promise<void> {
    await this.store.retryUploads();
    this.kick();
  }

  /** Resolves when no upload is running (tests). */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  /** Fetches a blob from the relay into the store, unless it is there already. */
  fetch(sha256: string): Promise<FetchOutcome> {
    let running = this.fetching.get(sha256);
    if (!running) {
      running = this.download(sha256).finally(() => this.fetching.delete(sha256));
      this.fetching.set(sha256, running);
    }
    return running;
  }

  /** Fetches the small ones of `blobs` not on this device yet, one after another. */
  async prefetch(blobs: readonly { sha256: string; size: number }[]): Promise<void> {
    for (const b of blobs) {
      if (!this.enabled) return;
      if (b.size > PREFETCH_MAX_BYTES || (await this.store.hasBlob(b.sha256))) continue;
      const outcome = await this.fetch(b.sha256);
      if (!outcome.ok && outcome.reason === 'offline') return;
    }
  }

  /** Stops, and resolves once the running upload (if any) has finished. */
  async dispose(): Promise<void> {
    this.stop();
    this.listeners.clear();
    await this.idle();
  }

  private async download(sha256: string): Promise<FetchOutcome> {
    if (await this.store.hasBlob(sha256)) return { ok: true };
    if (!this.enabled) return { ok: false, reason: 'offline', message: 'sync is paused' };
    let res: Response;
    let data: Uint8Array;
    try {
      res = await this.request(sha256, { method: 'GET' });
      if (!res.ok) {
        const message = await errorOf(res);
        if (res.status === 404) return { ok: false, reason: 'missing', message };
        if (res.status === 401 || res.status === 403) return { ok: false, reason: 'refused', message };
        return { ok: false, reason: 'offline', message };
      }
      data = new Uint8Array(await res.arrayBuffer());
    } catch (err) {
      return { ok: false, reason: 'offline', message: messageOf(err) };
    }
    try {
      await this.store.putFetchedBlob(sha256, data);
    } catch (err) {
      if (err instanceof StoreError && err.reason === 'invalid-blob') return { ok: false, reason: 'invalid', message: err.message };
      throw err;
    }
    this.emit(sha256);
    return { ok: true };
  }

  private async pump(): Promise<void> {
    for (;;) {
      if (!this.enabled) return;
      const now = Date.now();
      const queue = (await this.store.uploads()).filter((u) => !u.refused);
      const due = queue.find((u) => u.retryAt <= now);
      if (!due) {
        const next = Math.min(...queue.map((u) => u.retryAt));
        if (Number.isFinite(next)) this.schedule(next - now);
        return;
      }
      const reachable = await this.upload(due.sha256, due.attempts);
      if (!reachable) {
        // The relay cannot be reached: the others would fail the same way; try again later.
        const later = (await this.store.upload(due.sha256))?.retryAt ?? now;
        this.schedule(Math.max(0, later - Date.now()));
        return;
      }
    }
  }

  /** Uploads one blob; false when the relay could not be reached. */
  private async upload(sha256: string, attempts: number): Promise<boolean> {
    const data = await this.store.getBlob(sha256);
    if (!data) {
      await this.store.uploadFailed(sha256, { error: 'the file’s content is no longer on this device', retryAt: 0, refused: true });
      this.emit(sha256);
      return true;
    }
    let res: Response;
    try {
      res = await this.request(sha256, { method: 'PUT', body: data as BodyInit });
    } catch (err) {
      await this.store.uploadFailed(sha256, { error: messageOf(err), retryAt: Date.now() + this.delay(attempts) });
      this.emit(sha256);
      return false;
    }
    if (res.ok) {
      await res.body?.cancel();
      await this.store.uploaded(sha256);
    } else {
      const error = await errorOf(res);
      if (FINAL.has(res.status)) await this.store.uploadFailed(sha256, { error, retryAt: 0, refused: true });
      else await this.store.uploadFailed(sha256, { error, retryAt: Date.now() + this.delay(attempts) });
    }
    this.emit(sha256);
    return res.ok || FINAL.has(res.status) || res.status < 500;
  }

  private request(sha256: string, init: RequestInit): Promise<Response> {
    const url = new URL(blobPath(this.opts.workspaceId, sha256), this.opts.url.replace(/^ws/, 'http')).href;
    return (this.opts.fetch ?? globalThis.fetch)(url, { ...init, headers: { Authorization: `Bearer ${this.opts.token}` } });
  }

  private delay(attempts: number): number {
    const { minMs, maxMs } = this.opts.backoff ?? { minMs: 1_000, maxMs: 5 * 60_000 };
    const base = Math.min(maxMs, minMs * 2 ** Math.min(attempts, 20));
    return base * (0.5 + (this.opts.random ?? Math.random)() / 2);
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, Math.max(0, ms));
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private emit(sha256: string): void {
    for (const l of this.listeners) l(sha256);
  }
}

async function errorOf(res: Response): Promise<string> {
  const body = (await res.json().catch(() => ({}))) as { error?: unknown };
  return typeof body.error === 'string' ? body.error : `the relay answered ${res.status}`;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
