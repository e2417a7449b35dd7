// Marketing campaigns with a channel and a cost per contact. The costs follow the product
// brief's benchmarks (seed 004): a telemarketing contact about $18, a field visit about $400,
// so channel ROI can be compared. Telemarketing and field campaigns are worked by the reps:
// their calls and visits during the campaign refer to it (gen/activities.ts).
import { DAY, isoDate } from '../calendar.ts';
import { Rng, deriveSeed } from '../random.ts';
import { compact, record, usd, type GeneratedRecord } from '../record.ts';
import type { CampaignInfo, World } from '../world.ts';

type Channel = CampaignInfo['channel'];

const CHANNEL_MIX: Readonly<Record<Channel, number>> = {
  telemarketing: 35, field_visit: 15, email: 25, direct_mail: 10, event: 10, web: 5,
};

/** Cost per contact in US cents. */
const COST: Readonly<Record<Channel, number>> = {
  telemarketing: 1_800, field_visit: 40_000, direct_mail: 250, email: 5, event: 12_000, web: 150,
};

const THEMES = [
  { name: 'Spring coffee promo', segment: 'Retail' },
  { name: 'Win-back: lapsed customers', segment: 'Lapsed customers' },
  { name: 'New printers launch', segment: 'Wholesale' },
  { name: 'Safety week', segment: 'Wholesale' },
  { name: 'Year-end stock-up', segment: 'Key accounts' },
  { name: 'Water cooler trial', segment: 'Prospects' },
  { name: 'Back to school', segment: 'Retail' },
  { name: 'Новые клиенты: холодный обзвон', segment: 'Prospects' },
  { name: 'Повторные заказы', segment: 'Retail' },
  { name: 'Ключові клієнти: візити', segment: 'Key accounts' },
  { name: 'Packaging for e-commerce', segment: 'Wholesale' },
  { name: 'Distributor summit', segment: 'Distributors' },
] as const;

const SCRIPT: Readonly<Record<'telemarketing' | 'field_visit', string>> = {
  telemarketing:
    '1. Greet and introduce yourself and Northstar Supplies.\n' +
    '2. Ask who orders office and facility supplies; ask for them if it is not the person on the line.\n' +
    '3. Ask about current supplier, volumes and what they would change.\n' +
    '4. Offer the campaign deal; mention next-day delivery and the key phone numbers.\n' +
    '5. Log the outcome; book a call-back or a visit; register the order if they order now.',
  field_visit:
    '1. Confirm the meeting a day ahead.\n' +
    '2. Bring samples and the current price list for the customer group.\n' +
    '3. Walk through the buying centre: who decides, who uses, who pays.\n' +
    '4. Agree next steps and write the meeting report the same day, with expenses.',
};

export function* generateCampaigns(world: World): Generator<GeneratedRecord> {
  const rng = new Rng(deriveSeed(world.seed, 'campaigns'));
  const n = world.counts.campaigns;
  const { start, days, endExclusive } = world.window;
  for (let i = 0; i < n; i++) {
    const channel = rng.weightedKey(CHANNEL_MIX);
    const theme = THEMES[i % THEMES.length] ?? THEMES[0];
    // Spread over the window, a little jittered; the last one is planned for after the window
    // ends and the one before may still be running.
    const startAt =
      i === n - 1 && n > 1
        ? endExclusive + rng.int(7, 21) * DAY
        : start + Math.floor(((i + rng.uniform(0.1, 0.9)) / Math.max(1, n - 1)) * days) * DAY;
    const weeks = channel === 'email' || channel === 'web' ? rng.int(1, 3) : rng.int(3, 10);
    const endAt = startAt + weeks * 7 * DAY - DAY;
    const year = new Date(startAt).getUTCFullYear();
    const name = `${theme.name} ${year}`;
    const cost = COST[channel];
    const info: CampaignInfo = { channel, start: startAt, end: endAt + DAY - 1, name, costPerContact: cost };
    world.campaigns.push(info);
    const status = startAt >= endExclusive ? 'planned' : endAt + DAY > endExclusive ? 'active' : 'done';
    yield record(
      'campaigns',
      i,
      compact({
        name,
        segment: theme.segment,
        channel,
        costPerContact: usd(cost),
        status,
        startOn: isoDate(startAt),
        endOn: isoDate(endAt),
        script: channel === 'telemarketing' || channel === 'field_visit' ? SCRIPT[channel] : undefined,
        description: `${theme.name}: ${channel.replace('_', ' ')} campaign for ${theme.segment.toLowerCase()}.`,
      }),
      startAt - rng.int(10, 30) * DAY,
    );
  }
}
