import { describe, expect, it } from 'vitest';
import { campaignTarget, compareRow, contactFor, periodRange, roiOf, sortRows } from '../src/lib/campaign-figures.ts';

const figures = (channel: string, contacts: number, responses: number, cost: number, orders: number, revenue: number) => ({
  channel, contacts, responses, cost, orders, revenue, roi: null,
  costPerOrder: orders ? cost / orders : null, costPerContact: contacts ? cost / contacts : null, responseRate: contacts ? responses / contacts : null,
});

describe('campaign figures', () => {
  it('ROI in the cost currency, none without spending or a rate', () => {
    expect(roiOf(900, 36, 1)).toBe(24);
    // 1 EUR = 1.1 USD: 1,000 EUR of sales against 400 USD of cost.
    expect(roiOf(1000, 400, 1.1)).toBeCloseTo(1.75, 12);
    expect(roiOf(1000, 0, 1)).toBeNull();
    expect(roiOf(1000, 400, null)).toBeNull();
  });

  it('sorts the comparison by any column, rows without a figure last', () => {
    const rows = [
      compareRow('a', 'Calls', figures('telemarketing', 100, 10, 1800, 4, 2000), 1), // ROI 0.111
      compareRow('b', 'Visits', figures('field_visit', 10, 5, 4000, 5, 20000), 1), // ROI 4
      compareRow('c', 'Letters', figures('direct_mail', 0, 0, 0, 0, 0), 1), // no figures
    ];
    expect(sortRows(rows, 'roi', true).map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(sortRows(rows, 'roi', false).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(sortRows(rows, 'costPerContact', false).map((r) => [r.id, r.costPerContact])).toEqual([['a', 18], ['b', 400], ['c', null]]);
    expect(sortRows(rows, 'name', false).map((r) => r.name)).toEqual(['Calls', 'Letters', 'Visits']);
    expect(rows[0]?.responseRate).toBe(0.1);
  });

  it('a campaign targets a customer segment, else a customer group', () => {
    const segments = [{ segment: 'Champions', customers: 12 }, { segment: 'At risk', customers: 7 }];
    expect(campaignTarget(' at risk ', segments, {})).toEqual({ kind: 'segment', name: 'At risk', customers: 7 });
    expect(campaignTarget('Wholesale', segments, { Wholesale: 30 })).toEqual({ kind: 'group', name: 'Wholesale', customers: 30 });
    expect(campaignTarget('Nobody', segments, {})).toEqual({ kind: 'unknown', name: 'Nobody' });
    expect(campaignTarget('', segments, {})).toEqual({ kind: 'none' });
    expect(campaignTarget(undefined, segments, {})).toEqual({ kind: 'none' });
  });

  it('logs a campaign contact as the activity of its channel', () => {
    expect(contactFor('telemarketing')).toEqual({ type: 'call', channel: 'phone' });
    expect(contactFor('field_visit')).toEqual({ type: 'visit', channel: 'in_person' });
    expect(contactFor('direct_mail')).toEqual({ type: 'letter', channel: 'mail' });
  });

  it('periods end today and include both ends', () => {
    expect(periodRange('month', '2025-03-31')).toEqual({ from: '2025-03-02', to: '2025-03-31' });
    expect(periodRange('year', '2025-03-31')).toEqual({ from: '2024-04-01', to: '2025-03-31' });
    expect(periodRange('all', '2025-03-31').from).toBe('0000-01-01');
  });
});
