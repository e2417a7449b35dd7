// The workspace open in this tab: its WorkspaceStore and the app-wide reactions to it (problem
// reports, settings changes). Views read `session.store`; only this module opens and closes it.
import { WorkspaceStore } from '@counterpart/store';
import { handleProblem } from './errors.ts';
import { notices } from './notices.svelte.ts';
import { exposeStore } from './perf.ts';

class Session {
  store = $state.raw<WorkspaceStore | null>(null);
  /** Bumped when the workspace settings (custom fields, name) change, locally or remotely. */
  settingsVersion = $state(0);

  private detach: (() => void)[] = [];
  /** Guards against a slow open finishing after a newer one was started. */
  private openSeq = 0;

  async open(workspaceId: string): Promise<WorkspaceStore | null> {
    const seq = ++this.openSeq;
    await this.close();
    const store = await WorkspaceStore.open(workspaceId);
    if (seq !== this.openSeq) {
      await store.close();
      return null;
    }
    notices.reset();
    this.detach = [
      store.onProblem(handleProblem),
      store.subscribe((e) => {
        if (e.settingsChanged) this.settingsVersion++;
      }),
    ];
    this.store = store;
    exposeStore(store);
    // The device holds the only copy of unsynced work: ask the browser not to evict it under
    // storage pressure. Chromium decides without prompting; a refusal changes nothing here.
    navigator.storage?.persist?.().catch(() => undefined);
    return store;
  }

  async close(): Promise<void> {
    const store = this.store;
    if (!store) return;
    for (const off of this.detach) off();
    this.detach = [];
    this.store = null;
    exposeStore(undefined);
    await store.close();
  }
}

export const session = new Session();
