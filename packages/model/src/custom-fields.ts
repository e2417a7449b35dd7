// Custom fields are defined per collection by the workspace (not in code). Their values live in
// the record beside the built-in fields under the key `x_<key>`, so they can never collide with a
// built-in field, today's or a future schema's.
import { CUSTOM_FIELD_KINDS, type CustomFieldKind, type FieldDef } from './fields.ts';

export interface CustomFieldDef {
  readonly key: string;
  readonly label: string;
  readonly kind: CustomFieldKind;
  readonly options?: readonly string[];
  readonly required?: boolean;
}

export const CUSTOM_PREFIX = 'x_';

export function customFieldKey(def: Pick<CustomFieldDef, 'key'>): string {
  return CUSTOM_PREFIX + def.key;
}

/** Turns a workspace's definition into the FieldDef that validates and stores its values. */
export function customFieldDef(def: CustomFieldDef): FieldDef {
  const base = { label: def.label, required: def.required ?? false, searchable: def.kind === 'text' };
  return def.kind === 'enum' ? { ...base, kind: 'enum', options: def.options ?? [] } : { ...base, kind: def.kind };
}

/** Parses an untrusted definition (from a form or from a synced settings doc). */
export function parseCustomFieldDef(input: unknown): { def: CustomFieldDef } | { error: string } {
  if (typeof input !== 'object' || input === null) return { error: 'A custom field must be an object' };
  const { key, label, kind, options, required } = input as Record<string, unknown>;
  if (typeof key !== 'string' || !/^[a-z][a-z0-9_]{0,39}$/.test(key)) {
    return { error: 'Custom field key must start with a letter and use only a-z, 0-9 and _ (at most 40)' };
  }
  if (typeof label !== 'string' || !label.trim() || label.length > 80) {
    return { error: `Custom field "${key}" needs a label of 1–80 characters` };
  }
  if (typeof kind !== 'string' || !(CUSTOM_FIELD_KINDS as readonly string[]).includes(kind)) {
    return { error: `Custom field "${key}" has unknown kind "${String(kind)}"` };
  }
  let opts: string[] | undefined;
  if (kind === 'enum') {
    if (!Array.isArray(options) || options.length === 0 || !options.every((o) => typeof o === 'string' && o)) {
      return { error: `Custom field "${key}" is a choice field and needs a list of options` };
    }
    opts = [...new Set(options as string[])];
  }
  if (required !== undefined && typeof required !== 'boolean') {
    return { error: `Custom field "${key}": required must be true or false` };
  }
  return {
    def: {
      key,
      label: label.trim(),
      kind: kind as CustomFieldKind,
      ...(opts ? { options: opts } : {}),
      ...(required ? { required } : {}),
    },
  };
}
