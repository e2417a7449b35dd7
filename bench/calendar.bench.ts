// The calendar feed benchmark: a member's subscribable calendar served by the relay from its own
// update log, on workspace M (150,000 activities, 30,000 tasks).
//
//   npm run bench:calendar                  (BENCH_SIZE=s for a quick run)
//
// The relay's store is seeded once with workspace M (seed 1), written straight into the log, and
// kept in bench/.out between invocations (BENCH_FRESH=1 seeds it again; the store is re-seeded
// after each run anyway only when asked, so booked meetings accumulate harmlessly). Then a relay is started
// on it and, for the member with the most meetings, timed over HTTP:
//   first      the first request after the relay starts: reads the log's activity, task and
//              member docs into the calendar index and renders the feed
//   again      the same feed again (kept rendered)
//   304        again with If-None-Match
//   after edit the member books a meeting on a device (its update reaches the log), then the
//              feed is asked for: reads that doc and renders again
//   other      another member's feed (index read, not yet rendered)
// with the relay process's CPU time for the first request and the heap and RSS it holds after.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from '@counterpart/demo';
import { encodeNewRecord, newId } from '@counterpart/model';
import { startRelay } from '../relay/src/index.ts';
import { RelayStorage } from '../relay/src/storage.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SIZE = process.env.BENCH_SIZE === 's' ? 's' : 'm';
const WORKSPACE = 'bench-calendar';
const SECRET = 'calendar-bench-secret-0123456789';
const dataDir = join(root, 'bench', '.out', `calendar-${SIZE}`);

interface Seeded {
  /** Meetings and visits per member. */
  meetings: Map<string, number>;
  records: number;
}

async function seed(): Promise<Seeded> {
  const metaFile = join(dataDir, 'seeded.json');
  if (process.env.BENCH_FRESH !== '1' && existsSync(metaFile)) {
    const kept = JSON.parse(readFileSync(metaFile, 'utf8')) as { meetings: [string, number][]; records: number };
    return { meetings: new Map(kept.meetings), records: kept.records };
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const storage = RelayStorage.open(dataDir);
  const meetings = new Map<string, number>();
  let batch: { docId: string; update: Uint8Array }[] = [];
  let records = 0;
  const t0 = performance.now();
  for (const r of generateWorkspace({ size: SIZE, seed: 1 })) {
    records++;
    if (r.collection === 'activities' && (r.values.type === 'meeting' || r.values.type === 'visit') && typeof r.values.userId === 'string') {
      meetings.set(r.values.userId, (meetings.get(r.values.userId) ?? 0) + 1);
    }
    const { doc, update } = encodeNewRecord(r.collection, r.id, r.values, { now: r.created, clientID: 1 });
    doc.destroy();
    batch.push({ docId: r.id, update });
    if (batch.length >= 5000) {
      await storage.append(WORKSPACE, batch);
      batch = [];
    }
  }
  await storage.append(WORKSPACE, batch);
  await storage.close();
  writeFileSync(metaFile, JSON.stringify({ meetings: [...meetings], records }));
  console.log(`  seeded the relay's log with ${records.toLocaleString('en')} records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { meetings, records };
}

interface Got {
  /** From sending the request to the whole body read, in this process. */
  ms: number;
  /** CPU time of this process (relay and client) meanwhile. */
  cpu: number;
  status: number;
  bytes: number;
  etag: string | null;
  events: number;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Got> {
  const t = performance.now();
  const c = process.cpuUsage();
  const res = await fetch(url, { headers });
  const body = await res.text();
  const cpu = process.cpuUsage(c);
  return { ms: performance.now() - t, cpu: (cpu.user + cpu.system) / 1000, status: res.status, bytes: body.length, etag: res.headers.get('etag'), events: body.split('BEGIN:VEVENT').length - 1 };
}

const line = (what: string, g: Got, relayMs: number | undefined): string =>
  `  ${what.padEnd(42)} relay ${String(relayMs ?? '?').padStart(6)} ms   round trip ${g.ms.toFixed(0).padStart(6)} ms   CPU ${g.cpu.toFixed(0).padStart(6)} ms`;

/** The machine's load averages (1, 5, 15 minutes), to quote beside the numbers. */
function load(): string {
  return `load average ${existsSync('/proc/loadavg') ? readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : '?'}`;
}

async function main(): Promise<void> {
  console.log(`calendar feed benchmark: workspace ${SIZE.toUpperCase()}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${load()}`);
  const seeded = await seed();
  const ranked = [...seeded.meetings].sort((a, b) => b[1] - a[1]);
  const [member, count] = ranked[0]!;
  const [other] = ranked[1]!;
  // The relay's own time for each feed (its `calendar_feed` log line), without the client's.
  const served: number[] = [];
  const relay = await startRelay({ port: 0, dataDir, secret: SECRET, log: (e) => void (e.event === 'calendar_feed' && served.push(Number(e.ms))), calendarLimits: { perClient: { burst: 1000, perMinute: 1000 }, perToken: { burst: 1000, perMinute: 1000 } } });
  try {
    const token = relay.auth.issue({ workspace: WORKSPACE, role: 'calendar', member });
    const url = `${relay.url}/calendar/${WORKSPACE}/${token}.ics`;
    const heap0 = process.memoryUsage();
    const first = await get(url);
    if (first.status !== 200) throw new Error(`the feed answered ${first.status}`);
    global.gc?.();
    const heap1 = process.memoryUsage();
    const again = await get(url);
    const cached = await get(url, { 'If-None-Match': first.etag ?? '' });
    if (cached.status !== 304) throw new Error(`If-None-Match answered ${cached.status}`);

    // The member books a meeting for tomorrow on a device: its update reaches the log.
    const id = newId('activities');
    const { doc, update } = encodeNewRecord('activities', id, { type: 'meeting', at: Date.now() + 86_400_000, subject: 'Booked during the benchmark', userId: member });
    doc.destroy();
    await relay.hub.post(WORKSPACE, [{ docId: id, update }]);
    const edited = await get(url);
    if (edited.etag === first.etag || edited.events !== first.events + 1) throw new Error('the feed did not show the new meeting');
    const otherToken = relay.auth.issue({ workspace: WORKSPACE, role: 'calendar', member: other });
    const second = await get(`${relay.url}/calendar/${WORKSPACE}/${otherToken}.ics`);

    console.log(`  member ${member}: ${count.toLocaleString('en')} meetings and visits in the workspace, ${first.events} in the feed (${(first.bytes / 1024).toFixed(0)} KB)`);
    console.log(line('first request (reads the log, writes)', first, served[0]));
    console.log(line('again (kept written)', again, served[1]));
    console.log(line('again with If-None-Match (304)', cached, served[2]));
    console.log(line('after a meeting was booked', edited, served[3]));
    console.log(line(`another member's feed (${second.events} events)`, second, served[4]));
    console.log(`  memory after the first request: heap +${((heap1.heapUsed - heap0.heapUsed) / 2 ** 20).toFixed(1)} MB, RSS ${(heap1.rss / 2 ** 20).toFixed(0)} MB`);
    console.log(`  ${load()}`);
  } finally {
    await relay.close();
  }
}

await main();
