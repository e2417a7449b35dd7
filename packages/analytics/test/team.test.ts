import { describe, expect, it } from 'vitest';
import { channelRoi, repScorecards, winBackList } from '../src/index.ts';
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
    expect(campaigns).toEqual([{ campaignId: 'fv', channel: 'field_visit', contacts: 1, cost: 500, orders: 1, revenue: 1000, roi: 1, costPerOrder: 500 }]);
    const halfMargin = channelRoi(activities, orders, [], { margin: 0.5, attributionDays: 7 });
    expect(halfMargin.channels.find((c) => c.channel === 'phone')).toMatchObject({ orders: 0 });
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
