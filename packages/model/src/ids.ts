// Branded record ids: a ContactId cannot be passed where an AccountId is expected.
// Ids are random (crypto) so devices create records offline without coordination;
// the prefix names the collection so an id read in a log or URL says what it is.
import type { CollectionName } from './names.ts';

export type RecordId<C extends CollectionName = CollectionName> = string & { readonly __collection: C };

export type AccountId = RecordId<'accounts'>;
export type ContactId = RecordId<'contacts'>;
export type ActivityId = RecordId<'activities'>;
export type DealId = RecordId<'deals'>;
export type ProductId = RecordId<'products'>;
export type PriceListId = RecordId<'priceLists'>;
export type QuoteId = RecordId<'quotes'>;
export type OrderId = RecordId<'orders'>;
export type TaskId = RecordId<'tasks'>;
export type TicketId = RecordId<'tickets'>;
export type LeadId = RecordId<'leads'>;
export type CampaignId = RecordId<'campaigns'>;
export type AttachmentId = RecordId<'attachments'>;
export type UserId = RecordId<'users'>;

export const ID_PREFIX: Record<CollectionName, string> = {
  accounts: 'acc',
  contacts: 'con',
  activities: 'act',
  deals: 'dea',
  products: 'prd',
  priceLists: 'prl',
  quotes: 'quo',
  orders: 'ord',
  tasks: 'tsk',
  tickets: 'tkt',
  leads: 'led',
  campaigns: 'cmp',
  attachments: 'att',
  users: 'usr',
};

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case
const ID_PATTERN = /^([a-z]{3})_([0-9a-z]{4,40})$/;

/** A new random id for a record of `collection`: `acc_` + 16 base32 characters (80 bits). */
export function newId<C extends CollectionName>(collection: C): RecordId<C> {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += ALPHABET[b & 31];
  return `${ID_PREFIX[collection]}_${s}` as RecordId<C>;
}

/** An id built from a caller's own unique suffix (the demo generator's counters, imports). */
export function makeId<C extends CollectionName>(collection: C, suffix: string): RecordId<C> {
  const id = `${ID_PREFIX[collection]}_${suffix}`;
  if (!ID_PATTERN.test(id)) throw new Error(`Invalid id suffix "${suffix}": use 4–40 characters 0-9 a-z`);
  return id as RecordId<C>;
}

/** FNV-1a, 32 bits, with a seed. */
function fnv(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function base32(n: number, digits: number): string {
  let s = '';
  for (let i = 0; i < digits; i++) {
    s = ALPHABET[n & 31] + s;
    n >>>= 5;
  }
  return s;
}

const SEEDS = [0x811c9dc5, 0x5bd1e995, 0x9747b28c] as const;

/**
 * An id suffix derived from `key`: 7 base32 characters per seeded FNV-1a hash, `hashes` of them
 * (two give a 64-bit id with no collisions in practice). The same on every device, so records
 * derived from the same thing (a cadence step of an account, a sale's external id) are one.
 */
export function derivedSuffix(key: string, hashes: 2 | 3): string {
  return SEEDS.slice(0, hashes).map((seed) => base32(fnv(key, seed), 7)).join('');
}

/** The collection an id belongs to, or undefined when the string is not a record id. */
export function collectionOfId(id: string): CollectionName | undefined {
  const m = ID_PATTERN.exec(id);
  if (!m) return undefined;
  for (const [c, p] of Object.entries(ID_PREFIX)) if (p === m[1]) return c as CollectionName;
  return undefined;
}

export function isRecordId<C extends CollectionName>(collection: C, value: unknown): value is RecordId<C> {
  return typeof value === 'string' && collectionOfId(value) === collection;
}
