import { describe, expect, it } from 'vitest';
import { dayOf, summarize, type Purchase } from '../src/index.ts';
import { cdnowSample, cdnowSummary, cdnowWithSpend } from './data.ts';

const round2 = (x: number): number => Math.round(x * 100) / 100;

describe('transaction log → customer summary', () => {
  const end = dayOf('1997-09-30');
  const purchases: Purchase[] = cdnowSample().map((t) => ({ customerId: t.customerId, day: dayOf(t.date), amount: t.amount }));
  const mine = new Map(summarize(purchases, { endDay: end, period: 'week' }).map((s) => [s.id, s]));

  it('[S1–S4] the raw CDNOW sample (end 1997-09-30) gives the shipped summary', () => {
    const shipped = cdnowSummary();
    expect(shipped).toHaveLength(2357);
    expect(mine.size).toBe(2357);
    for (const s of shipped) {
      const m = mine.get(s.id);
      expect(m, s.id).toBeDefined();
      expect({ id: s.id, frequency: m?.frequency, recency: round2(m?.recency ?? NaN), T: round2(m?.T ?? NaN) }).toEqual(s);
    }
  });

  it('[S5] monetary is the mean of repeat purchase days, as zbar of the shipped file', () => {
    const shipped = cdnowWithSpend();
    expect(shipped.filter((s) => s.frequency > 0)).toHaveLength(946);
    for (const s of shipped) {
      const m = mine.get(s.id);
      expect(m?.frequency, s.id).toBe(s.frequency);
      // The file rounds half up on exact cents (145: (14.96 + 22.99) / 2 = 18.975 → 18.98),
      // so equal at two decimals means within half a cent.
      expect(Math.abs((m?.monetary ?? NaN) - s.monetary), s.id).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it('[S1] purchases after the end are ignored; [S2] same-day purchases merge', () => {
    const day = dayOf('2024-01-01');
    const log: Purchase[] = [
      { customerId: 'a', day, amount: 10 },
      { customerId: 'a', day, amount: 5 },
      { customerId: 'a', day: day + 14, amount: 20 },
      { customerId: 'a', day: day + 14, amount: 4 },
      { customerId: 'a', day: day + 60, amount: 100 },
      { customerId: 'b', day: day + 7, amount: 8 },
    ];
    const [a, b] = summarize(log, { endDay: day + 28 });
    expect(a).toMatchObject({ id: 'a', frequency: 1, recency: 2, T: 4, monetary: 24, total: 39 });
    expect(b).toMatchObject({ id: 'b', frequency: 0, recency: 0, T: 3, monetary: 0, total: 8 });
    const [ad] = summarize(log, { endDay: day + 28, period: 'day' });
    expect(ad).toMatchObject({ recency: 14, T: 28 });
  });
});
