// Load generator of the fan-out test, run as its own process by bench/relay.bench.ts: N devices
// per workspace speaking the workspace sync protocol over raw `ws` sockets. Together they push
// `rate` small Yjs updates per second (one field of a record doc set on a local Y.Doc), spread
// round-robin over all devices, and time each update from just before it is sent to its receipt
// at every other device of the workspace — all in this process, so one clock.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { PROTOCOL_VERSION, decode, encode } from '@counterpart/protocol';
import { NumberList, summarize, type LatencySummary } from './stats.ts';

export interface FanoutConfig {
  /** ws://127.0.0.1:PORT */
  wsBase: string;
  workspaces: { id: string; token: string }[];
  clientsPerWorkspace: number;
  docsPerWorkspace: number;
  /** Updates per second, all devices together. */
  rate: number;
  warmupMs: number;
  measureMs: number;
  /** After the last measured send: time for the last deliveries. */
  drainMs: number;
}

export interface FanoutResult {
  clients: number;
  connectMs: number;
  sent: number;
  sendRate: number;
  expected: number;
  delivered: number;
  /** Deliveries of updates sent during warm-up or from no known send (should be 0 of the latter). */
  unknown: number;
  fanout: LatencySummary;
  ack: LatencySummary;
  acks: number;
  closedByRelay: number;
  /** Event-loop utilisation of this load generator during the measured window. */
  driverElu: number;
}

interface Pending {
  t: number;
  remaining: number;
  measured: boolean;
}

interface Device {
  ws: WebSocket;
  workspace: number;
  docs: Map<string, { doc: Y.Doc; last: Uint8Array | undefined }>;
  batch: number;
  acksDue: Map<number, { t: number; measured: boolean }>;
  closedCode: number | undefined;
}

function send(m: unknown): void {
  process.send?.(m);
}

function updateKey(docId: string, update: Uint8Array): string {
  return `${docId}\u0000${Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('latin1')}`;
}

async function run(cfg: FanoutConfig): Promise<FanoutResult> {
  const pending = new Map<string, Pending>();
  const fanout = new NumberList();
  const ackLat = new NumberList();
  let delivered = 0;
  let unknown = 0;
  let acks = 0;
  let measuring = false;

  const connectStarted = performance.now();
  const devices: Device[] = [];
  const ready: Promise<void>[] = [];
  for (let w = 0; w < cfg.workspaces.length; w++) {
    const { id, token } = cfg.workspaces[w] as { id: string; token: string };
    for (let c = 0; c < cfg.clientsPerWorkspace; c++) {
      const ws = new WebSocket(`${cfg.wsBase}/sync/${id}?token=${encodeURIComponent(token)}`, { perMessageDeflate: false });
      ws.binaryType = 'nodebuffer';
      const dev: Device = { ws, workspace: w, docs: new Map(), batch: 0, acksDue: new Map(), closedCode: undefined };
      devices.push(dev);
      ready.push(
        new Promise<void>((resolve, reject) => {
          let live = false;
          ws.on('open', () => ws.send(encode({ type: 'hello', version: PROTOCOL_VERSION, cursor: 0, device: `bench-${w}-${c}` })));
          ws.on('error', (e) => {
            if (!live) reject(e);
          });
          ws.on('close', (code) => {
            dev.closedCode = code;
            if (!live) reject(new Error(`device closed with ${code} before it was live`));
          });
          ws.on('message', (data: Buffer) => {
            const now = performance.now();
            const m = decode(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
            if (m.type === 'updates') {
              if (!live && !m.more) {
                live = true;
                resolve();
                return;
              }
              for (const it of m.items) {
                const key = updateKey(it.docId, it.update);
                const p = pending.get(key);
                if (!p) {
                  unknown++;
                  continue;
                }
                if (p.measured) {
                  delivered++;
                  fanout.push(now - p.t);
                }
                if (--p.remaining === 0) pending.delete(key);
              }
            } else if (m.type === 'ack') {
              const a = dev.acksDue.get(m.batch);
              if (a) {
                dev.acksDue.delete(m.batch);
                acks++;
                if (a.measured) ackLat.push(now - a.t);
              }
            }
          });
        }),
      );
    }
  }
  await Promise.all(ready);
  const connectMs = performance.now() - connectStarted;
  send({ type: 'phase', phase: 'warmup' });

  // Interleaved so consecutive sends come from different workspaces.
  const order: Device[] = [];
  for (let c = 0; c < cfg.clientsPerWorkspace; c++) {
    for (let w = 0; w < cfg.workspaces.length; w++) order.push(devices[w * cfg.clientsPerWorkspace + c] as Device);
  }
  let next = 0;
  let sentMeasured = 0;
  let value = 0;

  function sendOne(): void {
    const dev = order[next++ % order.length] as Device;
    if (dev.closedCode !== undefined) return;
    const docId = `rec-${Math.floor(Math.random() * cfg.docsPerWorkspace)}`;
    let entry = dev.docs.get(docId);
    if (!entry) {
      const doc = new Y.Doc({ guid: docId });
      const e: { doc: Y.Doc; last: Uint8Array | undefined } = { doc, last: undefined };
      doc.on('update', (u: Uint8Array) => {
        e.last = u;
      });
      dev.docs.set(docId, e);
      entry = e;
    }
    entry.doc.getMap('fields').set('stage', `stage-${value++ % 1000}`);
    const update = entry.last as Uint8Array;
    const batch = ++dev.batch;
    const frame = encode({ type: 'push', batch, items: [{ docId, update }] });
    const t = performance.now();
    pending.set(updateKey(docId, update), { t, remaining: cfg.clientsPerWorkspace - 1, measured: measuring });
    dev.acksDue.set(batch, { t, measured: measuring });
    dev.ws.send(frame);
    if (measuring) sentMeasured++;
  }

  async function drive(durationMs: number): Promise<void> {
    const started = performance.now();
    let done = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const elapsed = performance.now() - started;
        const due = Math.min(Math.floor((cfg.rate * Math.min(elapsed, durationMs)) / 1000), Math.floor((cfg.rate * durationMs) / 1000));
        while (done < due) {
          sendOne();
          done++;
        }
        if (elapsed >= durationMs) {
          clearInterval(timer);
          resolve();
        }
      }, 2);
    });
  }

  await drive(cfg.warmupMs);
  measuring = true;
  send({ type: 'phase', phase: 'measure' });
  const elu0 = performance.eventLoopUtilization();
  const measureStarted = performance.now();
  await drive(cfg.measureMs);
  const measureMs = performance.now() - measureStarted;
  const driverElu = performance.eventLoopUtilization(elu0).utilization;
  measuring = false;
  send({ type: 'phase', phase: 'drain' });
  await new Promise((resolve) => setTimeout(resolve, cfg.drainMs));

  const closedByRelay = devices.filter((d) => d.closedCode !== undefined).length;
  send({ type: 'phase', phase: 'close' });
  await Promise.all(
    devices.map(
      (d) =>
        new Promise<void>((resolve) => {
          if (d.ws.readyState === WebSocket.CLOSED) {
            resolve();
            return;
          }
          d.ws.once('close', () => resolve());
          d.ws.close(1000);
        }),
    ),
  );

  return {
    clients: devices.length,
    connectMs,
    sent: sentMeasured,
    sendRate: (sentMeasured * 1000) / measureMs,
    expected: sentMeasured * (cfg.clientsPerWorkspace - 1),
    delivered,
    unknown,
    fanout: summarize(fanout.values()),
    ack: summarize(ackLat.values()),
    acks,
    closedByRelay,
    driverElu,
  };
}

process.once('message', (raw: unknown) => {
  const { config } = raw as { config: FanoutConfig };
  run(config).then(
    (result) => send({ type: 'result', result }),
    (error: unknown) => send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
