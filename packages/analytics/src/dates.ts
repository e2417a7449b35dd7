// Calendar days as integers (days since 1970-01-01, UTC), the unit all summaries start from.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

// Logs repeat the same few thousand dates over and over; parsing each once keeps summaries of
// hundreds of thousands of rows cheap. Bounded so a long-running worker does not grow it forever.
const parsed = new Map<string, number | undefined>();
const MAX_CACHED = 50_000;

/** Day number of a YYYY-MM-DD date, or undefined when it is not a real calendar date. */
export function parseDay(text: string): number | undefined {
  if (parsed.has(text)) return parsed.get(text);
  if (parsed.size >= MAX_CACHED) parsed.clear();
  const day = parseUncached(text);
  parsed.set(text, day);
  return day;
}

function parseUncached(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

/** Day number of a date that must be valid (inputs already checked by their producer). */
export function dayOf(text: string): number {
  const day = parseDay(text);
  if (day === undefined) throw new RangeError(`not a date YYYY-MM-DD: "${text}"`);
  return day;
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar month of a day as YYYY-MM. */
export function monthOf(day: number): string {
  return formatDay(day).slice(0, 7);
}

/** Months from `from` to `to` inclusive, both YYYY-MM. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** Model time units: weeks (the published CDNOW figures) or days. */
export type Period = 'week' | 'day';

export function daysPerUnit(period: Period): number {
  return period === 'week' ? 7 : 1;
}

/** An average month in days (365.25 / 12), the step of CLV horizons. */
export const DAYS_PER_MONTH = 365.25 / 12;
