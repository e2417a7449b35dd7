// Which columns each list shows. Labels come from the schema, so a renamed field is renamed in
// the list too. Narrow screens drop the `wide` columns (see ListView's CSS), so a tablet in
// portrait keeps the columns a rep scans most.
import { COLLECTIONS, COLLECTION_NAMES, type CollectionName, type FieldDef } from '@counterpart/model';
import { t } from './i18n.ts';
import type { ListCollection } from './router.svelte.ts';

export interface Column {
  /** A field of the row, '_title' for the record's title, '_account' for the account's name. */
  readonly key: string;
  readonly label: string;
  readonly enum?: boolean;
  /** Hidden below 1000px wide. */
  readonly wide?: boolean;
  /** The field's definition, to show its value by kind (dates, money…). */
  readonly def?: FieldDef;
}

const accounts = COLLECTIONS.accounts.fields;
const contacts = COLLECTIONS.contacts.fields;

/** Kinds shown as plain text in a list cell. */
const CELL_KINDS = new Set(['text', 'email', 'phone', 'url', 'integer', 'number', 'date', 'datetime', 'enum', 'currency', 'money']);

/**
 * Columns for a collection without a hand-made list: the title, the account, then up to four
 * indexed fields (what a list is sorted and filtered by is what people scan for).
 */
function defaultColumns(c: CollectionName): Column[] {
  const fields: Readonly<Record<string, FieldDef>> = COLLECTIONS[c].fields;
  const title = new Set<string>(COLLECTIONS[c].title);
  const out: Column[] = [{ key: '_title', label: t.columnName }];
  if (fields.accountId?.kind === 'ref') out.push({ key: '_account', label: fields.accountId.label });
  for (const [key, def] of Object.entries(fields)) {
    if (out.length >= 5) break;
    if (title.has(key) || !def.indexed || !CELL_KINDS.has(def.kind)) continue;
    out.push({ key, label: def.label, def, ...(def.kind === 'enum' ? { enum: true } : {}), ...(out.length >= 3 ? { wide: true } : {}) });
  }
  return out;
}

const MADE: Partial<Record<ListCollection, readonly Column[]>> = {
  accounts: [
    { key: '_title', label: t.columnName },
    { key: 'kind', label: accounts.kind.label, enum: true },
    { key: 'city', label: accounts.city.label },
    { key: 'segment', label: accounts.segment.label, wide: true },
  ],
  contacts: [
    { key: '_title', label: t.columnName },
    { key: 'jobTitle', label: contacts.jobTitle.label, wide: true },
    { key: 'buyingRole', label: contacts.buyingRole.label, enum: true },
    { key: 'email', label: contacts.email.label, wide: true },
    { key: 'phone', label: contacts.phone.label, wide: true },
    { key: '_account', label: contacts.accountId.label },
  ],
};

export const LIST_COLUMNS: Readonly<Record<ListCollection, readonly Column[]>> = Object.fromEntries(
  COLLECTION_NAMES.map((c) => [c, MADE[c] ?? defaultColumns(c)]),
) as Record<ListCollection, readonly Column[]>;
