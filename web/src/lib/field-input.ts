// Conversions between stored field values and what an <input> holds, per field kind.
// Pure functions: the model validates and normalises whatever comes back (R7), so these only
// translate representations and never decide what is valid.
import { currencyExponent, type FieldDef, type Money } from '@counterpart/model';

/** The HTML input type for the text-like kinds. */
export function inputType(def: FieldDef): string {
  switch (def.kind) {
    case 'email': return 'email';
    case 'phone': return 'tel';
    case 'url': return 'url';
    case 'date': return 'date';
    case 'datetime': return 'datetime-local';
    // Numbers use a text input: a number input reports '' for text it cannot parse, which would
    // silently clear the field; the model's message ("must be a number") is clearer.
    default: return 'text';
  }
}

/** The virtual keyboard to offer on touch devices. */
export function inputMode(def: FieldDef): 'numeric' | 'decimal' | undefined {
  return def.kind === 'integer' ? 'numeric' : def.kind === 'number' ? 'decimal' : undefined;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Epoch ms → "YYYY-MM-DDTHH:mm" in local time, as datetime-local inputs expect. */
export function toLocalDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A stored value as the string an input shows ('' for none). */
export function toInput(def: FieldDef, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (def.kind === 'datetime' && typeof value === 'number') return toLocalDateTime(value);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** An input's string as the value to validate and store ('' clears the field). */
export function fromInput(def: FieldDef, text: string): unknown {
  const v = text.trim();
  if (v === '') return null;
  if (def.kind === 'datetime') {
    // A datetime-local string without a zone is local time, which is what the user meant.
    const ms = new Date(v).getTime();
    return Number.isNaN(ms) ? v : ms;
  }
  if (def.kind === 'currency') return v.toUpperCase();
  return def.kind === 'longtext' ? text : v;
}

/** Minor units → a plain decimal string in major units for an input ("1999", EUR → "19.99"). */
export function moneyToInput(m: Money | undefined): string {
  if (!m) return '';
  const exp = currencyExponent(m.currency);
  const digits = String(Math.abs(m.amount)).padStart(exp + 1, '0');
  const major = exp ? `${digits.slice(0, -exp)}.${digits.slice(-exp)}` : digits;
  return m.amount < 0 ? `-${major}` : major;
}

export function isMoney(v: unknown): v is Money {
  return typeof v === 'object' && v !== null && typeof (v as Money).amount === 'number' && typeof (v as Money).currency === 'string';
}

/** Common currencies offered in money inputs; a stored value outside the list is added to it. */
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'PLN', 'UAH', 'CZK', 'SEK', 'NOK', 'DKK', 'JPY', 'CNY'] as const;
