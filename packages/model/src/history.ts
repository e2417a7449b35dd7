// Record history (SPEC R11): who changed which field of a record, when, from what to what.
// The entries live in the record's own doc, in the top-level Y.Array `h`, so the history works
// offline, travels with the record through the relay, and merges like any other change:
// entries appended concurrently on two devices are both kept, in the same order everywhere.
//
// Each entry is one immutable plain value: { f: field key, v: previous value, n: new value,
// by: author's name ('' when unknown), at: epoch ms on the author's device }. `null` is an empty
// field. A value whose JSON is longer than HISTORY_VALUE_MAX is not kept (its key is absent):
// the entry still says who changed the field and when, but it cannot be restored.
//
// The history is capped so a record's doc stays small: after each append the oldest entries, by
// position in the array, are deleted until at most HISTORY_LIMIT entries and HISTORY_BUDGET
// characters remain. Two devices trimming at once delete the same identified items, so their
// docs converge; the merged array can briefly hold a few entries over the cap, until the next
// edit trims it again (readHistory never returns more than the cap).
import * as Y from 'yjs';

/** Name of the top-level Y.Array holding a record's history. */
export const HISTORY_KEY = 'h';
/** Most entries kept per record. */
export const HISTORY_LIMIT = 200;
/** Most characters (JSON) of all kept entries of a record together. */
export const HISTORY_BUDGET = 64_000;
/** Longest value (JSON characters) kept for restore; a long text up to about this size. */
export const HISTORY_VALUE_MAX = 4_000;

export interface HistoryEntry {
  /** The field's key (`phone`, `x_region`). */
  readonly f: string;
  /** The value before the change; null when the field was empty; absent when too large to keep. */
  readonly v?: unknown;
  /** The value after the change, as for `v`. */
  readonly n?: unknown;
  /** Who made the change, as their device names them; '' when unknown. */
  readonly by: string;
  /** When, in epoch milliseconds of the author's device. */
  readonly at: number;
}

export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface HistoryOptions {
  readonly by?: string;
  readonly at?: number;
}

function historyOf(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>(HISTORY_KEY);
}

/** An empty field is null, however it was written. */
function norm(value: unknown): unknown {
  return value === undefined || value === '' ? null : value;
}

/** The value as stored in an entry, or undefined when it is too large to keep. */
function keepable(value: unknown): unknown {
  const v = norm(value);
  return JSON.stringify(v).length <= HISTORY_VALUE_MAX ? v : undefined;
}

function toEntry(change: FieldChange, opts: HistoryOptions): HistoryEntry {
  const v = keepable(change.before);
  const n = keepable(change.after);
  return {
    f: change.field,
    ...(v === undefined ? {} : { v }),
    ...(n === undefined ? {} : { n }),
    by: opts.by ?? '',
    at: opts.at ?? Date.now(),
  };
}

/**
 * Appends one entry per change and trims the oldest beyond the cap, in one transaction (inside
 * the caller's, when there is one). Changes whose values are equal are skipped.
 */
export function appendHistory(doc: Y.Doc, changes: readonly FieldChange[], opts: HistoryOptions = {}): void {
  const entries = changes
    .filter((c) => JSON.stringify(norm(c.before)) !== JSON.stringify(norm(c.after)))
    .map((c) => toEntry(c, opts));
  if (entries.length === 0) return;
  doc.transact(() => {
    const h = historyOf(doc);
    h.push(entries);
    trim(h);
  });
}

/** Deletes the oldest entries (lowest positions) beyond HISTORY_LIMIT or HISTORY_BUDGET. */
function trim(h: Y.Array<unknown>): void {
  const items = h.toArray();
  let size = 0;
  let keepFrom = items.length;
  // The newest entry is always kept, however large.
  while (keepFrom > 0 && items.length - keepFrom < HISTORY_LIMIT) {
    const s = JSON.stringify(items[keepFrom - 1]).length;
    if (keepFrom < items.length && size + s > HISTORY_BUDGET) break;
    size += s;
    keepFrom--;
  }
  if (keepFrom > 0) h.delete(0, keepFrom);
}

/**
 * Records one editing session of a long text as one entry: `before` is the text when the session
 * started, the entry's new value the text now. Long texts change per keystroke; recording each
 * one would fill the history with single characters (SPEC R11).
 */
export function recordTextEdit(doc: Y.Doc, field: string, before: string, opts: HistoryOptions = {}): void {
  const after = doc.getText(`t.${field}`).toJSON();
  appendHistory(doc, [{ field, before, after }], opts);
}

function parseEntry(raw: unknown): HistoryEntry | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const e = raw as Record<string, unknown>;
  if (typeof e.f !== 'string' || !e.f || typeof e.at !== 'number' || !Number.isFinite(e.at)) return undefined;
  return {
    f: e.f,
    ...(Object.hasOwn(e, 'v') ? { v: e.v } : {}),
    ...(Object.hasOwn(e, 'n') ? { n: e.n } : {}),
    by: typeof e.by === 'string' ? e.by : '',
    at: e.at,
  };
}

/**
 * The record's history, newest first (by time, then by position, identically on every device),
 * at most HISTORY_LIMIT entries. Malformed entries (from a faulty peer) are skipped.
 */
export function readHistory(doc: Y.Doc): HistoryEntry[] {
  const out: { e: HistoryEntry; i: number }[] = [];
  historyOf(doc).forEach((raw, i) => {
    const e = parseEntry(raw);
    if (e) out.push({ e, i });
  });
  out.sort((a, b) => b.e.at - a.e.at || b.i - a.i);
  return out.slice(0, HISTORY_LIMIT).map((x) => x.e);
}

/** Calls `fn` whenever the record's history changes, here or by a merged update; returns a stop. */
export function observeHistory(doc: Y.Doc, fn: () => void): () => void {
  const h = historyOf(doc);
  const observer = (): void => fn();
  h.observe(observer);
  return () => h.unobserve(observer);
}

/** Whether the entry kept the earlier value, so the field can be set back to it. */
export function canRestore(entry: HistoryEntry): boolean {
  return Object.hasOwn(entry, 'v');
}

/**
 * The patch that sets the field back to the entry's earlier value. It is an ordinary edit:
 * validated like any other (a value the schema no longer allows is refused) and itself recorded.
 */
export function restorePatch(entry: HistoryEntry): Record<string, unknown> {
  if (!canRestore(entry)) throw new RangeError(`The earlier value of ${entry.f} was too large to keep`);
  return { [entry.f]: entry.v ?? null };
}
