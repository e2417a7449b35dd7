// Merging two records of one collection into one (SPEC R16). The layout added to the loser's doc:
//   mg  Y.Map  into: survivor id, at: ms, by: author,
//              r:<collection>:<id>:<field> -> 1    a reference the merge moved to the survivor
//              s:<field> -> { before, after }      a survivor field the merge replaced
// Keys rather than one value, so two devices merging the same pair at once keep both their lists.
import * as Y from 'yjs';
import { COLLECTIONS, type CollectionName } from './collections.ts';
import type { FieldDef } from './fields.ts';
import type { Values } from './validate.ts';

export { MERGEABLE, isMergeable, resolveMerged, type MergeableCollection } from './merged.ts';

export const MERGE_MAP = 'mg';

export interface MovedRef {
  readonly collection: CollectionName;
  readonly id: string;
  readonly field: string;
}

export interface MergeEntry {
  readonly into: string;
  readonly at: number;
  readonly by: string;
  readonly moved: readonly MovedRef[];
  /** Survivor fields the merge replaced: `{ before, after }` (the values before and written). */
  readonly replaced: Readonly<Record<string, unknown>>;
}

/** The record that survives: the smaller id, whoever merges and whichever way round (R16). */
export function survivorOf(a: string, b: string): string {
  return a < b ? a : b;
}

/** Every field of every collection that can refer to a record of `target` (the marker aside). */
export function referencingFields(target: CollectionName): { collection: CollectionName; field: string }[] {
  const out: { collection: CollectionName; field: string }[] = [];
  for (const [c, def] of Object.entries(COLLECTIONS) as [CollectionName, { fields: Readonly<Record<string, FieldDef>> }][]) {
    for (const [field, f] of Object.entries(def.fields)) {
      if (f.kind === 'ref' && !f.system && (f.to === target || f.to === 'any')) out.push({ collection: c, field });
    }
  }
  return out;
}

export function writeMergeEntry(doc: Y.Doc, entry: MergeEntry): void {
  doc.transact(() => {
    const m = doc.getMap<unknown>(MERGE_MAP);
    m.set('into', entry.into);
    m.set('at', entry.at);
    m.set('by', entry.by);
    for (const r of entry.moved) m.set(`r:${r.collection}:${r.id}:${r.field}`, 1);
    for (const [field, v] of Object.entries(entry.replaced)) {
      // A concurrent merge may have replaced the field already: the value before both is kept.
      if (!m.has(`s:${field}`)) m.set(`s:${field}`, v ?? null);
    }
  });
}

export function readMergeEntry(doc: Y.Doc): MergeEntry | undefined {
  const m = doc.getMap<unknown>(MERGE_MAP);
  const into = m.get('into');
  if (typeof into !== 'string') return undefined;
  const moved: MovedRef[] = [];
  const replaced: Record<string, unknown> = {};
  for (const [k, v] of m.entries()) {
    if (k.startsWith('r:')) {
      const [, collection, id, field] = k.split(':');
      if (collection && id && field && collection in COLLECTIONS) moved.push({ collection: collection as CollectionName, id, field });
    } else if (k.startsWith('s:')) {
      replaced[k.slice(2)] = v;
    }
  }
  moved.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.field < b.field ? -1 : 1));
  const at = m.get('at');
  const by = m.get('by');
  return { into, at: typeof at === 'number' ? at : 0, by: typeof by === 'string' ? by : '', moved, replaced };
}

export function clearMergeEntry(doc: Y.Doc): void {
  doc.transact(() => {
    const m = doc.getMap<unknown>(MERGE_MAP);
    for (const k of [...m.keys()]) m.delete(k);
  });
}

/** Which record's value the survivor keeps for a field; `both` joins two long texts. */
export type MergeChoice = 'survivor' | 'loser' | 'both';

/** The fields a person chooses between when merging (not the marker, lines or answers). */
export function mergeFields(fields: Readonly<Record<string, FieldDef>>): string[] {
  return Object.entries(fields)
    .filter(([, d]) => !d.system && d.kind !== 'lines' && d.kind !== 'map')
    .map(([k]) => k);
}

const empty = (v: unknown): boolean => v === undefined || v === null || v === '';
const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The choice offered first for each field: the non-empty value; of two, the newer record's
 * (`_created`, the survivor's on a tie).
 */
export function defaultChoices(fields: readonly string[], survivor: Values, loser: Values): Record<string, MergeChoice> {
  const newer = Number(loser._created ?? 0) > Number(survivor._created ?? 0) ? 'loser' : 'survivor';
  const out: Record<string, MergeChoice> = {};
  for (const f of fields) {
    const s = survivor[f];
    const l = loser[f];
    out[f] = empty(l) || same(s, l) ? 'survivor' : empty(s) ? 'loser' : newer;
  }
  return out;
}

/** The survivor's changed fields for these choices: what the merge writes to it. */
export function mergePatch(
  fields: Readonly<Record<string, FieldDef>>,
  survivor: Values,
  loser: Values,
  choices: Readonly<Record<string, MergeChoice>>,
): Values {
  const patch: Values = {};
  for (const [f, choice] of Object.entries(choices)) {
    const def = fields[f];
    if (!def || def.system || choice === 'survivor') continue;
    const s = survivor[f];
    const l = loser[f];
    let next: unknown;
    if (choice === 'both') {
      if (def.kind !== 'longtext') throw new Error(`"${f}" is not a long text: its values cannot be joined`);
      next = [s, l].filter((v) => typeof v === 'string' && v.trim()).join('\n\n');
    } else next = l ?? null;
    if (!same(s, next)) patch[f] = next === '' ? null : next;
  }
  return patch;
}
