// A list view: its order, filters and columns. Saved views are shared with the team through the
// workspace settings (store `changeListView`), so what is read back may come from another version
// of the app or be damaged: it is parsed, never trusted, and what cannot be read is dropped with
// a reason rather than breaking the list.
import type { StoredListView } from '@counterpart/store';
import { FILTER_OPS, type FilterOp, type FilterSpec } from './filters.ts';
import { t } from './i18n.ts';
import { DEFAULT_SORT, type SortSpec } from './sorting.ts';

/** Bumped when the saved shape changes in a way older apps would misread. */
export const VIEW_FORMAT = 1;

export interface ViewSpec {
  readonly sort: SortSpec;
  readonly filters: readonly FilterSpec[];
  /** Shown columns, in order. */
  readonly columns: readonly string[];
}

export interface SavedView extends ViewSpec {
  readonly id: string;
  readonly name: string;
}

const MAX_NAME = 80;
const MAX_FILTERS = 20;
const MAX_COLUMNS = 60;
const KEY = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function defaultSpec(columns: readonly string[]): ViewSpec {
  return { sort: DEFAULT_SORT, filters: [], columns: [...columns] };
}

/** A view name as saved: trimmed, 1–80 characters; an error message otherwise. */
export function checkViewName(name: string): { name: string } | { error: string } {
  const n = name.trim();
  if (!n) return { error: t.viewNameRequired };
  if (n.length > MAX_NAME) return { error: t.viewNameTooLong(MAX_NAME) };
  return { name: n };
}

/** The stored form of a view: plain JSON, the format number first. */
export function serialiseView(v: SavedView): StoredListView {
  return {
    id: v.id,
    name: v.name,
    v: VIEW_FORMAT,
    sort: { field: v.sort.field, dir: v.sort.dir },
    filters: v.filters.map((f) => ({ field: f.field, op: f.op, value: f.value })),
    columns: [...v.columns],
  };
}

function parseSort(raw: unknown): SortSpec | string {
  if (raw === undefined) return DEFAULT_SORT;
  if (typeof raw !== 'object' || raw === null) return t.viewWhySort;
  const { field, dir } = raw as Record<string, unknown>;
  if (typeof field !== 'string' || !KEY.test(field)) return t.viewWhySort;
  if (dir !== 'asc' && dir !== 'desc') return t.viewWhySort;
  return { field, dir };
}

function parseFilter(raw: unknown): FilterSpec | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { field, op, value } = raw as Record<string, unknown>;
  if (typeof field !== 'string' || !KEY.test(field)) return undefined;
  if (typeof op !== 'string' || !(FILTER_OPS as readonly string[]).includes(op)) return undefined;
  if (value !== undefined && typeof value !== 'string') return undefined;
  return { field, op: op as FilterOp, value: (value ?? '').slice(0, 500) };
}

/** Parses a stored view; `{ error }` names what is wrong with it. */
export function parseView(raw: unknown): { view: SavedView } | { error: string } {
  if (typeof raw !== 'object' || raw === null) return { error: t.viewUnreadable };
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== 'string' || !r.id) return { error: t.viewNoId };
  const label = typeof r.name === 'string' ? r.name : '';
  const name = checkViewName(label);
  if ('error' in name) return { error: t.viewUnusable(r.id, name.error) };
  const fail = (why: string): { error: string } => ({ error: t.viewUnusable(name.name, why) });
  if (typeof r.v === 'number' && r.v > VIEW_FORMAT) return fail(t.viewWhyNewer);
  const sort = parseSort(r.sort);
  if (typeof sort === 'string') return fail(sort);
  const filters: FilterSpec[] = [];
  if (r.filters !== undefined) {
    if (!Array.isArray(r.filters) || r.filters.length > MAX_FILTERS) return fail(t.viewWhyFilters);
    for (const f of r.filters) {
      const parsed = parseFilter(f);
      if (!parsed) return fail(t.viewWhyFilters);
      filters.push(parsed);
    }
  }
  if (!Array.isArray(r.columns) || r.columns.length === 0 || r.columns.length > MAX_COLUMNS || !r.columns.every((c) => typeof c === 'string' && KEY.test(c))) {
    return fail(t.viewWhyColumns);
  }
  return { view: { id: r.id, name: name.name, sort, filters, columns: [...new Set(r.columns as string[])] } };
}

/** Saved views that can be used, by name; the others are left in the settings, unused. */
export function parseViews(raw: readonly unknown[] | undefined): SavedView[] {
  const out: SavedView[] = [];
  for (const r of raw ?? []) {
    const parsed = parseView(r);
    if ('view' in parsed) out.push(parsed.view);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** True when two specs give the same list (to show a view as changed since it was saved). */
export function sameSpec(a: ViewSpec, b: ViewSpec): boolean {
  return (
    a.sort.field === b.sort.field &&
    a.sort.dir === b.sort.dir &&
    a.columns.length === b.columns.length &&
    a.columns.every((c, i) => c === b.columns[i]) &&
    a.filters.length === b.filters.length &&
    a.filters.every((f, i) => {
      const g = b.filters[i];
      return g !== undefined && f.field === g.field && f.op === g.op && f.value === g.value;
    })
  );
}
