// Snapshot encoding on several cores (Node worker threads).
//
// Encoding dominates writing a snapshot: a record doc costs 30–60 µs to build and encode (7–12 µs
// of it the random client id Y.Doc's constructor draws from crypto, which encodeNewRecord then
// overwrites), against ~6 µs to generate the record. Because generation is deterministic and
// cheap, every worker runs the whole generator itself and encodes only its own batches (batch b
// belongs to worker b mod W); nothing but encoded bytes crosses threads. The main thread writes
// batches in order, so the file is byte-identical to a single-threaded write. Workers wait
// (Atomics.wait on a shared counter) when they get more than a few batches ahead of the writer,
// so memory stays bounded when the disk is slow.
//
// It pays only with spare cores: on the 2-core dev box, shared with other work, two threads
// wrote M in 10 s against 12 s single-threaded when it was quiet, but 27 s against 19 s under
// load. The CLI therefore uses threads by default only on machines with 4 or more cores.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { generateWorkspace } from './generate.ts';
import type { Size } from './sizes.ts';
import { checkCounts, encodeHeader, FrameEncoder, recordFrame, type ByteSink, type SnapshotHeader } from './snapshot.ts';

const ROLE = 'counterpart-demo-encoder';
/** How many batches a worker may run ahead of the writer. */
const AHEAD = 4;

interface WorkerInput {
  readonly role: typeof ROLE;
  readonly size: Size;
  readonly seed: number;
  readonly end: string;
  readonly worker: number;
  readonly workers: number;
  readonly batchRecords: number;
  /** Int32 [batches written by the main thread]. */
  readonly written: SharedArrayBuffer;
}

type WorkerMessage =
  | { readonly type: 'batch'; readonly batch: number; readonly records: number; readonly bytes: Uint8Array }
  | { readonly type: 'done'; readonly counts: Partial<Record<string, number>> };

function runWorker(input: WorkerInput): void {
  const port = parentPort;
  if (!port) throw new Error('encoder worker without a parent port');
  const written = new Int32Array(input.written);
  const waitTurn = (batch: number): void => {
    for (let w = Atomics.load(written, 0); w < batch - AHEAD; w = Atomics.load(written, 0)) Atomics.wait(written, 0, w);
  };
  const enc = new FrameEncoder();
  const mine = (batch: number): boolean => batch % input.workers === input.worker;
  let batch = 0;
  let inBatch = 0;
  const flush = (): void => {
    if (!mine(batch)) return;
    const bytes = enc.take();
    const msg: WorkerMessage = { type: 'batch', batch, records: inBatch, bytes };
    port.postMessage(msg, [bytes.buffer as ArrayBuffer]);
  };
  if (mine(0)) waitTurn(0);
  for (const r of generateWorkspace({ size: input.size, seed: input.seed, end: input.end })) {
    if (inBatch === input.batchRecords) {
      flush();
      batch++;
      inBatch = 0;
      if (mine(batch)) waitTurn(batch);
    }
    if (mine(batch)) enc.add(recordFrame(r));
    inBatch++;
  }
  flush();
  const done: WorkerMessage = { type: 'done', counts: enc.counts };
  port.postMessage(done);
}

if (!isMainThread && (workerData as Partial<WorkerInput> | undefined)?.role === ROLE) runWorker(workerData as WorkerInput);

export interface ParallelWriteOptions {
  readonly size: Size;
  readonly seed: number;
  readonly end: string;
  readonly workers: number;
  /** Records per batch (default 2,000). */
  readonly batchRecords?: number;
  /** Called after each batch is written with the number of records written so far. */
  readonly onProgress?: (records: number) => void;
}

/**
 * How to start a worker on this very module. Under tsx (how the CLI runs), a worker does not
 * inherit the TypeScript loader, so it registers tsx itself before importing this file.
 * Returns undefined when tsx cannot be found (then the caller encodes in-process).
 */
function workerBoot(): string | undefined {
  try {
    const tsx = import.meta.resolve('tsx/esm/api');
    return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  } catch {
    return undefined;
  }
}

export function parallelAvailable(): boolean {
  return workerBoot() !== undefined;
}

/** Writes a generated workspace as a snapshot, encoding on `workers` threads. */
export async function writeSnapshotParallel(
  sink: ByteSink,
  header: SnapshotHeader,
  opts: ParallelWriteOptions,
): Promise<{ bytes: number; counts: Partial<Record<string, number>> }> {
  const boot = workerBoot();
  if (!boot) throw new Error('parallel encoding needs tsx to start workers');
  const batchRecords = opts.batchRecords ?? 2_000;
  const writtenBuf = new SharedArrayBuffer(4);
  const written = new Int32Array(writtenBuf);
  const write = async (chunk: Uint8Array): Promise<void> => {
    if (!sink.write(chunk)) await new Promise<void>((resolve) => sink.once('drain', resolve));
  };

  let bytes = 0;
  const head = encodeHeader(header);
  bytes += head.length;
  await write(head);

  const counts: Partial<Record<string, number>> = {};
  const pending = new Map<number, { records: number; bytes: Uint8Array }>();
  const workers: Worker[] = [];
  let next = 0;
  let records = 0;
  let finished = 0;
  let writing = Promise.resolve();

  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: unknown): void => {
        if (failed) return;
        failed = true;
        reject(e instanceof Error ? e : new Error(String(e)));
      };
      const maybeDone = (): void => {
        if (finished === opts.workers && pending.size === 0) resolve();
      };
      // Writes every batch that is next in order; runs one at a time.
      const pump = async (): Promise<void> => {
        for (let b = pending.get(next); b; b = pending.get(next)) {
          pending.delete(next);
          await write(b.bytes);
          bytes += b.bytes.length;
          records += b.records;
          next++;
          Atomics.store(written, 0, next);
          Atomics.notify(written, 0);
          opts.onProgress?.(records);
        }
      };
      for (let w = 0; w < opts.workers; w++) {
        const input: WorkerInput = {
          role: ROLE, size: opts.size, seed: opts.seed, end: opts.end, worker: w, workers: opts.workers, batchRecords, written: writtenBuf,
        };
        const worker = new Worker(boot, { eval: true, workerData: input });
        workers.push(worker);
        worker.on('message', (m: WorkerMessage) => {
          if (m.type === 'batch') {
            pending.set(m.batch, { records: m.records, bytes: m.bytes });
            writing = writing.then(pump).then(maybeDone, fail);
          } else {
            for (const [k, v] of Object.entries(m.counts)) counts[k] = (counts[k] ?? 0) + (v ?? 0);
            finished++;
            writing = writing.then(maybeDone, fail);
          }
        });
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (code !== 0) fail(new Error(`encoder worker ${w} exited with code ${code}`));
        });
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  checkCounts(header, counts);
  return { bytes, counts };
}
