// Leads (inquiries): captured from the web form, phone, e-mail, referrals, events and
// campaigns; classified with the standard questionnaire (answers), scored from the answers, and
// routed to a rep. Most get a first response within hours; some wait more than a day, and a few
// recent ones are still unanswered — the response-deadline view of the product brief.
import { DAY, HOUR, MINUTE, clamp, isWeekend, toMinute } from '../calendar.ts';
import { CATEGORIES } from '../data/categories.ts';
import { INDUSTRIES, companyName } from '../data/companies.ts';
import { emailLocal, fullName, personName } from '../data/people.ts';
import { formatPhone, mobile, pickCountry, pickLang } from '../data/places.ts';
import { LEAD_MESSAGES } from '../data/texts.ts';
import { Rng, deriveSeed } from '../random.ts';
import { compact, record, type GeneratedRecord } from '../record.ts';
import { idFor } from '../sizes.ts';
import type { CampaignInfo, World } from '../world.ts';
import { usersWith } from './users.ts';

type Source = 'web_form' | 'phone' | 'email' | 'referral' | 'event' | 'campaign' | 'other';
const SOURCE_MIX: Readonly<Record<Source, number>> = {
  web_form: 35, phone: 20, email: 15, referral: 10, event: 8, campaign: 10, other: 2,
};

const BUDGETS = ['< €1k', '€1k–10k', '€10k–50k', '> €50k'] as const;
const TIMEFRAMES = ['just researching', 'this year', 'this quarter', 'this month'] as const;
const LEAD_PHONE_SALT = 5_003_003;

/** Lead score 0–100 from the questionnaire: budget, urgency, authority, company size. */
export function leadScore(answers: { budget: number; timeframe: number; decisionMaker: boolean; employees: number }): number {
  const size = answers.employees >= 250 ? 20 : answers.employees >= 50 ? 14 : answers.employees >= 10 ? 8 : 3;
  return clamp(Math.round(answers.budget * 11 + answers.timeframe * 10 + (answers.decisionMaker ? 15 : 0) + size), 0, 100);
}

function campaignAt(campaigns: readonly CampaignInfo[], at: number, channel?: CampaignInfo['channel']): number {
  let best = -1;
  for (let i = 0; i < campaigns.length; i++) {
    const c = campaigns[i] as CampaignInfo;
    if (channel && c.channel !== channel) continue;
    // Running now, or the latest one that ended in the last month (responses trail campaigns).
    if (c.start <= at && at <= c.end + 30 * DAY && (best < 0 || c.start > (campaigns[best] as CampaignInfo).start)) best = i;
  }
  return best;
}

export function* generateLeads(world: World): Generator<GeneratedRecord> {
  const rng = new Rng(deriveSeed(world.seed, 'leads'));
  const n = world.counts.leads;
  const { start, days, endExclusive: end } = world.window;
  const inside = usersWith(world, 'inside');
  const field = usersWith(world, 'field', 'key');

  for (let i = 0; i < n; i++) {
    // Inquiries grow with the business: half uniform, half with linearly rising density.
    const u = rng.float();
    let received = start + (rng.chance(0.5) ? u : Math.sqrt(u)) * days * DAY;
    if (isWeekend(received) && rng.chance(0.6)) received -= 2 * DAY;
    received = toMinute(clamp(received, start, end - HOUR));

    const country = pickCountry(rng);
    const city = rng.pick(country.cities);
    const lang = pickLang(rng, country);
    const person = personName(rng, lang);
    const industry = rng.pick(INDUSTRIES);
    const company = companyName(rng, country.code, industry, lang);
    let source = rng.weightedKey(SOURCE_MIX);
    let campaign = -1;
    if (source === 'campaign' || source === 'event') {
      campaign = campaignAt(world.campaigns, received, source === 'event' ? 'event' : undefined);
      if (campaign < 0) source = 'web_form';
    }

    const answers = {
      budget: rng.weightedIndex([30, 40, 22, 8]),
      timeframe: rng.weightedIndex([25, 30, 30, 15]),
      decisionMaker: rng.chance(0.45),
      employees: Math.max(1, Math.round(rng.lognormal(Math.log(25), 1.1))),
    };
    const score = leadScore(answers);

    // Routing: inside sales in the lead's language, field reps for big ones in their territory.
    const localField = field.filter((f) => world.users[f]?.territory === city.territory);
    const sameLang = inside.filter((r) => (world.users[r]?.lang === 'en') === (lang === 'en'));
    const recent = end - received < 3 * DAY;
    let assignee: number | undefined;
    if (!(recent && rng.chance(0.3)) && !rng.chance(0.03)) {
      assignee = score >= 60 && localField.length ? rng.pick(localField) : rng.pick(sameLang.length ? sameLang : inside.length ? inside : field);
    }

    // First response: mostly within hours, some after a day or more, a few never — mostly
    // the last month's (a stale queue from years ago would have been cleaned up).
    let firstResponse: number | undefined;
    if (assignee !== undefined) {
      const r = rng.float();
      const never = end - received < 30 * DAY ? 0.15 : 0.03;
      const delay =
        r < never ? Number.POSITIVE_INFINITY
          : r < 0.78 ? rng.lognormal(Math.log(1.2), 0.8) * HOUR
            : r < 0.9 ? rng.uniform(4, 24) * HOUR
              : rng.uniform(1, 5) * DAY;
      const at = toMinute(received + Math.max(2 * MINUTE, delay));
      if (at < end) firstResponse = at;
    }
    const age = (end - received) / DAY;
    const status =
      firstResponse === undefined ? 'new'
        : age < 7 ? 'contacted'
          : score >= 60 ? rng.weighted(['converted', 'qualified', 'disqualified'] as const, [50, 30, 20])
            : rng.weighted(['disqualified', 'contacted', 'qualified', 'converted'] as const, [45, 25, 20, 10]);

    const interest = CATEGORIES[rng.int(0, CATEGORIES.length - 1)]?.name ?? 'Coffee & tea';
    yield record(
      'leads',
      i,
      compact({
        name: fullName(person),
        company: company.full,
        email: rng.chance(0.85) ? `${emailLocal(person, i)}@${company.slug || 'mail'}.${country.tld}` : undefined,
        phone: rng.chance(0.7) ? formatPhone(mobile(rng, country, i, LEAD_PHONE_SALT)) : undefined,
        source,
        campaignId: campaign >= 0 ? idFor('campaigns', campaign) : undefined,
        status,
        answers: {
          budget: BUDGETS[answers.budget] ?? BUDGETS[0],
          timeframe: TIMEFRAMES[answers.timeframe] ?? TIMEFRAMES[0],
          decisionMaker: answers.decisionMaker,
          employees: answers.employees,
          industry,
          interest,
        },
        score,
        assigneeId: assignee !== undefined ? idFor('users', assignee) : undefined,
        territory: city.territory,
        receivedAt: received,
        firstResponseAt: firstResponse,
        message: rng.chance(0.7) ? rng.pick(LEAD_MESSAGES[lang]) : undefined,
      }),
      received,
    );
  }
}
