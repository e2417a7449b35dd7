// Duplicate detection over accounts and contacts (SPEC R16). Pure: no DOM, no store; the app runs
// it in a worker over the materialised rows.
//
// What counts as the same:
// - E-mail: trimmed and lower-cased; for Gmail (gmail.com, googlemail.com) the dots and a
//   "+tag" of the local part are dropped, because Gmail delivers those to one mailbox. Other
//   providers' "+tags" are kept unless `plusTags` is set: on many servers they are separate
//   mailboxes.
// - Phone: the digits in international form. "+", "00" and (with country code 7) a leading "8"
//   start an international number; a national number with a trunk "0" or without one gets the
//   country code of the record's country, else the workspace's. Fewer than 7 digits is no key.
// - Company names: folded (case, accents), quotes and punctuation dropped, legal forms (Inc, LLC,
//   Ltd, GmbH, AG, SA, BV, ООО, АО, ПАО, ИП, ТОВ…) stripped from either end, Cyrillic
//   transliterated; two names match when what is left is equal or one typo apart (Damerau, two
//   typos from ten letters on) and has the same numbers.
//   A name alone is no match for accounts in different countries or cities, nor between names
//   with different initials ("ИП Тарасова С. А." and "ИП Тарасова Е. А." are two people).
// - Contact names, within one account: the first names agree (equal, or one an initial of the
//   other) and the last names are one typo apart (two from nine letters on), after transliteration;
//   namesakes with two different e-mail addresses are two people.
//
// Candidates come from blocking keys (the normalised e-mail, the phone, the account, the first and
// the last four letters of a company name), so the work grows with the number of records, not
// its square.
import { fold } from './search.ts';

export type DuplicateReason = 'email' | 'phone' | 'name';

export interface DuplicatePair {
  readonly collection: 'accounts' | 'contacts';
  /** The smaller id first: the record that survives a merge (R16). */
  readonly a: string;
  readonly b: string;
  readonly reasons: readonly DuplicateReason[];
  /** 0–1: how sure the match is. */
  readonly score: number;
}

export interface AccountInput {
  readonly id: string;
  readonly name?: unknown;
  readonly email?: unknown;
  readonly phone?: unknown;
  readonly country?: unknown;
  readonly city?: unknown;
}

export interface ContactInput {
  readonly id: string;
  readonly firstName?: unknown;
  readonly lastName?: unknown;
  readonly accountId?: unknown;
  readonly email?: unknown;
  readonly phone?: unknown;
  readonly mobile?: unknown;
}

export interface DetectOptions {
  /** Country (ISO 3166 alpha-2) for numbers written without a country code. */
  readonly defaultCountry?: string;
  /** Drop "+tags" of every provider's addresses, not only Gmail's. */
  readonly plusTags?: boolean;
  /** Pairs known not to be duplicates, as `pairKey(a, b)`. */
  readonly dismissed?: ReadonlySet<string>;
  /** Called now and then with the share done (0–1). */
  readonly onProgress?: (done: number) => void;
}

/** Blocks larger than this are too common to be a sign of anything (a shared switchboard). */
const MAX_BLOCK = 60;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The key a pair is known by, whatever the order of its ids. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

// ---- e-mail -------------------------------------------------------------------------------

const GMAIL = new Set(['gmail.com', 'googlemail.com']);

export function normalizeEmail(email: string, opts: { plusTags?: boolean } = {}): string {
  const v = email.trim().toLowerCase();
  const at = v.lastIndexOf('@');
  if (at <= 0 || at === v.length - 1) return v;
  let local = v.slice(0, at);
  let domain = v.slice(at + 1);
  if (GMAIL.has(domain)) {
    domain = 'gmail.com';
    local = local.replace(/\+.*$/, '').replace(/\./g, '');
  } else if (opts.plusTags) {
    local = local.replace(/\+.*$/, '');
  }
  return `${local}@${domain}`;
}

// ---- phone --------------------------------------------------------------------------------

/** Country calling codes of the countries customers are in most often. */
const CALLING_CODES: Readonly<Record<string, string>> = {
  RU: '7', KZ: '7', UA: '380', BY: '375', GB: '44', IE: '353', US: '1', CA: '1', DE: '49', AT: '43',
  CH: '41', FR: '33', IT: '39', ES: '34', PT: '351', NL: '31', BE: '32', LU: '352', PL: '48',
  CZ: '420', SK: '421', HU: '36', RO: '40', BG: '359', GR: '30', TR: '90', SE: '46', NO: '47',
  DK: '45', FI: '358', EE: '372', LV: '371', LT: '370', GE: '995', AM: '374', AZ: '994',
  UZ: '998', KG: '996', TJ: '992', MD: '373', IL: '972', AE: '971', CN: '86', JP: '81', IN: '91',
  AU: '61', NZ: '64', BR: '55', MX: '52',
};

export function callingCode(country: string | undefined): string | undefined {
  return country ? CALLING_CODES[country.toUpperCase()] : undefined;
}

/**
 * The phone number as international digits ("79161234567"), or undefined when it has too few
 * digits to compare. `country` is the record's or the workspace's country.
 */
export function normalizePhone(phone: string, country?: string): string | undefined {
  const v = phone.trim();
  let digits = v.replace(/\D/g, '');
  const code = callingCode(country);
  if (v.startsWith('+')) {
    // already international
  } else if (digits.startsWith('00')) {
    digits = digits.slice(2);
  } else if (code === '7' && digits.length === 11 && (digits.startsWith('8') || digits.startsWith('7'))) {
    digits = `7${digits.slice(1)}`;
  } else if (code === '1' && digits.length === 11 && digits.startsWith('1')) {
    // North American numbers written with their country code
  } else if (code) {
    digits = `${code}${digits.replace(/^0/, '')}`;
  }
  return digits.length >= 7 ? digits : undefined;
}

// ---- names --------------------------------------------------------------------------------

const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i',
  і: 'i', ї: 'yi', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't',
  у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e',
  ю: 'yu', я: 'ya',
};

/** Folded (lower case, no accents) and with Cyrillic letters written in Latin ones. */
export function transliterate(s: string): string {
  // fold() would take the breve off "й" and the diaeresis off "ї": map those first.
  const lower = s.toLowerCase().replace(/й/g, '\u0001').replace(/ї/g, '\u0002');
  let out = '';
  for (const ch of fold(lower)) {
    if (ch === '\u0001') out += 'y';
    else if (ch === '\u0002') out += 'yi';
    else out += CYRILLIC[ch] ?? ch;
  }
  return out;
}

/** Legal forms, written as they are after folding and dropping dots ("S.A." is "sa"). */
const LEGAL_FORMS = new Set([
  'inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'limited', 'plc', 'corp', 'corporation', 'co',
  'company', 'gmbh', 'ag', 'kg', 'ug', 'ohg', 'ev', 'sa', 'sas', 'sarl', 'srl', 'spa', 'sl', 'bv',
  'nv', 'oy', 'oyj', 'ab', 'as', 'asa', 'aps', 'pte', 'pty', 'dac', 'kft', 'sp', 'zoo', 'sro',
  'ooo', 'oao', 'zao', 'pao', 'ao', 'ip', 'tov', 'too', 'chup',
  'ооо', 'оао', 'зао', 'пао', 'ао', 'нао', 'ип', 'чуп', 'уп', 'тов', 'пп', 'фоп', 'тоо', 'прат',
  'пат', 'ат', 'одо', 'сп', 'нко', 'ано',
]);

/** Joins words of a form split by punctuation: "S.A." → "sa", "Sp. z o.o." → "sp zoo". */
function words(name: string): string[] {
  const v = fold(name).replace(/(\p{L})\.(?=\p{L}\b|\p{L}\.)/gu, '$1').replace(/&/g, ' ');
  return v.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The company's name without its legal form, punctuation or case, in Latin letters:
 * "ООО «Ромашка»" and "Romashka LLC" both give "romashka".
 */
export function companyCore(name: string): string {
  const w = words(name);
  let start = 0;
  let end = w.length;
  while (end - start > 1 && LEGAL_FORMS.has(w[end - 1]!)) end--;
  while (end - start > 1 && LEGAL_FORMS.has(w[start]!)) start++;
  return transliterate(w.slice(start, end).join(' '));
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), stopping above `max`. */
export function typoDistance(a: string, b: string, max = 2): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = new Array<number>(m + 1);
    cur[0] = i;
    let best = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[m]!;
}

const numbers = (s: string): string => (s.match(/\d+/g) ?? []).join(' ');
/** A sole trader's initials ("Tarasova S. A."): one letter apart is another person. */
const initials = (s: string): string => s.split(' ').filter((w) => w.length === 1).join(' ');

/** Similarity of two company cores (0–1), or 0 when they are not the same name. */
export function companySimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  if (numbers(a) !== numbers(b) || initials(a) !== initials(b)) return 0;
  const x = a.replace(/ /g, '');
  const y = b.replace(/ /g, '');
  if (x === y) return 0.98;
  const len = Math.min(x.length, y.length);
  if (len < 4) return 0;
  const allowed = len >= 10 ? 2 : 1;
  const d = typoDistance(x, y, allowed);
  return d <= allowed ? 1 - d / Math.max(x.length, y.length) : 0;
}

/** Similarity of two people's names (0–1), or 0 when they are not the same person's. */
export function personSimilarity(first1: string, last1: string, first2: string, last2: string): number {
  const l1 = transliterate(last1).replace(/[^\p{L}\p{N}]/gu, '');
  const l2 = transliterate(last2).replace(/[^\p{L}\p{N}]/gu, '');
  if (!l1 || !l2) return 0;
  const f1 = transliterate(first1).replace(/[^\p{L}\p{N}]/gu, '');
  const f2 = transliterate(first2).replace(/[^\p{L}\p{N}]/gu, '');
  const firstAgree = f1 === f2 || (f1.length === 1 && f2.startsWith(f1)) || (f2.length === 1 && f1.startsWith(f2));
  if (!firstAgree) return 0;
  const allowed = Math.min(l1.length, l2.length) >= 9 ? 2 : Math.min(l1.length, l2.length) >= 4 ? 1 : 0;
  const d = typoDistance(l1, l2, allowed);
  if (d > allowed) return 0;
  return (1 - d / Math.max(l1.length, l2.length)) * (f1 === f2 ? 1 : 0.9);
}

// ---- detection ----------------------------------------------------------------------------

const WEIGHT: Readonly<Record<DuplicateReason, number>> = { email: 0.9, phone: 0.75, name: 0.7 };

function scoreOf(reasons: ReadonlyMap<DuplicateReason, number>): number {
  let miss = 1;
  for (const [r, sim] of reasons) miss *= 1 - WEIGHT[r] * sim;
  return Math.round((1 - miss) * 1000) / 1000;
}

class Blocks {
  private readonly map = new Map<string, string[]>();
  add(key: string, id: string): void {
    const list = this.map.get(key);
    if (!list) this.map.set(key, [id]);
    else if (list[list.length - 1] !== id) list.push(id);
  }
  /** Every pair of ids sharing a key, once, from blocks small enough to mean something. */
  pairs(): Map<string, [string, string]> {
    const out = new Map<string, [string, string]>();
    for (const ids of this.map.values()) {
      if (ids.length < 2 || ids.length > MAX_BLOCK) continue;
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const a = ids[i]!;
          const b = ids[j]!;
          const k = pairKey(a, b);
          if (!out.has(k)) out.set(k, a < b ? [a, b] : [b, a]);
        }
      }
    }
    return out;
  }
}

function finish(
  collection: DuplicatePair['collection'],
  candidates: Map<string, [string, string]>,
  compare: (a: string, b: string) => Map<DuplicateReason, number>,
  opts: DetectOptions,
  progressFrom: number,
): DuplicatePair[] {
  const out: DuplicatePair[] = [];
  let i = 0;
  const step = Math.max(1, Math.floor(candidates.size / 20));
  for (const [key, [a, b]] of candidates) {
    if (++i % step === 0) opts.onProgress?.(progressFrom + (0.5 * i) / candidates.size);
    if (opts.dismissed?.has(key)) continue;
    const reasons = compare(a, b);
    if (!reasons.size) continue;
    out.push({ collection, a, b, reasons: [...reasons.keys()].sort(), score: scoreOf(reasons) });
  }
  return out.sort((x, y) => y.score - x.score || (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1));
}

/** Pairs of accounts that look like one company: same e-mail, same phone or the same name. */
export function findAccountDuplicates(accounts: readonly AccountInput[], opts: DetectOptions = {}): DuplicatePair[] {
  const info = new Map<string, { email?: string; phone?: string; core: string; place: string[] }>();
  const blocks = new Blocks();
  for (const r of accounts) {
    const email = str(r.email) ? normalizeEmail(str(r.email), opts) : undefined;
    const phone = str(r.phone) ? normalizePhone(str(r.phone), str(r.country) || opts.defaultCountry) : undefined;
    const core = companyCore(str(r.name));
    const place = [str(r.country).toUpperCase(), transliterate(str(r.city)).trim()];
    info.set(r.id, { ...(email ? { email } : {}), ...(phone ? { phone } : {}), core, place });
    if (email) blocks.add(`e:${email}`, r.id);
    if (phone) blocks.add(`p:${phone}`, r.id);
    const flat = core.replace(/ /g, '');
    if (flat.length >= 4) {
      blocks.add(`n:${flat.slice(0, 4)}`, r.id);
      blocks.add(`m:${flat.slice(-4)}`, r.id);
    }
  }
  opts.onProgress?.(0.25);
  return finish('accounts', blocks.pairs(), (a, b) => {
    const x = info.get(a)!;
    const y = info.get(b)!;
    const reasons = new Map<DuplicateReason, number>();
    if (x.email && x.email === y.email) reasons.set('email', 1);
    if (x.phone && x.phone === y.phone) reasons.set('phone', 1);
    const sim = companySimilarity(x.core, y.core);
    // The same name in another country or city is another company (or a branch) unless an
    // e-mail or a phone says otherwise.
    const elsewhere = x.place.some((p, i) => p && y.place[i] && p !== y.place[i]);
    if (sim > 0 && (reasons.size || !elsewhere)) reasons.set('name', sim);
    return reasons;
  }, opts, 0.5);
}

/**
 * Pairs of contacts that look like one person: same e-mail or phone anywhere, or nearly the same
 * name within one account. `countryOf` gives a contact's account's country.
 */
export function findContactDuplicates(
  contacts: readonly ContactInput[],
  opts: DetectOptions & { countryOf?: (accountId: string) => string | undefined } = {},
): DuplicatePair[] {
  const info = new Map<string, { email?: string; phones: string[]; first: string; last: string; account: string }>();
  const blocks = new Blocks();
  for (const r of contacts) {
    const account = str(r.accountId);
    const country = (account && opts.countryOf?.(account)) || opts.defaultCountry;
    const email = str(r.email) ? normalizeEmail(str(r.email), opts) : undefined;
    const phones = [...new Set([str(r.phone), str(r.mobile)].filter(Boolean).map((p) => normalizePhone(p, country)).filter((p): p is string => !!p))];
    info.set(r.id, { ...(email ? { email } : {}), phones, first: str(r.firstName), last: str(r.lastName), account });
    if (email) blocks.add(`e:${email}`, r.id);
    for (const p of phones) blocks.add(`p:${p}`, r.id);
    if (account) blocks.add(`a:${account}`, r.id);
  }
  opts.onProgress?.(0.25);
  return finish('contacts', blocks.pairs(), (a, b) => {
    const x = info.get(a)!;
    const y = info.get(b)!;
    const reasons = new Map<DuplicateReason, number>();
    if (x.email && x.email === y.email) reasons.set('email', 1);
    if (x.phones.some((p) => y.phones.includes(p))) reasons.set('phone', 1);
    const sim = personSimilarity(x.first, x.last, y.first, y.last);
    // A shared phone alone is a switchboard; with a different person's name it is no match.
    // Namesakes with different e-mail addresses are two people.
    const otherMail = !reasons.size && x.email && y.email && x.email !== y.email;
    if (x.account && x.account === y.account && sim > 0 && !otherMail) reasons.set('name', sim);
    else if (reasons.size === 1 && reasons.has('phone') && sim === 0) reasons.clear();
    return reasons;
  }, opts, 0.5);
}
