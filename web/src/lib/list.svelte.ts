// One list view's data: the ordered ids of a collection, and the rows the visible window needs.
// Cold open renders the first page before anything else, then loads the full id list (keys only,
// cheap) so the virtual list can scroll anywhere; rows are fetched in one batch per rendered
// window (KeyBatch) and cached. Rows are small and lists are at most tens of thousands long, so
// the cache is not evicted.
import { SvelteMap } from 'svelte/reactivity';
import { COLLECTIONS, type Row } from '@counterpart/model';
import type { ChangeEvent, WorkspaceStore } from '@counterpart/store';
import { KeyBatch } from './batch.ts';
import { handleError } from './errors.ts';
import type { ListCollection } from './router.svelte.ts';

const FIRST_PAGE = 50;
/** Coalesces id-list reloads during bursts of changes (sync, imports). */
const RELOAD_MS = 300;

export class RecordList {
  ids = $state.raw<readonly string[]>([]);
  /** True once the full id list (not just the first page) is loaded. */
  complete = $state(false);
  total = $state<number | null>(null);
  highlighted = $state(0);
  loaded = $state(false);

  readonly rows = new SvelteMap<string, Row>();
  /** Account titles for lists of records that belong to an account, by id ('' when gone). */
  readonly accountTitles = new SvelteMap<string, string>();

  private readonly rowBatch = new KeyBatch((ids) => this.fetchRows(ids), handleError);
  private readonly accountBatch = new KeyBatch((ids) => this.fetchAccounts(ids), handleError);
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly store: WorkspaceStore;
  readonly collection: ListCollection;

  /** Rows of this collection name an account, shown by its title. */
  private readonly hasAccount: boolean;

  constructor(store: WorkspaceStore, collection: ListCollection) {
    this.store = store;
    this.collection = collection;
    const fields: Readonly<Record<string, { kind: string }>> = COLLECTIONS[collection].fields;
    this.hasAccount = fields.accountId?.kind === 'ref' && collection !== 'accounts';
  }

  /** The first page, as fast as possible: this is what a cold open waits for. */
  async loadFirstPage(): Promise<void> {
    const [rows, total] = await Promise.all([
      this.store.page(this.collection, { limit: FIRST_PAGE }),
      this.store.count(this.collection),
    ]);
    for (const r of rows) this.rows.set(r.id, r);
    this.ids = rows.map((r) => r.id);
    this.total = total;
    this.loaded = true;
    this.lookupAccounts(rows);
  }

  /** Every id in title order; the first page's ids come first in the same order. */
  async loadAll(): Promise<void> {
    const ids = await this.store.ids(this.collection);
    this.ids = ids;
    this.total = ids.length;
    this.complete = true;
    if (this.highlighted >= ids.length) this.highlighted = Math.max(0, ids.length - 1);
  }

  /** The row for a rendered list item; a missing one is fetched with the rest of the window. */
  row(id: string): Row | undefined {
    const r = this.rows.get(id);
    if (!r) this.rowBatch.add(id);
    return r;
  }

  accountTitle(accountId: unknown): string | undefined {
    return typeof accountId === 'string' ? this.accountTitles.get(accountId) : undefined;
  }

  move(delta: number): void {
    const last = this.ids.length - 1;
    this.highlighted = Math.min(last, Math.max(0, this.highlighted + delta));
  }

  /** Keeps the list current as records change here or arrive from other devices. */
  watch(): () => void {
    const off = this.store.subscribe((e) => this.onChange(e));
    return () => {
      off();
      clearTimeout(this.reloadTimer);
    };
  }

  private onChange(e: ChangeEvent): void {
    let reorder = false;
    for (const ch of e.rows) {
      if (ch.collection === 'accounts' && this.hasAccount && this.accountTitles.has(ch.id)) {
        this.accountTitles.set(ch.id, ch.row?._title ?? '');
      }
      if (ch.collection !== this.collection) continue;
      const prev = this.rows.get(ch.id);
      if (ch.deleted || !ch.row) {
        if (prev) this.rows.delete(ch.id);
        reorder = true;
      } else if (!prev) {
        // A new record: it is fetched when its row is on screen, so a sync streaming thousands
        // of records in does not touch the list's state for each one.
        reorder = true;
      } else {
        this.rows.set(ch.id, ch.row);
        // A renamed record moves in the title order.
        if (prev._sort !== ch.row._sort) reorder = true;
        this.lookupAccounts([ch.row]);
      }
    }
    // A list never opened has nothing to keep in order: it reads everything when it opens.
    if (reorder && this.loaded && this.reloadTimer === undefined) {
      this.reloadTimer = setTimeout(() => {
        this.reloadTimer = undefined;
        this.loadAll().catch(handleError);
      }, RELOAD_MS);
    }
  }

  private async fetchRows(ids: string[]): Promise<void> {
    const rows = await this.store.rows(this.collection, ids);
    for (const r of rows) this.rows.set(r.id, r);
    this.lookupAccounts(rows);
  }

  private async fetchAccounts(ids: string[]): Promise<void> {
    const rows = await this.store.rows('accounts', ids);
    const titles: Record<string, string> = {};
    for (const r of rows) titles[r.id] = r._title;
    // '' marks an account that is gone, so it is not fetched again.
    for (const id of ids) this.accountTitles.set(id, titles[id] ?? '');
  }

  private lookupAccounts(rows: readonly Row[]): void {
    if (!this.hasAccount) return;
    for (const r of rows) {
      const a = r.accountId;
      if (typeof a === 'string' && !this.accountTitles.has(a)) this.accountBatch.add(a);
    }
  }
}
