// Accounts (counterparties): customers, prospects, a few suppliers, partners, distributors and
// banks. Planning happens before the first account is yielded, because some fields depend on
// all of them: key accounts are the top 5% by realised value, which needs the calibrated buying
// model (buying.ts), and owners depend on the customer group.
import { BUYING, calibrate, drawBuyerTraits, meanSpend, type Buyer } from '../buying.ts';
import { DAY, clamp, dayStart, isoDate } from '../calendar.ts';
import { CATEGORIES } from '../data/categories.ts';
import { INDUSTRIES, companyName, withForm, type Industry } from '../data/companies.ts';
import { typo } from '../data/people.ts';
import {
  address, countryOf, formatPhone, landline, pickCountry, pickLang, type PhoneStyle,
} from '../data/places.ts';
import { ACCOUNT_NOTES, accountPlan } from '../data/texts.ts';
import { duplicateCount, duplicateOriginal } from '../duplicates.ts';
import { Rng, deriveSeed } from '../random.ts';
import { compact, record, type GeneratedRecord } from '../record.ts';
import { idFor } from '../sizes.ts';
import type { AccountInfo, AccountKind, CustomerGroup, World } from '../world.ts';
import { usersWith } from './users.ts';

const KIND_MIX: Readonly<Record<AccountKind, number>> = {
  customer: 60, prospect: 28, distributor: 4, supplier: 4, partner: 3, bank: 1,
};

/** Share of accounts flagged key accounts: the top ones by realised revenue. */
const KEY_SHARE = 0.05;

/** Salt for account phone numbers (contacts use others), see places.ts subscriberDigits. */
export const ACCOUNT_PHONE_SALT = 104_729;

function favouriteCategories(rng: Rng, industry: Industry): { favourites: number[]; weights: number[] } {
  const affinity = CATEGORIES.map((c) => c.weight * (c.industries.includes(industry) ? 6 : 1));
  const k = rng.weighted([1, 2, 3], [0.3, 0.45, 0.25]);
  const favourites: number[] = [];
  while (favourites.length < k) {
    const c = rng.weightedIndex(affinity);
    if (!favourites.includes(c)) favourites.push(c);
    affinity[c] = 0;
  }
  const raw = favourites.map(() => rng.gamma(1.5));
  const sum = raw.reduce((s, x) => s + x, 0);
  return { favourites, weights: raw.map((x) => x / sum) };
}

interface Plan {
  readonly info: AccountInfo;
  readonly email: string | undefined;
  readonly phone: string | undefined;
  readonly website: string | undefined;
  readonly address: string;
  readonly parent: number;
}

/** Draws every account, calibrates the buyers' order counts, and assigns key accounts and owners. */
function planAccounts(world: World, rng: Rng): Plan[] {
  const n = world.counts.accounts;
  const dups = duplicateCount('accounts', n);
  const { start, days, endExclusive } = world.window;
  const clock = world.clock;
  const plans: Plan[] = [];
  const names = new Set<string>();
  const domains = new Set<string>();

  for (let i = 0; i < n - dups; i++) {
    const country = pickCountry(rng);
    const city = rng.pick(country.cities);
    const lang = pickLang(rng, country);
    const industry = rng.pick(INDUSTRIES);
    const kind = rng.weightedKey(KIND_MIX);
    let company = companyName(rng, country.code, industry, lang);
    // Names are unique (real near-duplicates are planted on purpose, see duplicates.ts).
    for (let k = 2; names.has(company.full); k++) {
      const core = k === 2 ? `${company.core} ${city.name}` : `${company.core} ${k}`;
      company = { ...company, core, full: withForm(core, company.form, country.code !== 'GB' && country.code !== 'IE') };
    }
    names.add(company.full);
    let domain = `${company.slug || 'company'}.${country.tld}`;
    for (let k = 2; domains.has(domain); k++) domain = `${company.slug || 'company'}${k}.${country.tld}`;
    domains.add(domain);

    let buyer = -1;
    let created: number;
    if (kind === 'customer' || kind === 'distributor') {
      // A fifth are the existing customer base (first order in the first weeks, account older
      // than the window); the rest join evenly over the three years.
      const existing = rng.chance(0.2);
      const join = existing ? rng.uniform(0, 45) : rng.uniform(0, days - 10);
      const traits = drawBuyerTraits(rng);
      buyer = world.buyers.length;
      world.buyers.push({
        account: i,
        join,
        tau0: clock.tau(join),
        ...traits,
        spendFactor: kind === 'distributor' ? BUYING.distributorSpend : 1,
      });
      // Never after the day of the first order (which may be early that day).
      created = existing
        ? start - rng.uniform(30, 900) * DAY
        : Math.min(dayStart(clock.ms(join)), Math.max(start, clock.ms(join) - rng.gamma(2, 10) * DAY));
    } else if (kind === 'prospect') {
      created = start + rng.uniform(-200, days - 1) * DAY;
    } else {
      created = start - rng.uniform(60, 1500) * DAY;
    }
    const { favourites, weights } = favouriteCategories(rng, industry);
    const info: AccountInfo = {
      name: company.full,
      core: company.core,
      form: company.form,
      kind,
      lang,
      country: country.code,
      city,
      industry,
      domain,
      created: Math.min(created, endExclusive - DAY),
      buyer,
      favourites,
      favouriteWeights: weights,
      key: false,
      group: undefined,
      owner: 0,
      duplicateOf: -1,
    };
    let parent = -1;
    if (i >= 10 && rng.chance(0.04)) {
      for (let t = 0; t < 10 && parent < 0; t++) {
        const p = rng.int(0, i - 1);
        const cand = plans[p]?.info;
        if (cand && cand.country === info.country && cand.kind !== 'bank' && cand.kind !== 'supplier') parent = p;
      }
    }
    const local = rng.pick(lang === 'en' ? ['info', 'office', 'sales', 'hello'] : ['info', 'office', 'zakaz', 'sales']);
    plans.push({
      info,
      email: rng.chance(0.85) ? `${local}@${domain}` : undefined,
      phone: formatPhone(landline(country, city, i, ACCOUNT_PHONE_SALT)),
      website: rng.chance(0.7) ? `https://www.${domain}/` : undefined,
      address: address(rng, country),
      parent,
    });
  }

  // Calibrate the buying model now: key accounts are those that actually buy the most.
  const cal = calibrate(world.seed, world.buyers, world.counts.orders, clock.tauEnd);
  world.calibration = cal;
  const value = (b: Buyer, i: number): number => (cal.counts[i] as number) * meanSpend(b);
  const ranked = world.buyers.map((b, i) => [value(b, i), b.account] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  const keyCount = Math.round(n * KEY_SHARE);
  ranked.slice(0, keyCount).forEach(([, a]) => {
    (plans[a] as Plan).info.key = true;
  });
  // Customer groups: key accounts, distributors, then the top 35% of the rest are wholesale.
  const wholesaleCut = ranked.filter(([, a]) => !(plans[a] as Plan).info.key).length * 0.35;
  let rank = 0;
  for (const [, a] of ranked) {
    const info = (plans[a] as Plan).info;
    if (info.key) info.group = 'Key accounts';
    else if (info.kind === 'distributor') info.group = 'Distributors';
    else info.group = rank++ < wholesaleCut ? 'Wholesale' : 'Retail';
  }
  for (const p of plans) {
    if (p.info.kind === 'prospect') p.info.group = rng.chance(0.7) ? 'Retail' : 'Wholesale';
  }
  for (const p of plans) p.info.owner = chooseOwner(world, rng, p.info);

  // Planted near-duplicates (duplicates.ts): copies of an original with a variation.
  for (let k = 0; k < dups; k++) {
    const i = n - dups + k;
    const o = duplicateOriginal('accounts', n, k);
    const orig = plans[o] as Plan;
    const country = countryOf(orig.info.country);
    const cyrillic = country.code !== 'GB' && country.code !== 'IE';
    let name: string;
    if (rng.chance(0.5) && orig.info.form !== 'ФОП' && orig.info.form !== 'ИП') {
      // Legal form added or dropped: "Northwind Logistics" / "Northwind Logistics LLC".
      name = orig.info.form ? orig.info.core : withForm(orig.info.core, cyrillic ? 'ООО' : 'LLC', cyrillic);
    } else {
      name = withForm(typo(rng, orig.info.core), orig.info.form, cyrillic);
    }
    if (names.has(name)) name = withForm(typo(rng, orig.info.core), orig.info.form, cyrillic);
    names.add(name);
    const samePhone = rng.chance(0.6);
    const phoneStyle: PhoneStyle = rng.chance(0.5) ? 'compact' : 'dashed';
    const info: AccountInfo = {
      ...orig.info,
      name,
      // Entered again by someone who did not find the original: often as a prospect.
      kind: rng.chance(0.5) ? orig.info.kind : 'prospect',
      created: clamp(orig.info.created + rng.uniform(20, 500) * DAY, start, endExclusive - DAY),
      buyer: -1,
      key: false,
      group: undefined,
      duplicateOf: o,
      owner: 0,
    };
    info.owner = chooseOwner(world, rng, info);
    plans.push({
      info,
      email: samePhone && rng.chance(0.5) ? undefined : orig.email,
      phone: samePhone
        ? formatPhone(landline(country, orig.info.city, o, ACCOUNT_PHONE_SALT), phoneStyle)
        : formatPhone(landline(country, orig.info.city, i, ACCOUNT_PHONE_SALT)),
      website: undefined,
      address: orig.address,
      parent: -1,
    });
  }
  return plans;
}

function chooseOwner(world: World, rng: Rng, a: AccountInfo): number {
  const field = usersWith(world, 'field');
  const key = usersWith(world, 'key');
  const inside = usersWith(world, 'inside');
  const managers = usersWith(world, 'manager');
  const inTerritory = (ids: number[]): number[] => ids.filter((u) => world.users[u]?.territory === a.city.territory);
  const fieldRep = (): number => {
    const local = inTerritory(field);
    return rng.pick(local.length ? local : field.length ? field : inside);
  };
  const insideRep = (): number => {
    // Inside sales call in their own language (Russian and Ukrainian speakers cover both).
    const sameLang = inside.filter((u) => (world.users[u]?.lang === 'en') === (a.lang === 'en'));
    return rng.pick(sameLang.length ? sameLang : inside.length ? inside : field);
  };
  if (a.kind === 'supplier' || a.kind === 'bank' || a.kind === 'partner') {
    return rng.chance(0.7) && managers.length ? rng.pick(managers) : fieldRep();
  }
  if (a.key || a.kind === 'distributor') {
    const local = inTerritory(key);
    if (key.length && (local.length || rng.chance(0.7))) return rng.pick(local.length ? local : key);
    return fieldRep();
  }
  const group: CustomerGroup | undefined = a.group;
  const fieldShare = a.kind === 'prospect' ? 0.4 : group === 'Wholesale' ? 0.7 : 0.25;
  return rng.chance(fieldShare) ? fieldRep() : insideRep();
}

export function* generateAccounts(world: World): Generator<GeneratedRecord> {
  const rng = new Rng(deriveSeed(world.seed, 'accounts'));
  const plans = planAccounts(world, rng);
  for (let i = 0; i < plans.length; i++) {
    const p = plans[i] as Plan;
    const a = p.info;
    world.accounts.push(a);
    const isBuyer = a.kind === 'customer' || a.kind === 'distributor';
    const favouriteNames = a.favourites.map((c) => CATEGORIES[c]?.name ?? '');
    yield record(
      'accounts',
      i,
      compact({
        name: a.name,
        kind: a.kind,
        industry: a.industry,
        email: p.email,
        phone: p.phone,
        website: p.website,
        address: p.address,
        city: a.city.name,
        country: a.country,
        territory: a.city.territory,
        segment: a.group,
        ownerId: idFor('users', a.owner),
        parentId: p.parent >= 0 ? idFor('accounts', p.parent) : undefined,
        keyAccount: isBuyer || a.kind === 'prospect' ? a.key : undefined,
        accountPlan:
          a.key || (a.group === 'Wholesale' && rng.chance(0.1)) ? accountPlan(rng, a.lang, favouriteNames) : undefined,
        notes: rng.chance(0.12)
          ? `${rng.pick(ACCOUNT_NOTES[a.lang])}${a.created < world.window.start ? ` (since ${isoDate(a.created).slice(0, 4)})` : ''}`
          : undefined,
      }),
      a.created,
    );
  }
}
