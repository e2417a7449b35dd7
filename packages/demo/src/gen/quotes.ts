// Quotes (commercial proposals) on deals that got as far as a proposal. Accepted quotes belong
// to won deals; an order placed soon after an accepted quote refers to it (gen/orders.ts).
import { DAY, isoDate } from '../calendar.ts';
import { quoteTerms } from '../data/texts.ts';
import { Rng, deriveSeed } from '../random.ts';
import { compact, eur, lineId, record, SALES_CURRENCY, type GeneratedRecord } from '../record.ts';
import { unitPrice } from '../pricing.ts';
import { idFor } from '../sizes.ts';
import { DEAL_STAGE_CODES, type AccountInfo, type QuoteFacts, type World } from '../world.ts';
import { pickAvailable } from './basket.ts';

const PROPOSAL = DEAL_STAGE_CODES.indexOf('proposal');
const NEGOTIATION = DEAL_STAGE_CODES.indexOf('negotiation');
const WON = DEAL_STAGE_CODES.indexOf('won');
const LOST = DEAL_STAGE_CODES.indexOf('lost');

export function* generateQuotes(world: World): Generator<GeneratedRecord> {
  const rng = new Rng(deriveSeed(world.seed, 'quotes'));
  const deals = world.deals;
  if (!deals) throw new Error('quotes need deals');
  const n = world.counts.quotes;
  const na = world.accounts.length;
  const end = world.window.endExclusive;

  const eligible: number[] = [];
  for (let d = 0; d < deals.stage.length; d++) {
    const s = deals.stage[d];
    if (s === PROPOSAL || s === NEGOTIATION || s === WON || s === LOST) eligible.push(d);
  }
  if (eligible.length === 0 && n > 0) throw new Error('no deals reached the proposal stage');

  const facts: QuoteFacts = {
    account: new Int32Array(n),
    issued: new Float64Array(n),
    accepted: new Uint8Array(n),
    start: new Int32Array(na + 1),
  };
  world.quotes = facts;

  // Quote q goes to eligible deal ⌊q·E/n⌋: spread evenly, in deal order (so grouped by account),
  // a second revision on some deals when there are more quotes than eligible deals.
  let nextAccount = 0;
  let prevDeal = -1;
  for (let q = 0; q < n; q++) {
    const d = eligible[Math.floor((q * eligible.length) / n)] as number;
    const a = deals.account[d] as number;
    while (nextAccount <= a) facts.start[nextAccount++] = q;
    const acc = world.accounts[a] as AccountInfo;
    const open = deals.open[d] as number;
    const close = deals.close[d] as number;
    const stage = deals.stage[d] as number;
    const revision = d === prevDeal;
    prevDeal = d;
    const issued = Math.min(end - DAY, open + (close - open) * rng.uniform(revision ? 0.6 : 0.3, revision ? 0.95 : 0.6));
    const validUntil = issued + 30 * DAY;
    let status: 'draft' | 'sent' | 'accepted' | 'rejected' | 'expired';
    if (stage === WON) status = 'accepted';
    else if (stage === LOST) status = rng.chance(0.7) ? 'rejected' : 'expired';
    else status = rng.chance(0.2) ? 'draft' : validUntil < end ? 'expired' : 'sent';
    facts.account[q] = a;
    facts.issued[q] = issued;
    facts.accepted[q] = status === 'accepted' ? 1 : 0;

    const lines: Record<string, unknown>[] = [];
    const nLines = rng.int(1, 4);
    const used = new Set<number>();
    for (let l = 0; l < nLines; l++) {
      const p = pickAvailable(world, rng, deals.category[d] as number, issued);
      if (used.has(p)) continue;
      used.add(p);
      const price = unitPrice(world, p, acc.group, issued);
      lines.push(
        compact({
          id: lineId('q', lines.length),
          productId: idFor('products', p),
          quantity: Math.max(1, Math.round(rng.lognormal(Math.log(price > 20_000 ? 2 : 20), 0.7))),
          unitPrice: eur(price),
          discountPct: rng.chance(0.3) ? rng.pick([3, 5, 10]) : undefined,
        }),
      );
    }
    yield record(
      'quotes',
      q,
      compact({
        number: `Q-${new Date(issued).getUTCFullYear()}-${String(q + 1).padStart(5, '0')}`,
        accountId: idFor('accounts', a),
        contactId: idFor('contacts', deals.contact[d] as number),
        dealId: idFor('deals', d),
        ownerId: idFor('users', acc.owner),
        status,
        currency: SALES_CURRENCY,
        issuedOn: isoDate(issued),
        validUntil: isoDate(validUntil),
        discountPct: acc.key && rng.chance(0.5) ? 3 : undefined,
        lines,
        terms: quoteTerms(acc.lang, isoDate(validUntil)),
      }),
      issued,
    );
  }
  while (nextAccount <= na) facts.start[nextAccount++] = n;
}
