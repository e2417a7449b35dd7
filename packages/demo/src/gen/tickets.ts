// Tickets (problems and complaints) with severity-based response deadlines. Customers that buy
// more raise more tickets, often about a recent order. Most are resolved within the deadline,
// some breach it, and the most recent are still open — the service queue of the product brief.
import { DAY, HOUR, MINUTE, toMinute } from '../calendar.ts';
import { TICKETS } from '../data/texts.ts';
import { AliasTable, Rng, deriveSeed } from '../random.ts';
import { compact, record, type GeneratedRecord } from '../record.ts';
import { idFor } from '../sizes.ts';
import type { AccountInfo, World } from '../world.ts';
import { usersWith } from './users.ts';

type Severity = 'low' | 'medium' | 'high' | 'critical';
const SEVERITY_MIX: Readonly<Record<Severity, number>> = { low: 35, medium: 40, high: 20, critical: 5 };
/** Resolution deadline per severity. */
export const TICKET_SLA_HOURS: Readonly<Record<Severity, number>> = { critical: 4, high: 24, medium: 72, low: 168 };

export function* generateTickets(world: World): Generator<GeneratedRecord> {
  const rng = new Rng(deriveSeed(world.seed, 'tickets'));
  const orders = world.orders;
  if (!orders) throw new Error('tickets need orders');
  const n = world.counts.tickets;
  const { endExclusive: end } = world.window;
  const na = world.accounts.length;
  const weights = Array.from({ length: na }, (_, a) => {
    const c = orders.count[a] as number;
    return c > 0 ? Math.pow(c, 0.7) * ((world.accounts[a] as AccountInfo).key ? 1.5 : 1) : 0;
  });
  const table = new AliasTable(weights);
  const service = usersWith(world, 'service');
  world.ticketOpened = new Float64Array(n);

  for (let i = 0; i < n; i++) {
    const a = table.sample(rng);
    const acc = world.accounts[a] as AccountInfo;
    const first = orders.first[a] as number;
    const last = orders.last[a] as number;
    const withOrder = rng.chance(0.6);
    const opened = toMinute(
      withOrder
        ? Math.min(end - HOUR, (orders.sampleAt[a] as number) + rng.exponential(1 / 5) * DAY + HOUR)
        : first + rng.float() * Math.max(HOUR, Math.min(end - HOUR, last + 120 * DAY) - first),
    );
    world.ticketOpened[i] = opened;
    const severity = rng.weightedKey(SEVERITY_MIX);
    const sla = TICKET_SLA_HOURS[severity] * HOUR;
    // Resolution time around 60% of the deadline; about one in eight breaches it.
    const takes = sla * (rng.chance(0.12) ? rng.uniform(1.1, 3) : rng.uniform(0.1, 0.95));
    const resolvedAt = opened + takes;
    let status: 'new' | 'open' | 'pending' | 'resolved' | 'closed';
    if (resolvedAt < end) status = resolvedAt + 3 * DAY < end ? 'closed' : 'resolved';
    else status = end - opened < 2 * HOUR ? 'new' : rng.chance(0.3) ? 'pending' : 'open';
    const text = rng.pick(TICKETS[acc.lang]);
    const cFrom = world.contactStart[a] as number;
    const cTo = world.contactStart[a + 1] as number;
    yield record(
      'tickets',
      i,
      compact({
        subject: text.subject,
        accountId: idFor('accounts', a),
        contactId: idFor('contacts', rng.chance(0.6) ? (world.buyerContact[a] as number) : cFrom + Math.floor(rng.float() * (cTo - cFrom))),
        orderId: withOrder ? idFor('orders', orders.sample[a] as number) : undefined,
        ownerId: idFor('users', service.length && rng.chance(0.8) ? rng.pick(service) : acc.owner),
        severity,
        status,
        openedAt: opened,
        due: opened + sla,
        description: text.description,
        resolution: status === 'resolved' || status === 'closed' ? text.resolution : undefined,
      }),
      opened + MINUTE,
    );
  }
}
