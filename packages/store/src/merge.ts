// Merging duplicates and taking a merge back (model SPEC R16). A merge is one `updateMany`: the
// references moved, the survivor's chosen fields, the loser's marker and its merge entry are
// saved together or not at all, and sync as ordinary field edits.
import type * as Y from 'yjs';
import {
  collectionOfId, COLLECTIONS, fieldsOf, isMergeable, readRecord, resolveMerged, SCHEMA_VERSION, validate,
  ValidationError, writeRecord, type CollectionName, type MergeableCollection, type Row, type Values,
} from '@counterpart/model';
import {
  clearMergeEntry, mergeFields, mergePatch, readMergeEntry, referencingFields, survivorOf, writeMergeEntry, type MergeChoice, type MovedRef,
} from '@counterpart/model/merge';
import { StoreError } from './errors.ts';
import { NOT_DUPLICATES_MAP, SETTINGS_DOC_ID } from './settings.ts';
import type { WorkspaceStore } from './store.ts';

export interface Patch {
  readonly collection: CollectionName;
  readonly id: string;
  readonly patch: Values;
  /** Further changes to the record's doc, in the same doc transaction. */
  readonly also?: (doc: Y.Doc) => void;
}

/**
 * Writes patches to several records as one saved change (store SPEC S18): every patch is
 * validated, with the workspace's rules (S14), before anything is written, so a refusal writes
 * nothing; then all are committed in one transaction.
 */
export async function updateMany(store: WorkspaceStore, items: readonly Patch[]): Promise<void> {
  const checked = items.map((i) => ({ ...i, values: validate(i.collection, i.patch, { partial: true, custom: store.customFields(i.collection) }) }));
  // The rules load with the store's own writes to ruled collections (rules.ts), not before.
  const rules = items.some((i) => i.collection === 'tickets' || i.collection === 'leads') ? await import('./rules.ts') : undefined;
  const sales = rules?.salesSettingsFrom(store.settings.sales);
  await store.editMany([...new Set(items.map((i) => i.id))], (docs) => {
    const writes = checked.map((i) => {
      const doc = docs.get(i.id)!;
      const state = readRecord(doc);
      const what = COLLECTIONS[i.collection].singular;
      if (state.collection !== i.collection || state.deleted) throw new StoreError('not-found', `${what} ${i.id} does not exist`);
      if (state.schemaVersion > SCHEMA_VERSION) throw new StoreError('read-only', `${what} ${i.id} was saved by a newer version of Counterpart; update the app to edit it`);
      const derived = rules && sales && (i.collection === 'tickets' || i.collection === 'leads') ? rules.deriveValues(i.collection, state.values, i.values, sales, Date.now()) : undefined;
      if (derived?.issues.length) {
        const fields: Readonly<Record<string, { label: string }>> = COLLECTIONS[i.collection].fields;
        throw new ValidationError(i.collection, derived.issues.map((x) => ({ ...x, label: fields[x.field]?.label ?? x.field })));
      }
      return { ...i, doc, values: { ...i.values, ...derived?.values } };
    });
    for (const w of writes) {
      w.doc.transact(() => {
        writeRecord(w.doc, w.collection, w.values, { custom: store.customFields(w.collection), by: store.author });
        w.also?.(w.doc);
      });
    }
  });
}

/** The id a reference to `id` means now: the record it was merged into, through any chain. */
export async function resolveRecord(store: WorkspaceStore, id: string): Promise<string> {
  const c = collectionOfId(id);
  if (!c || !isMergeable(c)) return id;
  const into = new Map<string, string>();
  let cur: string | undefined = id;
  while (cur && !into.has(cur) && into.size < 64) {
    const v: unknown = (await store.get(c, cur))?.mergedInto;
    if (typeof v !== 'string') break;
    into.set(cur, v);
    cur = v;
  }
  return resolveMerged(id, (x) => into.get(x));
}

/** Marks two records "not a duplicate" for the whole workspace, or takes the mark back. */
export async function markNotDuplicate(store: WorkspaceStore, a: string, b: string, not = true): Promise<void> {
  const key = a < b ? `${a}|${b}` : `${b}|${a}`;
  await store.edit(SETTINGS_DOC_ID, (doc) => {
    doc.getMap('meta').set('c', SETTINGS_DOC_ID);
    const m = doc.getMap<unknown>(NOT_DUPLICATES_MAP);
    if (not) m.set(key, { at: Date.now(), by: store.author });
    else m.delete(key);
  });
}

export interface MergePlan {
  readonly collection: MergeableCollection;
  readonly survivor: Row;
  readonly loser: Row;
  /** The fields to choose between, in schema order. */
  readonly fields: readonly string[];
  /** The references to the loser that the merge moves to the survivor. */
  readonly relations: readonly MovedRef[];
}

export interface MergeOutcome {
  readonly survivor: string;
  readonly loser: string;
  /** References moved, per collection. */
  readonly moved: Readonly<Partial<Record<CollectionName, number>>>;
}

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

async function listed(store: WorkspaceStore, collection: MergeableCollection, id: string): Promise<Row> {
  const row = await store.get(collection, id);
  const what = COLLECTIONS[collection].singular;
  if (!row) throw new StoreError('not-found', `${what} ${id} does not exist`);
  if (typeof row.mergedInto === 'string' && row.mergedInto) {
    throw new StoreError('invalid-update', `${what} ${row._title || id} was merged into another record already`);
  }
  return row;
}

/** What merging `a` and `b` would do: which survives, and the references that move. */
export async function planMerge(store: WorkspaceStore, collection: MergeableCollection, a: string, b: string): Promise<MergePlan> {
  if (a === b) throw new StoreError('invalid-update', 'A record cannot be merged with itself');
  const survivorId = survivorOf(a, b);
  const loserId = survivorId === a ? b : a;
  const [survivor, loser] = await Promise.all([listed(store, collection, survivorId), listed(store, collection, loserId)]);
  const relations: MovedRef[] = [];
  for (const { collection: c, field } of referencingFields(collection)) {
    for (const id of await store.refersTo(c, field, loserId)) {
      if (id !== survivorId && id !== loserId) relations.push({ collection: c, id, field });
    }
  }
  return { collection, survivor, loser, fields: mergeFields(fieldsOf(collection, store.customFields(collection))), relations };
}

/** Counts of references per collection. */
export function countByCollection(refs: readonly MovedRef[]): Partial<Record<CollectionName, number>> {
  const out: Partial<Record<CollectionName, number>> = {};
  for (const r of refs) out[r.collection] = (out[r.collection] ?? 0) + 1;
  return out;
}

/**
 * Merges two records: the one with the smaller id survives with the values `choices` pick, every
 * reference to the other moves to it, and the other is marked merged (hidden, kept).
 */
export async function mergeRecords(
  store: WorkspaceStore,
  collection: MergeableCollection,
  a: string,
  b: string,
  choices: Readonly<Record<string, MergeChoice>> = {},
): Promise<MergeOutcome> {
  const plan = await planMerge(store, collection, a, b);
  const survivorId = plan.survivor.id;
  const loserId = plan.loser.id;
  const fields = fieldsOf(collection, store.customFields(collection));
  const patch = mergePatch(fields, plan.survivor, plan.loser, choices);
  const replaced: Record<string, unknown> = {};
  for (const f of Object.keys(patch)) replaced[f] = plan.survivor[f] ?? null;
  await updateMany(store, [
    ...plan.relations.map((r) => ({ collection: r.collection, id: r.id, patch: { [r.field]: survivorId } })),
    ...(Object.keys(patch).length ? [{ collection, id: survivorId, patch }] : []),
    {
      collection,
      id: loserId,
      patch: { mergedInto: survivorId },
      also: (doc) => writeMergeEntry(doc, { into: survivorId, at: Date.now(), by: store.author, moved: plan.relations, replaced: withNew(replaced, patch) }),
    },
  ]);
  return { survivor: survivorId, loser: loserId, moved: countByCollection(plan.relations) };
}

function withNew(before: Record<string, unknown>, patch: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [f, v] of Object.entries(before)) out[f] = { before: v, after: patch[f] ?? null };
  return out;
}

/**
 * Takes a merge back: the loser is listed again, the references the merge moved (and still on
 * the survivor) go back to it, and survivor fields the merge replaced and nobody changed since
 * get their earlier values.
 */
export async function unmergeRecords(store: WorkspaceStore, collection: MergeableCollection, loserId: string): Promise<MergeOutcome> {
  const loser = await store.get(collection, loserId);
  const what = COLLECTIONS[collection].singular;
  if (!loser) throw new StoreError('not-found', `${what} ${loserId} does not exist`);
  const doc = await store.acquire(loserId);
  let entry;
  try {
    entry = readMergeEntry(doc);
  } finally {
    store.release(loserId);
  }
  const into = typeof loser.mergedInto === 'string' ? loser.mergedInto : entry?.into;
  if (!into || typeof loser.mergedInto !== 'string') throw new StoreError('invalid-update', `${what} ${loser._title || loserId} is not merged into another record`);
  const back: MovedRef[] = [];
  for (const r of entry?.moved ?? []) {
    const row = await store.get(r.collection, r.id);
    if (row && row[r.field] === into) back.push(r);
  }
  const survivor = await store.get(collection, into);
  const restore: Values = {};
  if (survivor) {
    for (const [f, v] of Object.entries(entry?.replaced ?? {})) {
      const { before, after } = (typeof v === 'object' && v !== null ? v : {}) as { before?: unknown; after?: unknown };
      const now = survivor[f] ?? null;
      if (same(now, after ?? null) || same(now, loser[f] ?? null)) restore[f] = before ?? null;
    }
  }
  await updateMany(store, [
    ...back.map((r) => ({ collection: r.collection, id: r.id, patch: { [r.field]: loserId } })),
    ...(survivor && Object.keys(restore).length ? [{ collection, id: into, patch: restore }] : []),
    { collection, id: loserId, patch: { mergedInto: null }, also: clearMergeEntry },
  ]);
  return { survivor: into, loser: loserId, moved: countByCollection(back) };
}
