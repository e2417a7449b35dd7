// A materialised row: the plain, indexable projection of a record doc that lists, search and
// analytics read without loading any Y.Doc. Rows are derived data: they can always be rebuilt
// from the stored CRDT updates.
import type { CollectionName } from './collections.ts';
import type { CustomFieldDef } from './custom-fields.ts';
import { discount, multiply } from './money.ts';
import type { RecordState } from './record-doc.ts';
import { titleOf } from './record-doc.ts';
import { searchTerms } from './search.ts';
import type { Values } from './validate.ts';

export interface Row extends Record<string, unknown> {
  readonly id: string;
  /** Display title. */
  readonly _title: string;
  /** Lower-cased title for sorting. */
  readonly _sort: string;
  /** Search terms (multi-entry index). */
  readonly _t: string[];
  readonly _created: number;
  /** Order and quote total after line and header discounts, in minor units of `currency`. */
  readonly _total?: number;
}

interface Line {
  quantity?: number;
  unitPrice?: { amount: number; currency: string };
  discountPct?: number;
}

/** Total of priced lines after line discounts and the document discount, in minor units. */
export function linesTotal(lines: readonly Line[] | undefined, headerDiscountPct = 0): number {
  let sum = 0;
  for (const l of lines ?? []) {
    if (!l.unitPrice || typeof l.quantity !== 'number') continue;
    sum += discount(multiply(l.unitPrice.amount, l.quantity), l.discountPct ?? 0);
  }
  return discount(sum, headerDiscountPct);
}

export function toRow(
  collection: CollectionName,
  state: Pick<RecordState, 'id' | 'created' | 'values'>,
  custom: readonly CustomFieldDef[] = [],
): Row {
  const values: Values = state.values;
  const title = titleOf(collection, values);
  const row: Record<string, unknown> = {
    ...values,
    id: state.id,
    _title: title,
    _sort: title.toLowerCase(),
    _t: searchTerms(collection, values, custom),
    _created: state.created,
  };
  if (collection === 'orders' || collection === 'quotes') {
    row._total = linesTotal(values.lines as Line[] | undefined, (values.discountPct as number | undefined) ?? 0);
  }
  return row as Row;
}
