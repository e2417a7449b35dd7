// Tasks and reminders. Every new customer gets the welcome cadence of the product brief (a call
// two working days after the first order, then a letter with the key phone numbers); the rest
// are follow-ups spread over the window, most done, some overdue, some still ahead.
import { DAY, HOUR, clamp, nextWorkday, toMinute } from '../calendar.ts';
import { TASK_TITLES, WELCOME } from '../data/texts.ts';
import { AliasTable, Rng, deriveSeed } from '../random.ts';
import { compact, record, type GeneratedRecord } from '../record.ts';
import { idFor } from '../sizes.ts';
import { DEAL_STAGE_CODES, type AccountInfo, type World } from '../world.ts';

type Kind = 'todo' | 'call' | 'visit' | 'email' | 'letter';
const KIND_MIX: Readonly<Record<Kind, number>> = { call: 35, email: 25, todo: 20, visit: 15, letter: 5 };
const OPEN_STAGES = new Set((['lead', 'qualified', 'proposal', 'negotiation'] as const).map((s) => DEAL_STAGE_CODES.indexOf(s)));

/** At most this share of tasks are welcome-cadence tasks (they are one pair per new customer). */
const WELCOME_SHARE = 0.4;

export function* generateTasks(world: World): Generator<GeneratedRecord> {
  const rng = new Rng(deriveSeed(world.seed, 'tasks'));
  const orders = world.orders;
  const deals = world.deals;
  if (!orders || !deals) throw new Error('tasks need orders and deals');
  const n = world.counts.tasks;
  const { start, endExclusive: end } = world.window;
  let index = 0;

  const done = (due: number): boolean => due < end - DAY && rng.chance(0.92);
  const langOf = (u: number): 'en' | 'ru' | 'uk' => world.users[u]?.lang ?? 'en';

  // Welcome cadence for customers whose first order falls in the window (not the existing base).
  const maxWelcome = Math.floor((n * WELCOME_SHARE) / 2);
  let welcomed = 0;
  for (let a = 0; a < world.accounts.length && welcomed < maxWelcome; a++) {
    const acc = world.accounts[a] as AccountInfo;
    const first = orders.first[a] as number;
    if (Number.isNaN(first) || acc.created < start) continue;
    welcomed++;
    const contact = idFor('contacts', world.buyerContact[a] as number);
    const lang = langOf(acc.owner);
    const steps = [
      { kind: 'call' as const, title: WELCOME[lang].call, due: nextWorkday(first + 2 * DAY) },
      { kind: 'letter' as const, title: WELCOME[lang].letter, due: nextWorkday(first + 7 * DAY) },
    ];
    for (const s of steps) {
      const due = toMinute(Math.floor(s.due / DAY) * DAY + 10 * HOUR);
      yield record(
        'tasks',
        index++,
        compact({
          title: s.title,
          kind: s.kind,
          dueAt: due,
          remindAt: due - HOUR,
          done: done(due),
          assigneeId: idFor('users', acc.owner),
          accountId: idFor('accounts', a),
          contactId: contact,
        }),
        first + 5 * 60_000,
      );
    }
  }

  // Follow-ups on accounts by how much is going on there.
  const weights = world.accounts.map((acc, a) => (acc.duplicateOf >= 0 ? 0.2 : acc.buyer >= 0 ? 1 + Math.sqrt(orders.count[a] as number) : acc.kind === 'prospect' ? 1.5 : 0.3));
  const table = new AliasTable(weights);
  const kinds = Object.keys(KIND_MIX) as Kind[];
  const kindWeights = kinds.map((k) => KIND_MIX[k]);
  while (index < n) {
    const a = table.sample(rng);
    const acc = world.accounts[a] as AccountInfo;
    const kind = rng.weighted(kinds, kindWeights);
    const from = Math.max(acc.created, start);
    // Mostly spread over the window; a fifth are the coming weeks' to-do list.
    const dueDay = rng.chance(0.8)
      ? from + rng.float() * Math.max(DAY, end - from)
      : end - 14 * DAY + rng.float() * 44 * DAY;
    const due = toMinute(nextWorkday(Math.floor(dueDay / DAY) * DAY) + rng.uniform(9, 17) * HOUR);
    const assignee = rng.chance(0.9) ? acc.owner : rng.int(0, world.users.length - 1);
    let deal = -1;
    for (let d = deals.start[a] as number; d < (deals.start[a + 1] as number); d++) {
      if (OPEN_STAGES.has(deals.stage[d] as number) && rng.chance(0.5)) {
        deal = d;
        break;
      }
    }
    const cFrom = world.contactStart[a] as number;
    const cTo = world.contactStart[a + 1] as number;
    const created = clamp(due - rng.uniform(1, 21) * DAY, acc.created, Math.min(due, end - HOUR));
    yield record(
      'tasks',
      index++,
      compact({
        title: rng.pick(TASK_TITLES[kind][langOf(assignee)]),
        kind,
        dueAt: due,
        remindAt: rng.chance(0.5) ? due - (rng.chance(0.5) ? HOUR : DAY) : undefined,
        done: done(due),
        assigneeId: idFor('users', assignee),
        accountId: idFor('accounts', a),
        contactId: rng.chance(0.7) ? idFor('contacts', cFrom + Math.floor(rng.float() * (cTo - cFrom))) : undefined,
        dealId: deal >= 0 ? idFor('deals', deal) : undefined,
        notes: rng.chance(0.1) ? (langOf(assignee) === 'en' ? 'See last meeting report.' : langOf(assignee) === 'ru' ? 'См. отчёт о последней встрече.' : 'Див. звіт про останню зустріч.') : undefined,
      }),
      created,
    );
  }
}
