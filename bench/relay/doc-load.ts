// Load generator of the side-by-side test, run as its own process by bench/relay.bench.ts: N
// clients on one doc, each the server's own normal client (the stock y-websocket
// WebsocketProvider, or @hocuspocus/provider for Hocuspocus), each with its own Y.Doc. Client i
// edits by setting key `c<i>` of one Y.Map to its next sequence number; every other client sees
// the change in a map observer. Latency is from just before the local edit to that observer, in
// this one process, so one clock. It runs open-loop steps at fixed total rates, then a closed
// loop in which every client keeps `window` edits in flight (not yet seen by all the others).
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { NumberList, summarize, type LatencySummary } from './stats.ts';

export interface DocLoadConfig {
  client: 'y-websocket' | 'hocuspocus';
  /** ws://… base URL handed to the provider. */
  serverUrl: string;
  /** Room (y-websocket) or document name (Hocuspocus). */
  room: string;
  /** URL parameters of the y-websocket provider (the Counterpart token). */
  params?: Record<string, string>;
  clients: number;
  /** Total edits per second of the open-loop steps. */
  rates: number[];
  stepMs: number;
  /** Unmeasured time at the start of each step, and at most this long to drain after it. */
  settleMs: number;
  closedLoop: { window: number; ms: number; maxPerClientPerSecond: number };
  /** An edit not seen by every other client after this long counts as lost. */
  lostAfterMs: number;
}

export interface StepResult {
  label: string;
  closedLoop: boolean;
  /** Edits per second asked for (open loop; 0 for the closed loop). */
  offered: number;
  /** Open-loop step not run because a lower rate already saturated the server. */
  skipped?: boolean;
  /** Edits per second actually sent in the measured window. */
  sendRate: number;
  /** Edits per second delivered: receipts in the window / (clients − 1). */
  deliveredRate: number;
  receiptsPerSecond: number;
  expected: number;
  delivered: number;
  lost: number;
  latency: LatencySummary;
  driverElu: number;
}

export interface DocLoadResult {
  connectMs: number;
  steps: StepResult[];
  /** Connections that closed during the run (should be 0). */
  disconnects: number;
}

interface Pending {
  t: number;
  remaining: number;
  measured: boolean;
}

interface Client {
  idx: number;
  doc: Y.Doc;
  map: Y.Map<number>;
  seq: number;
  outstanding: number;
  destroy(): void;
}

function post(m: unknown): void {
  process.send?.(m);
}

const sleep = (msec: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, msec));

async function run(cfg: DocLoadConfig): Promise<DocLoadResult> {
  // Every y-websocket provider adds a process 'exit' listener.
  process.setMaxListeners(0);
  const n = cfg.clients;
  const pending: Map<number, Pending>[] = Array.from({ length: n }, () => new Map<number, Pending>());
  let latencies = new NumberList();
  let measuring = false;
  let receiptsInWindow = 0;
  let delivered = 0;
  let lost = 0;
  let disconnects = 0;
  let closedLoop = false;
  let lastReceipt = 0;
  const clients: Client[] = [];

  /** lastSeen[r][s]: the last edit of client s that client r has seen. */
  const lastSeen = Array.from({ length: n }, () => new Float64Array(n));

  /**
   * Client `receiver` sees edit `value` of `sender`. A server may coalesce updates (one message
   * for several edits of a client); the edits in between are then delivered by the same message.
   */
  function onChange(receiver: number, sender: number, value: number, now: number): void {
    const seen = lastSeen[receiver] as Float64Array;
    for (let seq = (seen[sender] as number) + 1; seq <= value; seq++) onReceipt(sender, seq, now);
    if (value > (seen[sender] as number)) seen[sender] = value;
  }

  function onReceipt(sender: number, seq: number, now: number): void {
    lastReceipt = now;
    if (measuring) receiptsInWindow++;
    const p = pending[sender]?.get(seq);
    if (!p) return;
    if (p.measured) {
      delivered++;
      latencies.push(now - p.t);
    }
    if (--p.remaining === 0) {
      pending[sender]?.delete(seq);
      const c = clients[sender];
      if (c) c.outstanding--;
      if (closedLoop) scheduleFill();
    }
  }

  const connectStarted = performance.now();
  const synced: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const doc = new Y.Doc();
    const map = doc.getMap<number>('m');
    map.observe((e) => {
      if (e.transaction.local) return;
      const now = performance.now();
      for (const key of e.keysChanged as Set<string>) {
        const v = map.get(key);
        if (typeof v === 'number') onChange(i, Number(key.slice(1)), v, now);
      }
    });
    let destroy: () => void;
    if (cfg.client === 'y-websocket') {
      const provider = new WebsocketProvider(cfg.serverUrl, cfg.room, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        ...(cfg.params ? { params: cfg.params } : {}),
      });
      synced.push(new Promise((resolve) => provider.once('sync', () => resolve())));
      provider.on('connection-close', () => {
        disconnects++;
      });
      destroy = () => provider.destroy();
    } else {
      const socket = new HocuspocusProviderWebsocket({ url: cfg.serverUrl, WebSocketPolyfill: WebSocket });
      let resolveSynced: () => void = () => undefined;
      synced.push(new Promise((resolve) => (resolveSynced = resolve)));
      const provider = new HocuspocusProvider({
        websocketProvider: socket,
        name: cfg.room,
        document: doc,
        onSynced: () => resolveSynced(),
        onClose: () => {
          disconnects++;
        },
      });
      provider.attach();
      destroy = () => {
        provider.destroy();
        socket.destroy();
      };
    }
    clients.push({ idx: i, doc, map, seq: 0, outstanding: 0, destroy: () => destroy() });
  }
  await Promise.all(synced);
  const connectMs = performance.now() - connectStarted;
  // Whatever the providers exchange right after the handshake (awareness) settles first.
  await sleep(500);
  disconnects = 0;

  function edit(c: Client): void {
    const seq = ++c.seq;
    pending[c.idx]?.set(seq, { t: performance.now(), remaining: n - 1, measured: measuring });
    c.outstanding++;
    c.map.set(`c${c.idx}`, seq);
  }

  /** Forgets edits older than lostAfterMs; those sent in a measured window count as lost. */
  function expire(now: number): void {
    for (let i = 0; i < n; i++) {
      const m = pending[i] as Map<number, Pending>;
      for (const [seq, p] of m) {
        if (now - p.t < cfg.lostAfterMs) break;
        if (p.measured) lost += p.remaining;
        m.delete(seq);
        const c = clients[i];
        if (c) c.outstanding--;
      }
    }
  }

  async function drain(): Promise<void> {
    const started = performance.now();
    while (performance.now() - started < cfg.settleMs) {
      if (pending.every((m) => m.size === 0)) return;
      await sleep(20);
    }
    expire(Number.POSITIVE_INFINITY);
  }

  function measureStart(): { elu: EventLoopUtilization; t: number } {
    latencies = new NumberList();
    receiptsInWindow = 0;
    delivered = 0;
    lost = 0;
    measuring = true;
    return { elu: performance.eventLoopUtilization(), t: performance.now() };
  }

  function measureEnd(label: string, offered: number, sentMeasured: number, start: { elu: EventLoopUtilization; t: number }): () => StepResult {
    const windowMs = performance.now() - start.t;
    const driverElu = performance.eventLoopUtilization(start.elu).utilization;
    measuring = false;
    const receipts = receiptsInWindow;
    // Delivered and lost counts are read after the drain.
    return () => ({
      label,
      closedLoop: offered === 0,
      offered,
      sendRate: (sentMeasured * 1000) / windowMs,
      deliveredRate: (receipts * 1000) / windowMs / (n - 1),
      receiptsPerSecond: (receipts * 1000) / windowMs,
      expected: sentMeasured * (n - 1),
      delivered,
      lost,
      latency: summarize(latencies.values()),
      driverElu,
    });
  }

  const steps: StepResult[] = [];
  let rr = 0;

  /** Waits until no edit has been seen for `quietMs` (a server that fell behind catches up). */
  async function quiesce(quietMs: number, maxMs: number): Promise<void> {
    const started = performance.now();
    lastReceipt = performance.now();
    while (performance.now() - lastReceipt < quietMs && performance.now() - started < maxMs) await sleep(50);
    expire(Number.POSITIVE_INFINITY);
  }

  // Open loop: a fixed total rate, round-robin over the clients, up to the first rate the server
  // does not keep up with.
  let saturated = false;
  for (const rate of cfg.rates) {
    const label = `${rate}/s`;
    if (saturated) {
      steps.push({ ...measureEnd(label, rate, 0, measureStart())(), skipped: true });
      continue;
    }
    let sent = 0;
    let sentMeasured = 0;
    let started = performance.now();
    let mark: { elu: EventLoopUtilization; t: number } | undefined;
    let finish: (() => StepResult) | undefined;
    post({ type: 'phase', phase: `step-start:${label}` });
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const now = performance.now();
        if (!mark && now - started >= cfg.settleMs) {
          mark = measureStart();
          started = now;
          sent = 0;
        }
        const due = Math.floor((rate * (now - started)) / 1000);
        while (sent < due) {
          edit(clients[rr++ % n] as Client);
          sent++;
          if (mark) sentMeasured++;
        }
        expire(now);
        if (mark && now - started >= cfg.stepMs) {
          clearInterval(timer);
          finish = measureEnd(label, rate, sentMeasured, mark);
          resolve();
        }
      }, 2);
    });
    post({ type: 'phase', phase: `step-end:${label}` });
    await drain();
    const step = (finish as () => StepResult)();
    steps.push(step);
    if (step.lost > 0 || step.deliveredRate < 0.9 * rate) {
      saturated = true;
      await quiesce(1_000, 30_000);
    }
  }

  // Closed loop: every client keeps `window` edits in flight, at most maxPerClientPerSecond.
  {
    const { window, ms, maxPerClientPerSecond } = cfg.closedLoop;
    const label = `closed loop, ${window} in flight per client`;
    const budget = new Array<number>(n).fill(0);
    let lastRefill = performance.now();
    let sentMeasured = 0;
    let fillScheduled = false;
    const fill = (): void => {
      fillScheduled = false;
      for (const c of clients) {
        while (c.outstanding < window && (budget[c.idx] as number) >= 1) {
          budget[c.idx] = (budget[c.idx] as number) - 1;
          edit(c);
          if (measuring) sentMeasured++;
        }
      }
    };
    scheduleFill = () => {
      if (fillScheduled) return;
      fillScheduled = true;
      setImmediate(fill);
    };
    closedLoop = true;
    post({ type: 'phase', phase: 'step-start:closed' });
    let mark: { elu: EventLoopUtilization; t: number } | undefined;
    const started = performance.now();
    let finish: (() => StepResult) | undefined;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const now = performance.now();
        const add = ((now - lastRefill) / 1000) * maxPerClientPerSecond;
        lastRefill = now;
        for (let i = 0; i < n; i++) budget[i] = Math.min(window + 1, (budget[i] as number) + add);
        if (!mark && now - started >= cfg.settleMs) {
          mark = measureStart();
          sentMeasured = 0;
        }
        expire(now);
        fill();
        if (mark && now - mark.t >= ms) {
          clearInterval(timer);
          closedLoop = false;
          finish = measureEnd(label, 0, sentMeasured, mark);
          resolve();
        }
      }, 2);
    });
    post({ type: 'phase', phase: 'step-end:closed' });
    await drain();
    steps.push((finish as () => StepResult)());
  }

  const result = { connectMs, steps, disconnects };
  for (const c of clients) c.destroy();
  return result;
}

let scheduleFill: () => void = () => undefined;

type EventLoopUtilization = ReturnType<typeof performance.eventLoopUtilization>;

process.once('message', (raw: unknown) => {
  const { config } = raw as { config: DocLoadConfig };
  run(config).then(
    (result) => post({ type: 'result', result }),
    (error: unknown) => post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
