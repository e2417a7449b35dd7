// Which columns a list can show and which it shows by default. Labels come from the schema (and
// the workspace's custom fields), so a renamed field is renamed in the list too. Narrow screens
// drop the `wide` columns (see ListView's CSS), so a tablet in portrait keeps the columns a rep
// scans most.
import { COLLECTIONS, COLLECTION_NAMES, type CollectionName, type CustomFieldDef, type FieldDef } from '@counterpart/model';
import { t } from './i18n.ts';
import { fieldsIn } from './labels.ts';
import type { ListCollection } from './router.svelte.ts';

/** The record's title: not a field of its own but what every list leads with. */
export const TITLE_KEY = '_title';

export interface Column {
  /** A field of the row, or TITLE_KEY. */
  readonly key: string;
  readonly label: string;
  /** The field's definition, to show, sort and filter its value by kind; none for the title. */
  readonly def?: FieldDef;
  /** Hidden below 1000px wide. */
  readonly wide?: boolean;
  /** Grid track size; the default suits short values. */
  readonly width?: string;
}

/** Kinds that fit a list cell; long texts, answer sets and line items live on the record page. */
const CELL_KINDS = new Set(['text', 'email', 'phone', 'url', 'integer', 'number', 'boolean', 'date', 'datetime', 'enum', 'currency', 'money', 'ref']);

const TITLE: Column = { key: TITLE_KEY, label: t.columnName, width: 'minmax(12rem, 2fr)' };

/** Every column a collection's list can show: the title, its fields, then its custom fields. */
export function availableColumns(c: CollectionName, custom: readonly CustomFieldDef[] = []): Column[] {
  const out: Column[] = [TITLE];
  for (const [key, def] of Object.entries(fieldsIn(c, custom))) {
    if (CELL_KINDS.has(def.kind)) out.push({ key, label: def.label, def });
  }
  return out;
}

/**
 * Columns for a collection without a hand-made list: the title, the account, then up to four
 * indexed fields (what a list is sorted and filtered by is what people scan for).
 */
function defaultKeys(c: CollectionName): string[] {
  const fields: Readonly<Record<string, FieldDef>> = COLLECTIONS[c].fields;
  const title = new Set<string>(COLLECTIONS[c].title);
  const out = [TITLE_KEY];
  if (fields.accountId?.kind === 'ref') out.push('accountId');
  for (const [key, def] of Object.entries(fields)) {
    if (out.length >= 5) break;
    if (title.has(key) || !def.indexed || def.kind === 'ref' || !CELL_KINDS.has(def.kind)) continue;
    out.push(key);
  }
  return out;
}

const MADE: Partial<Record<ListCollection, readonly string[]>> = {
  accounts: [TITLE_KEY, 'kind', 'city', 'segment'],
  contacts: [TITLE_KEY, 'jobTitle', 'buyingRole', 'email', 'phone', 'accountId'],
  leads: [TITLE_KEY, 'status', 'score', 'assigneeId', 'receivedAt', 'source'],
  tickets: [TITLE_KEY, 'severity', 'status', 'due', 'ownerId', 'accountId'],
};

/** Hand-tuned widths and narrow-screen choices of the lists people use most. */
const LAYOUT: Partial<Record<ListCollection, Readonly<Record<string, Pick<Column, 'wide' | 'width'>>>>> = {
  accounts: { segment: { wide: true } },
  contacts: {
    _title: { width: 'minmax(10rem, 1.5fr)' },
    jobTitle: { wide: true, width: 'minmax(9rem, 1.4fr)' },
    buyingRole: { width: 'minmax(10.5rem, 1fr)' },
    email: { wide: true, width: 'minmax(11rem, 1.7fr)' },
    phone: { wide: true, width: 'minmax(9rem, 1.1fr)' },
    accountId: { width: 'minmax(10rem, 1.5fr)' },
  },
};

/** The columns a list shows until someone chooses others. */
export const DEFAULT_COLUMN_KEYS: Readonly<Record<ListCollection, readonly string[]>> = Object.fromEntries(
  COLLECTION_NAMES.map((c) => [c, MADE[c] ?? defaultKeys(c)]),
) as Record<ListCollection, readonly string[]>;

/**
 * The columns for `keys`, in that order; keys of fields that no longer exist (a removed custom
 * field) are skipped. The title always comes first. Columns of the default layout beyond the
 * first three give way on narrow screens.
 */
export function resolveColumns(c: ListCollection, keys: readonly string[], custom: readonly CustomFieldDef[] = []): Column[] {
  const all = new Map(availableColumns(c, custom).map((col) => [col.key, col]));
  const layout = LAYOUT[c] ?? {};
  const defaults = DEFAULT_COLUMN_KEYS[c];
  const out: Column[] = [];
  for (const key of [TITLE_KEY, ...keys.filter((k) => k !== TITLE_KEY)]) {
    const col = all.get(key);
    if (!col || out.some((o) => o.key === key)) continue;
    const tuned = layout[key];
    const wide = tuned?.wide ?? (MADE[c] ? undefined : defaults.indexOf(key) >= 3 ? true : undefined);
    out.push({ ...col, ...(tuned?.width ? { width: tuned.width } : {}), ...(wide ? { wide } : {}) });
  }
  return out;
}
