// Validation of whole records and patches against the collection schema and the workspace's
// custom fields. Every refusal names the field, so the UI and importers can show it in place.
import { COLLECTIONS, type CollectionName } from './collections.ts';
import { checkValue, type FieldDef } from './fields.ts';
import { customFieldDef, customFieldKey, type CustomFieldDef } from './custom-fields.ts';

export interface FieldIssue {
  readonly field: string;
  readonly label: string;
  readonly message: string;
}

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly collection: CollectionName,
    readonly issues: readonly FieldIssue[],
  ) {
    super(issues.map((i) => `${i.label} ${i.message}`).join('; '));
  }
}

/** All fields of a collection: the built-in ones, then the workspace's custom fields. */
export function fieldsOf(
  collection: CollectionName,
  custom: readonly CustomFieldDef[] = [],
): Readonly<Record<string, FieldDef>> {
  const builtIn: Readonly<Record<string, FieldDef>> = COLLECTIONS[collection].fields;
  if (custom.length === 0) return builtIn;
  const out: Record<string, FieldDef> = { ...builtIn };
  for (const def of custom) out[customFieldKey(def)] = customFieldDef(def);
  return out;
}

export type Values = Record<string, unknown>;

/**
 * Checks `input` and returns the normalised values (null means "clear this field").
 * `partial` checks a patch: absent fields are left alone, but a required field cannot be cleared.
 * Throws ValidationError listing every problem.
 */
export function validate(
  collection: CollectionName,
  input: Values,
  opts: { partial?: boolean; custom?: readonly CustomFieldDef[] } = {},
): Values {
  const fields = fieldsOf(collection, opts.custom);
  const issues: FieldIssue[] = [];
  const out: Values = {};
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(fields, key)) {
      issues.push({ field: key, label: key, message: `is not a field of ${COLLECTIONS[collection].label.toLowerCase()}` });
    }
  }
  for (const [key, def] of Object.entries(fields)) {
    if (opts.partial && !Object.hasOwn(input, key)) continue;
    const r = checkValue(def, input[key]);
    if (!r.ok) issues.push({ field: key, label: def.label, message: r.message });
    else if (Object.hasOwn(input, key)) out[key] = r.value;
  }
  if (issues.length) throw new ValidationError(collection, issues);
  return out;
}
