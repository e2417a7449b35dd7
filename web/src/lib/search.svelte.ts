// The header search: every keystroke queries the store's search index at once (an indexed
// prefix query is cheaper than any debounce would save), and a sequence number drops answers
// that arrive after a newer query was sent.
import { tick } from 'svelte';
import type { SearchHit, WorkspaceStore } from '@counterpart/store';
import { handleError } from './errors.ts';
import { searchRendered } from './perf.ts';
import { readRecent } from './recent.ts';

const LIMIT = 20;

/** What the header search looks through. */
export const SEARCH_COLLECTIONS = ['accounts', 'contacts'] as const;

export class Search {
  query = $state('');
  /** The query the current results answer. */
  answered = $state('');
  results = $state.raw<readonly SearchHit[]>([]);
  /** The results are the records opened last, offered before anything is typed. */
  recent = $state(false);
  open = $state(false);
  active = $state(0);

  private seq = 0;
  /** The latest search, so Enter can wait for the answer to what is typed now. */
  private pending: Promise<void> = Promise.resolve();

  private readonly store: WorkspaceStore;

  constructor(store: WorkspaceStore) {
    this.store = store;
  }

  /** Runs the search for `query`; `startedAt` is the input event's time, for the benchmark. */
  run(query: string, startedAt: number): Promise<void> {
    this.pending = this.execute(query, startedAt);
    return this.pending;
  }

  /** Resolves once the results answer the latest query (or it was superseded or closed). */
  settled(): Promise<void> {
    return this.pending;
  }

  private async execute(query: string, startedAt: number): Promise<void> {
    const seq = ++this.seq;
    this.query = query;
    if (!query.trim()) {
      this.results = [];
      this.answered = '';
      this.recent = false;
      this.open = false;
      return;
    }
    let hits: SearchHit[];
    try {
      hits = await this.store.search(query, { collections: SEARCH_COLLECTIONS, limit: LIMIT });
    } catch (err) {
      if (seq === this.seq) handleError(err);
      return;
    }
    if (seq !== this.seq) return;
    this.results = hits;
    this.recent = false;
    this.answered = query;
    this.active = 0;
    this.open = true;
    await tick();
    if (seq === this.seq) searchRendered(query, startedAt);
  }

  /** With nothing typed: the records this device opened last that still exist, newest first. */
  async showRecent(): Promise<void> {
    const seq = ++this.seq;
    const hits: SearchHit[] = [];
    try {
      for (const v of readRecent(this.store.workspaceId)) {
        const row = await this.store.get(v.c, v.id);
        if (row) hits.push({ collection: v.c, row });
      }
    } catch (err) {
      if (seq === this.seq) handleError(err);
      return;
    }
    if (seq !== this.seq || this.query.trim()) return;
    this.results = hits;
    this.answered = '';
    this.recent = true;
    this.active = 0;
    this.open = true;
  }

  move(delta: number): void {
    if (!this.results.length) return;
    this.open = true;
    this.active = (this.active + delta + this.results.length) % this.results.length;
  }

  /** Closes the results; an answer still on its way does not reopen them. */
  close(): void {
    this.seq++;
    this.open = false;
  }
}
