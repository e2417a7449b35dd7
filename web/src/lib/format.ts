// Numbers, dates and money shown to the user, formatted with Intl in the user's locale.
// Formatters are built once: constructing Intl objects is far slower than using them.
import { formatMoney as formatMoneyIn, type FieldDef, type Money } from '@counterpart/model';
import { isMoney } from './field-input.ts';
import { formatLocale, optionLabel, t } from './i18n.ts';

const integer = new Intl.NumberFormat(formatLocale, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(formatLocale, { maximumFractionDigits: 2 });
const date = new Intl.DateTimeFormat(formatLocale, { dateStyle: 'medium', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat(formatLocale, { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat(formatLocale, { timeStyle: 'short' });
const day = new Intl.DateTimeFormat(formatLocale, { weekday: 'long', day: 'numeric', month: 'long' });

export function formatCount(n: number): string {
  return integer.format(n);
}

export function formatNumber(n: number): string {
  return decimal.format(n);
}

/** An ISO date (YYYY-MM-DD) is a calendar day, not an instant: formatted in UTC so it never shifts. */
export function formatDate(iso: string): string {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(ms) ? iso : date.format(ms);
}

export function formatDateTime(ms: number): string {
  return dateTime.format(ms);
}

/** The time of day of an instant, in local time ("14:30", "2:30 PM"). */
export function formatTime(ms: number): string {
  return time.format(ms);
}

/** The local day of an instant with its weekday ("Friday, 27 November"). */
export function formatDay(ms: number): string {
  return day.format(ms);
}

const relative = new Intl.RelativeTimeFormat(formatLocale, { numeric: 'auto' });
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago an instant was ("3 minutes ago", "yesterday"); a date once it is a month old. */
export function formatAgo(ms: number, now: number): string {
  const d = now - ms;
  if (d < MINUTE) return t.justNow;
  if (d < HOUR) return relative.format(-Math.floor(d / MINUTE), 'minute');
  if (d < DAY) return relative.format(-Math.floor(d / HOUR), 'hour');
  if (d < 30 * DAY) return relative.format(-Math.floor(d / DAY), 'day');
  return formatDateTime(ms);
}

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
const byteFormats = new Map<string, Intl.NumberFormat>();

/** A file size: "820 byte", "1.4 MB" in the user's locale (units of 1,024). */
export function formatBytes(n: number): string {
  let i = 0;
  let value = n;
  while (value >= 1024 && i < byteUnits.length - 1) {
    value /= 1024;
    i++;
  }
  const unit = byteUnits[i] ?? 'byte';
  let f = byteFormats.get(unit);
  if (!f) byteFormats.set(unit, (f = new Intl.NumberFormat(formatLocale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: i === 0 ? 0 : 1 })));
  return f.format(value);
}

let units: { day: Intl.NumberFormat; hour: Intl.NumberFormat; minute: Intl.NumberFormat } | undefined;

/** A span of time in its two largest units ("2 d 5 h", "3 h 12 min", "4 min"). */
export function formatDuration(ms: number): string {
  units ??= {
    day: new Intl.NumberFormat(formatLocale, { style: 'unit', unit: 'day', unitDisplay: 'narrow' }),
    hour: new Intl.NumberFormat(formatLocale, { style: 'unit', unit: 'hour', unitDisplay: 'narrow' }),
    minute: new Intl.NumberFormat(formatLocale, { style: 'unit', unit: 'minute', unitDisplay: 'short' }),
  };
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / MINUTE));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d) return h ? `${units.day.format(d)} ${units.hour.format(h)}` : units.day.format(d);
  if (h) return m ? `${units.hour.format(h)} ${units.minute.format(m)}` : units.hour.format(h);
  return units.minute.format(m);
}

export function formatMoney(m: Money): string {
  return formatMoneyIn(m, formatLocale);
}

/** Seconds with one decimal, for progress and timings. */
export function formatSeconds(ms: number): string {
  return decimal.format(Math.round(ms / 100) / 10);
}

/** A row value as plain text: strings and numbers as they are, anything else as nothing. */
export function asText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** A stored value as read-only text, by field kind. */
export function displayValue(def: FieldDef, value: unknown): string {
  if (value === null || value === undefined || value === '') return t.none;
  switch (def.kind) {
    case 'boolean': return value === true ? t.yes : t.no;
    case 'enum': return optionLabel(asText(value));
    case 'date': return formatDate(asText(value));
    case 'datetime': return typeof value === 'number' ? formatDateTime(value) : asText(value);
    case 'integer':
    case 'number': return typeof value === 'number' ? formatNumber(value) : asText(value);
    case 'money': return isMoney(value) ? formatMoney(value) : t.none;
    // Values of unknown shape (from a newer version) are still shown, not hidden.
    default: return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
