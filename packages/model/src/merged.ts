// What reading needs of merges (SPEC R16): which collections merge, and following a record's
// marker to the record that holds it now. Merging itself is in merge.ts.
import type { CollectionName } from './names.ts';

/** Collections whose records can be merged. */
export const MERGEABLE = ['accounts', 'contacts'] as const satisfies readonly CollectionName[];
export type MergeableCollection = (typeof MERGEABLE)[number];

export function isMergeable(c: string): c is MergeableCollection {
  return (MERGEABLE as readonly string[]).includes(c);
}

/** Follows merge markers from `id` to the record that holds it now (chains end: ids only fall). */
export function resolveMerged(id: string, mergedInto: (id: string) => string | undefined): string {
  let cur = id;
  for (let i = 0; i < 64; i++) {
    const next = mergedInto(cur);
    if (!next || next >= cur) return cur;
    cur = next;
  }
  return cur;
}
