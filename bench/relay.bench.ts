// The relay benchmark, in one invocation (about 3 minutes):
//
//   npm run bench:relay
//
// 1. Fan-out load: the relay as its own process (relay/src/main.ts, PORT=0, a temp DATA_DIR),
//    200 devices on 20 workspaces (10 each) speaking the workspace sync protocol over raw `ws`,
//    together pushing 1,000 small Yjs updates/s for 20 s after a warm-up. Fan-out latency from
//    send to receipt at each other device of the workspace (p50/p99/max, one clock: all devices
//    live in one load process), delivered vs expected, and the relay's RSS from /proc every
//    500 ms (baseline, peak, end).                              Targets: p99 ≤ 50 ms, RSS ≤ 300 MB
// 2. Memory after 10,000 doc open/close cycles against the same relay process: y-websocket
//    connections to /y/<ws>/<doc_i>, 50 at a time, each waiting for the relay's first message
//    and closing. RSS before, right after and after a settle, and GET /metrics (connections,
//    workspaces and docs in memory return to 0).            Target: within +30 MB of before
// 3. Side by side, one doc, 20 clients, each server in its own process and driven by its own
//    normal client: (a) this relay's /y endpoint and (b) @y/websocket-server 0.1.1, both with
//    the stock y-websocket WebsocketProvider, (c) @hocuspocus/server 4.x (no extensions, so in
//    memory) with @hocuspocus/provider. Open-loop steps at fixed edit rates, then a closed loop.
//    Delivered edits/s and fan-out p50/p99, with the server's CPU and the load generator's
//    event-loop utilisation per step, to tell a saturated server from a saturated driver.
//                             Target: Counterpart ≥ 1.5× the throughput of both at equal or better p99
//
// Everything binds to 127.0.0.1. Load generators run as separate processes (bench/relay/*-load.ts)
// so the benchmark's own bookkeeping never shares an event loop with a measured client.
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { Auth } from '../relay/src/auth.ts';
import type { DocLoadConfig, DocLoadResult, StepResult } from './relay/doc-load.ts';
import type { FanoutConfig, FanoutResult } from './relay/fanout-load.ts';
import {
  RssSampler, cleanupNow, cpuSeconds, fetchMetrics, installCleanupHooks, machineBusy, machineCpu, removeTempDir, runLoad, sleep, startServer, tempDir,
  type ServerProcess,
} from './relay/procs.ts';
import { NumberList, int, mb, ms, pct, summarize, table, type LatencySummary } from './relay/stats.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const script = (rel: string): string => fileURLToPath(new URL(rel, import.meta.url));
const SECRET = randomBytes(24).toString('base64url');
/** BENCH_QUICK=1: shorter windows and fewer cycles, for trying the benchmark out (numbers not for RESULTS.md). */
const QUICK = process.env.BENCH_QUICK === '1';

const FANOUT = {
  workspaceCount: 20,
  clientsPerWorkspace: 10,
  docsPerWorkspace: 20,
  rate: 1_000,
  warmupMs: 3_000,
  measureMs: QUICK ? 5_000 : 20_000,
  drainMs: 2_000,
};
const CYCLES = { total: QUICK ? 2_000 : 10_000, concurrency: 50, workspaces: 10, settleMs: 5_000 };
const SIDE = {
  clients: 20,
  rates: [250, 500, 1_000, 2_000],
  stepMs: QUICK ? 2_000 : 4_000,
  settleMs: 1_000,
  // Below the relay's default 500 frames/s per connection, the same cap for every server.
  closedLoop: { window: 2, ms: QUICK ? 2_000 : 5_000, maxPerClientPerSecond: 400 },
  lostAfterMs: 3_000,
};

const TARGET = { fanoutP99Ms: 50, rssMB: 300, cycleGrowthMB: 30, throughputRatio: 1.5 };

function ok(pass: boolean): string {
  return pass ? 'ok' : 'MISSED';
}

function wsBase(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

async function startRelayProcess(): Promise<{ relay: ServerProcess; dataDir: string; staticDir: string }> {
  const dataDir = tempDir('cp-relay-bench-data-');
  const staticDir = tempDir('cp-relay-bench-static-');
  const relay = await startServer('counterpart relay', 'relay/src/main.ts', { HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, RELAY_SECRET: SECRET, STATIC_DIR: staticDir }, root);
  return { relay, dataDir, staticDir };
}

// -------------------------------------------------------------------------------------------
// 1 + 2: fan-out load, then open/close cycles, against one relay process

interface CycleResult {
  cycles: number;
  failed: number;
  seconds: number;
  firstMessage: LatencySummary;
}

/** One y-websocket connection to a fresh doc: open, wait for the first message, close. */
function cycle(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let first = Number.NaN;
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('no first message within 10 s'));
    }, 10_000);
    ws.once('message', () => {
      first = performance.now() - started;
      ws.close(1000);
    });
    ws.on('error', () => undefined);
    ws.once('close', (code) => {
      clearTimeout(timer);
      if (Number.isNaN(first)) reject(new Error(`closed with ${code} before a message`));
      else resolve(first);
    });
  });
}

async function runCycles(base: string, tokens: readonly string[]): Promise<CycleResult> {
  const lat = new NumberList();
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CYCLES.concurrency }, async () => {
      for (let i = next++; i < CYCLES.total; i = next++) {
        const w = i % CYCLES.workspaces;
        try {
          lat.push(await cycle(`${base}/y/mem-${w}/doc-${i}?token=${encodeURIComponent(tokens[w] ?? '')}`));
        } catch {
          failed++;
        }
      }
    }),
  );
  return { cycles: CYCLES.total, failed, seconds: (performance.now() - started) / 1000, firstMessage: summarize(lat.values()) };
}

async function fanoutAndCycles(): Promise<string[]> {
  const summary: string[] = [];
  const { relay, dataDir, staticDir } = await startRelayProcess();
  const rss = new RssSampler(relay.pid, 500);
  try {
    const auth = await Auth.open(dataDir, SECRET);
    await sleep(2_000);
    const baseline = rss.mark('baseline');

    const workspaces = Array.from({ length: FANOUT.workspaceCount }, (_, i) => {
      const id = `ws-${String(i).padStart(2, '0')}`;
      return { id, token: auth.issue({ workspace: id, role: 'editor' }) };
    });
    const cpu: Record<string, number> = {};
    const at: Record<string, number> = {};
    const machine: Record<string, { busy: number; total: number }> = {};
    console.log(`\n## 1. Fan-out: ${FANOUT.workspaceCount * FANOUT.clientsPerWorkspace} devices on ${FANOUT.workspaceCount} workspaces, ${int(FANOUT.rate)} updates/s for ${FANOUT.measureMs / 1000} s\n`);
    console.log(`relay pid ${relay.pid} at ${relay.url}; connecting…`);
    const fan = await runLoad<FanoutResult>(
      script('./relay/fanout-load.ts'),
      { ...FANOUT, wsBase: wsBase(relay.url), workspaces } satisfies FanoutConfig,
      (phase) => {
        rss.mark(phase);
        cpu[phase] = cpuSeconds(relay.pid);
        at[phase] = performance.now();
        machine[phase] = machineCpu();
        console.log(`  ${phase} (relay RSS ${mb(rss.samples.at(-1)?.mb ?? Number.NaN)})`);
      },
    );
    const nan = { busy: Number.NaN, total: Number.NaN };
    const machineLoad = machineBusy(machine.measure ?? nan, machine.drain ?? nan);
    const relayCpu = ((cpu.drain ?? Number.NaN) - (cpu.measure ?? Number.NaN)) / (((at.drain ?? 0) - (at.measure ?? 0)) / 1000);
    await sleep(2_000);
    const end = rss.mark('end');
    const peak = rss.peak(['warmup', 'measure', 'drain', 'close']);
    const m1 = await fetchMetrics(relay.url);

    console.log('');
    console.log(
      table(
        ['measure', 'value', 'target', ''],
        [
          ['devices connected and caught up', `${fan.clients} in ${ms(fan.connectMs, 0)}`, '', ''],
          ['updates sent in the measured window', `${int(fan.sent)} (${fan.sendRate.toFixed(0)}/s)`, `${FANOUT.rate}/s`, ''],
          ['deliveries expected / received', `${int(fan.expected)} / ${int(fan.delivered)} (${((fan.delivered / fan.expected) * 100).toFixed(2)} %)`, '100 %', ok(fan.delivered === fan.expected)],
          ['fan-out latency p50', ms(fan.fanout.p50, 2), '', ''],
          ['fan-out latency p99', ms(fan.fanout.p99, 2), `≤ ${TARGET.fanoutP99Ms} ms`, ok(fan.fanout.p99 <= TARGET.fanoutP99Ms)],
          ['fan-out latency max', ms(fan.fanout.max, 2), '', ''],
          ['push → ack (durable) p50 / p99 / max', `${ms(fan.ack.p50, 2)} / ${ms(fan.ack.p99, 2)} / ${ms(fan.ack.max, 2)}`, '', ''],
          ['relay RSS baseline (no clients)', mb(baseline), '', ''],
          ['relay RSS peak (clients connected)', mb(peak), `≤ ${TARGET.rssMB} MB`, ok(peak <= TARGET.rssMB)],
          ['relay RSS end (2 s after clients closed)', mb(end), '', ''],
          ['relay CPU during the window', pct(relayCpu), '', ''],
          ['load generator event-loop utilisation', pct(fan.driverElu), '', ''],
          [`whole machine CPU busy (all processes, of ${cpus().length} cores)`, pct(machineLoad), '', ''],
          ['devices closed by the relay', String(fan.closedByRelay), '0', ok(fan.closedByRelay === 0)],
          ['deliveries of unknown updates', String(fan.unknown), '0', ''],
        ],
      ),
    );
    const storeCount = m1.get('counterpart_store_latency_ms_count') ?? Number.NaN;
    console.log(
      `\nrelay /metrics after the run: updates in ${int(m1.get('counterpart_updates_in_total') ?? Number.NaN)}, out ${int(m1.get('counterpart_updates_out_total') ?? Number.NaN)}, ` +
        `store batches ${int(storeCount)}, mean store ${ms((m1.get('counterpart_store_latency_ms_sum') ?? Number.NaN) / storeCount, 2)}, max store ${ms(m1.get('counterpart_store_latency_ms_max') ?? Number.NaN, 1)}, errors ${m1.get('counterpart_errors_total') ?? '?'}`,
    );
    summary.push(
      `fan-out: p50 ${ms(fan.fanout.p50, 2)}, p99 ${ms(fan.fanout.p99, 2)} (${ok(fan.fanout.p99 <= TARGET.fanoutP99Ms)}), max ${ms(fan.fanout.max, 1)}; ${int(fan.delivered)}/${int(fan.expected)} delivered; RSS ${mb(baseline)} → peak ${mb(peak)} (${ok(peak <= TARGET.rssMB)}) → ${mb(end)}`,
    );

    // 2 ---------------------------------------------------------------------------------------
    console.log(`\n## 2. Memory after ${int(CYCLES.total)} doc open/close cycles (${CYCLES.concurrency} at a time, ${CYCLES.workspaces} workspaces), same relay process\n`);
    const tokens = Array.from({ length: CYCLES.workspaces }, (_, w) => auth.issue({ workspace: `mem-${w}`, role: 'editor' }));
    await sleep(1_000);
    const before = rss.mark('cycles-before');
    const cyc = await runCycles(wsBase(relay.url), tokens);
    const after = rss.mark('cycles-after');
    const cyclePeak = rss.peak(['cycles-before']);
    await sleep(CYCLES.settleMs);
    const settled = rss.mark('cycles-settled');
    const m2 = await fetchMetrics(relay.url);
    const conns = m2.get('counterpart_connections') ?? Number.NaN;
    const wsIn = m2.get('counterpart_workspaces_in_memory') ?? Number.NaN;
    const docs = m2.get('counterpart_docs_in_memory') ?? Number.NaN;
    const growth = settled - before;
    console.log(
      table(
        ['measure', 'value', 'target', ''],
        [
          ['cycles completed / failed', `${int(cyc.cycles - cyc.failed)} / ${cyc.failed}`, '0 failed', ok(cyc.failed === 0)],
          ['cycles per second', (cyc.cycles / cyc.seconds).toFixed(0), '', ''],
          ['connect → first message p50 / p99 / max', `${ms(cyc.firstMessage.p50, 2)} / ${ms(cyc.firstMessage.p99, 2)} / ${ms(cyc.firstMessage.max, 1)}`, '', ''],
          ['relay RSS before', mb(before), '', ''],
          ['relay RSS peak during the cycles', mb(Math.max(cyclePeak, after)), '', ''],
          ['relay RSS right after', mb(after), '', ''],
          [`relay RSS after ${CYCLES.settleMs / 1000} s settle`, `${mb(settled)} (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB)`, `≤ +${TARGET.cycleGrowthMB} MB`, ok(growth <= TARGET.cycleGrowthMB)],
          ['/metrics connections', String(conns), '0', ok(conns === 0)],
          ['/metrics workspaces in memory', String(wsIn), '0', ok(wsIn === 0)],
          ['/metrics docs in memory', String(docs), '0', ok(docs === 0)],
        ],
      ),
    );
    summary.push(
      `open/close cycles: ${int(cyc.cycles - cyc.failed)} ok, ${cyc.failed} failed, ${(cyc.cycles / cyc.seconds).toFixed(0)}/s; RSS ${mb(before)} → ${mb(after)} → settled ${mb(settled)} (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB, ${ok(growth <= TARGET.cycleGrowthMB)}); metrics connections ${conns}, workspaces ${wsIn}, docs ${docs}`,
    );
    const relayEvents = ['connection_closed_by_relay', 'connection_error', 'request_failed'].map((e) => `${e} ${relay.events.get(e) ?? 0}`).join(', ');
    console.log(`\nrelay log events: ${relayEvents}`);
  } finally {
    rss.stop();
    await relay.stop();
    removeTempDir(dataDir);
    removeTempDir(staticDir);
  }
  return summary;
}

// -------------------------------------------------------------------------------------------
// 3: side by side

interface SideRun {
  server: string;
  client: string;
  result: DocLoadResult;
  /** Server CPU share (1 = one core) per step label. */
  serverCpu: Map<string, number>;
  /** Whole-machine CPU busy (all processes, share of all cores) per step label. */
  machineLoad: Map<string, number>;
  serverRssPeak: number;
  note: string;
}

async function sideBySide(name: string, client: DocLoadConfig['client'], start: () => Promise<{ server: ServerProcess; serverUrl: string; params?: Record<string, string>; cleanup?: () => void; after?: () => Promise<string> }>): Promise<SideRun> {
  const { server, serverUrl, params, cleanup, after } = await start();
  const rss = new RssSampler(server.pid, 500);
  const cpuAt = new Map<string, { cpu: number; t: number; machine: { busy: number; total: number } }>();
  const serverCpu = new Map<string, number>();
  const machineLoad = new Map<string, number>();
  try {
    console.log(`  ${name}: pid ${server.pid} at ${server.url}, ${SIDE.clients} ${client} clients…`);
    const result = await runLoad<DocLoadResult>(
      script('./relay/doc-load.ts'),
      { client, serverUrl, room: 'bench-doc', ...(params ? { params } : {}), ...SIDE } satisfies DocLoadConfig,
      (phase) => {
        const [kind, label] = phase.split(':') as [string, string];
        const now = { cpu: cpuSeconds(server.pid), t: performance.now(), machine: machineCpu() };
        if (kind === 'step-start') cpuAt.set(label, now);
        else if (kind === 'step-end') {
          const s = cpuAt.get(label);
          if (s) {
            serverCpu.set(label, (now.cpu - s.cpu) / ((now.t - s.t) / 1000));
            machineLoad.set(label, machineBusy(s.machine, now.machine));
          }
        }
      },
    );
    const note = after ? await after() : '';
    return { server: name, client, result, serverCpu, machineLoad, serverRssPeak: rss.peak(), note };
  } finally {
    rss.stop();
    await server.stop();
    cleanup?.();
  }
}

function stepKey(s: StepResult): string {
  return s.closedLoop ? 'closed' : `${s.offered}/s`;
}

/** Highest open-loop step that was delivered in full (≥ 95 % of the offered rate, nothing lost). */
function sustained(run: SideRun): StepResult | undefined {
  let best: StepResult | undefined;
  for (const s of run.result.steps) {
    if (s.closedLoop || s.skipped) continue;
    if (s.lost === 0 && s.delivered === s.expected && s.deliveredRate >= 0.95 * s.offered) best = s;
  }
  return best;
}

async function sideBySideAll(): Promise<string[]> {
  console.log(`\n## 3. Side by side: one doc, ${SIDE.clients} clients, each server in its own process\n`);
  console.log(
    `open-loop steps ${SIDE.rates.map((r) => `${r}/s`).join(', ')} (${SIDE.stepMs / 1000} s measured each after ${SIDE.settleMs / 1000} s), then a closed loop ` +
      `(${SIDE.closedLoop.window} edits in flight per client, ≤ ${SIDE.closedLoop.maxPerClientPerSecond}/s per client, ${SIDE.closedLoop.ms / 1000} s)`,
  );
  const runs: SideRun[] = [];
  runs.push(
    await sideBySide('Counterpart /y', 'y-websocket', async () => {
      const { relay, dataDir, staticDir } = await startRelayProcess();
      const auth = await Auth.open(dataDir, SECRET);
      return {
        server: relay,
        serverUrl: `${wsBase(relay.url)}/y/side`,
        params: { token: auth.issue({ workspace: 'side', role: 'editor' }) },
        cleanup: () => {
          removeTempDir(dataDir);
          removeTempDir(staticDir);
        },
        after: async () => {
          const m = await fetchMetrics(relay.url);
          const count = m.get('counterpart_store_latency_ms_count') ?? Number.NaN;
          return `store batches ${int(count)}, mean store ${ms((m.get('counterpart_store_latency_ms_sum') ?? Number.NaN) / count, 2)}, max ${ms(m.get('counterpart_store_latency_ms_max') ?? Number.NaN, 1)}; closed by relay ${relay.events.get('connection_closed_by_relay') ?? 0}`;
        },
      };
    }),
  );
  runs.push(
    await sideBySide('@y/websocket-server 0.1.1', 'y-websocket', async () => {
      const server = await startServer('@y/websocket-server', 'bench/relay/yws-server.ts', {}, root);
      return { server, serverUrl: wsBase(server.url) };
    }),
  );
  runs.push(
    await sideBySide('@hocuspocus/server 4.x', 'hocuspocus', async () => {
      const server = await startServer('@hocuspocus/server', 'bench/relay/hocuspocus-server.ts', {}, root);
      return { server, serverUrl: wsBase(server.url) };
    }),
  );

  for (const run of runs) {
    console.log(`\n### ${run.server} (${run.client} clients; connected and synced in ${ms(run.result.connectMs, 0)}; peak server RSS ${mb(run.serverRssPeak)}; disconnects ${run.result.disconnects})\n`);
    console.log(
      table(
        ['load', 'sent/s', 'delivered edits/s', 'receipts/s', 'lost', 'p50', 'p99', 'max', 'server CPU', 'driver busy', 'machine busy'],
        run.result.steps.map((s) => s.skipped ? [`${int(s.offered)}/s`, 'not run: a lower rate already saturated the server', '', '', '', '', '', '', '', '', ''] : [
          s.closedLoop ? 'closed loop' : `${int(s.offered)}/s`,
          s.sendRate.toFixed(0),
          s.deliveredRate.toFixed(0),
          int(s.receiptsPerSecond),
          s.lost ? `${int(s.lost)} of ${int(s.expected)}` : '0',
          ms(s.latency.p50, 2),
          ms(s.latency.p99, 2),
          ms(s.latency.max, 1),
          pct(run.serverCpu.get(stepKey(s)) ?? Number.NaN),
          pct(s.driverElu),
          pct(run.machineLoad.get(stepKey(s)) ?? Number.NaN),
        ]),
      ),
    );
    if (run.note) console.log(`\n${run.note}`);
  }

  const [cp, ...others] = runs as [SideRun, ...SideRun[]];
  const closed = (r: SideRun): StepResult => r.result.steps.at(-1) as StepResult;
  const cpClosed = closed(cp);
  const cpSustained = sustained(cp);
  console.log(`\n### Comparison (Counterpart / other; throughput > 1 and p99 < 1 favour Counterpart)\n`);
  const rows: string[][] = [];
  const summary: string[] = [];
  for (const o of others) {
    const oc = closed(o);
    const os = sustained(o);
    const tr = cpClosed.deliveredRate / oc.deliveredRate;
    const pr = cpClosed.latency.p99 / oc.latency.p99;
    rows.push([
      o.server,
      `${cpClosed.deliveredRate.toFixed(0)} vs ${oc.deliveredRate.toFixed(0)}`,
      `${tr.toFixed(2)}×`,
      `${ms(cpClosed.latency.p99, 2)} vs ${ms(oc.latency.p99, 2)}`,
      `${pr.toFixed(2)}×`,
      `${cpSustained ? `${int(cpSustained.offered)}/s` : 'none'} vs ${os ? `${int(os.offered)}/s` : 'none'}`,
      ok(tr >= TARGET.throughputRatio && pr <= 1),
    ]);
    summary.push(`vs ${o.server}: closed-loop throughput ${cpClosed.deliveredRate.toFixed(0)} vs ${oc.deliveredRate.toFixed(0)} edits/s (${tr.toFixed(2)}×), p99 ${ms(cpClosed.latency.p99, 2)} vs ${ms(oc.latency.p99, 2)} (${pr.toFixed(2)}×): ${ok(tr >= TARGET.throughputRatio && pr <= 1)}`);
  }
  console.log(
    table(['other server', 'closed-loop delivered edits/s', 'throughput ratio', 'closed-loop p99', 'p99 ratio', 'highest open-loop step delivered in full', `target ≥ ${TARGET.throughputRatio}× at ≤ p99`], rows),
  );
  // Same offered load, side by side: latency at equal throughput.
  console.log(`\nFan-out p99 at equal offered load:\n`);
  console.log(
    table(
      ['offered', ...runs.map((r) => r.server)],
      SIDE.rates.map((rate) => [
        `${int(rate)}/s`,
        ...runs.map((r) => {
          const s = r.result.steps.find((x) => x.offered === rate && !x.closedLoop);
          if (s?.skipped) return 'not run (saturated below)';
          return s ? `${ms(s.latency.p99, 2)}${s.lost ? ` (${int(s.lost)} lost)` : ''}${s.deliveredRate < 0.95 * rate ? ` (${s.deliveredRate.toFixed(0)}/s delivered)` : ''}` : '–';
        }),
      ]),
    ),
  );
  return summary;
}

// -------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  installCleanupHooks();
  const started = performance.now();
  const cpu = cpus();
  console.log('# Relay benchmark');
  console.log(`${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString()}`);
  console.log('Servers and load generators are separate processes sharing these cores.');
  console.log('"server CPU" is the server process (1 core = 100 %), "driver busy" the load generator\'s event-loop utilisation,');
  console.log('"machine busy" every process on the box (share of all cores): anything above server + driver is someone else\'s load.');
  const [l1, l5] = loadavg();
  console.log(`load average at start: ${l1?.toFixed(2)} (1 min), ${l5?.toFixed(2)} (5 min)`);
  if ((l1 ?? 0) > 0.5 * cpu.length) console.log('WARNING: the machine is already busy; the numbers below include that contention.');
  // BENCH_ONLY=fanout or BENCH_ONLY=side runs one half (for trying things out).
  const only = process.env.BENCH_ONLY;
  const summary = [...(only === 'side' ? [] : await fanoutAndCycles()), ...(only === 'fanout' ? [] : await sideBySideAll())];
  console.log('\n## Summary\n');
  for (const line of summary) console.log(`- ${line}`);
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s; load average at end ${loadavg()[0]?.toFixed(2)} (1 min)`);
}

main().then(
  () => {
    cleanupNow();
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    cleanupNow();
    process.exit(1);
  },
);
