// Shared test fixtures: workspace S generated once per test file (27,702 records, well under a
// second), and small helpers to look at it.
import type { CollectionName, RecordValues } from '@counterpart/model';
import { generateWorkspace, type GeneratedRecord } from '../src/index.ts';

let cached: GeneratedRecord[] | undefined;

/** All records of workspace S with the default seed, in yield order. */
export function workspaceS(): GeneratedRecord[] {
  cached ??= [...generateWorkspace({ size: 's' })];
  return cached;
}

export function recordsOf(records: readonly GeneratedRecord[], collection: CollectionName): GeneratedRecord[] {
  return records.filter((r) => r.collection === collection);
}

/** A generated record's values, typed by the schema, with its id and creation time. */
export type Rec<C extends CollectionName> = RecordValues<C> & { readonly id: string; readonly created: number };

/** The records of one collection as typed values. */
export function valuesOf<C extends CollectionName>(records: readonly GeneratedRecord[], collection: C): Rec<C>[] {
  return records
    .filter((r) => r.collection === collection)
    .map((r) => ({ ...(r.values as RecordValues<C>), id: r.id, created: r.created }));
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/** Levenshtein distance, for near-duplicate checks. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}
