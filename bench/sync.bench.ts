// The sync benchmark: a fresh device joins workspace M from the relay, then reconnects after
// working offline, through the real app in headless Chromium.
//
//   npm run bench:sync                 (builds web/dist first; BENCH_SIZE=s for a quick run,
//                                       BENCH_PROFILE=1 for where the main thread spent the sync,
//                                       BENCH_AB=dirA,dirB to alternate runs between two builds)
//
// Each run also prints the CPU time the page's main thread and each worker used during the full
// sync (read from /proc), which other load on the machine does not inflate the way it does wall
// time.
//
// The relay is seeded once with workspace M (seed 1) by a device that pushes every record, as
// a device with a full outbox would. Then, for each run, a new browser profile opens an invite
// link and joins; timed:
//   full sync   click on Join → status "Online" (everything ingested into IndexedDB)   ≤ 20 s
//   reconnect   after 100 edits made offline: click on "Go online" → "Online", none unsent  ≤ 1 s
//   jank        the longest main-thread task while the full sync streams in             ≤ 50 ms
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page, type Worker } from '@playwright/test';
import WebSocket from 'ws';
import { generateWorkspace, totalRecords } from '@counterpart/demo';
import { encodeNewRecord } from '@counterpart/model';
import { PROTOCOL_VERSION, decode, encode, type DocUpdate } from '@counterpart/protocol';
import { startRelay } from '../relay/src/index.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/chromium.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZE = process.env.BENCH_SIZE === 's' ? 's' : 'm';
/** BENCH_PROFILE=1 prints where the main thread spent the full sync. */
const PROFILE = process.env.BENCH_PROFILE === '1';
const WORKSPACE = 'bench-sync';
/**
 * BENCH_AB=dirA,dirB: builds of the app to compare; runs alternate between them (A, B, A, B…)
 * against the one seeded relay, so both meet the same machine load.
 */
const AB = (process.env.BENCH_AB ?? '').split(',').filter(Boolean);

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;

/** Pushes the whole generated workspace to the relay over the sync protocol, batch by batch. */
async function seed(url: string, token: string): Promise<number> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/sync/${WORKSPACE}?token=${token}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const acks = new Map<number, () => void>();
  ws.on('message', (data: Buffer) => {
    const m = decode(new Uint8Array(data));
    if (m.type === 'ack') acks.get(m.batch)?.();
    if (m.type === 'refused') throw new Error(`seed refused: ${m.reason}`);
  });
  ws.send(encode({ type: 'hello', version: PROTOCOL_VERSION, cursor: 0, device: 'seeder' }));
  let batch: DocUpdate[] = [];
  let n = 0;
  let no = 0;
  const flush = async (): Promise<void> => {
    if (!batch.length) return;
    const b = ++no;
    const acked = new Promise<void>((resolve) => acks.set(b, resolve));
    ws.send(encode({ type: 'push', batch: b, items: batch }));
    n += batch.length;
    batch = [];
    await acked;
  };
  for (const r of generateWorkspace({ size: SIZE, seed: 1 })) {
    const { doc, update } = encodeNewRecord(r.collection, r.id, r.values, { now: r.created, clientID: 1 });
    doc.destroy();
    batch.push({ docId: r.id, update });
    if (batch.length >= 2000) await flush();
  }
  await flush();
  ws.close();
  return n;
}

async function badgeText(page: Page): Promise<string> {
  return (await page.getByTestId('sync-badge').innerText()).trim();
}

/** The main thread's busiest functions during the full sync (BENCH_PROFILE=1). */
function printProfile(profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples?: number[]; timeDeltas?: number[] }): void {
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0)));
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    if (!us) continue;
    const f = node.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}`;
    byName.set(name, (byName.get(name) ?? 0) + us);
  }
  console.log('  main thread, self time during the full sync:');
  for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`    ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  printBusyStretches(profile);
}

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };

/**
 * The stretches of 40 ms or more in which the main thread never went idle for 2 ms, each with
 * the functions that took the most of it (self time, and the outermost named function of each
 * sample), so a long task can be traced to the code that ran in it.
 */
function printBusyStretches(profile: { nodes: ProfileNode[]; startTime?: number; samples?: number[]; timeDeltas?: number[] }): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode): string => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop() ?? ''}:${n.callFrame.lineNumber + 1}`;
  const idle = (n: ProfileNode | undefined): boolean => !n || n.callFrame.functionName === '(idle)';
  /** The outermost frame with a name below the root: the task's entry point. */
  const entry = (id: number): string => {
    let outer: ProfileNode | undefined;
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (n && n.callFrame.url) outer = n;
    }
    return outer ? label(outer) : label(byId.get(id) as ProfileNode);
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let t = 0;
  let start = -1;
  let lastBusy = 0;
  let members: number[] = [];
  const report = (): void => {
    const ms = (lastBusy - start) / 1000;
    if (start >= 0 && ms >= 40) {
      const self = new Map<string, number>();
      const entries = new Map<string, number>();
      for (const id of members) {
        const n = byId.get(id) as ProfileNode;
        self.set(label(n), (self.get(label(n)) ?? 0) + 1);
        const e = entry(id);
        entries.set(e, (entries.get(e) ?? 0) + 1);
      }
      const top = (m: Map<string, number>): string => [...m].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ×${v}`).join('; ');
      console.log(`  busy ${ms.toFixed(0)} ms at +${(start / 1000).toFixed(0)} ms of the profile\n    self: ${top(self)}\n    entry: ${top(entries)}`);
    }
    start = -1;
    members = [];
  };
  samples.forEach((id, i) => {
    t += deltas[i] ?? 0;
    const n = byId.get(id);
    if (idle(n)) {
      if (start >= 0 && t - lastBusy > 2000) report();
      return;
    }
    if (start < 0) start = t;
    lastBusy = t;
    members.push(id);
  });
  report();
}

/** CPU ticks (user + system) of each thread of the browser launched on `profileDir`, by pid/tid. */
type ThreadTimes = Map<string, { comm: string; ticks: number; rendererMain: boolean }>;

/**
 * Reads the CPU time of every thread of the browser's processes from /proc (Linux), so a run can
 * say how much CPU the page's main thread and each worker used, whatever else loads the machine.
 */
function browserThreads(profileDir: string): ThreadTimes {
  const out: ThreadTimes = new Map();
  if (!existsSync('/proc/self/task')) return out;
  const read = (f: string): string => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return '';
    }
  };
  const parent = new Map<number, number>();
  let root: number | undefined;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const stat = read(`/proc/${d}/stat`);
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parent.set(Number(d), ppid);
    if (root === undefined && read(`/proc/${d}/cmdline`).includes(`--user-data-dir=${profileDir}`) && /chrom/.test(read(`/proc/${d}/comm`))) root = Number(d);
  }
  if (root === undefined) return out;
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  for (const pid of parent.keys()) {
    if (!inTree(pid)) continue;
    const renderer = read(`/proc/${pid}/cmdline`).includes('--type=renderer');
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const stat = read(`/proc/${pid}/task/${tid}/stat`);
      if (!stat) continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(`${pid}/${tid}`, { comm: read(`/proc/${pid}/task/${tid}/comm`).trim(), ticks: Number(f[11]) + Number(f[12]), rendererMain: renderer && tid === String(pid) });
    }
  }
  return out;
}

/** CPU seconds used between two readings: by the page's main thread, by each worker (in the order they started), by the whole browser. */
function threadCpu(before: ThreadTimes, after: ThreadTimes): { main: number; workers: number[]; total: number } {
  const tick = 100;
  let main = 0;
  let total = 0;
  const workers: [number, number][] = [];
  for (const [k, { comm, ticks, rendererMain }] of after) {
    const s = (ticks - (before.get(k)?.ticks ?? 0)) / tick;
    total += s;
    // A renderer's main thread has the process's own id; the busiest one is the page's.
    if (rendererMain) main = Math.max(main, s);
    else if (comm.startsWith('DedicatedWorker')) workers.push([Number(k.split('/')[1]), s]);
  }
  // In the order the workers started: the sync worker first, then the one it prepares pages on.
  return { main, workers: workers.sort((a, b) => a[0] - b[0]).map(([, s]) => s).filter((s) => s >= 0.05), total };
}

async function run(url: string, invite: string, index: number): Promise<{ fullSyncMs: number; reconnectMs: number; longest: number; workerCpu: number }> {
  const profile = mkdtempSync(join(tmpdir(), 'cp-bench-sync-'));
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const workers: Worker[] = [];
    page.on('worker', (w) => workers.push(w));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/`);
    await page.evaluate(() => localStorage.setItem('counterpart:debug', '1'));
    await page.goto(invite);
    await page.getByRole('button', { name: 'Join' }).waitFor();
    // Main-thread tasks over 50 ms while the workspace streams in (the UI must stay responsive).
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __longTaskAt: number[] };
      w.__longTasks = [];
      w.__longTaskAt = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          w.__longTasks.push(e.duration);
          w.__longTaskAt.push(e.startTime);
        }
      }).observe({ type: 'longtask', buffered: false });
    });
    const cdp = PROFILE ? await ctx.newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
      await cdp.send('Profiler.start');
    }
    const cpuBefore = browserThreads(profile);
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const started = Date.now();
    await page.evaluate(() => {
      (window as unknown as { __joinAt: number }).__joinAt = performance.now();
    });
    await page.getByRole('button', { name: 'Join' }).click();
    // "Who are you?" waits for the download; skipped at once, so the workspace's pages are on
    // screen while it streams in, as for someone who starts working right away.
    await page.getByRole('button', { name: 'Skip for now' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sync-badge"]')?.textContent?.trim() === 'Online', undefined, { timeout: 30 * 60_000, polling: 100 });
    const fullSyncMs = Date.now() - started;
    const cpu = threadCpu(cpuBefore, browserThreads(profile));
    if (cdp) printProfile((await cdp.send('Profiler.stop')).profile);
    for (const w of workers) {
      const stats = await w.evaluate(() => (self as unknown as { counterpartStats?: () => unknown }).counterpartStats?.()).catch(() => undefined);
      if (stats) console.log(`  sync worker: ${JSON.stringify(stats, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}`);
    }
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    if (PROFILE) {
      const at = await page.evaluate(() => {
        const w = window as unknown as { __longTaskAt: number[]; __longTasks: number[]; __joinAt: number };
        return w.__longTaskAt.map((t, i) => `${Math.round(w.__longTasks[i]!)} ms at +${Math.round(t - w.__joinAt)} ms`);
      });
      console.log(`  long tasks: ${at.join(', ') || 'none'}`);
    }
    const accounts = await page.evaluate(async () => (window as unknown as { __cpStore?: { count(c: string): Promise<number> } }).__cpStore?.count('accounts'));

    // Offline: 100 edits, then back online.
    await page.getByTestId('sync-badge').click();
    await page.getByRole('button', { name: 'Work offline' }).click();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('[data-testid="sync-badge"]')?.textContent?.trim() === 'Paused');
    await page.evaluate(async (i) => {
      const store = (window as unknown as { __cpStore: { ids(c: string): Promise<string[]>; update(c: string, id: string, v: Record<string, unknown>): Promise<void> } }).__cpStore;
      const ids = (await store.ids('accounts')).slice(0, 100);
      for (const id of ids) await store.update('accounts', id, { city: `Bench city ${i}` });
    }, index);
    await page.waitForFunction(() => /100 unsent/.test(document.querySelector('[data-testid="sync-badge"]')?.textContent ?? '') || document.querySelector('[data-testid="sync-badge"]')?.textContent?.trim() === 'Paused');
    await page.getByTestId('sync-badge').click();
    const back = Date.now();
    await page.getByRole('button', { name: 'Go online' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sync-badge"]')?.textContent?.trim() === 'Online', undefined, { timeout: 60_000, polling: 'raf' });
    const reconnectMs = Date.now() - back;
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    const longest = longTasks.length ? Math.max(...longTasks) : 0;
    console.log(`run ${index + 1}: full sync ${(fullSyncMs / 1000).toFixed(1)} s (${accounts ?? '?'} accounts; main-thread tasks over 50 ms: ${longTasks.length}, longest ${longest.toFixed(0)} ms), reconnect after 100 offline edits ${reconnectMs} ms; badge "${await badgeText(page)}"`);
    console.log(`  CPU during the full sync: page main thread ${cpu.main.toFixed(1)} s, workers ${cpu.workers.map((w) => w.toFixed(1)).join(' + ')} s, browser in all ${cpu.total.toFixed(1)} s; load average at Join ${load}`);
    return { fullSyncMs, reconnectMs, longest, workerCpu: cpu.workers.reduce((a, b) => a + b, 0) };
  } finally {
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cp-bench-sync-relay-'));
  const staticDir = AB.length ? mkdtempSync(join(tmpdir(), 'cp-bench-sync-static-')) : join(root, 'web', 'dist');
  const relay = await startRelay({ port: 0, dataDir, staticDir, log: () => undefined });
  try {
    const owner = relay.auth.issue({ workspace: WORKSPACE, role: 'owner' });
    const t0 = Date.now();
    const n = await seed(relay.url, owner);
    console.log(`sync benchmark: workspace ${SIZE.toUpperCase()} (${n.toLocaleString('en')} records of ${totalRecords(SIZE).toLocaleString('en')} expected) seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${RUNS} runs`);
    const invite = `${relay.url}/#/join/${encodeURIComponent(relay.auth.issue({ workspace: WORKSPACE, role: 'editor' }))}`;
    const results = [];
    for (let i = 0; i < RUNS * Math.max(1, AB.length); i++) {
      if (AB.length) {
        const build = AB[i % AB.length]!;
        rmSync(staticDir, { recursive: true, force: true });
        cpSync(build, staticDir, { recursive: true });
        console.log(`build ${build}:`);
      }
      results.push(await run(relay.url, invite, i));
    }
    if (AB.length) {
      for (const [k, build] of AB.entries()) {
        const mine = results.filter((_r, i) => i % AB.length === k);
        console.log(`${build}: full sync ${mine.map((r) => (r.fullSyncMs / 1000).toFixed(1)).join(', ')} s; workers' CPU ${mine.map((r) => r.workerCpu.toFixed(1)).join(', ')} s; longest task ${mine.map((r) => r.longest.toFixed(0)).join(', ')} ms`);
      }
    }
    const full = median(results.map((r) => r.fullSyncMs));
    const rec = median(results.map((r) => r.reconnectMs));
    const longest = Math.max(...results.map((r) => r.longest));
    const workerCpu = median(results.map((r) => r.workerCpu));
    console.log(`\nmedian of ${RUNS} runs:`);
    console.log(`  fresh device full sync        ${(full / 1000).toFixed(1)} s   target ≤ 20 s   ${full <= 20_000 ? 'ok' : 'MISSED'}`);
    console.log(`  reconnect after 100 edits     ${rec} ms   target ≤ 1000 ms   ${rec <= 1000 ? 'ok' : 'MISSED'}`);
    console.log(`  longest main-thread task during a full sync   ${longest.toFixed(0)} ms   target ≤ 50 ms   ${longest <= 50 ? 'ok' : 'MISSED'}`);
    console.log(`  workers' CPU during a full sync   ${workerCpu.toFixed(1)} s`);
  } finally {
    await relay.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (AB.length) rmSync(staticDir, { recursive: true, force: true });
  }
}

await main();
