// Members of the sales team. The mix of profiles is what makes rep scorecards interesting:
// field reps (visits), inside sales / telemarketing (calls), key-account managers (meetings),
// service agents (tickets), a head of sales, marketing, an analyst. Field and key-account reps
// cover a territory; the first members write Russian (the team's founders).
import { DAY } from '../calendar.ts';
import { personName, emailLocal, fullName, type Lang } from '../data/people.ts';
import { TERRITORIES } from '../data/places.ts';
import { Rng, deriveSeed } from '../random.ts';
import { compact, record, type GeneratedRecord } from '../record.ts';
import type { RepProfile, UserInfo, World } from '../world.ts';

export const TEAM_DOMAIN = 'northstar-supplies.example';

const TITLES: Readonly<Record<RepProfile, Readonly<Record<Lang, string>>>> = {
  manager: { en: 'Head of Sales', ru: 'Руководитель отдела продаж', uk: 'Керівник відділу продажів' },
  marketing: { en: 'Marketing Manager', ru: 'Маркетолог', uk: 'Маркетолог' },
  analyst: { en: 'Sales Analyst', ru: 'Аналитик продаж', uk: 'Аналітик продажів' },
  service: { en: 'Customer Service Agent', ru: 'Специалист сервиса', uk: 'Фахівець сервісу' },
  key: { en: 'Key Account Manager', ru: 'Менеджер по ключевым клиентам', uk: 'Менеджер з ключових клієнтів' },
  field: { en: 'Field Sales Representative', ru: 'Торговый представитель', uk: 'Торговий представник' },
  inside: { en: 'Inside Sales Representative', ru: 'Менеджер телемаркетинга', uk: 'Менеджер телемаркетингу' },
};

const COLORS = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#469990', '#9a6324', '#800000', '#808000', '#000075'];

/** How many members of each profile a team of n has (10 → 1/1/0/1/1/3/3). */
export function teamProfiles(n: number): RepProfile[] {
  const count = (share: number, min: number): number => Math.max(min, Math.round(n * share));
  const fixed: [RepProfile, number][] = [
    ['manager', count(0.04, 1)],
    ['marketing', count(0.04, 1)],
    ['analyst', n >= 20 ? count(0.02, 1) : 0],
    ['service', count(0.1, 1)],
    ['key', count(0.1, 1)],
    ['field', count(0.3, 1)],
  ];
  const out: RepProfile[] = [];
  for (const [p, k] of fixed) for (let i = 0; i < k; i++) out.push(p);
  while (out.length < n) out.push('inside');
  return out.slice(0, n);
}

function langOfTerritory(rng: Rng, territory: string | undefined): Lang {
  if (!territory) return rng.weighted<Lang>(['en', 'ru', 'uk'], [0.5, 0.25, 0.25]);
  if (territory.startsWith('UK') || territory === 'Ireland') return 'en';
  if (territory.startsWith('Ukraine')) return rng.chance(0.8) ? 'uk' : 'ru';
  return 'ru';
}

export function* generateUsers(world: World): Generator<GeneratedRecord> {
  const rng = new Rng(deriveSeed(world.seed, 'users'));
  const profiles = teamProfiles(world.counts.users);
  let territoryTurn = 0;
  const emails = new Set<string>();
  for (let i = 0; i < profiles.length; i++) {
    const profile = profiles[i] as RepProfile;
    const territory =
      profile === 'field' || profile === 'key' ? TERRITORIES[territoryTurn++ % TERRITORIES.length] : undefined;
    // The first members (founders, head of sales) write Russian.
    const lang: Lang = i < 3 ? 'ru' : langOfTerritory(rng, territory);
    const name = personName(rng, lang);
    let email = `${emailLocal(name, 0)}@${TEAM_DOMAIN}`;
    for (let k = 2; emails.has(email); k++) email = `${emailLocal(name, 0)}${k}@${TEAM_DOMAIN}`;
    emails.add(email);
    const info: UserInfo = { name: fullName(name), lang, profile, territory };
    world.users.push(info);
    yield record(
      'users',
      i,
      compact({
        name: info.name,
        email,
        role: profile === 'manager' ? 'owner' : profile === 'analyst' ? 'viewer' : 'editor',
        title: TITLES[profile][lang],
        territory,
        color: COLORS[i % COLORS.length],
        active: true,
      }),
      world.window.start - 60 * DAY + i * DAY,
    );
  }
}

/** Members of a profile, by index. */
export function usersWith(world: World, ...profiles: RepProfile[]): number[] {
  const out: number[] = [];
  world.users.forEach((u, i) => {
    if (profiles.includes(u.profile)) out.push(i);
  });
  return out;
}
