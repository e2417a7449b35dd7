// Deals in the pipeline. A buying customer's first deal is the new business won just before
// its first order; later deals are expansions, won or lost once closed, or still open at the end
// of the window with a stage that matches how far along they are. Prospects only have lost or
// open deals (a won deal would have made them a customer). Probabilities follow the stage.
import { meanSpend, type Buyer } from '../buying.ts';
import { DAY, clamp, isoDate } from '../calendar.ts';
import { CATEGORIES } from '../data/categories.ts';
import { LOST_REASONS, dealName } from '../data/texts.ts';
import { AliasTable, Rng, deriveSeed } from '../random.ts';
import { compact, eur, record, type GeneratedRecord } from '../record.ts';
import { idFor } from '../sizes.ts';
import { DEAL_STAGE_CODES, type AccountInfo, type DealFacts, type World } from '../world.ts';

type Stage = (typeof DEAL_STAGE_CODES)[number];

const STAGE_PROBABILITY: Readonly<Record<Stage, number>> = {
  lead: 10, qualified: 25, proposal: 50, negotiation: 75, won: 100, lost: 0,
};

function dealWeight(a: AccountInfo): number {
  if (a.duplicateOf >= 0) return 0.1;
  switch (a.kind) {
    case 'customer':
      return a.key ? 3 : 1;
    case 'distributor':
      return 1.5;
    case 'prospect':
      return 1.2;
    default:
      return 0.05;
  }
}

/** The decision maker, else the first contact. */
export function decisionMaker(world: World, a: number): number {
  const from = world.contactStart[a] as number;
  const to = world.contactStart[a + 1] as number;
  for (let c = from; c < to; c++) if (world.contacts[c]?.role === 'decision_maker') return c;
  return from;
}

export function pickCategory(rng: Rng, a: AccountInfo): number {
  return rng.chance(0.85) ? rng.weighted(a.favourites, a.favouriteWeights) : rng.int(0, CATEGORIES.length - 1);
}

export function* generateDeals(world: World): Generator<GeneratedRecord> {
  const rng = new Rng(deriveSeed(world.seed, 'deals'));
  const n = world.counts.deals;
  const na = world.accounts.length;
  const { start: winStart, endExclusive: end } = world.window;

  const perAccount = new Int32Array(na);
  const table = new AliasTable(world.accounts.map(dealWeight));
  for (let k = 0; k < n; k++) {
    const a = table.sample(rng);
    perAccount[a] = (perAccount[a] as number) + 1;
  }
  const facts: DealFacts = {
    account: new Int32Array(n),
    open: new Float64Array(n),
    close: new Float64Array(n),
    stage: new Uint8Array(n),
    category: new Uint8Array(n),
    contact: new Int32Array(n),
    start: new Int32Array(na + 1),
  };
  world.deals = facts;

  let index = 0;
  for (let a = 0; a < na; a++) {
    facts.start[a] = index;
    const acc = world.accounts[a] as AccountInfo;
    const buyer: Buyer | undefined = acc.buyer >= 0 ? world.buyers[acc.buyer] : undefined;
    const joinMs = buyer ? world.clock.ms(buyer.join) : Number.NaN;
    for (let j = 0; j < (perAccount[a] as number); j++, index++) {
      let open: number;
      let close: number;
      let stage: Stage;
      const newBusiness = buyer !== undefined && j === 0;
      if (newBusiness) {
        close = joinMs - rng.uniform(0, 5) * DAY;
        // Not before the account existed: the deal is how it came in.
        open = Math.max(acc.created, close - rng.gamma(2, 15) * DAY);
        close = Math.max(close, open + DAY);
        stage = 'won';
      } else {
        const from = Math.max(acc.created, winStart);
        open = from + rng.float() * Math.max(DAY, end - from - DAY);
        close = open + (5 + rng.gamma(2, 20)) * DAY;
        if (close < end) {
          stage = buyer && rng.chance(0.45) ? 'won' : 'lost';
        } else {
          const progress = (end - open) / (close - open);
          stage = progress < 0.25 ? 'lead' : progress < 0.5 ? 'qualified' : progress < 0.75 ? 'proposal' : 'negotiation';
        }
      }
      const category = pickCategory(rng, acc);
      const contact = decisionMaker(world, a);
      facts.account[index] = a;
      facts.open[index] = open;
      facts.close[index] = close;
      facts.stage[index] = DEAL_STAGE_CODES.indexOf(stage);
      facts.category[index] = category;
      facts.contact[index] = contact;
      // Several orders' worth for a customer; prospects by group.
      const euro = buyer
        ? meanSpend(buyer) * rng.gamma(2, 3)
        : rng.lognormal(Math.log(acc.group === 'Wholesale' ? 6000 : 2500), 0.8);
      const amount = Math.max(1, Math.round(euro / 100)) * 10_000;
      const jitter = stage === 'won' || stage === 'lost' ? 0 : rng.int(-1, 1) * 5;
      const catName = CATEGORIES[category]?.[acc.lang === 'en' ? 'name' : acc.lang] ?? '';
      yield record(
        'deals',
        index,
        compact({
          name: dealName(acc.lang, catName, acc.core, !newBusiness && buyer !== undefined),
          accountId: idFor('accounts', a),
          contactId: idFor('contacts', contact),
          ownerId: idFor('users', acc.owner),
          pipeline: newBusiness || !buyer ? 'New business' : 'Expansion',
          stage,
          amount: eur(amount),
          probability: clamp(STAGE_PROBABILITY[stage] + jitter, 0, 100),
          expectedClose: isoDate(close),
          lostReason: stage === 'lost' ? rng.pick(LOST_REASONS[acc.lang]) : undefined,
          notes: rng.chance(0.1) ? (acc.lang === 'en' ? 'Budget confirmed by the decision maker.' : acc.lang === 'ru' ? 'Бюджет подтверждён ЛПР.' : 'Бюджет підтверджено ОПР.') : undefined,
        }),
        open,
      );
    }
  }
  facts.start[na] = index;
}
