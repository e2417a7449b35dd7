// The unit the generator yields: one record of one collection, with the values to store and
// the instant it was created (the record doc's meta.created, SPEC R1).
import type { CollectionName, RecordId, Values } from '@counterpart/model';
import { idFor } from './sizes.ts';

export interface GeneratedRecord {
  readonly collection: CollectionName;
  readonly id: RecordId;
  /** Values in the model's normal form: validate(collection, values) returns them unchanged. */
  readonly values: Values;
  /** Creation instant, epoch ms. */
  readonly created: number;
}

/** Sales (prices, orders, deals) are in euro; costs of contacts (calls, visits, campaigns,
 * expenses) in US dollars, the unit of the cost benchmarks in the product brief ($18 a call,
 * $400 a visit). Analytics that compare them convert explicitly. */
export const SALES_CURRENCY = 'EUR';
export const COST_CURRENCY = 'USD';

export function record(collection: CollectionName, index: number, values: Values, created: number): GeneratedRecord {
  return { collection, id: idFor(collection, index), values, created: Math.round(created) };
}

/** Drops undefined entries so optional fields are absent rather than cleared. */
export function compact(values: Record<string, unknown>): Values {
  for (const k of Object.keys(values)) if (values[k] === undefined) delete values[k];
  return values;
}

export function eur(cents: number): { amount: number; currency: string } {
  return { amount: Math.round(cents), currency: SALES_CURRENCY };
}

export function usd(cents: number): { amount: number; currency: string } {
  return { amount: Math.round(cents), currency: COST_CURRENCY };
}

/** Line ids inside one record: "l001", "l002"… (4–40 chars of 0-9a-z, SPEC R4). Fixed rather
 * than random so the same seed gives byte-identical record docs. */
export function lineId(prefix: string, i: number): string {
  return `${prefix}${String(i + 1).padStart(3, '0')}`;
}
