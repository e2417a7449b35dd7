// Performance marks and timings read by the benchmark (bench/, tests/). The names are a contract:
// change them only together with the benchmark.
import type { WorkspaceStore } from '@counterpart/store';

export type PerfMark = 'cp:list-ready' | 'cp:search-done' | 'cp:record-ready' | 'cp:saved' | 'cp:insights-ready' | 'cp:warm';

declare global {
  interface Window {
    __cpLastSearch?: { query: string; ms: number };
    __cpLastRecordMs?: number;
    __cpLastSaveMs?: number;
    __cpStore?: WorkspaceStore;
    __cpLastInsights?: { ms: number; incremental: boolean; stages: Readonly<Record<string, number>> };
  }
}

export function mark(name: PerfMark): void {
  performance.mark(name);
}

export function searchRendered(query: string, startedAt: number): void {
  window.__cpLastSearch = { query, ms: performance.now() - startedAt };
  mark('cp:search-done');
}

export function recordRendered(startedAt: number): void {
  window.__cpLastRecordMs = performance.now() - startedAt;
  mark('cp:record-ready');
}

export function saveDurable(startedAt: number): void {
  window.__cpLastSaveMs = performance.now() - startedAt;
  mark('cp:saved');
}

/** An insights result arrived from the analytics worker, computed in `ms` there. */
export function insightsComputed(ms: number, incremental: boolean, stages: Readonly<Record<string, number>>): void {
  window.__cpLastInsights = { ms, incremental, stages };
  mark('cp:insights-ready');
}

/** The store on `window` is for debugging and the benchmark only, never in a normal session. */
export function exposeStore(store: WorkspaceStore | undefined): void {
  const debug = import.meta.env.DEV || localStorage.getItem('counterpart:debug') === '1';
  if (!debug) return;
  if (store) window.__cpStore = store;
  else delete window.__cpStore;
}
