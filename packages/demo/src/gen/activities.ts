// Activities: the logged relationship — calls, meetings, visits, e-mails, letters, notes.
//
// Each activity is drawn independently (so 1.5 million stream in constant memory): an account
// by activity level (an alias table: active customers and prospects get the most contact), a
// moment in the account's active period, a rep (mostly the owner), and a type from the rep's
// mix — field reps visit, inside sales call, key-account managers hold meetings. Durations,
// costs ($18 a call, $400 a visit), outcomes, channels and directions follow the type; visits
// and meetings get a short report and some visits an expense claim. Calls and visits during a
// telemarketing or field campaign often belong to it.
import { DAY, HOUR, MINUTE, clamp, isWeekend, toMinute } from '../calendar.ts';
import { EXPENSE_ITEMS, SUBJECTS, report } from '../data/texts.ts';
import type { Lang } from '../data/people.ts';
import { AliasTable, Rng, deriveSeed } from '../random.ts';
import { compact, lineId, record, usd, type GeneratedRecord } from '../record.ts';
import { idFor } from '../sizes.ts';
import type { AccountInfo, CampaignInfo, RepProfile, World } from '../world.ts';
import { usersWith } from './users.ts';

type ActivityType = 'call' | 'meeting' | 'visit' | 'email' | 'letter' | 'note';
type Outcome = 'completed' | 'no_answer' | 'call_back' | 'interested' | 'not_interested' | 'order' | 'left_message';

/** Activity mix per rep profile: what a working week of each looks like. */
export const ACTIVITY_MIX: Readonly<Record<RepProfile, Readonly<Partial<Record<ActivityType, number>>>>> = {
  field: { visit: 35, meeting: 10, call: 30, email: 15, note: 10 },
  key: { meeting: 30, visit: 25, call: 20, email: 20, note: 5 },
  inside: { call: 72, email: 16, letter: 4, note: 8 },
  service: { call: 55, email: 40, note: 5 },
  manager: { meeting: 40, call: 30, email: 25, note: 5 },
  marketing: { email: 50, letter: 40, note: 10 },
  analyst: { note: 100 },
};

const OUTBOUND_CALL: Readonly<Partial<Record<Outcome, number>>> = {
  no_answer: 22, left_message: 10, call_back: 15, interested: 15, not_interested: 13, order: 10, completed: 15,
};
const INBOUND_CALL: Readonly<Partial<Record<Outcome, number>>> = { order: 25, completed: 45, call_back: 15, interested: 15 };
const VISIT: Readonly<Partial<Record<Outcome, number>>> = { completed: 45, interested: 25, order: 20, not_interested: 10 };
const MEETING: Readonly<Partial<Record<Outcome, number>>> = { completed: 60, interested: 25, order: 10, not_interested: 5 };
const EMAIL: Readonly<Partial<Record<Outcome, number>>> = { completed: 70, interested: 20, not_interested: 10 };

/** Costs in US cents (product brief: about $18 a telemarketing contact, $400 a field visit). */
const COST = { call: 1_800, visit: 40_000, meetingInPerson: 15_000, meetingVideo: 3_000, email: 300, letter: 800 } as const;

function activityWeight(world: World, a: number): number {
  const acc = world.accounts[a] as AccountInfo;
  if (acc.duplicateOf >= 0) return 0.3;
  const orders = world.orders?.count[a] ?? 0;
  if (acc.buyer >= 0) return (2 + 1.2 * Math.sqrt(orders)) * (acc.key ? 2 : 1);
  switch (acc.kind) {
    case 'prospect':
      return 2.5;
    case 'bank':
      return 0.2;
    default:
      return 0.6;
  }
}

function activeCampaign(campaigns: readonly CampaignInfo[], channel: CampaignInfo['channel'], at: number): number {
  for (let i = 0; i < campaigns.length; i++) {
    const c = campaigns[i] as CampaignInfo;
    if (c.channel === channel && c.start <= at && at <= c.end) return i;
  }
  return -1;
}

export function* generateActivities(world: World): Generator<GeneratedRecord> {
  const rng = new Rng(deriveSeed(world.seed, 'activities'));
  const orders = world.orders;
  const deals = world.deals;
  if (!orders || !deals) throw new Error('activities need orders and deals');
  const n = world.counts.activities;
  const na = world.accounts.length;
  const { start, endExclusive: end } = world.window;
  const accountTable = new AliasTable(Array.from({ length: na }, (_, a) => activityWeight(world, a)));
  const service = usersWith(world, 'service');
  const inside = usersWith(world, 'inside');
  const managers = usersWith(world, 'manager');
  const marketing = usersWith(world, 'marketing');
  const mixes = world.users.map((u) => {
    const mix = ACTIVITY_MIX[u.profile];
    const types = Object.keys(mix) as ActivityType[];
    return { types, weights: types.map((t) => mix[t] ?? 0) };
  });
  const sampleSize = Math.ceil(world.counts.attachments * 0.4);
  let visits = 0;

  for (let i = 0; i < n; i++) {
    const a = accountTable.sample(rng);
    const acc = world.accounts[a] as AccountInfo;
    // When: buyers mostly while they buy (and a little after), anyone else any time.
    const from = Math.max(acc.created, start);
    const last = orders.last[a] as number;
    const to = acc.buyer >= 0 && !Number.isNaN(last) && rng.chance(0.75) ? Math.min(end, last + 60 * DAY) : end;
    let day = 0;
    for (let t = 0; t < 4; t++) {
      day = Math.floor((from + rng.float() * Math.max(0, to - from)) / DAY) * DAY;
      if (!isWeekend(day)) break;
    }
    day = Math.max(day, Math.floor(from / DAY) * DAY);

    // Who: the owner mostly; service agents and other inside reps for customers; marketing mail.
    const r = rng.float();
    const rep =
      r < 0.8 ? acc.owner
        : r < 0.88 && service.length && acc.buyer >= 0 ? rng.pick(service)
          : r < 0.95 && inside.length ? rng.pick(inside)
            : r < 0.98 && marketing.length ? rng.pick(marketing)
              : managers.length ? rng.pick(managers) : acc.owner;
    const user = world.users[rep];
    if (!user) throw new Error(`no user ${rep}`);
    const mix = mixes[rep] as { types: ActivityType[]; weights: number[] };
    const type = rng.weighted(mix.types, mix.weights);
    const lang: Lang = user.lang;

    const startHour = type === 'visit' ? rng.uniform(9, 16) : rng.uniform(8.5, 18);
    const at = Math.min(end - HOUR, toMinute(day + startHour * HOUR));
    // An account created late on the chosen day: the activity follows its creation.
    const when = Math.max(at, toMinute(acc.created) + MINUTE);

    const cFrom = world.contactStart[a] as number;
    const cTo = world.contactStart[a + 1] as number;
    const contact = cFrom + Math.floor(rng.float() * (cTo - cFrom));
    const ci = world.contacts[contact];
    const contactName = ci ? `${ci.first} ${ci.last}` : '';

    let deal = -1;
    for (let d = deals.start[a] as number; d < (deals.start[a + 1] as number); d++) {
      if ((deals.open[d] as number) - 7 * DAY <= when && when <= (deals.close[d] as number) + 3 * DAY) {
        if (rng.chance(0.8)) deal = d;
        break;
      }
    }

    let direction: 'inbound' | 'outbound' | undefined;
    let channel: 'phone' | 'in_person' | 'email' | 'mail' | 'video' | undefined;
    let outcome: Outcome | undefined;
    let duration: number | undefined;
    let cost: number | undefined;
    let campaign = -1;
    let withReport = false;
    let expenses: Record<string, unknown>[] | undefined;
    switch (type) {
      case 'call': {
        channel = 'phone';
        direction = rng.chance(user.profile === 'inside' ? 0.85 : 0.65) ? 'outbound' : 'inbound';
        outcome = rng.weightedKey(direction === 'outbound' ? OUTBOUND_CALL : INBOUND_CALL);
        duration =
          outcome === 'no_answer' ? rng.int(0, 1)
            : outcome === 'left_message' ? 1
              : clamp(Math.round(rng.lognormal(Math.log(5), 0.6)), 1, 90);
        if (direction === 'outbound' && user.profile === 'inside') {
          const c = activeCampaign(world.campaigns, 'telemarketing', when);
          if (c >= 0 && rng.chance(0.6)) campaign = c;
        }
        cost = campaign >= 0 ? (world.campaigns[campaign] as CampaignInfo).costPerContact : Math.round(COST.call * rng.lognormal(0, 0.1) / 50) * 50;
        break;
      }
      case 'visit': {
        channel = 'in_person';
        direction = 'outbound';
        outcome = rng.weightedKey(VISIT);
        duration = clamp(Math.round(rng.lognormal(Math.log(75), 0.35)), 20, 300);
        const c = activeCampaign(world.campaigns, 'field_visit', when);
        if (c >= 0 && rng.chance(0.5)) campaign = c;
        cost = campaign >= 0 ? (world.campaigns[campaign] as CampaignInfo).costPerContact : Math.round(COST.visit * rng.lognormal(0, 0.2) / 1000) * 1000;
        withReport = true;
        if (rng.chance(0.35)) expenses = expenseLines(rng, lang);
        break;
      }
      case 'meeting': {
        const video = rng.chance(0.4);
        channel = video ? 'video' : 'in_person';
        direction = rng.chance(0.3) ? 'inbound' : 'outbound';
        outcome = rng.weightedKey(MEETING);
        duration = clamp(Math.round(rng.lognormal(Math.log(video ? 40 : 60), 0.35)), 15, 240);
        cost = video ? COST.meetingVideo : COST.meetingInPerson;
        withReport = true;
        break;
      }
      case 'email': {
        channel = 'email';
        direction = rng.chance(0.4) ? 'inbound' : 'outbound';
        outcome = rng.weightedKey(EMAIL);
        duration = rng.int(2, 15);
        cost = COST.email;
        if (user.profile === 'marketing') {
          const c = activeCampaign(world.campaigns, 'email', when);
          if (c >= 0) campaign = c;
        }
        break;
      }
      case 'letter': {
        channel = 'mail';
        direction = 'outbound';
        outcome = 'completed';
        duration = rng.int(10, 30);
        cost = COST.letter;
        if (user.profile === 'marketing') {
          const c = activeCampaign(world.campaigns, 'direct_mail', when);
          if (c >= 0) campaign = c;
        }
        break;
      }
      case 'note':
        break;
    }

    if (type === 'visit') {
      // Reservoir sample of visits for photo and receipt attachments.
      visits++;
      if (world.visitSample.length < sampleSize) world.visitSample.push({ index: i, at: when });
      else {
        const j = Math.floor(rng.float() * visits);
        if (j < sampleSize) world.visitSample[j] = { index: i, at: when };
      }
    }

    yield record(
      'activities',
      i,
      compact({
        type,
        subject: rng.pick(SUBJECTS[type][lang]),
        at: when,
        direction,
        channel,
        durationMin: duration,
        cost: cost !== undefined ? usd(cost) : undefined,
        outcome,
        accountId: idFor('accounts', a),
        contactId: type === 'note' && rng.chance(0.5) ? undefined : idFor('contacts', contact),
        dealId: deal >= 0 ? idFor('deals', deal) : undefined,
        campaignId: campaign >= 0 ? idFor('campaigns', campaign) : undefined,
        userId: idFor('users', rep),
        report: withReport ? report(rng, lang, contactName, outcome ?? 'completed') : undefined,
        expenses,
      }),
      // Logged when it ended (a report the same day).
      when + (duration ?? 2) * MINUTE,
    );
  }
}

function expenseLines(rng: Rng, lang: Lang): Record<string, unknown>[] {
  const names = EXPENSE_ITEMS[lang];
  const items: [keyof typeof names, number][] = [['fuel', rng.int(15, 60) * 100]];
  if (rng.chance(0.5)) items.push(['parking', rng.int(3, 15) * 100]);
  if (rng.chance(0.4)) items.push(['meal', rng.int(15, 45) * 100]);
  const travel = rng.float();
  if (travel < 0.1) items.push(['hotel', rng.int(70, 150) * 100]);
  else if (travel < 0.2) items.push(['train', rng.int(20, 80) * 100]);
  return items.map(([k, cents], i) => ({ id: lineId('e', i), item: names[k], amount: usd(cents) }));
}
