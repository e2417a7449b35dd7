// Writes workspace M (or S) to IndexedDB the two ways a device gets a whole workspace:
//   remote   the records' updates, encoded beforehand, through WorkspaceStore.ingest(…, 'remote')
//            in chunks: a fresh device receiving the workspace from the relay (only ingest timed)
//   import   importRecords over the generator, as the demo worker does (generation included)
// Each path starts from an empty database and reports records/s per window, so a slowdown as
// the database grows shows up.
import { COLLECTION_NAMES, encodeNewRecord } from '@counterpart/model';
import { generateWorkspace } from '@counterpart/demo';
import { importRecords, WorkspaceStore, type IncomingUpdate } from '@counterpart/store';
import type { BenchEvent, BenchStart, IngestPath, PathResult } from './protocol.ts';

const scope = self as unknown as {
  postMessage(message: BenchEvent): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<BenchStart>) => void): void;
};

const log = (text: string): void => scope.postMessage({ type: 'log', text });

/** Collects per-window rates from a stream of "done so far" counts. */
class Windows {
  readonly windows: { done: number; perSecond: number }[] = [];
  private readonly t0 = performance.now();
  private lastAt = this.t0;
  private lastDone = 0;

  constructor(
    private readonly path: IngestPath,
    private readonly every: number,
  ) {}

  progress(done: number, final = false): void {
    if (!final && Math.floor(done / this.every) === Math.floor(this.lastDone / this.every)) return;
    if (done === this.lastDone) return;
    const now = performance.now();
    const perSecond = ((done - this.lastDone) * 1000) / (now - this.lastAt);
    this.windows.push({ done, perSecond });
    const total = ((now - this.t0) / 1000).toFixed(1);
    log(`${this.path.padEnd(6)} ${String(done).padStart(7)} records  ${Math.round(perSecond).toString().padStart(6)}/s in window  ${total} s`);
    this.lastAt = now;
    this.lastDone = done;
  }

  elapsed(): number {
    return performance.now() - this.t0;
  }
}

async function freshStore(name: string): Promise<WorkspaceStore> {
  await WorkspaceStore.destroy(name);
  return WorkspaceStore.open(name);
}

async function remote(req: BenchStart): Promise<PathResult> {
  const t0 = performance.now();
  const items: IncomingUpdate[] = [];
  for (const r of generateWorkspace({ size: req.size, seed: 1 })) {
    const { doc, update } = encodeNewRecord(r.collection, r.id, r.values, { now: r.created, clientID: 1 });
    doc.destroy();
    items.push({ docId: r.id, update });
  }
  log(`remote: generated and encoded ${items.length} updates in ${((performance.now() - t0) / 1000).toFixed(1)} s (not timed below)`);
  const name = `bench-remote-${req.size}`;
  const store = await freshStore(name);
  const w = new Windows('remote', req.every);
  // As the sync engine does: the next page is handed over while the last one is being stored.
  let storing: Promise<unknown> | undefined;
  for (let i = 0; i < items.length; i += req.chunk) {
    const next = store.ingest(items.slice(i, i + req.chunk), 'remote');
    if (storing) await storing;
    w.progress(Math.min(i, items.length));
    storing = next;
  }
  await storing;
  w.progress(items.length, true);
  const ms = w.elapsed();
  const st = store.stats;
  log(`remote: ${st.batches} batches; cpu ${(st.cpu / 1000).toFixed(1)} s, reads ${(st.read / 1000).toFixed(1)} s, writes ${(st.write / 1000).toFixed(1)} s, commits ${(st.commit / 1000).toFixed(1)} s`);
  await check(store, items.length);
  await store.close();
  await WorkspaceStore.destroy(name);
  return { path: 'remote', records: items.length, ms, windows: w.windows };
}

async function demoImport(req: BenchStart): Promise<PathResult> {
  const name = `bench-import-${req.size}`;
  const store = await freshStore(name);
  const w = new Windows('import', req.every);
  await store.setWorkspaceInfo({ name: 'Benchmark' });
  const records = await importRecords(store, generateWorkspace({ size: req.size, seed: 1 }), {
    clientID: 1,
    chunk: req.chunk,
    onProgress: (done) => w.progress(done),
  });
  w.progress(records, true);
  const ms = w.elapsed();
  await check(store, records);
  await store.close();
  await WorkspaceStore.destroy(name);
  return { path: 'import', records, ms, windows: w.windows };
}

/** A fast run that lost rows would be worthless: the row counts must add up. */
async function check(store: WorkspaceStore, expected: number): Promise<void> {
  let rows = 0;
  for (const c of COLLECTION_NAMES) rows += await store.count(c);
  if (rows !== expected) throw new Error(`expected ${expected} rows, found ${rows}`);
  const problems = await store.problems();
  if (problems.length) throw new Error(`${problems.length} problems, first: ${problems[0]?.message ?? ''}`);
}

scope.addEventListener('message', (e) => {
  const req = e.data;
  void (async () => {
    try {
      const results: PathResult[] = [];
      for (const path of req.paths) results.push(path === 'remote' ? await remote(req) : await demoImport(req));
      scope.postMessage({ type: 'result', results });
    } catch (err) {
      scope.postMessage({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  })();
});
