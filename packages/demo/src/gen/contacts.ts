// Contacts: the people at each account and their role in its buying centre. Bigger and key
// accounts have more people; the first contact is usually the decision maker, the second the
// buyer. The last 1.5% are planted near-duplicates of earlier contacts (duplicates.ts).
import { DAY, clamp } from '../calendar.ts';
import { emailLocal, personName, typo, type PersonName } from '../data/people.ts';
import { countryOf, formatPhone, landline, mobile, type PhoneStyle } from '../data/places.ts';
import { JOB_TITLES } from '../data/texts.ts';
import { duplicateCount, duplicateOriginal } from '../duplicates.ts';
import { Rng, deriveSeed, AliasTable } from '../random.ts';
import { compact, record, type GeneratedRecord } from '../record.ts';
import { idFor } from '../sizes.ts';
import type { AccountInfo, ContactInfo, World } from '../world.ts';

type Role = ContactInfo['role'];

const OTHER_ROLES: readonly Role[] = ['influencer', 'user', 'gatekeeper', 'buyer', 'decision_maker'];
const OTHER_ROLE_WEIGHTS = [30, 30, 15, 15, 10];

const PHONE_SALT = 7_368_787;
const MOBILE_SALT = 2_750_159;

function contactWeight(a: AccountInfo): number {
  if (a.duplicateOf >= 0) return 0.3;
  if (a.key) return 6;
  switch (a.kind) {
    case 'distributor':
      return 4;
    case 'customer':
      return a.group === 'Wholesale' ? 3 : 2;
    case 'prospect':
      return 1.5;
    case 'bank':
      return 0.8;
    default:
      return 1.5;
  }
}

function roleFor(rng: Rng, position: number): Role {
  if (position === 0) return rng.chance(0.6) ? 'decision_maker' : 'buyer';
  if (position === 1) return 'buyer';
  return rng.weighted(OTHER_ROLES, OTHER_ROLE_WEIGHTS);
}

export function* generateContacts(world: World): Generator<GeneratedRecord> {
  const rng = new Rng(deriveSeed(world.seed, 'contacts'));
  const n = world.counts.contacts;
  const dups = duplicateCount('contacts', n);
  const accounts = world.accounts;
  const na = accounts.length;
  if (n - dups < na) throw new Error(`${n} contacts are too few for ${na} accounts`);

  // Every account gets one contact; the rest are spread by weight.
  const perAccount = new Int32Array(na).fill(1);
  const table = new AliasTable(accounts.map(contactWeight));
  for (let k = na; k < n - dups; k++) {
    const a = table.sample(rng);
    perAccount[a] = (perAccount[a] as number) + 1;
  }
  const start = new Int32Array(na + 1);
  for (let a = 0; a < na; a++) start[a + 1] = (start[a] as number) + (perAccount[a] as number);
  world.contactStart = start;
  world.buyerContact = new Int32Array(na);

  const emails = new Set<string>();
  const end = world.window.endExclusive;
  let index = 0;
  for (let a = 0; a < na; a++) {
    const acc = accounts[a] as AccountInfo;
    const country = countryOf(acc.country);
    let buyerContact = -1;
    for (let pos = 0; pos < (perAccount[a] as number); pos++, index++) {
      // In Ukraine people write Ukrainian or Russian regardless of the company's language.
      const lang = acc.lang === 'en' ? 'en' : acc.country === 'UA' ? (rng.chance(0.65) ? 'uk' : 'ru') : 'ru';
      const name: PersonName = personName(rng, lang);
      const role = roleFor(rng, pos);
      if (buyerContact < 0 && role === 'buyer') buyerContact = index;
      let email: string | undefined;
      if (rng.chance(0.9)) {
        const base = emailLocal(name, rng.int(0, 2));
        email = `${base}@${acc.domain}`;
        for (let k = 2; emails.has(email); k++) email = `${base}${k}@${acc.domain}`;
        emails.add(email);
      }
      const phone = rng.chance(0.7) ? formatPhone(landline(country, acc.city, index, PHONE_SALT)) : undefined;
      const mob = rng.chance(0.6) ? formatPhone(mobile(rng, country, index, MOBILE_SALT)) : undefined;
      const info: ContactInfo = { account: a, first: name.first, last: name.last, lang, role, email, phone: phone ?? mob };
      world.contacts.push(info);
      yield record(
        'contacts',
        index,
        compact({
          firstName: name.first,
          lastName: name.last,
          accountId: idFor('accounts', a),
          jobTitle: rng.pick(JOB_TITLES[role][lang]),
          buyingRole: role,
          email,
          phone,
          mobile: mob,
          ownerId: idFor('users', acc.owner),
          birthday: rng.chance(0.3) ? birthday(rng) : undefined,
          notes: rng.chance(0.05) ? noteFor(lang) : undefined,
        }),
        clamp(acc.created + rng.uniform(0, 400) * DAY, acc.created, end - DAY),
      );
    }
    world.buyerContact[a] = buyerContact >= 0 ? buyerContact : (start[a] as number);
  }

  // Planted near-duplicates: the same person entered again, with a typo in the name, the phone
  // written another way, or the same e-mail (typed in another case, which the model stores
  // lower-cased). At least one strong signal (e-mail or phone digits) is shared whenever the
  // original has one; otherwise only the account and a near-identical name are.
  for (let k = 0; k < dups; k++, index++) {
    const o = duplicateOriginal('contacts', n, k);
    const orig = world.contacts[o] as ContactInfo;
    const acc = accounts[orig.account] as AccountInfo;
    const sameEmail = orig.email !== undefined && (rng.chance(0.6) || orig.phone === undefined);
    const samePhone = orig.phone !== undefined && (!sameEmail || rng.chance(0.4));
    const style: PhoneStyle = rng.chance(0.5) ? 'compact' : 'dashed';
    const nameTypo = rng.chance(0.4) || (!sameEmail && !samePhone);
    const last = nameTypo ? typo(rng, orig.last) : orig.last;
    const info: ContactInfo = { ...orig, last };
    world.contacts.push(info);
    yield record(
      'contacts',
      index,
      compact({
        firstName: orig.first,
        lastName: last,
        accountId: idFor('accounts', orig.account),
        buyingRole: rng.chance(0.5) ? orig.role : undefined,
        email: sameEmail ? orig.email : undefined,
        phone: samePhone ? restyle(orig.phone, style) : undefined,
        ownerId: idFor('users', acc.owner),
      }),
      clamp(acc.created + rng.uniform(100, 900) * DAY, acc.created, end - DAY),
    );
  }
}

/** Rewrites "+44 20 7946 0123" with the same digits in another style. */
function restyle(phone: string, style: PhoneStyle): string {
  const m = /^\+(\d+) (\d+) ([\d ]+)$/.exec(phone);
  if (!m) return phone.replace(/\s/g, '');
  return formatPhone({ dial: m[1] as string, area: m[2] as string, subscriber: (m[3] as string).replace(/\s/g, '') }, style);
}

function birthday(rng: Rng): string {
  const y = rng.int(1960, 2001);
  const d = new Date(Date.UTC(y, 0, 1) + rng.int(0, 364) * DAY);
  return d.toISOString().slice(0, 10);
}

function noteFor(lang: 'en' | 'ru' | 'uk'): string {
  return lang === 'en' ? 'Prefers e-mail to calls.' : lang === 'ru' ? 'Предпочитает почту звонкам.' : 'Надає перевагу пошті, а не дзвінкам.';
}
