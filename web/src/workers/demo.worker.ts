// Generates the demo workspace and imports it into IndexedDB off the main thread, so the page
// stays responsive and can show progress. It opens its own WorkspaceStore on the workspace's
// database (Dexie works in workers) and writes through the same import path as any import.
// This is the only module that imports the generator: it stays out of the app's initial bundle.
import { generateWorkspace, totalRecords } from '@counterpart/demo';
import { importRecords, isQuotaError, StoreError, WorkspaceStore } from '@counterpart/store';
import { importLockName, type DemoEvent, type DemoStart } from './demo-protocol.ts';

// The DOM lib types `self` as a Window; this is the part of the worker scope used here.
const scope = self as unknown as {
  postMessage(message: DemoEvent): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<DemoStart>) => void): void;
};

async function load(req: DemoStart): Promise<void> {
  // The generator yields exactly expectedCounts(size); their sum is the progress bar's end.
  const expected = totalRecords(req.size);
  scope.postMessage({ type: 'progress', done: 0, total: expected });
  const store = await WorkspaceStore.open(req.workspaceId);
  try {
    await store.setWorkspaceInfo({ name: req.name });
    const count = await importRecords(store, generateWorkspace({ size: req.size, seed: 1 }), {
      clientID: 1,
      // Smaller than the default chunk so the progress bar moves about once a second.
      chunk: 1000,
      onProgress: (done) => scope.postMessage({ type: 'progress', done, total: Math.max(expected, done) }),
    });
    await store.close();
    scope.postMessage({ type: 'done', count });
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
}

scope.addEventListener('message', (e) => {
  if (e.data.type !== 'start') return;
  const req = e.data;
  navigator.locks.request(importLockName(req.workspaceId), () => load(req)).catch((err: unknown) => {
    const quota = (err instanceof StoreError && err.reason === 'quota') || isQuotaError(err);
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err), quota });
  });
});
