// The contact exports people bring most often, recognised by their header row and read without
// asking how columns map: Google Contacts (the current export and the older "Google CSV") and
// Outlook (desktop and Outlook.com, the same columns). Multi-valued cells of Google's export hold
// values separated by " ::: "; numbered columns ("E-mail 2 - Value", "E-mail 2 Address") hold
// further e-mails, phones and addresses.
import { emptyDraft, put, putCompany, type Draft } from './draft.ts';

export type KnownFormat = 'google' | 'outlook';

const GOOGLE_MARKS = [/^E-mail 1 - Value$/, /^Phone 1 - Value$/, /^(Given Name|First Name)$/, /^(Family Name|Last Name)$/];
const OUTLOOK_MARKS = [/^E-mail Address$/, /^Mobile Phone$/, /^Business Phone$/, /^Job Title$/, /^Company$/];

/** Which export a header row belongs to, if any. */
export function detectFormat(headers: readonly string[]): KnownFormat | null {
  const has = (re: RegExp): boolean => headers.some((h) => re.test(h));
  if (has(/^E-mail 1 - Value$/) && GOOGLE_MARKS.filter(has).length >= 3) return 'google';
  if (OUTLOOK_MARKS.filter(has).length >= 4) return 'outlook';
  return null;
}

/** Google's multi-value cells: "a@x.com ::: b@x.com". */
export function multi(cell: string | undefined): string[] {
  return (cell ?? '').split(':::').map((v) => v.trim()).filter(Boolean);
}

type Cells = (header: string) => string;

function cellsOf(headers: readonly string[], cells: readonly string[]): Cells {
  const at = new Map<string, number>();
  headers.forEach((h, i) => {
    if (!at.has(h)) at.set(h, i);
  });
  return (header) => {
    const i = at.get(header);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
}

/** Numbers n of the headers matching `re` (whose first group is n), in order. */
function numbered(headers: readonly string[], re: RegExp): number[] {
  const out = new Set<number>();
  for (const h of headers) {
    const m = re.exec(h);
    if (m?.[1]) out.add(Number(m[1]));
  }
  return [...out].sort((a, b) => a - b);
}

/** A date as the exports write it, as YYYY-MM-DD; undefined when it has no year or is not a date. */
export function exportDate(value: string, order: 'ymd' | 'mdy'): string | undefined {
  const v = value.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})(\d{2})(\d{2})$/.exec(v))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if (order === 'mdy' && (match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v))) [m, d, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return undefined;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const back = new Date(Date.UTC(y, m - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? iso : undefined;
}

/** Outlook writes "0/0/00" for no date. */
function outlookEmpty(v: string): boolean {
  return !v || /^0\/0\/0+$/.test(v);
}

function birthday(d: Draft, value: string, order: 'ymd' | 'mdy'): void {
  if (!value || outlookEmpty(value)) return;
  const iso = exportDate(value, order);
  if (iso) put(d, 'birthday', iso);
  else d.dropped.push({ code: 'birthday', value });
}

function isMobile(label: string): boolean {
  return /mobile|cell/i.test(label);
}

function address(parts: readonly string[]): string {
  return parts.map((p) => p.replace(/\s*\n\s*/g, ', ').trim()).filter(Boolean).join(', ');
}

/** One record of a Google Contacts export. */
export function readGoogle(headers: readonly string[], cells: readonly string[], line: number): Draft {
  const c = cellsOf(headers, cells);
  const d = emptyDraft(line);
  // The current export says "First Name"; the older one "Given Name".
  put(d, 'firstName', [c('First Name') || c('Given Name'), c('Middle Name') || c('Additional Name')].filter(Boolean).join(' '));
  put(d, 'lastName', c('Last Name') || c('Family Name'));
  if (!d.values.lastName && !d.values.firstName) put(d, 'lastName', c('Name') || c('File As') || c('Nickname'));
  const company = c('Organization Name') || c('Organization 1 - Name');
  putCompany(d, 'name', multi(company)[0]);
  put(d, 'jobTitle', multi(c('Organization Title') || c('Organization 1 - Title'))[0]);
  birthday(d, c('Birthday'), 'ymd');
  for (const n of numbered(headers, /^E-mail (\d+) - Value$/)) {
    for (const email of multi(c(`E-mail ${n} - Value`))) {
      if (!d.values.email) put(d, 'email', email);
      else d.extra.push(`E-mail: ${email}`);
    }
  }
  for (const n of numbered(headers, /^Phone (\d+) - Value$/)) {
    const label = c(`Phone ${n} - Label`) || c(`Phone ${n} - Type`);
    for (const phone of multi(c(`Phone ${n} - Value`))) {
      const key = isMobile(label) ? 'mobile' : 'phone';
      if (!d.values[key]) put(d, key, phone);
      else d.extra.push(`${label.replace(/^\*\s*/, '') || 'Phone'}: ${phone}`);
    }
  }
  for (const n of numbered(headers, /^Address (\d+) - (?:Formatted|Street)$/)) {
    const formatted = c(`Address ${n} - Formatted`) || address([c(`Address ${n} - Street`), c(`Address ${n} - City`), c(`Address ${n} - Postal Code`), c(`Address ${n} - Country`)]);
    for (const a of multi(formatted)) d.extra.push(`${(c(`Address ${n} - Label`) || c(`Address ${n} - Type`) || 'Address').replace(/^\*\s*/, '')}: ${a.replace(/\s*\n\s*/g, ', ')}`);
  }
  for (const n of numbered(headers, /^Website (\d+) - Value$/)) {
    for (const site of multi(c(`Website ${n} - Value`))) d.extra.push(`Website: ${site}`);
  }
  const notes = c('Notes');
  if (notes) d.values.notes = notes;
  if (c('Photo')) d.dropped.push({ code: 'photo-link' });
  return d;
}

/** One record of an Outlook export. */
export function readOutlook(headers: readonly string[], cells: readonly string[], line: number): Draft {
  const c = cellsOf(headers, cells);
  const d = emptyDraft(line);
  put(d, 'firstName', [c('First Name'), c('Middle Name')].filter(Boolean).join(' '));
  put(d, 'lastName', c('Last Name'));
  putCompany(d, 'name', c('Company'));
  put(d, 'jobTitle', c('Job Title'));
  birthday(d, c('Birthday'), 'mdy');
  for (const h of ['E-mail Address', 'E-mail 2 Address', 'E-mail 3 Address']) {
    const email = c(h);
    if (!email) continue;
    if (!d.values.email) put(d, 'email', email);
    else d.extra.push(`E-mail: ${email}`);
  }
  put(d, 'mobile', c('Mobile Phone'));
  for (const h of ['Business Phone', 'Primary Phone', 'Company Main Phone', 'Business Phone 2', 'Home Phone', 'Home Phone 2', 'Other Phone', 'Car Phone']) {
    const phone = c(h);
    if (!phone) continue;
    if (!d.values.phone) put(d, 'phone', phone);
    else d.extra.push(`${h}: ${phone}`);
  }
  if (c('Company Main Phone')) putCompany(d, 'phone', c('Company Main Phone'));
  const web = c('Web Page');
  if (web && d.company) putCompany(d, 'website', web);
  else if (web) d.extra.push(`Website: ${web}`);
  const business = address([c('Business Street'), c('Business Street 2'), c('Business Street 3')]);
  if (business && d.company) {
    putCompany(d, 'address', business);
    putCompany(d, 'city', c('Business City'));
    const country = c('Business Country/Region') || c('Business Country');
    if (/^[A-Za-z]{2}$/.test(country)) putCompany(d, 'country', country.toUpperCase());
    else if (country) d.company.address = address([business, c('Business Postal Code'), country]);
  }
  for (const kind of ['Home', 'Other'] as const) {
    const a = address([c(`${kind} Street`), c(`${kind} Street 2`), c(`${kind} City`), c(`${kind} Postal Code`), c(`${kind} Country/Region`) || c(`${kind} Country`)]);
    if (a) d.extra.push(`${kind} address: ${a}`);
  }
  if (business && !d.company) d.extra.push(`Business address: ${address([business, c('Business City'), c('Business Postal Code'), c('Business Country/Region') || c('Business Country')])}`);
  const notes = c('Notes');
  if (notes) d.values.notes = notes;
  return d;
}

export const READERS: Readonly<Record<KnownFormat, (headers: readonly string[], cells: readonly string[], line: number) => Draft>> = {
  google: readGoogle,
  outlook: readOutlook,
};
