// Where the customers are: six countries, their cities and sales territories, street addresses
// and telephone numbers.
//
// Phone numbers are made, not drawn: the subscriber digits are a bijection of (index, salt), so
// records with different indexes never share a number (subscriberDigits). Within a country
// code the area and mobile codes are prefix-free (no code is the start of another, Russia and
// Kazakhstan share +7), so numbers of different cities or operators cannot coincide either.
import type { Rng } from '../random.ts';
import type { Lang } from './people.ts';

export type CountryCode = 'GB' | 'IE' | 'UA' | 'RU' | 'BY' | 'KZ';

export interface City {
  readonly name: string;
  readonly territory: string;
  /** Area code without the trunk prefix ("20" for London, "495" for Moscow). */
  readonly area: string;
  /** Number of subscriber digits after the area code. */
  readonly digits: number;
}

export interface Country {
  readonly code: CountryCode;
  readonly name: string;
  /** Share of the customer base. */
  readonly weight: number;
  /** International dialling code without the "+". */
  readonly dial: string;
  readonly tld: string;
  /** Languages the customers there write, by weight. */
  readonly langs: Readonly<Partial<Record<Lang, number>>>;
  readonly cities: readonly City[];
  /** Mobile operator codes, and the subscriber digits after them. */
  readonly mobile: readonly string[];
  readonly mobileDigits: number;
}

const city = (name: string, territory: string, area: string, digits: number): City => ({ name, territory, area, digits });

/** Sales territories; field and key-account reps are given them in this order (gen/users.ts). */
export const TERRITORIES: readonly string[] = [
  'UK South', 'Ukraine Central', 'Russia Central', 'UK North', 'Ireland', 'Ukraine West', 'Ukraine East',
  'Russia North-West', 'UK Midlands', 'Ukraine South', 'Russia Volga', 'Belarus', 'Kazakhstan', 'Russia South',
  'Russia Urals & Siberia',
];

export const COUNTRIES: readonly Country[] = [
  {
    code: 'GB', name: 'United Kingdom', weight: 32, dial: '44', tld: 'co.uk', langs: { en: 1 },
    cities: [
      city('London', 'UK South', '20', 8), city('Bristol', 'UK South', '117', 7), city('Southampton', 'UK South', '23', 8),
      city('Reading', 'UK South', '118', 7), city('Manchester', 'UK North', '161', 7), city('Leeds', 'UK North', '113', 7),
      city('Liverpool', 'UK North', '151', 7), city('Newcastle upon Tyne', 'UK North', '191', 7),
      city('Glasgow', 'UK North', '141', 7), city('Edinburgh', 'UK North', '131', 7),
      city('Birmingham', 'UK Midlands', '121', 7), city('Nottingham', 'UK Midlands', '115', 7),
      city('Leicester', 'UK Midlands', '116', 7), city('Cardiff', 'UK Midlands', '29', 8),
    ],
    mobile: ['7700', '7711', '7723', '7734', '7801', '7812', '7903', '7944'], mobileDigits: 6,
  },
  {
    code: 'IE', name: 'Ireland', weight: 10, dial: '353', tld: 'ie', langs: { en: 1 },
    cities: [
      city('Dublin', 'Ireland', '1', 7), city('Cork', 'Ireland', '21', 7), city('Galway', 'Ireland', '91', 7),
      city('Limerick', 'Ireland', '61', 7), city('Waterford', 'Ireland', '51', 7),
    ],
    mobile: ['83', '85', '86', '87', '89'], mobileDigits: 7,
  },
  {
    code: 'UA', name: 'Україна', weight: 26, dial: '380', tld: 'com.ua', langs: { uk: 0.65, ru: 0.35 },
    cities: [
      city('Київ', 'Ukraine Central', '44', 7), city('Вінниця', 'Ukraine Central', '432', 6),
      city('Черкаси', 'Ukraine Central', '472', 6), city('Полтава', 'Ukraine Central', '532', 6),
      city('Львів', 'Ukraine West', '32', 7), city('Івано-Франківськ', 'Ukraine West', '342', 6),
      city('Тернопіль', 'Ukraine West', '352', 6), city('Луцьк', 'Ukraine West', '332', 6),
      city('Харків', 'Ukraine East', '57', 7), city('Дніпро', 'Ukraine East', '56', 7),
      city('Запоріжжя', 'Ukraine East', '61', 7), city('Одеса', 'Ukraine South', '48', 7),
      city('Миколаїв', 'Ukraine South', '512', 6), city('Херсон', 'Ukraine South', '552', 6),
    ],
    mobile: ['50', '63', '66', '67', '68', '73', '93', '95', '96', '97', '98'], mobileDigits: 7,
  },
  {
    code: 'RU', name: 'Россия', weight: 20, dial: '7', tld: 'ru', langs: { ru: 1 },
    cities: [
      city('Москва', 'Russia Central', '495', 7), city('Нижний Новгород', 'Russia Central', '831', 7),
      city('Ярославль', 'Russia Central', '4852', 6), city('Тула', 'Russia Central', '4872', 6),
      city('Санкт-Петербург', 'Russia North-West', '812', 7), city('Калининград', 'Russia North-West', '4012', 6),
      city('Казань', 'Russia Volga', '843', 7), city('Самара', 'Russia Volga', '846', 7),
      city('Краснодар', 'Russia South', '861', 7), city('Ростов-на-Дону', 'Russia South', '863', 7),
      city('Екатеринбург', 'Russia Urals & Siberia', '343', 7), city('Новосибирск', 'Russia Urals & Siberia', '383', 7),
    ],
    mobile: ['903', '905', '909', '915', '916', '926', '985', '999'], mobileDigits: 7,
  },
  {
    code: 'BY', name: 'Беларусь', weight: 6, dial: '375', tld: 'by', langs: { ru: 1 },
    cities: [
      city('Минск', 'Belarus', '17', 7), city('Гомель', 'Belarus', '232', 6), city('Брест', 'Belarus', '162', 6),
      city('Гродно', 'Belarus', '152', 6), city('Витебск', 'Belarus', '212', 6), city('Могилёв', 'Belarus', '222', 6),
    ],
    mobile: ['25', '29', '33', '44'], mobileDigits: 7,
  },
  {
    code: 'KZ', name: 'Казахстан', weight: 6, dial: '7', tld: 'kz', langs: { ru: 1 },
    cities: [
      city('Алматы', 'Kazakhstan', '727', 7), city('Астана', 'Kazakhstan', '7172', 6),
      city('Шымкент', 'Kazakhstan', '7252', 6), city('Караганда', 'Kazakhstan', '7212', 6),
      city('Актобе', 'Kazakhstan', '7132', 6),
    ],
    mobile: ['701', '705', '707', '747', '777'], mobileDigits: 7,
  },
];

const COUNTRY_WEIGHTS = COUNTRIES.map((c) => c.weight);

export function pickCountry(rng: Rng): Country {
  return rng.weighted(COUNTRIES, COUNTRY_WEIGHTS);
}

export function pickLang(rng: Rng, country: Country): Lang {
  return rng.weightedKey(country.langs);
}

export function countryOf(code: CountryCode): Country {
  const c = COUNTRIES.find((x) => x.code === code);
  if (!c) throw new Error(`unknown country ${String(code)}`);
  return c;
}

// Street addresses: the street line only (city and country are fields of their own).
const STREETS: Readonly<Record<CountryCode, readonly string[]>> = {
  GB: [
    'High Street', 'Station Road', 'Church Street', 'Victoria Road', 'Mill Lane', 'Park Road', 'London Road',
    'King Street', 'Queen Street', 'Market Street', 'Bridge Street', 'Albert Road', 'Commercial Road', 'Broad Street',
    'Castle Street', 'North Street', 'Riverside Way', 'Enterprise Park', 'Canal Street', 'Oxford Road',
  ],
  IE: [
    'Main Street', 'Church Street', "O'Connell Street", 'Patrick Street', 'Bridge Street', 'Mill Road',
    'Harbour Road', 'Abbey Street', 'Dame Street', 'Grand Canal Quay', 'Shop Street', 'Parnell Street', 'Eyre Square',
    'Merchants Quay', 'Western Road',
  ],
  UA: [
    'вул. Шевченка', 'вул. Грушевського', 'вул. Франка', 'просп. Незалежності', 'вул. Соборна', 'вул. Лесі Українки',
    'вул. Садова', 'вул. Героїв Майдану', 'вул. Січових Стрільців', 'вул. Київська', 'вул. Гоголя', 'просп. Свободи',
    'вул. Промислова', 'вул. Замкова', 'вул. Європейська',
  ],
  RU: [
    'ул. Ленина', 'ул. Гагарина', 'ул. Пушкина', 'ул. Мира', 'ул. Советская', 'пр-т Победы', 'ул. Садовая',
    'ул. Лесная', 'ул. Заводская', 'ул. Новая', 'ул. Центральная', 'ул. Молодёжная', 'ш. Энтузиастов',
    'наб. Обводного канала', 'ул. Строителей', 'ул. Промышленная',
  ],
  BY: [
    'пр-т Независимости', 'ул. Немига', 'ул. Притыцкого', 'пр-т Победителей', 'ул. Кальварийская', 'ул. Советская',
    'ул. Ленинская', 'ул. Купалы', 'ул. Машерова', 'ул. Тимирязева',
  ],
  KZ: [
    'пр-т Абая', 'ул. Толе би', 'пр-т Назарбаева', 'ул. Сатпаева', 'пр-т Достык', 'ул. Жибек жолы', 'ул. Кунаева',
    'ул. Гоголя', 'пр-т Сейфуллина', 'ул. Байтурсынова',
  ],
};

export function address(rng: Rng, country: Country): string {
  const street = rng.pick(STREETS[country.code]);
  const no = rng.int(1, 180);
  switch (country.code) {
    case 'GB':
    case 'IE':
      return rng.chance(0.3) ? `Unit ${rng.int(1, 24)}, ${no} ${street}` : `${no} ${street}`;
    case 'UA':
      return rng.chance(0.5) ? `${street}, ${no}, оф. ${rng.int(1, 420)}` : `${street}, ${no}`;
    default:
      return rng.chance(0.5) ? `${street}, д. ${no}, офис ${rng.int(1, 420)}` : `${street}, д. ${no}`;
  }
}

export interface PhoneParts {
  /** Country code without "+". */
  readonly dial: string;
  readonly area: string;
  readonly subscriber: string;
}

/** How a number is written: "+44 20 7946 0123" (the default), "+442079460123", "+44-20-7946-0123". */
export type PhoneStyle = 'international' | 'compact' | 'dashed';

/** Multiplier of subscriberDigits: odd and not a multiple of 5, so coprime with every 8·10^k. */
const SPREAD = 7_368_787;

/**
 * `length` subscriber digits for record `index`, not starting with 0 or 1. (index, salt) ↦ digits
 * is one-to-one in `index` for a fixed salt (up to 8·10^(length-1) indexes): index·SPREAD + salt
 * modulo 8·10^(length-1) is a bijection because SPREAD is coprime with the modulus.
 */
export function subscriberDigits(index: number, salt: number, length: number): string {
  const span = 8 * 10 ** (length - 1);
  const k = (((index % span) * SPREAD) % span + (salt % span)) % span;
  return String(2 * 10 ** (length - 1) + k);
}

/** The office number of record `index` in a city. */
export function landline(country: Country, c: City, index: number, salt: number): PhoneParts {
  return { dial: country.dial, area: c.area, subscriber: subscriberDigits(index, salt, c.digits) };
}

/** A mobile number of record `index`, on an operator drawn from `rng`. */
export function mobile(rng: Rng, country: Country, index: number, salt: number): PhoneParts {
  return { dial: country.dial, area: rng.pick(country.mobile), subscriber: subscriberDigits(index, salt, country.mobileDigits) };
}

/** Subscriber digits in the groups people write: 8 → 4+4, 7 → 3+2+2, 6 → 3+3 (or 2+2+2). */
function groups(subscriber: string, dial: string): string[] {
  const s = subscriber;
  if (s.length === 8) return [s.slice(0, 4), s.slice(4)];
  if (s.length === 7) return dial === '44' || dial === '353' ? [s.slice(0, 3), s.slice(3)] : [s.slice(0, 3), s.slice(3, 5), s.slice(5)];
  if (s.length === 6) return dial === '44' ? [s] : [s.slice(0, 2), s.slice(2, 4), s.slice(4)];
  return [s];
}

export function formatPhone(parts: PhoneParts, style: PhoneStyle = 'international'): string {
  const g = groups(parts.subscriber, parts.dial);
  switch (style) {
    case 'compact':
      return `+${parts.dial}${parts.area}${parts.subscriber}`;
    case 'dashed':
      return `+${parts.dial}-${parts.area}-${g.join('-')}`;
    case 'international':
      return `+${parts.dial} ${parts.area} ${g.join(' ')}`;
  }
}
