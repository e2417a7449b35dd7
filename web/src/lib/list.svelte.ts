// One list's data: the view it shows (order, filters, columns, quick filter), the ordered ids of
// the records that pass, and the rows the visible window needs. Cold open of a plain list renders
// the first page before anything else, then loads the full id list (keys only, cheap); a filtered
// or differently sorted list runs its query (list-query.ts) with progress shown. Rows are fetched
// in one batch per rendered window (KeyBatch) and cached; they are small, so the cache is not
// evicted.
import { SvelteMap } from 'svelte/reactivity';
import type { FieldDef, Row } from '@counterpart/model';
import type { ChangeEvent, RowChange, WorkspaceStore } from '@counterpart/store';
import { KeyBatch } from './batch.ts';
import { availableColumns, DEFAULT_COLUMN_KEYS, resolveColumns, TITLE_KEY, type Column } from './columns.ts';
import { handleError } from './errors.ts';
import { allOf, compileFilter, compileQuickFilter, TITLE_DEF, type FilterSpec, type RowTest } from './filters.ts';
import { t } from './i18n.ts';
import { fieldsIn } from './labels.ts';
import { byCollection, isIndexedRef, LiveResult, QueryCancelled, runQuery, type ListQuery } from './list-query.ts';
import type { ListCollection } from './router.svelte.ts';
import { SavedViews } from './saved-views.svelte.ts';
import { session } from './session.svelte.ts';
import { DEFAULT_SORT, sortKey, type SortSpec } from './sorting.ts';
import { defaultSpec, sameSpec, type ViewSpec } from './views.ts';

const FIRST_PAGE = 50;
/** Coalesces id-list reloads during bursts of changes (sync, imports). */
const RELOAD_MS = 300;
/** More changes than this at once re-run the query instead of placing each record. */
const INCREMENTAL_MAX = 500;
/** The quick filter runs once typing pauses. */
const QUICK_MS = 250;

export interface ListProgress {
  readonly phase: 'reading' | 'sorting';
  readonly done: number;
  readonly of: number;
}

export class RecordList {
  ids = $state.raw<readonly string[]>([]);
  /** True once the full id list (not just the first page) is loaded. */
  complete = $state(false);
  /** Records in the collection. */
  total = $state<number | null>(null);
  /** Records that pass the filters (equals `total` when nothing filters). */
  matched = $state<number | null>(null);
  highlighted = $state(0);
  loaded = $state(false);
  /** The query under way, for a progress line; null when the list is current. */
  progress = $state.raw<ListProgress | null>(null);

  /** Order, filters and columns shown now (saved or not). */
  spec = $state.raw<ViewSpec>(defaultSpec([]));
  /** Quick text filter: applies on top of the view, is not saved with it. */
  quick = $state('');

  readonly rows = new SvelteMap<string, Row>();
  /** Titles of records that reference columns point to, by id ('' when gone). */
  readonly refTitles = new SvelteMap<string, string>();
  readonly saved: SavedViews;

  /** Fields of the collection, its custom fields included; follows the workspace settings. */
  readonly fields = $derived.by((): Readonly<Record<string, FieldDef>> => {
    void session.settingsVersion;
    return fieldsIn(this.collection, this.store.customFields(this.collection));
  });
  /** Every column the list can show. */
  readonly available = $derived.by((): Column[] => {
    void session.settingsVersion;
    return availableColumns(this.collection, this.store.customFields(this.collection));
  });
  readonly columns = $derived.by((): Column[] => {
    void session.settingsVersion;
    return resolveColumns(this.collection, this.spec.columns, this.store.customFields(this.collection));
  });
  /** Each filter's problem (a bad value, a removed field), by position; undefined when fine. */
  readonly filterErrors = $derived(this.spec.filters.map((f) => this.compile(f).error));
  readonly filtering = $derived(this.spec.filters.length > 0 || this.quick.trim() !== '');
  /** The plain list (title order, nothing filtered): its first page can be read before anything else. */
  readonly plain = $derived(sameSpec({ ...this.spec, columns: [] }, { ...defaultSpec([]), columns: [] }) && this.quick.trim() === '');

  private readonly rowBatch = new KeyBatch((ids) => this.fetchRows(ids), handleError);
  private readonly refBatch = new KeyBatch((ids) => this.fetchRefs(ids), handleError);
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private quickTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts queries: an answer from an older one is dropped. */
  private generation = 0;
  /** The query behind `ids`, and the keys of its records when it read them. */
  private current: { query: ListQuery; live: LiveResult | null } | null = null;

  private readonly store: WorkspaceStore;
  readonly collection: ListCollection;
  /** The collection's custom fields as last seen, to notice when they change. */
  private customSeen: string;

  constructor(store: WorkspaceStore, collection: ListCollection) {
    this.store = store;
    this.collection = collection;
    this.customSeen = JSON.stringify(store.customFields(collection));
    this.spec = defaultSpec(DEFAULT_COLUMN_KEYS[collection]);
    this.saved = new SavedViews(store, this);
    const start = this.saved.initial();
    if (start) this.spec = start;
  }

  /** The first page, as fast as possible: this is what a cold open waits for. */
  async loadFirstPage(): Promise<void> {
    if (!this.plain) {
      await this.refresh();
      this.loaded = true;
      return;
    }
    const [rows, total] = await Promise.all([
      this.store.page(this.collection, { limit: FIRST_PAGE }),
      this.store.count(this.collection),
    ]);
    for (const r of rows) this.rows.set(r.id, r);
    this.ids = rows.map((r) => r.id);
    this.total = total;
    this.matched = total;
    this.loaded = true;
  }

  /** Every matching id in order; for a plain list the first page's ids come first in the same order. */
  async loadAll(): Promise<void> {
    await this.refresh();
  }

  /** Shows another order, filters or columns; the query runs again when the order or filters change. */
  setSpec(spec: ViewSpec): void {
    const before = this.spec;
    this.spec = spec;
    const sameQuery = sameSpec({ ...before, columns: [] }, { ...spec, columns: [] });
    // Columns feed the quick filter, so they matter only while it is in use.
    if (!sameQuery || (this.quick.trim() !== '' && before.columns.join() !== spec.columns.join())) this.rerun();
  }

  setSort(sort: SortSpec): void {
    this.setSpec({ ...this.spec, sort });
  }

  setFilters(filters: readonly FilterSpec[]): void {
    this.setSpec({ ...this.spec, filters });
  }

  setColumns(columns: readonly string[]): void {
    this.setSpec({ ...this.spec, columns });
  }

  setQuick(text: string): void {
    this.quick = text;
    this.progress ??= { phase: 'reading', done: 0, of: this.total ?? 0 };
    clearTimeout(this.quickTimer);
    this.quickTimer = setTimeout(() => this.rerun(), QUICK_MS);
  }

  /** Removes every filter, the quick one included; order and columns stay. */
  clearFilters(): void {
    this.quick = '';
    clearTimeout(this.quickTimer);
    this.setFilters([]);
  }

  /** The row for a rendered list item; a missing one is fetched with the rest of the window. */
  row(id: string): Row | undefined {
    const r = this.rows.get(id);
    if (!r) this.rowBatch.add(id);
    return r;
  }

  /** The title of a referenced record; fetched with the rest of the window when not known yet. */
  refTitle(id: unknown): string | undefined {
    if (typeof id !== 'string') return undefined;
    const title = this.refTitles.get(id);
    if (title === undefined) this.refBatch.add(id);
    return title;
  }

  /** The definition of a field the view names (the title reads as text), if it still exists. */
  def(field: string): FieldDef | undefined {
    return field === TITLE_KEY ? TITLE_DEF : this.fields[field];
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
      clearTimeout(this.quickTimer);
      this.generation++;
    };
  }

  private compile(f: FilterSpec): { test?: RowTest; error?: string } {
    const def = this.def(f.field);
    if (!def) return { error: t.filterUnknownField(f.field) };
    const c = compileFilter(def, f);
    return 'error' in c ? { error: c.error } : { test: c.test };
  }

  /** The query for the current view; filters with a problem are left out (and shown as such). */
  private query(): ListQuery {
    const tests: RowTest[] = [];
    let narrow: ListQuery['narrow'];
    for (const f of this.spec.filters) {
      const c = this.compile(f);
      if (!c.test) continue;
      tests.push(c.test);
      if (!narrow && f.op === 'eq' && f.value && isIndexedRef(this.collection, f.field)) narrow = { field: f.field, id: f.value.trim() };
    }
    const quick = compileQuickFilter(this.quick, this.columns);
    if (quick) tests.push(quick);
    const sort = this.def(this.spec.sort.field) ? this.spec.sort : DEFAULT_SORT;
    return {
      collection: this.collection,
      sort,
      sortDef: sort.field === TITLE_KEY ? undefined : this.fields[sort.field],
      test: allOf(tests),
      ...(narrow ? { narrow } : {}),
    };
  }

  private rerun(): void {
    this.refresh().catch(handleError);
  }

  /** Runs the view's query; an answer overtaken by a newer query is dropped. */
  private async refresh(): Promise<void> {
    const gen = ++this.generation;
    const query = this.query();
    const stale = (): boolean => gen !== this.generation;
    // A read query says so at once; one answered from an index is over before anyone would see it.
    if (query.test !== null) this.progress = { phase: 'reading', done: 0, of: this.total ?? 0 };
    try {
      const result = await runQuery(this.store, query, {
        stale,
        progress: (done, of, phase) => {
          if (!stale()) this.progress = { phase, done, of };
        },
      });
      if (stale()) return;
      this.current = { query, live: result.entries ? new LiveResult(query, result.entries) : null };
      this.ids = result.ids;
      this.total = result.total;
      this.matched = result.ids.length;
      this.complete = true;
      this.progress = null;
      if (this.highlighted >= result.ids.length) this.highlighted = Math.max(0, result.ids.length - 1);
    } catch (err) {
      if (err instanceof QueryCancelled) return;
      if (!stale()) this.progress = null;
      throw err;
    }
  }

  private scheduleReload(): void {
    if (this.reloadTimer !== undefined) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      this.rerun();
    }, RELOAD_MS);
  }

  private onChange(e: ChangeEvent): void {
    if (e.settingsChanged) this.onSettings();
    const cur = this.current;
    const sortField = cur?.query.sort.field ?? TITLE_KEY;
    const sortDef = cur?.query.sortDef;
    const mine: RowChange[] = [];
    /** For a list in index order: whether a record came, went or moved. */
    let reorder = false;
    for (const ch of e.rows) {
      if (this.refTitles.has(ch.id)) this.refTitles.set(ch.id, ch.deleted ? '' : (ch.row?._title ?? ''));
      if (ch.collection !== this.collection) continue;
      mine.push(ch);
      const prev = this.rows.get(ch.id);
      if (ch.deleted || !ch.row) {
        if (prev) this.rows.delete(ch.id);
        reorder = true;
      } else if (!prev) {
        // A new record (or one not on screen yet): it is fetched when its row is shown, so a
        // sync streaming thousands of records in does not touch the list's state for each one.
        reorder = true;
      } else {
        this.rows.set(ch.id, ch.row);
        if (sortKey(prev, sortField, sortDef) !== sortKey(ch.row, sortField, sortDef)) reorder = true;
      }
    }
    // A list never opened has nothing to keep in order: it reads everything when it opens.
    if (!mine.length || !this.loaded) return;
    if (!cur?.live) {
      if (reorder) this.scheduleReload();
      return;
    }
    if (mine.length > INCREMENTAL_MAX || this.reloadTimer !== undefined) {
      this.scheduleReload();
      return;
    }
    const live = cur.live;
    let changed = false;
    for (const ch of mine) {
      const row = ch.deleted ? undefined : ch.row;
      if (live.place(ch.id, row)) changed = true;
      if (row && !this.rows.has(ch.id) && live.query.test?.(row)) this.rows.set(ch.id, row);
    }
    if (changed) {
      this.ids = live.ids;
      this.matched = live.entries.length;
      if (this.highlighted >= live.entries.length) this.highlighted = Math.max(0, live.entries.length - 1);
    }
    this.store.count(this.collection).then((n) => (this.total = n), handleError);
  }

  /** A custom field added or removed can make a filter usable or not: the query runs again. */
  private onSettings(): void {
    const custom = JSON.stringify(this.store.customFields(this.collection));
    if (custom === this.customSeen) return;
    this.customSeen = custom;
    if (this.spec.filters.length || this.spec.sort.field !== TITLE_KEY) this.rerun();
  }

  private async fetchRows(ids: string[]): Promise<void> {
    const rows = await this.store.rows(this.collection, ids);
    for (const r of rows) this.rows.set(r.id, r);
  }

  private async fetchRefs(ids: string[]): Promise<void> {
    const titles: Record<string, string> = {};
    for (const [c, some] of byCollection(ids)) {
      for (const r of await this.store.rows(c, some)) titles[r.id] = r._title;
    }
    // '' marks a record that is gone, so it is not fetched again.
    for (const id of ids) this.refTitles.set(id, titles[id] ?? '');
  }
}

