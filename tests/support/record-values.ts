// Seeded generators of values for any FieldDef of @counterpart/model. The values are meant to
// pass `checkValue` for their def (tests still run them through `validate()` to be sure), and
// mix in what real users type: mixed-case e-mails, bare domains, numbers as strings, ISO
// datetimes, accented and Cyrillic names.
import {
  COLLECTIONS,
  fieldsOf,
  makeId,
  type CollectionName,
  type CustomFieldDef,
  type FieldDef,
  type Values,
} from '@counterpart/model';
import type { Rng } from './rng.ts';

/** Existing record ids by collection, so references usually point at real records. */
export type IdPool = ReadonlyMap<CollectionName, readonly string[]>;

const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export const WORDS = [
  'Acme', 'Nordwind', 'Müller', 'Crème', 'brûlée', 'Ærø', 'São', 'Paulo', 'Łódź', 'Zürich',
  'Москва', 'Йошкар-Ола', 'Ёлка', 'Київ', 'Ελλάδα', '東京', 'Čapek', 'Ørsted', 'García',
  'Straße', 'logistics', 'Holzbau', 'Bäckerei', 'steel', 'solar', 'Kühlhaus', 'Ivanov',
  'Smith', "O'Brien", 'Núñez', 'Dvořák', 'Söderberg', 'Schäfer', 'Fjord', 'Atlas',
];

const SNIPPETS = [
  'Call back after the fair. ', 'Budget approved for Q3. ', 'Встреча перенесена на вторник. ',
  'Kunde wünscht Rückruf. ', 'Needs a second quote with volume discount. ', 'Visite prévue à Lyon. ',
  'Decision maker: CFO. ', 'Продлить договор. ', 'Ship partial delivery first. ', 'ok ',
  'Demo went well; they liked the reporting. ', 'Ärger mit der Lieferung. ',
];

const CURRENCIES = ['EUR', 'USD', 'CHF', 'GBP', 'JPY', 'KWD', 'SEK', 'RUB'];
const ANSWER_KEYS = ['budget', 'timeline', 'decision', 'employees', 'need', 'competitor'];

export function randomLineId(rng: Rng): string {
  return rng.chars(10, ID_ALPHABET);
}

export function randomText(rng: Rng, max = 500): string {
  const n = rng.int(1, 3);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(rng.pick(WORDS));
  const s = parts.join(' ').slice(0, max).trim();
  return rng.chance(0.2) ? `  ${s} ` : s; // validate() trims
}

export function randomLongText(rng: Rng): string {
  const n = rng.int(1, 3);
  let s = '';
  for (let i = 0; i < n; i++) s += rng.pick(SNIPPETS);
  return s;
}

/** A snippet to insert into a long text at some position (no markers, no surrogate pairs). */
export function randomSnippet(rng: Rng): string {
  return rng.chance(0.5) ? rng.pick(SNIPPETS) : `${rng.pick(WORDS)} `;
}

export function randomDate(rng: Rng): string {
  const y = rng.int(2000, 2035);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function randomRef(rng: Rng, to: CollectionName | 'any', pool: IdPool): string {
  const collection: CollectionName = to === 'any' ? rng.pick([...pool.keys()]) : to;
  const ids = pool.get(collection) ?? [];
  if (ids.length > 0 && rng.chance(0.8)) return rng.pick(ids);
  return makeId(collection, rng.chars(rng.int(6, 16), ID_ALPHABET));
}

/** A value for `def` that should pass `checkValue(def, value)`. Never null. */
export function randomValue(rng: Rng, def: FieldDef, pool: IdPool): unknown {
  switch (def.kind) {
    case 'text':
      return randomText(rng, def.max ?? 500);
    case 'longtext':
      return randomLongText(rng);
    case 'email': {
      const user = rng.pick(['anna', 'Ivan.Petrov', 'j.doe', 'Sales', 'info', 'm.mueller']);
      const host = rng.pick(['Example.com', 'acme.de', 'firma.ru', 'nordwind.co.uk']);
      return `${user}${rng.int(1, 999)}@${host}`;
    }
    case 'phone':
      return rng.pick([
        `+49 30 ${rng.int(1000000, 9999999)}`,
        `(0${rng.int(10, 99)}) ${rng.int(100, 999)}-${rng.int(1000, 9999)}`,
        `+7 495 ${rng.int(100, 999)} ${rng.int(10, 99)} ${rng.int(10, 99)}`,
      ]);
    case 'url':
      return rng.pick([
        `www.acme${rng.int(1, 99)}.de`,
        `https://example.com/p/${rng.int(1, 999)}`,
        `http://shop.example.org/item?id=${rng.int(1, 999)}`,
        `nordwind${rng.int(1, 99)}.example`,
      ]);
    case 'integer': {
      const n = rng.int(def.min ?? -1000, def.max ?? 1_000_000);
      return rng.chance(0.15) ? ` ${n} ` : n;
    }
    case 'number': {
      const lo = def.min ?? -1000;
      const hi = def.max ?? 100_000;
      const n = Math.min(hi, Math.max(lo, Math.round((lo + rng.next() * (hi - lo)) * 100) / 100));
      return rng.chance(0.1) ? String(n) : n;
    }
    case 'boolean':
      return rng.chance(0.5);
    case 'date':
      return randomDate(rng);
    case 'datetime': {
      const ms = Date.UTC(2020, 0, 1) + rng.int(0, 10 * 365 * 24 * 60) * 60_000 + rng.int(0, 999);
      return rng.chance(0.3) ? new Date(ms).toISOString() : ms;
    }
    case 'enum':
      return rng.pick(def.options);
    case 'currency':
      return rng.pick(CURRENCIES);
    case 'money':
      return { amount: !def.nonNegative && rng.chance(0.05) ? -rng.int(1, 50_000) : rng.int(0, 5_000_000), currency: rng.pick(CURRENCIES) };
    case 'ref':
      return randomRef(rng, def.to, pool);
    case 'map': {
      const out: Record<string, string | number | boolean> = {};
      for (const k of ANSWER_KEYS) {
        if (!rng.chance(0.5)) continue;
        out[k] = randomAnswer(rng);
      }
      return out;
    }
    case 'lines': {
      const n = rng.int(0, 4);
      const lines: Record<string, unknown>[] = [];
      for (let i = 0; i < n; i++) lines.push(randomLine(rng, def.line, pool));
      return lines;
    }
  }
}

export function randomAnswer(rng: Rng): string | number | boolean {
  const r = rng.int(0, 2);
  return r === 0 ? rng.pick(WORDS) : r === 1 ? rng.int(0, 5000) : rng.chance(0.5);
}

/** A new line (with a seeded id, so a failing run replays exactly) for a `lines` field. */
export function randomLine(rng: Rng, line: Readonly<Record<string, FieldDef>>, pool: IdPool): Record<string, unknown> {
  const out: Record<string, unknown> = { id: randomLineId(rng) };
  for (const [k, d] of Object.entries(line)) {
    if (d.required || rng.chance(0.6)) out[k] = randomValue(rng, d, pool);
  }
  return out;
}

/** Values for a complete new record: every required field and most optional ones. */
export function randomRecord(
  rng: Rng,
  collection: CollectionName,
  pool: IdPool,
  custom: readonly CustomFieldDef[] = [],
): Values {
  const out: Values = {};
  for (const [k, d] of Object.entries(fieldsOf(collection, custom))) {
    if (d.required || rng.chance(0.7)) out[k] = randomValue(rng, d, pool);
  }
  return out;
}

/** Field kinds stored as one value under their own key of the map `f` (SPEC R2). */
export const SCALAR_KINDS: ReadonlySet<string> = new Set([
  'text', 'email', 'phone', 'url', 'integer', 'number', 'boolean', 'date', 'datetime', 'enum', 'currency', 'money', 'ref',
]);

export function fieldsOfKind(
  collection: CollectionName,
  custom: readonly CustomFieldDef[],
  test: (def: FieldDef) => boolean,
): [string, FieldDef][] {
  return Object.entries(fieldsOf(collection, custom)).filter(([, d]) => test(d));
}

export function hasKind(collection: CollectionName, kind: FieldDef['kind']): boolean {
  return Object.values(COLLECTIONS[collection].fields).some((d: FieldDef) => d.kind === kind);
}
