// Search terms: the words a record can be found by. They are stored with the row (a multi-entry
// index), so a keystroke is one indexed prefix query rather than a scan of every record.
import { fieldsOf, type Values } from './validate.ts';
import type { CollectionName } from './collections.ts';
import type { CustomFieldDef } from './custom-fields.ts';

/** Lower case without diacritics: "Müller" and "muller" find each other; Cyrillic is kept. */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const WORD = /[\p{L}\p{N}]+/gu;

export function words(s: string): string[] {
  return fold(s).match(WORD) ?? [];
}

export function searchTerms(
  collection: CollectionName,
  values: Values,
  custom: readonly CustomFieldDef[] = [],
): string[] {
  const terms = new Set<string>();
  for (const [key, def] of Object.entries(fieldsOf(collection, custom))) {
    if (!def.searchable) continue;
    const v = values[key];
    if (typeof v !== 'string' || !v) continue;
    if (def.kind === 'phone') {
      const digits = v.replace(/\D/g, '');
      if (digits) terms.add(digits);
      continue;
    }
    if (def.kind === 'email') terms.add(fold(v));
    for (const w of words(v)) terms.add(w);
  }
  return [...terms];
}

/** Splits a query into folded word prefixes; a query of digits also matches phone numbers. */
export function queryTerms(query: string): string[] {
  return words(query);
}

/** True when every query prefix starts some term of the record. */
export function matchesAll(terms: readonly string[], prefixes: readonly string[]): boolean {
  return prefixes.every((p) => terms.some((t) => t.startsWith(p)));
}
