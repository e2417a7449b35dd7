// A simulated network of replicas, each holding its own Y.Doc per record (guid = record id)
// with its own client id. Every local change is captured from `doc.on('update')` and sent to
// every other replica; the network delivers in random order, with duplicates and delays (some
// messages are held back for many steps), and replicas go offline: an offline replica keeps
// editing locally, its outgoing updates wait in an outbox and nothing is delivered to it.
import * as Y from 'yjs';
import { newRecordDoc } from '@counterpart/model';
import type { Rng } from './rng.ts';

/** Transaction origin of updates applied from the network (not re-sent). */
export const REMOTE = Symbol('remote');

export interface NetworkOptions {
  /** Probability that a message is sent twice (with independent delays). */
  readonly duplicate: number;
  /** Probability that a delivered message stays queued to be delivered once more later. */
  readonly redeliver: number;
  /** Probability that a message is held back for `holdBack` steps instead of `delay`. */
  readonly holdBackChance: number;
  readonly delay: readonly [number, number];
  readonly holdBack: readonly [number, number];
}

export const DEFAULT_NETWORK: NetworkOptions = {
  duplicate: 0.1,
  redeliver: 0.03,
  holdBackChance: 0.08,
  delay: [0, 4],
  holdBack: [20, 120],
};

interface Message {
  readonly seq: number;
  readonly from: number;
  readonly to: number;
  readonly recordId: string;
  readonly update: Uint8Array;
  readonly readyAt: number;
  readonly copy: boolean;
}

export class Replica {
  readonly docs = new Map<string, Y.Doc>();
  online = true;
  offlineUntil = 0;
  readonly outbox: { recordId: string; update: Uint8Array }[] = [];

  constructor(
    readonly index: number,
    readonly clientID: number,
    private readonly net: Network,
  ) {}

  /** This replica's doc for a record, created empty (and wired to the network) on first use. */
  doc(recordId: string): Y.Doc {
    let doc = this.docs.get(recordId);
    if (!doc) {
      doc = newRecordDoc(recordId);
      doc.clientID = this.clientID;
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== REMOTE) this.net.send(this, recordId, update);
      });
      this.docs.set(recordId, doc);
    }
    return doc;
  }

  /** Records whose creation this replica has seen (their meta names a collection). */
  knownRecords(): string[] {
    return [...this.docs].filter(([, d]) => d.getMap('meta').has('c')).map(([id]) => id);
  }
}

export class Network {
  readonly replicas: Replica[];
  step = 0;
  private seq = 0;
  private queue: Message[] = [];
  readonly stats = { sent: 0, delivered: 0, duplicates: 0, heldBack: 0, offlineStretches: 0 };

  constructor(
    private readonly rng: Rng,
    clientIDs: readonly number[],
    readonly opts: NetworkOptions = DEFAULT_NETWORK,
  ) {
    if (new Set(clientIDs).size !== clientIDs.length) throw new Error('client ids must be distinct');
    this.replicas = clientIDs.map((id, i) => new Replica(i, id, this));
  }

  get pending(): number {
    return this.queue.length;
  }

  send(from: Replica, recordId: string, update: Uint8Array): void {
    if (!from.online) from.outbox.push({ recordId, update });
    else this.fanOut(from, recordId, update);
  }

  /** Every update each replica sent, by record (for diagnosing a replica that did not converge). */
  readonly sentLog: { from: number; recordId: string; update: Uint8Array }[] = [];
  /** Every update delivered, by `${to}|${recordId}`. */
  readonly deliveredLog = new Map<string, Uint8Array[]>();

  private fanOut(from: Replica, recordId: string, update: Uint8Array): void {
    this.stats.sent++;
    this.sentLog.push({ from: from.index, recordId, update });
    for (const to of this.replicas) {
      if (to === from) continue;
      const copies = this.rng.chance(this.opts.duplicate) ? 2 : 1;
      if (copies === 2) this.stats.duplicates++;
      for (let c = 0; c < copies; c++) {
        const held = this.rng.chance(this.opts.holdBackChance);
        if (held) this.stats.heldBack++;
        const [lo, hi] = held ? this.opts.holdBack : this.opts.delay;
        this.queue.push({
          seq: this.seq++,
          from: from.index,
          to: to.index,
          recordId,
          update,
          readyAt: this.step + this.rng.int(lo, hi),
          copy: false,
        });
      }
    }
  }

  setOnline(r: Replica, online: boolean): void {
    if (r.online === online) return;
    r.online = online;
    if (!online) {
      this.stats.offlineStretches++;
      return;
    }
    for (const { recordId, update } of r.outbox.splice(0)) this.fanOut(r, recordId, update);
  }

  /** Advances one step: replicas go offline or come back, and up to `maxDeliveries` messages arrive. */
  tick(maxDeliveries: number, offlineChance: number, offlineFor: readonly [number, number]): void {
    this.step++;
    for (const r of this.replicas) {
      if (!r.online && this.step >= r.offlineUntil) this.setOnline(r, true);
      else if (r.online && this.rng.chance(offlineChance)) {
        r.offlineUntil = this.step + this.rng.int(offlineFor[0], offlineFor[1]);
        this.setOnline(r, false);
      }
    }
    const n = this.rng.int(0, maxDeliveries);
    for (let i = 0; i < n; i++) {
      const ready = this.queue
        .map((m, idx) => ({ m, idx }))
        .filter(({ m }) => m.readyAt <= this.step && this.replicas[m.to]?.online === true);
      if (ready.length === 0) return;
      this.deliverAt(this.rng.pick(ready).idx);
    }
  }

  private deliverAt(idx: number): void {
    const [m] = this.queue.splice(idx, 1);
    if (!m) throw new Error(`no message at ${idx}`);
    const to = this.replicas[m.to];
    if (!to) throw new Error(`no replica ${m.to}`);
    Y.applyUpdate(to.doc(m.recordId), m.update, REMOTE);
    this.stats.delivered++;
    const key = `${m.to}|${m.recordId}`;
    const log = this.deliveredLog.get(key);
    if (log) log.push(m.update);
    else this.deliveredLog.set(key, [m.update]);
    if (!m.copy && this.rng.chance(this.opts.redeliver)) {
      this.stats.duplicates++;
      this.queue.push({ ...m, seq: this.seq++, copy: true, readyAt: this.step + this.rng.int(0, 30) });
    }
  }

  /** Every replica offline: local edits from now on wait in the outboxes. */
  partition(): void {
    for (const r of this.replicas) this.setOnline(r, false);
  }

  /** Everyone back online and every queued message delivered, in random order. */
  deliverAll(): void {
    for (const r of this.replicas) {
      r.offlineUntil = 0;
      this.setOnline(r, true);
    }
    while (this.queue.length > 0) this.deliverAt(this.rng.int(0, this.queue.length - 1));
  }

  /** Every update `r` holds for a record: the ones it made and the ones delivered to it. */
  updatesHeldBy(r: Replica, recordId: string): Uint8Array[] {
    const own = this.sentLog.filter((m) => m.from === r.index && m.recordId === recordId).map((m) => m.update);
    const outbox = r.outbox.filter((m) => m.recordId === recordId).map((m) => m.update);
    return [...own, ...outbox, ...(this.deliveredLog.get(`${r.index}|${recordId}`) ?? [])];
  }

  /** Updates some replica sent that never reached another replica (must be empty after deliverAll). */
  undelivered(): { from: number; to: number; recordId: string }[] {
    const out: { from: number; to: number; recordId: string }[] = [];
    for (const m of this.sentLog) {
      for (const to of this.replicas) {
        if (to.index === m.from) continue;
        if (!(this.deliveredLog.get(`${to.index}|${m.recordId}`) ?? []).includes(m.update)) {
          out.push({ from: m.from, to: to.index, recordId: m.recordId });
        }
      }
    }
    return out;
  }

  /** Ids of every record any replica has a doc for. */
  recordIds(): string[] {
    const ids = new Set<string>();
    for (const r of this.replicas) for (const id of r.docs.keys()) ids.add(id);
    return [...ids].sort();
  }
}
