// A file's text turned into a field's value, before the model validates it: numbers with either
// decimal mark, yes/no words, enum values by their name or label, amounts with a currency. What
// cannot be read is passed on as it is, so the model's message names the field and the value.
import { currencyExponent, isCurrencyCode, type FieldDef } from '@counterpart/model';
import { exportDate } from './formats.ts';

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'да', 'ja', 'oui', 'sí', 'si']);
const NO = new Set(['no', 'n', 'false', '0', 'нет', 'nein', 'non']);

function number(text: string): number | undefined {
  const v = text.replace(/[\s\u00a0']/g, '');
  // "1.234,50" and "1,234.50": the last mark is the decimal one.
  const normal = /,\d{1,2}$/.test(v) || (/^-?\d+,\d+$/.test(v) && !/\./.test(v)) ? v.replace(/\./g, '').replace(',', '.') : v.replace(/,/g, '');
  const n = Number(normal);
  return v && Number.isFinite(n) ? n : undefined;
}

/**
 * A date and time as files write them, in this device's zone unless the text names one:
 * "2026-03-02 14:30", "2026-03-02T14:30:00Z", "02.03.2026 14:30", or a day alone (its start).
 */
export function dateTime(text: string): number | undefined {
  const m = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(text.trim());
  const day = m ? exportDate(m[1]!, 'ymd') : undefined;
  if (!m || !day) return undefined;
  const [h, min, sec] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 23 || min > 59 || sec > 59) return undefined;
  const time = `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
  const zone = m[5] ? (m[5].toUpperCase() === 'Z' ? 'Z' : m[5].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '';
  const ms = Date.parse(`${day}T${time}${zone}`);
  return Number.isFinite(ms) ? ms : undefined;
}

export function coerce(def: FieldDef, raw: unknown, currency: string): unknown {
  if (typeof raw !== 'string') return raw;
  const text = raw.trim();
  if (!text) return null;
  switch (def.kind) {
    case 'integer':
    case 'number':
      return number(text) ?? text;
    case 'boolean': {
      const w = text.toLowerCase();
      return YES.has(w) ? true : NO.has(w) ? false : text;
    }
    case 'date':
      return exportDate(text, 'ymd') ?? text;
    case 'datetime':
      return dateTime(text) ?? text;
    case 'enum': {
      const w = text.toLowerCase().replace(/[\s-]+/g, '_');
      return def.options.find((o) => o === w) ?? text;
    }
    case 'longtext':
      return raw.replace(/\r\n?/g, '\n').trim();
    case 'currency':
      return text.toUpperCase();
    case 'money': {
      const m = /^([A-Za-z]{3})?\s*([-\d.,\s'\u00a0]+?)\s*([A-Za-z]{3})?$/.exec(text);
      const code = (m?.[1] ?? m?.[3] ?? currency).toUpperCase();
      const n = m?.[2] ? number(m[2]) : undefined;
      if (n === undefined || !isCurrencyCode(code)) return text;
      return { amount: Math.round(n * 10 ** currencyExponent(code)), currency: code };
    }
    default:
      return text;
  }
}
