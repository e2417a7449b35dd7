import { describe, expect, it } from 'vitest';
import { activityMix, keyAccountCoverage, leadResponse, repReport } from '../src/index.ts';
import { activity, order } from './fixtures.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2024, 5, 30);

describe('rep scorecards beyond sales volume', () => {
  it('[T6] key accounts: current plans and the buying-centre roles known', () => {
    const accounts = [
      { id: 'k1', ownerId: 'ann', plan: 'Grow pumps', planEditedAt: NOW - 30 * 86_400_000 },
      { id: 'k2', ownerId: 'ann', plan: 'Old plan', planEditedAt: NOW - 400 * 86_400_000 }, // over 12 months: not current
      { id: 'k3', ownerId: 'ann', plan: '   ' }, // blank
      { id: 'k4', ownerId: 'bob', plan: 'Plan, edit time unknown' },
    ];
    const contacts = [
      { accountId: 'k1', role: 'decision_maker' }, { accountId: 'k1', role: 'buyer' }, { accountId: 'k1', role: 'buyer' },
      { accountId: 'k2', role: 'gatekeeper' }, { accountId: 'k2' }, { accountId: 'x', role: 'user' },
    ];
    const byRep = keyAccountCoverage(accounts, contacts, { now: NOW });
    const ann = byRep.get('ann');
    expect(ann).toMatchObject({ keyAccounts: 3, withCurrentPlan: 1 });
    expect(ann?.accounts.map((a) => [a.id, a.currentPlan, a.roles])).toEqual([
      ['k1', true, ['decision_maker', 'buyer']],
      ['k2', false, ['gatekeeper']],
      ['k3', false, []],
    ]);
    // (2 + 1 + 0) roles of 5, over 3 accounts = 0.2.
    expect(ann?.coverage).toBeCloseTo(0.2, 12);
    expect(byRep.get('bob')).toMatchObject({ keyAccounts: 1, withCurrentPlan: 1, coverage: 0 });
  });

  it('[T7] lead response: median hours over answered leads, unanswered counted', () => {
    const t = Date.UTC(2024, 5, 3, 9);
    const byRep = leadResponse([
      { assigneeId: 'ann', receivedAt: t, firstResponseAt: t + 1 * HOUR },
      { assigneeId: 'ann', receivedAt: t, firstResponseAt: t + 5 * HOUR },
      { assigneeId: 'ann', receivedAt: t, firstResponseAt: t + 2 * HOUR },
      { assigneeId: 'ann', receivedAt: t },
      { assigneeId: 'bob', receivedAt: t, firstResponseAt: t + 3 * HOUR },
      { assigneeId: 'bob', receivedAt: t, firstResponseAt: t + 4 * HOUR },
      { receivedAt: t },
    ]);
    expect(byRep.get('ann')).toEqual({ leads: 4, unanswered: 1, medianHours: 2 });
    expect(byRep.get('bob')).toEqual({ leads: 2, unanswered: 0, medianHours: 3.5 });
    expect(byRep.size).toBe(2);
  });

  it('[T8] activity mix: calls, meetings, visits and mail (e-mails and letters); notes left out', () => {
    expect(activityMix({ call: 6, meeting: 1, visit: 1, email: 1, letter: 1, note: 10 })).toEqual({ call: 0.6, meeting: 0.1, visit: 0.1, mail: 0.2 });
    expect(activityMix({ note: 3 })).toEqual({ call: 0, meeting: 0, visit: 0, mail: 0 });
  });

  it('[T8] one row per rep for the period, idle members included, by sales volume', () => {
    const t = Date.UTC(2024, 5, 3, 9);
    const report = repReport({
      repIds: ['ann', 'bob', 'cid'],
      activities: [
        activity('a', '2024-06-01', 'call', { repId: 'ann', campaignId: 'tm' }),
        activity('a', '2024-06-05', 'visit', { repId: 'ann', cost: 400 }),
        activity('b', '2024-05-01', 'call', { repId: 'bob', cost: 18 }), // before the period
      ],
      orders: [order('a', '2024-06-10', ['x'], 900, 'ann'), order('b', '2024-05-02', ['x'], 50, 'bob')],
      campaigns: [{ id: 'tm', channel: 'telemarketing', start: '2024-06-01', end: '2024-06-30', costPerContact: 18 }],
      keyAccounts: [{ id: 'a', ownerId: 'ann', plan: 'Plan' }],
      contacts: [{ accountId: 'a', role: 'buyer' }],
      leads: [{ assigneeId: 'bob', receivedAt: t, firstResponseAt: t + 2 * HOUR }, { assigneeId: 'bob', receivedAt: Date.UTC(2024, 4, 1) }],
      from: '2024-06-01',
      to: '2024-06-30',
      now: NOW,
    });
    expect(report.map((r) => r.repId)).toEqual(['ann', 'bob', 'cid']);
    const [ann, bob, cid] = report;
    expect(ann).toMatchObject({
      activities: 2, orders: 1, revenue: 900, cost: 418, costByChannel: { telemarketing: 18, visit: 400 },
      keyAccounts: 1, withCurrentPlan: 1, coverage: 0.2, mix: { call: 0.5, meeting: 0, visit: 0.5, mail: 0 },
    });
    expect(bob).toMatchObject({ activities: 0, orders: 0, revenue: 0, leads: 1, unanswered: 0, medianHours: 2, keyAccounts: 0, coverage: null });
    expect(cid).toMatchObject({ activities: 0, revenue: 0, leads: 0, medianHours: null, mix: { call: 0, meeting: 0, visit: 0, mail: 0 } });
  });
});
