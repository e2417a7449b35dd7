// The device side of sync: one WebSocket to the relay for the whole workspace. It says where
// this device is in the workspace's log (its cursor), ingests everything after that through the
// store's one write path, then pushes the store's outbox in batches and deletes each batch once
// the relay acknowledges it as durably stored. It reconnects with capped, jittered exponential
// backoff, stops for good on an auth refusal, and reports a status the app shows.
import {
  CLOSE, PROTOCOL_VERSION, closeReason, decode, encode,
  type Message, type Role,
} from '@counterpart/protocol';
import type { IncomingUpdate, PreparedBatch, WorkspaceStore } from '@counterpart/store';

export type SyncState = 'idle' | 'connecting' | 'syncing' | 'online' | 'offline' | 'refused';

export interface SyncStatus {
  readonly state: SyncState;
  /** Changes made on this device that the relay does not have yet. */
  readonly unsent: number;
  /** When this device last had everything the relay had (epoch ms), or null. */
  readonly lastSynced: number | null;
  readonly role: Role | null;
  /** Why the relay refused this device, or why the last connection ended. */
  readonly error: string | null;
}

/** The part of the browser WebSocket the engine uses (the `ws` package provides it in Node). */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface SyncOptions {
  /** The relay, as http(s):// or ws(s)://. */
  url: string;
  workspaceId: string;
  token: string;
  /** A name for this device in the relay's logs. */
  device: string;
  createSocket?: (url: string) => SocketLike;
  backoff?: { minMs: number; maxMs: number };
  /** Most updates per push. */
  batchSize?: number;
  random?: () => number;
  /**
   * Prepares a large page of updates on another thread (see the store's `prepareElsewhere`),
   * so that applying one page overlaps with storing the last on a second core.
   */
  prepare?: (items: IncomingUpdate[]) => Promise<PreparedBatch>;
}

/** Pages at least this large are prepared by `SyncOptions.prepare`; live updates are small. */
const PREPARE_ELSEWHERE = 200;

/** Counters for tests and benchmarks. */
export interface SyncStats {
  connects: number;
  received: number;
  pushed: number;
}

const OPEN = 1;
/** Closes after which reconnecting cannot help: the token or the app must change. */
const FINAL = new Set<number>([CLOSE.unauthenticated, CLOSE.expired, CLOSE.revoked, CLOSE.wrongWorkspace, CLOSE.unsupportedVersion]);

const MESSAGES: Readonly<Record<number, string>> = {
  [CLOSE.unauthenticated]: 'The relay did not accept this device’s access token.',
  [CLOSE.expired]: 'This device’s access has expired; ask an owner for a new invite link.',
  [CLOSE.revoked]: 'This device’s access was revoked by an owner.',
  [CLOSE.wrongWorkspace]: 'The access token is for another workspace.',
  [CLOSE.unsupportedVersion]: 'The relay speaks a different protocol version; update the app.',
};

export function socketUrl(base: string, workspaceId: string, token: string): string {
  const u = new URL(`/sync/${encodeURIComponent(workspaceId)}`, base.replace(/^http/, 'ws'));
  u.searchParams.set('token', token);
  return u.href;
}

export class SyncEngine {
  status: SyncStatus = { state: 'idle', unsent: 0, lastSynced: null, role: null, error: null };
  readonly stats: SyncStats = { connects: 0, received: 0, pushed: 0 };

  private socket: SocketLike | null = null;
  private running = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private cursor = 0;
  private live = false;
  private welcomed = false;
  private batch = 0;
  private inflight: { batch: number; ids: number[] } | null = null;
  /** After a refused batch, send one update at a time so only the bad one is set aside. */
  private singles = 0;
  private chain: Promise<void> = Promise.resolve();
  /** Pages of updates handed to the store and not yet stored, oldest first. */
  private saving: Promise<void>[] = [];
  /** Resolves once the last page received has been handed to the store. */
  private handing: Promise<void> = Promise.resolve();
  private readonly statusListeners = new Set<(s: SyncStatus) => void>();
  private readonly awarenessListeners = new Set<(update: Uint8Array) => void>();
  private readonly idleWaiters = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;
  private readonly cursorKey: string;

  constructor(
    private readonly store: WorkspaceStore,
    private readonly opts: SyncOptions,
  ) {
    this.cursorKey = `sync:cursor:${opts.url}`;
  }

  onStatus(listener: (s: SyncStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.status);
    return () => this.statusListeners.delete(listener);
  }

  /** Presence updates (y-protocols awareness) from other devices. */
  onAwareness(listener: (update: Uint8Array) => void): () => void {
    this.awarenessListeners.add(listener);
    return () => this.awarenessListeners.delete(listener);
  }

  sendAwareness(update: Uint8Array): void {
    if (this.welcomed) this.send({ type: 'awareness', update });
  }

  /** Connects, and keeps reconnecting until `stop`. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.cursor = (await this.store.getMeta<number>(this.cursorKey)) ?? 0;
    this.unsubscribe ??= this.store.subscribe((e) => {
      if (e.origin !== 'remote') {
        this.refreshUnsent();
        this.pushSoon();
      }
    });
    this.refreshUnsent();
    this.connect();
  }

  /**
   * Disconnects and stops reconnecting; what is unsent stays in the outbox, and the status keeps
   * counting it until `dispose`.
   */
  async stop(): Promise<void> {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      s.close(CLOSE.normal, 'device stopped syncing');
    }
    this.resetConnection();
    await this.chain;
    this.setStatus({ state: 'idle' });
  }

  /**
   * The outbox changed through another store on the same database (the app's, when this engine
   * runs in a worker): count it again and push.
   */
  kick(): void {
    this.refreshUnsent();
    this.pushSoon();
  }

  /** Stops and lets go of the store. */
  async dispose(): Promise<void> {
    await this.stop();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.statusListeners.clear();
    this.awarenessListeners.clear();
  }

  /** Resolves once this device has pushed its outbox and holds everything the relay has. */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.add(resolve);
      this.checkIdle();
    });
  }

  // ---- connection -------------------------------------------------------------------------

  private connect(): void {
    if (!this.running) return;
    this.setStatus({ state: 'connecting' });
    const create = this.opts.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    let socket: SocketLike;
    try {
      socket = create(socketUrl(this.opts.url, this.opts.workspaceId, this.opts.token));
    } catch (err) {
      this.setStatus({ state: 'offline', error: err instanceof Error ? err.message : String(err) });
      this.retry();
      return;
    }
    this.socket = socket;
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      this.stats.connects++;
      this.send({ type: 'hello', version: PROTOCOL_VERSION, cursor: this.cursor, device: this.opts.device });
    };
    socket.onmessage = (ev) => {
      const data = ev.data;
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data instanceof Uint8Array ? data : null;
      if (!bytes) return;
      let m: Message;
      try {
        m = decode(bytes);
      } catch {
        socket.close(CLOSE.malformed, 'undecodable message from the relay');
        return;
      }
      this.chain = this.chain.then(() => this.handle(m)).catch((err: unknown) => {
        // A write that failed (storage full): drop the connection and resume from the cursor.
        this.setStatus({ error: err instanceof Error ? err.message : String(err) });
        socket.close(CLOSE.normal, 'could not store');
      });
    };
    socket.onerror = () => undefined;
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.resetConnection();
      if (FINAL.has(ev.code)) {
        this.running = false;
        this.setStatus({ state: 'refused', error: MESSAGES[ev.code] ?? closeReason(ev.code) });
        return;
      }
      this.setStatus({ state: 'offline', error: ev.code === CLOSE.normal || ev.code === 1005 ? null : `${closeReason(ev.code)}${ev.reason ? `: ${ev.reason}` : ''}` });
      this.retry();
    };
  }

  private retry(): void {
    if (!this.running) return;
    const { minMs, maxMs } = this.opts.backoff ?? { minMs: 500, maxMs: 30_000 };
    const base = Math.min(maxMs, minMs * 2 ** this.attempt++);
    const delay = base * (0.5 + (this.opts.random ?? Math.random)() / 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private resetConnection(): void {
    this.live = false;
    this.welcomed = false;
    this.inflight = null;
  }

  private send(m: Message): void {
    const s = this.socket;
    if (s && s.readyState === OPEN) s.send(encode(m));
  }

  // ---- messages ---------------------------------------------------------------------------

  private async handle(m: Message): Promise<void> {
    switch (m.type) {
      case 'welcome':
        this.welcomed = true;
        this.attempt = 0;
        // A relay whose log is shorter than this device's cursor is another log: start over.
        if (m.head < this.cursor) await this.saveCursor(0, true);
        this.setStatus({ state: 'syncing', role: m.role, error: null });
        this.pushSoon();
        return;
      case 'updates': {
        // The page and the cursor after it are stored in one transaction. While it is being
        // stored the next page is already applied in memory (the store prepares a batch when
        // it is handed over), so the two halves of a catch-up overlap; one page waits at most.
        const head = m.head;
        const count = m.items.length;
        const items = m.items.map((i) => ({ docId: i.docId, update: i.update }));
        const meta = { k: this.cursorKey, v: head };
        const prepare = this.opts.prepare;
        // Handed to the store in the order received, whichever thread prepared them.
        const previous = this.handing;
        let handed!: () => void;
        this.handing = new Promise<void>((resolve) => (handed = resolve));
        const ingested = (async () => {
          let stored: Promise<unknown>;
          try {
            const prepared = prepare && count >= PREPARE_ELSEWHERE ? await prepare(items) : undefined;
            await previous;
            stored = this.store.ingest(items, 'remote', { meta, ...(prepared ? { prepared } : {}) });
          } finally {
            handed();
          }
          await stored;
        })();
        const saved = count
          ? ingested.then(() => {
            this.stats.received += count;
            if (head > this.cursor) this.cursor = head;
          })
          : this.saveCursor(head);
        void saved.catch(() => undefined);
        this.saving.push(saved);
        while (this.saving.length > (m.more ? 1 : 0)) await this.saving.shift();
        if (!m.more && !this.live) {
          this.live = true;
          this.setStatus({ state: 'online', lastSynced: Date.now() });
          this.pushSoon();
        } else if (this.live) this.setStatus({ lastSynced: Date.now() });
        this.checkIdle();
        return;
      }
      case 'ack': {
        const inflight = this.inflight;
        if (!inflight || inflight.batch !== m.batch) return;
        await this.store.acknowledge(inflight.ids);
        this.stats.pushed += inflight.ids.length;
        this.inflight = null;
        if (this.singles > 0) this.singles = Math.max(0, this.singles - inflight.ids.length);
        if (this.live) await this.saveCursor(m.head);
        await this.updateUnsent();
        this.pushSoon();
        this.checkIdle();
        return;
      }
      case 'refused': {
        const inflight = this.inflight;
        if (!inflight || inflight.batch !== m.batch) return;
        this.inflight = null;
        if (this.status.role === 'viewer') {
          this.setStatus({ error: 'This device can view the workspace but not change it: its changes stay on this device.' });
          this.checkIdle();
          return;
        }
        if (inflight.ids.length > 1) {
          // Find the bad update: resend this batch one update at a time.
          this.singles = inflight.ids.length;
        } else {
          // The relay cannot store this update at all: keep it locally, stop retrying it.
          await this.store.acknowledge(inflight.ids);
          this.singles = Math.max(0, this.singles - 1);
          this.setStatus({ error: `The relay refused a change: ${m.reason}` });
          await this.updateUnsent();
        }
        this.pushSoon();
        return;
      }
      case 'awareness':
        for (const l of this.awarenessListeners) l(m.update);
        return;
      default:
        throw new Error(`the relay sent ${m.type}`);
    }
  }

  private async saveCursor(head: number, force = false): Promise<void> {
    if (!force && head <= this.cursor) return;
    this.cursor = head;
    await this.store.setMeta(this.cursorKey, head);
  }

  // ---- pushing ----------------------------------------------------------------------------

  private pushScheduled = false;

  private pushSoon(): void {
    if (this.pushScheduled) return;
    this.pushScheduled = true;
    queueMicrotask(() => {
      this.pushScheduled = false;
      this.chain = this.chain.then(() => this.push()).catch(() => undefined);
    });
  }

  private async push(): Promise<void> {
    if (!this.welcomed || this.inflight || this.status.role === 'viewer') return;
    const limit = this.singles > 0 ? 1 : (this.opts.batchSize ?? 500);
    const entries = await this.store.outbox(limit);
    if (!entries.length || !this.welcomed || this.inflight) return;
    const batch = ++this.batch;
    this.inflight = { batch, ids: entries.map((e) => e.id as number) };
    this.send({ type: 'push', batch, items: entries.map((e) => ({ docId: e.docId, update: e.u })) });
  }

  // ---- status -----------------------------------------------------------------------------

  private refreshUnsent(): void {
    this.updateUnsent().catch(() => undefined);
  }

  private async updateUnsent(): Promise<void> {
    const unsent = await this.store.outboxCount();
    if (unsent !== this.status.unsent) this.setStatus({ unsent });
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const l of this.statusListeners) l(this.status);
  }

  private checkIdle(): void {
    if (!this.idleWaiters.size || !this.live || this.inflight) return;
    void this.store.outboxCount().then((n) => {
      const readOnly = this.status.role === 'viewer';
      if ((n > 0 && !readOnly) || !this.live || this.inflight) return;
      for (const w of this.idleWaiters) w();
      this.idleWaiters.clear();
    });
  }
}
