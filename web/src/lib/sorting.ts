// List order: which columns can be sorted, which of them the store can sort by its own index
// (no record is read), and an in-memory sort for the others that works in slices so a list of
// 150,000 activities never holds the page for more than a few milliseconds at a time.
import type { FieldDef, Row } from '@counterpart/model';
import { TITLE_KEY } from './columns.ts';
import { fieldValue } from './filters.ts';

export type SortDir = 'asc' | 'desc';

export interface SortSpec {
  readonly field: string;
  readonly dir: SortDir;
}

export const DEFAULT_SORT: SortSpec = { field: TITLE_KEY, dir: 'asc' };

/** A row's position in an order: records without a value come last whichever the direction. */
export type SortKey = string | number | null;

export interface Keyed {
  readonly id: string;
  key: SortKey;
}

/** Kinds that can order a list; references would sort by id, which means nothing to a reader. */
const SORTABLE = new Set(['text', 'email', 'phone', 'url', 'integer', 'number', 'boolean', 'date', 'datetime', 'enum', 'currency', 'money']);
/** Kinds whose values the store keeps as index keys (booleans and objects are not keys). */
const INDEX_KEY_KINDS = new Set(['text', 'email', 'phone', 'url', 'integer', 'number', 'date', 'datetime', 'enum', 'currency']);

export function isSortable(field: string, def: FieldDef | undefined): boolean {
  return field === TITLE_KEY || (def !== undefined && SORTABLE.has(def.kind));
}

/**
 * The store's index that gives this order without reading records ('_sort' for the title), or
 * undefined when the list has to be sorted here. Only built-in fields marked `indexed` have one.
 */
export function indexFor(field: string, def: FieldDef | undefined): string | undefined {
  if (field === TITLE_KEY) return '_sort';
  return def?.indexed && INDEX_KEY_KINDS.has(def.kind) ? field : undefined;
}

/** The value a row is ordered by: case-insensitive text, numbers, money by its amount. */
export function sortKey(row: Row, field: string, def: FieldDef | undefined): SortKey {
  if (field === TITLE_KEY) return row._sort;
  const v = fieldValue(row, field);
  if (v === undefined || v === null || v === '') return null;
  if (def?.kind === 'boolean') return v === true ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.toLowerCase();
  if (typeof v === 'object' && typeof (v as { amount?: unknown }).amount === 'number') return (v as { amount: number }).amount;
  return null;
}

/** Ascending or descending by key; missing keys last either way; numbers before text. */
export function compareKeys(a: SortKey, b: SortKey, dir: SortDir): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  let c: number;
  if (typeof a === typeof b) c = a < b ? -1 : 1;
  else c = typeof a === 'number' ? -1 : 1;
  return dir === 'asc' ? c : -c;
}

/** Entries sorted per run before merging: small enough that one run takes a millisecond or two. */
const RUN = 2048;

/**
 * Sorts `items` by key, stably (equal keys keep their incoming order, the title order), in
 * steps: the generator yields after each run sorted and every RUN elements merged, so the
 * caller can give the page a turn between slices. Returns the sorted array.
 */
export function* sortInSteps(items: readonly Keyed[], dir: SortDir): Generator<void, Keyed[], void> {
  const cmp = (x: Keyed, y: Keyed): number => compareKeys(x.key, y.key, dir);
  let src = items.slice();
  for (let i = 0; i < src.length; i += RUN) {
    const run = src.slice(i, i + RUN).sort(cmp); // Array.prototype.sort is stable
    for (let j = 0; j < run.length; j++) src[i + j] = run[j] as Keyed;
    yield;
  }
  let dst: Keyed[] = new Array<Keyed>(src.length);
  for (let width = RUN; width < src.length; width *= 2) {
    let sinceYield = 0;
    for (let lo = 0; lo < src.length; lo += 2 * width) {
      const mid = Math.min(lo + width, src.length);
      const hi = Math.min(lo + 2 * width, src.length);
      let i = lo;
      let j = mid;
      let k = lo;
      while (k < hi) {
        // Taking from the left run on ties keeps the sort stable.
        if (j >= hi || (i < mid && cmp(src[i] as Keyed, src[j] as Keyed) <= 0)) dst[k++] = src[i++] as Keyed;
        else dst[k++] = src[j++] as Keyed;
        if (++sinceYield >= RUN) {
          sinceYield = 0;
          yield;
        }
      }
    }
    [src, dst] = [dst, src];
  }
  return src;
}

/** Position at which an entry with `key` goes into `sorted` (after its equals). */
export function insertionIndex(sorted: readonly Keyed[], key: SortKey, dir: SortDir): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys((sorted[mid] as Keyed).key, key, dir) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
