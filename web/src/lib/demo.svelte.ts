// Loading the demo workspace: a registry entry marked `importing`, a worker that fills its
// database, progress for the UI, and cancel (terminate the worker, delete the partial database).
import { WorkspaceStore } from '@counterpart/store';
import type { DemoEvent, DemoSize, DemoStart } from '../workers/demo-protocol.ts';
import { handleError } from './errors.ts';
import { formatCount, formatSeconds } from './format.ts';
import { t } from './i18n.ts';
import { notices } from './notices.svelte.ts';
import { workspaces } from './workspaces.svelte.ts';

class DemoLoader {
  running = $state(false);
  done = $state(0);
  total = $state(0);
  startedAt = $state(0);
  /** Duration of the last completed load, in ms (reported in the UI and read by tests). */
  lastMs = $state<number | null>(null);

  private worker: Worker | null = null;
  private workspaceId: string | null = null;

  start(size: DemoSize): void {
    if (this.running) return;
    const name = workspaces.uniqueName(t.demoName(size));
    const info = workspaces.add(name, { importing: true });
    this.workspaceId = info.id;
    this.done = 0;
    this.total = 0;
    this.startedAt = performance.now();
    this.running = true;
    const worker = new Worker(new URL('../workers/demo.worker.ts', import.meta.url), { type: 'module', name: 'demo' });
    this.worker = worker;
    worker.addEventListener('message', (e: MessageEvent<DemoEvent>) => this.onEvent(e.data));
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      void this.fail(e.message || 'the loader stopped');
    });
    const msg: DemoStart = { type: 'start', workspaceId: info.id, name, size };
    worker.postMessage(msg);
  }

  /** Stops the load and deletes what was written so far. */
  async cancel(): Promise<void> {
    const id = this.workspaceId;
    this.stopWorker();
    this.running = false;
    if (id) await this.discard(id);
  }

  private onEvent(e: DemoEvent): void {
    switch (e.type) {
      case 'progress':
        this.done = e.done;
        this.total = e.total;
        return;
      case 'done': {
        const id = this.workspaceId;
        this.stopWorker();
        this.lastMs = performance.now() - this.startedAt;
        this.running = false;
        notices.toast(t.demoLoaded(formatCount(e.count), formatSeconds(this.lastMs)), { kind: 'success' });
        if (!id) return;
        workspaces.update(id, { importing: false });
        workspaces.select(id);
        return;
      }
      case 'error':
        if (e.quota) notices.showQuota();
        void this.fail(e.message);
    }
  }

  private async fail(message: string): Promise<void> {
    const id = this.workspaceId;
    this.stopWorker();
    this.running = false;
    notices.toast(t.demoFailed(message), { kind: 'error', sticky: true });
    if (id) await this.discard(id);
  }

  private stopWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.workspaceId = null;
  }

  private async discard(id: string): Promise<void> {
    workspaces.remove(id);
    try {
      await WorkspaceStore.destroy(id);
    } catch (err) {
      handleError(err);
    }
  }

  elapsed(now: number): string {
    return formatSeconds(now - this.startedAt);
  }
}

export const demo = new DemoLoader();
