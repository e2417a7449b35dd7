import { describe, expect, it } from 'vitest';
import { RESPONSE_OUTCOMES, channelRoi, repScorecards, winBackList } from '../src/index.ts';
import { activity, order } from './fixtures.ts';

describe('manager figures', () => {
  it('[T1] win-back: lapsed or at-risk customers of high past value, most at stake first', () => {
    const list = winBackList([
      { id: 'a', pAlive: 0.1, segment: 'Lost', value: 1000 },
      { id: 'b', pAlive: 0.9, segment: 'At risk', value: 2000 },
      { id: 'c', pAlive: 0.05, segment: 'Lost', value: 10 },
      { id: 'd', pAlive: 0.95, segment: 'Champions', value: 5000 },
      { id: 'e', pAlive: 0.2, segment: "Can't lose them", value: 3000 },
    ], { valueQuantile: 0.2 });
    expect(list.map((e) => [e.id, e.reason])).toEqual([
      ['e', 'low P(alive)'],
      ['a', 'low P(alive)'],
      ['b', 'segment'],
    ]);
    expect(list[0]?.atStake).toBeCloseTo(2400, 9);
    // By default only the top 40 % by past value qualify.
    expect(winBackList([{ id: 'x', pAlive: 0.01, segment: 'Lost', value: 1 }, { id: 'y', pAlive: 0.5, segment: 'Loyal', value: 9 }])).toEqual([]);
  });

  it('[T2] channel and campaign return by last touch within the attribution window', () => {
    const activities = [
      activity('a', '2024-03-01', 'call', { channel: 'phone', cost: 18, repId: 'ann' }),
      activity('a', '2024-03-10', 'visit', { channel: 'in_person', cost: 400, repId: 'bob', campaignId: 'fv' }),
      activity('b', '2024-03-01', 'call', { channel: 'phone', cost: 18, repId: 'ann' }),
      activity('c', '2024-01-01', 'email', { channel: 'email', cost: 3, repId: 'ann' }),
    ];
    const orders = [
      order('a', '2024-03-12', ['x'], 1000, 'bob'), // last touch: the visit
      order('b', '2024-03-20', ['x'], 100, 'ann'), // the call, 19 days before
      order('c', '2024-03-20', ['x'], 50, 'ann'), // the e-mail is too long ago
    ];
    const { channels, campaigns } = channelRoi(activities, orders, [{ id: 'fv', channel: 'field_visit', start: '2024-03-01', end: '2024-03-31', fixedCost: 100 }]);
    const byName = new Map(channels.map((c) => [c.channel, c]));
    expect(byName.get('field_visit')).toMatchObject({ contacts: 1, cost: 500, orders: 1, revenue: 1000, roi: 1, costPerOrder: 500 });
    expect(byName.get('phone')).toMatchObject({ contacts: 2, cost: 36, orders: 1, revenue: 100 });
    expect(byName.get('email')).toMatchObject({ contacts: 1, orders: 0, revenue: 0, costPerOrder: null });
    expect(campaigns).toEqual([{
      campaignId: 'fv', channel: 'field_visit', contacts: 1, responses: 0, cost: 500, orders: 1, revenue: 1000, roi: 1, costPerOrder: 500, costPerContact: 500, responseRate: 0,
    }]);
    const halfMargin = channelRoi(activities, orders, [], { margin: 0.5, attributionDays: 7 });
    expect(halfMargin.channels.find((c) => c.channel === 'phone')).toMatchObject({ orders: 0 });
  });

  it('[T4] campaign contacts: own cost else the cost per contact; responses by outcome; idle campaigns listed', () => {
    const activities = [
      // Three telemarketing calls, two without a cost of their own (18 each), one recorded at 25.
      activity('a', '2024-05-02', 'call', { repId: 'ann', campaignId: 'tm', outcome: 'interested' }),
      activity('b', '2024-05-02', 'call', { repId: 'ann', campaignId: 'tm', outcome: 'no_answer' }),
      activity('c', '2024-05-03', 'call', { repId: 'ann', campaignId: 'tm', outcome: 'order', cost: 25 }),
      // Outside campaigns: no cost recorded counts 0.
      activity('d', '2024-05-03', 'email', { channel: 'email', outcome: 'call_back' }),
    ];
    const orders = [order('a', '2024-05-20', ['x'], 300), order('c', '2024-05-03', ['x'], 200), order('z', '2024-05-03', ['x'], 999)];
    const tm = { id: 'tm', channel: 'telemarketing', start: '2024-05-01', end: '2024-05-31', costPerContact: 18 };
    const idle = { id: 'dm', channel: 'direct_mail', start: '2024-06-01', end: '2024-06-30', costPerContact: 1.2 };
    const { channels, campaigns } = channelRoi(activities, orders, [tm, idle]);
    // Cost 18 + 18 + 25 = 61; revenue 500 from a (last touch 18 days before) and c (same day).
    expect(campaigns.find((c) => c.campaignId === 'tm')).toEqual({
      campaignId: 'tm', channel: 'telemarketing', contacts: 3, responses: 2, cost: 61, orders: 2, revenue: 500,
      roi: (500 - 61) / 61, costPerOrder: 30.5, costPerContact: 61 / 3, responseRate: 2 / 3,
    });
    expect(campaigns.find((c) => c.campaignId === 'dm')).toEqual({
      campaignId: 'dm', channel: 'direct_mail', contacts: 0, responses: 0, cost: 0, orders: 0, revenue: 0, roi: null, costPerOrder: null, costPerContact: null, responseRate: null,
    });
    expect(channels.find((c) => c.channel === 'email')).toMatchObject({ contacts: 1, responses: 1, cost: 0, responseRate: 1 });
    expect(RESPONSE_OUTCOMES).toEqual(['interested', 'call_back', 'order']);
  });

  it('[T5] a rep\'s cost of sales by channel, with campaign costs per contact', () => {
    const activities = [
      activity('a', '2024-05-02', 'call', { repId: 'ann', campaignId: 'tm' }),
      activity('b', '2024-05-02', 'call', { repId: 'ann', campaignId: 'tm' }),
      activity('a', '2024-05-09', 'visit', { repId: 'ann', channel: 'in_person', cost: 400 }),
      activity('b', '2024-05-09', 'email', { repId: 'ann' }),
    ];
    const [ann] = repScorecards(activities, [], { campaigns: [{ id: 'tm', channel: 'telemarketing', start: '', end: '', costPerContact: 18 }] });
    expect(ann).toMatchObject({ repId: 'ann', cost: 436, costByChannel: { telemarketing: 36, in_person: 400, email: 0 } });
  });

  it('[T3] rep scorecards: activity, credited orders, orders after contact, conversion', () => {
    const activities = [
      activity('a', '2024-03-01', 'call', { cost: 18, repId: 'ann' }),
      activity('b', '2024-03-01', 'call', { cost: 18, repId: 'ann' }),
      activity('a', '2024-03-10', 'visit', { cost: 400, repId: 'bob' }),
    ];
    const orders = [order('a', '2024-03-12', ['x'], 1000, 'bob'), order('b', '2024-03-20', ['x'], 100, 'ann')];
    const [bob, ann] = repScorecards(activities, orders);
    expect(bob).toMatchObject({ repId: 'bob', activities: 1, byType: { visit: 1 }, orders: 1, revenue: 1000, ordersAfterContact: 1, conversion: 1 });
    expect(ann).toMatchObject({ repId: 'ann', activities: 2, customersContacted: 2, cost: 36, orders: 1, revenue: 100, ordersAfterContact: 1, conversion: 0.5 });
  });
});
