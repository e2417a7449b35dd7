// Field kinds and the validation of one value. A field's kind decides both how its value is
// checked and how it is held in the record's CRDT (see record-doc.ts and SPEC.md R1–R6).
import { isCurrencyCode } from './money.ts';
import type { CollectionName } from './names.ts';
import { collectionOfId } from './ids.ts';

interface Base {
  readonly label: string;
  readonly required?: boolean;
  /** Kept in the materialised row index (Dexie) for sorting and filtering. */
  readonly indexed?: boolean;
  /** Contributes words to the record's search terms. */
  readonly searchable?: boolean;
  /** Kept by the app itself (a merge's marker): not offered in forms, columns or filters. */
  readonly system?: boolean;
}

export type FieldDef =
  | (Base & { readonly kind: 'text'; readonly max?: number })
  | (Base & { readonly kind: 'longtext' })
  | (Base & { readonly kind: 'email' })
  | (Base & { readonly kind: 'phone' })
  | (Base & { readonly kind: 'url' })
  | (Base & { readonly kind: 'integer'; readonly min?: number; readonly max?: number })
  | (Base & { readonly kind: 'number'; readonly min?: number; readonly max?: number })
  | (Base & { readonly kind: 'boolean' })
  | (Base & { readonly kind: 'date' })
  | (Base & { readonly kind: 'datetime' })
  | (Base & { readonly kind: 'enum'; readonly options: readonly string[] })
  | (Base & { readonly kind: 'currency' })
  | (Base & { readonly kind: 'money'; readonly nonNegative?: boolean })
  | (Base & { readonly kind: 'ref'; readonly to: CollectionName | 'any' })
  | (Base & { readonly kind: 'map' })
  | (Base & { readonly kind: 'lines'; readonly line: Readonly<Record<string, FieldDef>> });

export type FieldKind = FieldDef['kind'];

/** The kinds a workspace may use for its own custom fields. */
export const CUSTOM_FIELD_KINDS = [
  'text', 'longtext', 'email', 'phone', 'url', 'integer', 'number', 'boolean', 'date', 'datetime', 'enum', 'money',
] as const satisfies readonly FieldKind[];
export type CustomFieldKind = (typeof CUSTOM_FIELD_KINDS)[number];

export type Checked = { ok: true; value: unknown } | { ok: false; message: string };

const ok = (value: unknown): Checked => ({ ok: true, value });
const bad = (message: string): Checked => ({ ok: false, message });

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/**
 * Checks one value against its field definition. `null` clears a field (refused when required).
 * Values are normalised where that is unambiguous (trimmed text, lower-case e-mail).
 */
export function checkValue(def: FieldDef, value: unknown): Checked {
  if (value === null || value === undefined || value === '') {
    return def.required ? bad('is required') : ok(null);
  }
  switch (def.kind) {
    case 'text': {
      if (typeof value !== 'string') return bad('must be text');
      const v = value.trim();
      if (!v) return def.required ? bad('is required') : ok(null);
      const max = def.max ?? 500;
      return v.length > max ? bad(`must be at most ${max} characters`) : ok(v);
    }
    case 'longtext':
      return typeof value === 'string' ? ok(value) : bad('must be text');
    case 'email': {
      if (typeof value !== 'string') return bad('must be an e-mail address');
      const v = value.trim().toLowerCase();
      return EMAIL.test(v) ? ok(v) : bad(`"${value}" is not an e-mail address`);
    }
    case 'phone': {
      if (typeof value !== 'string') return bad('must be a phone number');
      const v = value.trim();
      const digits = v.replace(/\D/g, '');
      return /^[+\d\s().\-/]+$/.test(v) && digits.length >= 3 && digits.length <= 20
        ? ok(v)
        : bad(`"${value}" is not a phone number`);
    }
    case 'url': {
      if (typeof value !== 'string') return bad('must be a web address');
      const v = value.trim();
      try {
        const u = new URL(/^[a-z]+:\/\//i.test(v) ? v : `https://${v}`);
        return u.protocol === 'http:' || u.protocol === 'https:' ? ok(u.href) : bad('must be an http(s) address');
      } catch {
        return bad(`"${value}" is not a web address`);
      }
    }
    case 'integer':
    case 'number': {
      // Number('  ') is 0: a blank input clears the field instead.
      if (typeof value === 'string' && !value.trim()) return def.required ? bad('is required') : ok(null);
      const n = typeof value === 'string' ? Number(value.trim()) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) return bad('must be a number');
      if (def.kind === 'integer' && !Number.isSafeInteger(n)) return bad('must be a whole number');
      if (def.min !== undefined && n < def.min) return bad(`must be at least ${def.min}`);
      if (def.max !== undefined && n > def.max) return bad(`must be at most ${def.max}`);
      return ok(n);
    }
    case 'boolean':
      return typeof value === 'boolean' ? ok(value) : bad('must be yes or no');
    case 'date':
      return typeof value === 'string' && isIsoDate(value) ? ok(value) : bad('must be a date (YYYY-MM-DD)');
    case 'datetime': {
      // Held as epoch milliseconds: compact, sortable, zone-free.
      // Date.parse rolls an impossible day over (30 February is 2 March): refuse it instead.
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && !isIsoDate(value.slice(0, 10))) {
        return bad('must be a date and time');
      }
      const n = typeof value === 'string' ? Date.parse(value) : value;
      return typeof n === 'number' && Number.isFinite(n) && Number.isInteger(n)
        ? ok(n)
        : bad('must be a date and time');
    }
    case 'enum':
      return typeof value === 'string' && def.options.includes(value)
        ? ok(value)
        : bad(`must be one of ${def.options.join(', ')}`);
    case 'currency':
      return isCurrencyCode(value) ? ok(value) : bad('must be a three-letter ISO currency code');
    case 'money': {
      if (typeof value !== 'object' || value === null) return bad('must be an amount with a currency');
      const { amount, currency } = value as { amount?: unknown; currency?: unknown };
      if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
        return bad('must be a whole number of minor units (cents)');
      }
      if (!isCurrencyCode(currency)) return bad('must have a three-letter ISO currency code');
      if (def.nonNegative && amount < 0) return bad('must not be negative');
      return ok({ amount, currency });
    }
    case 'ref': {
      if (typeof value !== 'string') return bad('must be a record id');
      const c = collectionOfId(value);
      if (!c) return bad(`"${value}" is not a record id`);
      return def.to === 'any' || c === def.to ? ok(value) : bad(`must refer to ${def.to}, not ${c}`);
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return bad('must be a set of answers');
      const out: Record<string, string | number | boolean> = {};
      for (const [k, v] of Object.entries(value)) {
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
          return bad(`answer "${k}" must be text, a number or yes/no`);
        }
        out[k] = v;
      }
      return ok(out);
    }
    case 'lines': {
      if (!Array.isArray(value)) return bad('must be a list of lines');
      const out: Record<string, unknown>[] = [];
      for (const [i, line] of value.entries()) {
        if (typeof line !== 'object' || line === null) return bad(`line ${i + 1} must be an object`);
        const checked: Record<string, unknown> = {};
        for (const [k, d] of Object.entries(def.line)) {
          const r = checkValue(d, (line as Record<string, unknown>)[k]);
          if (!r.ok) return bad(`line ${i + 1}: ${d.label} ${r.message}`);
          if (r.value !== null) checked[k] = r.value;
        }
        const id = (line as { id?: unknown }).id;
        if (id !== undefined) {
          if (typeof id !== 'string' || !/^[0-9a-z]{4,40}$/.test(id)) return bad(`line ${i + 1} has an invalid id`);
          checked.id = id;
        }
        out.push(checked);
      }
      return ok(out);
    }
  }
}
