// Command line: generate a demo workspace and write it as a .cpw snapshot.
//   node --import tsx packages/demo/src/cli.ts --size m [--seed 42] [--end 2026-10-31] [--out demo-m.cpw]
// (root script: npm run demo -- --size m). Progress goes to stderr every ~5%; the summary at
// the end lists records per collection, bytes and seconds. Bad arguments exit with code 2.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_END, makeWindow } from './calendar.ts';
import { DEFAULT_SEED, checkSeed, generateWorkspace } from './generate.ts';
import type { GeneratedRecord } from './record.ts';
import { YIELD_ORDER, isSize, totalRecords, type Size } from './sizes.ts';
import { parallelAvailable, writeSnapshotParallel } from './parallel.ts';
import { demoHeader, recordFrames, writeSnapshot, type ByteSink, type SnapshotHeader } from './snapshot.ts';

const USAGE = `Usage: npm run demo -- --size <s|m|l> [--seed <n>] [--end <YYYY-MM-DD>] [--out <file.cpw>] [--workers <n>]

Generates a deterministic demo workspace and writes it as a Counterpart workspace snapshot.

  --size, -s   s (${totalRecords('s').toLocaleString('en')} records), m (${totalRecords('m').toLocaleString('en')}), l (${totalRecords('l').toLocaleString('en')})
  --seed       integer 0–4294967295 (default ${DEFAULT_SEED}); same seed, same workspace
  --end        last day of the three years of history (default ${DEFAULT_END})
  --out, -o    output file (default demo-<size>.cpw in the current directory)
  --workers    encoder threads; 0 encodes on the main thread (default: 0 on machines with
               fewer than 4 cores, else cores - 1, at most 4); the file is identical either way
  --help, -h   show this help
`;

class UsageError extends Error {}

interface Args {
  size: Size;
  seed: number;
  end: string;
  out: string;
  workers: number;
}

function parse(argv: string[]): Args | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        size: { type: 'string', short: 's' },
        seed: { type: 'string' },
        end: { type: 'string' },
        out: { type: 'string', short: 'o' },
        workers: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return 'help';
  if (values.size === undefined) throw new UsageError('--size is required (s, m or l)');
  const size = values.size.toLowerCase();
  if (!isSize(size)) throw new UsageError(`--size must be s, m or l, not "${values.size}"`);
  let seed = DEFAULT_SEED;
  if (values.seed !== undefined) {
    if (!/^\d+$/.test(values.seed)) throw new UsageError(`--seed must be a whole number, not "${values.seed}"`);
    try {
      seed = checkSeed(Number(values.seed));
    } catch (e) {
      throw new UsageError(`--${(e as Error).message}`);
    }
  }
  const end = values.end ?? DEFAULT_END;
  try {
    makeWindow(end);
  } catch {
    throw new UsageError(`--end must be a date YYYY-MM-DD, not "${end}"`);
  }
  const out = values.out ?? `demo-${size}.cpw`;
  if (!out.trim()) throw new UsageError('--out must name a file');
  // Each encoder thread re-runs the (cheap) generator and encodes its share; that pays only with
  // spare cores. On a 2-core box shared with other work it measured slower than one thread.
  const cores = availableParallelism();
  let workers = cores >= 4 ? Math.min(4, cores - 1) : 0;
  if (values.workers !== undefined) {
    if (!/^\d+$/.test(values.workers) || Number(values.workers) > 64) {
      throw new UsageError(`--workers must be a whole number from 0 to 64, not "${values.workers}"`);
    }
    workers = Number(values.workers);
  }
  if (workers === 1) workers = 0; // one worker is the main thread with extra steps
  return { size, seed, end, out: resolve(out), workers };
}

/** Reports progress to stderr every ~5% of the expected records. */
function progressReporter(size: Size, started: number): (done: number, collection?: string) => void {
  const total = totalRecords(size);
  const step = Math.max(1, Math.floor(total / 20));
  let nextAt = step;
  return (done, collection) => {
    if (done < nextAt) return;
    while (nextAt <= done) nextAt += step;
    const pct = Math.round((done / total) * 100);
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(`  ${String(pct).padStart(3)}%  ${done.toLocaleString('en')} records${collection ? `  ${collection}` : ''}  ${secs} s\n`);
  };
}

/** Single-threaded: generate, encode and write in one pass. */
async function writeInProcess(
  sink: ByteSink,
  header: SnapshotHeader,
  args: Args,
  progress: (done: number, collection?: string) => void,
): Promise<{ bytes: number; counts: Partial<Record<string, number>> }> {
  const counts: Record<string, number> = {};
  let done = 0;
  function* counted(records: Iterable<GeneratedRecord>): Generator<GeneratedRecord> {
    for (const r of records) {
      counts[r.collection] = (counts[r.collection] ?? 0) + 1;
      yield r;
      progress(++done, r.collection);
    }
  }
  const records = counted(generateWorkspace({ size: args.size, seed: args.seed, end: args.end }));
  const { bytes } = await writeSnapshot(sink, header, recordFrames(records));
  return { bytes, counts };
}

async function main(argv: string[]): Promise<number> {
  let args: Args | 'help';
  try {
    args = parse(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`demo: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (args === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const { size, seed, end, out } = args;
  const workers = args.workers > 0 && !parallelAvailable() ? 0 : args.workers;
  process.stderr.write(
    `Generating workspace ${size.toUpperCase()} (seed ${seed}, ending ${end}) → ${out}` +
      `${workers ? ` [${workers} encoder threads]` : ''}\n`,
  );
  const started = performance.now();
  const progress = progressReporter(size, started);
  const header = demoHeader(size, seed, end);
  const stream = createWriteStream(out);
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  try {
    const writing = workers
      ? writeSnapshotParallel(stream, header, { size, seed, end, workers, onProgress: (n) => progress(n) })
      : writeInProcess(stream, header, args, progress);
    const { bytes, counts } = await Promise.race([writing, failed]);
    await Promise.race([new Promise<void>((res) => stream.end(res)), failed]);
    const secs = (performance.now() - started) / 1000;
    const lines = YIELD_ORDER.map((c) => `  ${c.padEnd(12)} ${String(counts[c] ?? 0).padStart(10)}`);
    const total = Object.values(counts).reduce<number>((s, x) => s + (x ?? 0), 0);
    process.stderr.write(
      `Done in ${secs.toFixed(1)} s: ${total.toLocaleString('en')} records, ${bytes.toLocaleString('en')} bytes ` +
        `(${(bytes / 1e6).toFixed(1)} MB, ${Math.round(total / secs).toLocaleString('en')} records/s)\n${lines.join('\n')}\n`,
    );
    return 0;
  } catch (e) {
    stream.destroy();
    // A half-written snapshot is worse than none: remove it.
    await rm(out, { force: true });
    process.stderr.write(`demo: ${(e as Error).message}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// On failure, exit at once: encoder threads may be blocked waiting for a writer that is gone.
if (code !== 0) process.exit(code);
