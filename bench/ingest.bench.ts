// The ingest benchmark: how fast a device writes a whole workspace to IndexedDB, in headless
// Chromium, through the store's single write path.
//
//   npm run bench:ingest                         workspace M, both paths
//   BENCH_SIZE=s BENCH_PATHS=remote npm run bench:ingest
//
// It bundles the page in bench/ingest/ with Vite into bench/.out/ingest, serves it on a free port
// and opens it in Chromium on a fresh on-disk profile (an incognito context would keep IndexedDB
// in memory and measure nothing real). In a worker the page then writes the workspace
//   remote   as pre-encoded updates through WorkspaceStore.ingest(…, 'remote'), BENCH_CHUNK per
//            call: the full sync of a new device (target: M in ≤ 20 s)
//   import   through importRecords over the generator, as the demo workspace is loaded
// and prints records/s for every 25,000 records, so a slowdown as the database grows is visible.
import { createReadStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import type { PathResult } from './ingest/protocol.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/chromium.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SIZE = process.env.BENCH_SIZE === 's' ? 's' : 'm';
const PATHS = process.env.BENCH_PATHS ?? 'remote,import';
const CHUNK = Number(process.env.BENCH_CHUNK ?? 1000);
const outDir = join(root, 'bench', '.out', 'ingest');
// One profile per run, so a run never meets a database or a browser left by another.
const profileDir = join(root, 'bench', '.out', `ingest-profile-${process.pid}`);

declare global {
  interface Window {
    __ingestBench?: { results: PathResult[] } | { error: string };
  }
}

async function bundle(): Promise<void> {
  await build({
    root: join(root, 'bench', 'ingest'),
    configFile: false,
    logLevel: 'warn',
    base: './',
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: true },
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
};

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
    const file = join(dir, path || 'index.html');
    if (!file.startsWith(dir) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` });
    });
  });
}

function rate(r: PathResult, at: number): string {
  const w = r.windows.find((x) => x.done >= at);
  return w ? `${Math.round(w.perSecond)}/s` : '-';
}

async function main(): Promise<void> {
  console.log(`ingest benchmark: workspace ${SIZE.toUpperCase()}, paths ${PATHS}, chunk ${CHUNK}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`);
  await bundle();
  const { server, url } = await serve(outDir);
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
  const ctx = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on('console', (m) => {
      if (m.text().startsWith('[bench] ')) console.log(m.text().slice(8));
      else if (m.type() === 'error') console.error(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${url}/index.html?size=${SIZE}&paths=${PATHS}&chunk=${CHUNK}`);
    const handle = await page.waitForFunction(() => window.__ingestBench, undefined, { timeout: 60 * 60_000, polling: 1000 });
    const outcome = (await handle.jsonValue())!;
    if ('error' in outcome) throw new Error(`benchmark failed in the page:\n${outcome.error}`);
    console.log('\npath      records   at 25k   at 100k   at 250k    total');
    for (const r of outcome.results) {
      console.log(
        `${r.path.padEnd(8)} ${String(r.records).padStart(8)} ${rate(r, 25_000).padStart(8)} ${rate(r, 100_000).padStart(9)} ${rate(r, 250_000).padStart(9)} ${(r.ms / 1000).toFixed(1).padStart(7)} s  (${Math.round((r.records * 1000) / r.ms)}/s)`,
      );
    }
  } finally {
    await ctx.close();
    server.close();
    if (!process.env.BENCH_KEEP_PROFILE) rmSync(profileDir, { recursive: true, force: true });
  }
}

await main();
