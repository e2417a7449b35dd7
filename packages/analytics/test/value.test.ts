import { describe, expect, it } from 'vitest';
import { bgnbdConditionalExpected, clv, customerValue, dayOf, type Purchase } from '../src/index.ts';
import { PUBLISHED, cdnowSample } from './data.ts';

describe('customer value', () => {
  it('[V1] CLV without discounting is expected purchases over the horizon times the spend', () => {
    const model = { kind: 'bgnbd' as const, params: PUBLISHED.bgnbd };
    const h = PUBLISHED.conditional.history;
    const months = 12;
    const horizon = (months * 365.25) / 12 / 7;
    const undiscounted = clv(model, h, 30, { horizonMonths: months, monthlyDiscount: 0, period: 'week' });
    expect(undiscounted).toBeCloseTo(30 * bgnbdConditionalExpected(PUBLISHED.bgnbd, h, horizon), 9);
    const discounted = clv(model, h, 30, { horizonMonths: months, monthlyDiscount: 0.01, period: 'week' });
    expect(discounted).toBeLessThan(undiscounted);
    expect(discounted).toBeGreaterThan(undiscounted / 1.01 ** 12);
    expect(clv(model, h, 30, { horizonMonths: 0, monthlyDiscount: 0.01, period: 'week' })).toBe(0);
  });

  it('[V2] the whole analysis of the raw CDNOW log reproduces the published fits', () => {
    const purchases: Purchase[] = cdnowSample().map((t) => ({ customerId: t.customerId, day: dayOf(t.date), amount: t.amount }));
    const report = customerValue(purchases, { endDay: dayOf('1997-09-30') });
    expect(report.customers).toHaveLength(2357);
    expect(Math.abs((report.model.bgnbd?.r ?? 0) - PUBLISHED.bgnbd.r)).toBeLessThan(0.01);
    // Gamma-Gamma from unrounded spend differs from the two-decimal file only in the third digit.
    expect(Math.abs((report.model.gammaGamma?.p ?? 0) - PUBLISHED.gammaGamma.p)).toBeLessThan(0.05);
    for (const c of report.customers) {
      expect(Number.isFinite(c.clv) && c.clv >= 0 && c.pAlive >= 0 && c.pAlive <= 1, c.id).toBe(true);
    }
    const one = report.customers.find((c) => c.id === '1');
    expect(one?.rfm.segment).toBeDefined();
  });

  it('a refit warm-started from the previous fit after a few changes lands on the same optimum', () => {
    const purchases: Purchase[] = cdnowSample().map((t) => ({ customerId: t.customerId, day: dayOf(t.date), amount: t.amount }));
    const endDay = dayOf('1997-09-30');
    const before = customerValue(purchases, { endDay });
    // Twenty customers buy once more.
    const more = [...purchases, ...Array.from({ length: 20 }, (_, i) => ({ customerId: String(i + 1), day: endDay - 3, amount: 25 }))];
    const cold = customerValue(more, { endDay });
    const warm = customerValue(more, { endDay, warmStart: before.model });
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs((warm.model.bgnbd?.[k] ?? 0) - (cold.model.bgnbd?.[k] ?? 1)) / (cold.model.bgnbd?.[k] ?? 1), k).toBeLessThan(1e-3);
    }
    expect(warm.model.bgnbd?.logLikelihood).toBeCloseTo(cold.model.bgnbd?.logLikelihood ?? 0, 4);
    expect(warm.model.gammaGamma?.logLikelihood).toBeCloseTo(cold.model.gammaGamma?.logLikelihood ?? 0, 4);
  });
});
