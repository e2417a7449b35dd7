import { describe, expect, it } from 'vitest';
import type { Row } from '@counterpart/model';
import { conversionOf, leadDue, needsRouting, overdueLeads, overdueTickets, repsOf, routeRow } from '../src/lib/workflows.ts';

const row = (id: string, values: Record<string, unknown>): Row => ({ id, _title: id, _sort: id, _t: [], _created: 0, ...values });
const HOUR = 3_600_000;

describe('workflows', () => {
  const users = [
    row('usr_anna', { name: 'Anna', role: 'editor', territory: 'North', active: true }),
    row('usr_boris', { name: 'Boris', role: 'editor', territory: 'South' }),
    row('usr_vera', { name: 'Vera', role: 'viewer', territory: 'South' }),
    row('usr_gone', { name: 'Gone', role: 'editor', active: false }),
  ];
  const leads = [
    row('led_1', { status: 'new', assigneeId: 'usr_anna' }),
    row('led_2', { status: 'qualified', assigneeId: 'usr_anna' }),
    row('led_3', { status: 'converted', assigneeId: 'usr_boris' }),
    row('led_4', { status: 'new' }),
  ];

  it('reps are the active non-viewer members, loaded with their open leads', () => {
    expect(repsOf(users, leads)).toEqual([
      { id: 'usr_anna', territory: 'North', load: 2 },
      { id: 'usr_boris', territory: 'South', load: 0 },
    ]);
  });

  it('routes an unassigned new lead by territory, else to the least loaded', () => {
    const reps = repsOf(users, leads);
    expect(needsRouting(leads[3] as Row)).toBe(true);
    expect(needsRouting(leads[0] as Row)).toBe(false);
    expect(routeRow(row('led_5', { status: 'new', territory: 'North' }), [], reps)?.repId).toBe('usr_anna');
    expect(routeRow(row('led_5', { status: 'new' }), [], reps)?.repId).toBe('usr_boris');
  });

  it('lists leads past their response deadline and open tickets past due, latest first', () => {
    const now = Date.UTC(2026, 0, 10, 12);
    const rule = { hours: 4, workingHours: false, dayStart: 9, dayEnd: 18 };
    const ls = [
      row('led_a', { status: 'new', receivedAt: now - 5 * HOUR }),
      row('led_b', { status: 'new', receivedAt: now - 9 * HOUR }),
      row('led_c', { status: 'new', receivedAt: now - 9 * HOUR, firstResponseAt: now - 8 * HOUR }),
      row('led_d', { status: 'new', receivedAt: now - HOUR }),
      row('led_e', { status: 'disqualified', receivedAt: now - 9 * HOUR }),
    ];
    expect(overdueLeads(ls, rule, now).map((l) => [l.row.id, l.late / HOUR])).toEqual([['led_b', 5], ['led_a', 1]]);
    expect(leadDue(ls[3] as Row, rule)).toBe(now + 3 * HOUR);
    const ts = [
      row('tkt_a', { status: 'open', due: now - HOUR }),
      row('tkt_b', { status: 'pending', due: now - 3 * HOUR }),
      row('tkt_c', { status: 'resolved', due: now - 3 * HOUR }),
      row('tkt_d', { status: 'new', due: now + HOUR }),
    ];
    expect(overdueTickets(ts, now).map((t) => t.row.id)).toEqual(['tkt_b', 'tkt_a']);
  });

  it('a lead converts into a prospect account, a contact and a qualified deal owned by its rep', () => {
    const c = conversionOf(row('led_1', { name: 'Olga Ivanova', company: 'Volga Mills', email: 'olga@volga.example', assigneeId: 'usr_anna', territory: 'South', productLine: 'Pumps' }), (a) => `${a} — first deal`);
    expect(c.account).toEqual({ name: 'Volga Mills', kind: 'prospect', territory: 'South', ownerId: 'usr_anna' });
    expect(c.contact).toEqual({ firstName: 'Olga', lastName: 'Ivanova', email: 'olga@volga.example', ownerId: 'usr_anna' });
    expect(c.deal).toEqual({ name: 'Volga Mills — first deal', stage: 'qualified', pipeline: 'Pumps', ownerId: 'usr_anna' });
    expect(conversionOf(row('led_2', { name: 'Ivan' }), (a) => a).account).toMatchObject({ name: 'Ivan' });
  });
});
