// The benchmark page: starts the worker with the parameters in the URL, relays its progress to
// the console (where the Node driver reads it) and leaves the outcome on window.
import type { BenchEvent, BenchStart, IngestPath, PathResult } from './protocol.ts';

declare global {
  interface Window {
    __ingestBench?: { results: PathResult[] } | { error: string };
  }
}

const params = new URLSearchParams(location.search);
const start: BenchStart = {
  type: 'start',
  size: params.get('size') === 's' ? 's' : 'm',
  paths: (params.get('paths') ?? 'remote,import').split(',').filter((p): p is IngestPath => p === 'remote' || p === 'import'),
  chunk: Number(params.get('chunk') ?? 1000),
  every: Number(params.get('every') ?? 25_000),
};

// The product loads the demo in a worker (web/src/workers/demo.worker.ts) and the sync engine
// runs in one too: the benchmark ingests from a worker so it measures the same thread setup.
const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
worker.addEventListener('message', (e: MessageEvent<BenchEvent>) => {
  const m = e.data;
  if (m.type === 'log') console.log(`[bench] ${m.text}`);
  else if (m.type === 'result') window.__ingestBench = { results: m.results };
  else window.__ingestBench = { error: m.message };
});
worker.addEventListener('error', (e) => {
  window.__ingestBench = { error: e.message || 'worker failed to start' };
});
worker.postMessage(start);
