// What the "New account" / "New contact" form asks for: the fields a rep fills in at the door;
// everything else is edited on the record page afterwards.
import { COLLECTIONS, COLLECTION_NAMES, type CollectionName, type FieldDef, type Values } from '@counterpart/model';
import type { ListCollection } from './router.svelte.ts';

/** Kinds the short form can ask for (long text, maps and line items are edited on the page). */
const FORM_KINDS = new Set(['text', 'email', 'phone', 'url', 'integer', 'number', 'boolean', 'date', 'datetime', 'enum', 'currency', 'money', 'ref']);

/** The required fields, then the title and indexed ones, six at most. */
function defaultFields(c: CollectionName): string[] {
  const fields: Readonly<Record<string, FieldDef>> = COLLECTIONS[c].fields;
  const entries = Object.entries(fields).filter(([, d]) => FORM_KINDS.has(d.kind));
  const title = new Set<string>(COLLECTIONS[c].title);
  const pick = [
    ...entries.filter(([, d]) => d.required),
    ...entries.filter(([k, d]) => !d.required && (title.has(k) || d.indexed)),
  ].map(([k]) => k);
  return [...new Set(pick)].slice(0, Math.max(6, entries.filter(([, d]) => d.required).length));
}

const MADE: Partial<Record<ListCollection, readonly string[]>> = {
  accounts: ['name', 'kind', 'city', 'phone', 'email'],
  contacts: ['firstName', 'lastName', 'jobTitle', 'buyingRole', 'email', 'phone'],
  // A quote or order starts at the first step of its workflow (model SPEC R13, R14).
  quotes: ['number', 'accountId', 'contactId', 'currency', 'issuedOn', 'validUntil'],
  orders: ['number', 'accountId', 'contactId', 'currency', 'orderedOn', 'source'],
};

export const NEW_RECORD_FIELDS: Readonly<Record<ListCollection, readonly string[]>> = Object.fromEntries(
  COLLECTION_NAMES.map((c) => [c, MADE[c] ?? defaultFields(c)]),
) as Record<ListCollection, readonly string[]>;

/** A new record starts with these values (a datetime "when" starts now, set by the dialog). */
export const NEW_RECORD_DEFAULTS: Readonly<Partial<Record<ListCollection, Values>>> = {
  accounts: { kind: 'customer' },
  quotes: { status: 'draft' },
  orders: { status: 'registered' },
};
