// Planted near-duplicates: the records a dedupe feature should find.
//
// The rule, independent of the seed: of a collection with n records, the last D = round(n·share)
// are duplicates, and the k-th of them (record n-D+k) duplicates record ⌊(k + ½)·(n-D)/D⌋, an
// original spread evenly over the rest. So the pairs are known without generating anything.
// What differs between the two (legal form added or dropped, a typo, the phone written another
// way, the same e-mail typed in another case — which the model stores lower-cased, so it comes
// out identical) is drawn per seed in gen/accounts.ts and gen/contacts.ts.
import type { RecordId } from '@counterpart/model';
import { SIZES, idFor, type Size } from './sizes.ts';

export const DUPLICATE_SHARE = { accounts: 0.01, contacts: 0.015 } as const;

export type DuplicateCollection = keyof typeof DUPLICATE_SHARE;

export function duplicateCount(collection: DuplicateCollection, n: number): number {
  return Math.round(n * DUPLICATE_SHARE[collection]);
}

/** Index of the record that duplicate number k (0-based) copies, in a collection of n. */
export function duplicateOriginal(collection: DuplicateCollection, n: number, k: number): number {
  const d = duplicateCount(collection, n);
  return Math.floor(((k + 0.5) * (n - d)) / d);
}

export interface DuplicatePair {
  readonly collection: DuplicateCollection;
  readonly original: RecordId;
  readonly duplicate: RecordId;
}

/** Every planted near-duplicate pair of a workspace size. */
export function plantedDuplicates(size: Size): DuplicatePair[] {
  const out: DuplicatePair[] = [];
  for (const collection of ['accounts', 'contacts'] as const) {
    const n = SIZES[size][collection];
    const d = duplicateCount(collection, n);
    for (let k = 0; k < d; k++) {
      out.push({
        collection,
        original: idFor(collection, duplicateOriginal(collection, n, k)),
        duplicate: idFor(collection, n - d + k),
      });
    }
  }
  return out;
}
