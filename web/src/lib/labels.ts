// Names of collections and fields in the UI language. The schema (@counterpart/model) declares
// them in English; a catalogue may translate every one of them (`SchemaLabels` makes the compiler
// list any it misses). Custom fields keep the label their workspace gave them.
import {
  COLLECTIONS, CUSTOM_PREFIX, customFieldDef, customFieldKey,
  type CollectionName, type CustomFieldDef, type FieldDef, type FieldIssue,
} from '@counterpart/model';
import { catalogue, t } from './i18n.ts';

type FieldsOf<C extends CollectionName> = (typeof COLLECTIONS)[C]['fields'];
type LineKeys<F> = { [K in keyof F]: F[K] extends { readonly kind: 'lines'; readonly line: infer L } ? keyof L : never }[keyof F];

export type SchemaLabels = {
  readonly [C in CollectionName]: {
    /** Plural, as a list heading ("Accounts"). */
    readonly label: string;
    readonly singular: string;
    readonly fields: { readonly [K in keyof FieldsOf<C>]: string };
  };
} & {
  /** Fields of line items (order lines, price list items, expenses), by key. */
  readonly lines: { readonly [K in { [C in CollectionName]: LineKeys<FieldsOf<C>> }[CollectionName]]: string };
};

const schema = catalogue.schema;

/** "Accounts": the collection as a list heading. */
export function collectionLabel(c: CollectionName): string {
  return schema?.[c].label ?? COLLECTIONS[c].label;
}

/** "Account": one record of the collection. */
export function singularLabel(c: CollectionName): string {
  return schema?.[c].singular ?? COLLECTIONS[c].singular;
}

/** A field's label; custom fields and fields unknown to the catalogue keep their own. */
export function fieldLabel(c: CollectionName, key: string, def?: FieldDef): string {
  const own = def?.label ?? (COLLECTIONS[c].fields as Readonly<Record<string, FieldDef>>)[key]?.label ?? key;
  if (!schema || key.startsWith(CUSTOM_PREFIX)) return own;
  return (schema[c].fields as Readonly<Record<string, string>>)[key] ?? own;
}

function localise(c: CollectionName, fields: Readonly<Record<string, FieldDef>>): Readonly<Record<string, FieldDef>> {
  const out: Record<string, FieldDef> = {};
  for (const [key, def] of Object.entries(fields)) {
    const label = fieldLabel(c, key, def);
    out[key] = label === def.label && def.kind !== 'lines' ? def : localiseDef(def, label);
  }
  return out;
}

function localiseDef(def: FieldDef, label: string): FieldDef {
  if (def.kind !== 'lines' || !schema) return { ...def, label };
  const line: Record<string, FieldDef> = {};
  for (const [key, d] of Object.entries(def.line)) {
    line[key] = { ...d, label: (schema.lines as Readonly<Record<string, string>>)[key] ?? d.label };
  }
  return { ...def, label, line };
}

const builtIn = new Map<CollectionName, Readonly<Record<string, FieldDef>>>();

/**
 * A collection's fields with their labels in the UI language: the built-in ones, then the
 * workspace's custom fields (as `fieldsOf` in the model).
 */
export function fieldsIn(c: CollectionName, custom: readonly CustomFieldDef[] = []): Readonly<Record<string, FieldDef>> {
  let fields = builtIn.get(c);
  if (!fields) {
    // Fields the app keeps itself (a merge's marker) are not offered to people.
    const own = Object.fromEntries(Object.entries(COLLECTIONS[c].fields as Readonly<Record<string, FieldDef>>).filter(([, d]) => !d.system));
    fields = schema ? localise(c, own) : own;
    builtIn.set(c, fields);
  }
  if (custom.length === 0) return fields;
  const out: Record<string, FieldDef> = { ...fields };
  for (const def of custom) out[customFieldKey(def)] = customFieldDef(def);
  return out;
}

/** A validation problem as shown next to its field or in a notice. */
export function issueText(c: CollectionName, issue: FieldIssue): string {
  const label = Object.hasOwn(COLLECTIONS[c].fields, issue.field) ? fieldLabel(c, issue.field) : issue.label;
  return t.fieldIssue(label, messageText(issue.message));
}

/**
 * A message of the model or the store for the person who made the mistake (a field's check, a
 * sale's, a rule set's, a custom field's), in the interface's language: the one way such
 * messages are shown.
 */
export function messageText(message: string): string {
  return catalogue.check ? catalogue.check(message) : message;
}
