import { beforeAll, describe, expect, it } from 'vitest';
import {
  bgnbdConditionalExpected, bgnbdExpected, bgnbdLogLikelihood, bgnbdPAlive, bgnbdProbability, expectedSpend, fitBgNbd,
  fitGammaGamma, fitPareto, paretoConditionalExpected, paretoExpected, paretoLogLikelihood, paretoPAlive,
  type BgNbdFit, type GammaGammaFit, type ParetoFit,
} from '../src/index.ts';
import { PUBLISHED, cdnowSummary, cdnowWithSpend } from './data.ts';

const summary = cdnowSummary();

describe('BG/NBD on the CDNOW sample', () => {
  let fit: BgNbdFit;
  beforeAll(() => {
    fit = fitBgNbd(summary);
  });

  it('[M1] r, α, a, b within 0.01 of Fader, Hardie & Lee (2005); log-likelihood −9582.4 ± 0.1', () => {
    const p = PUBLISHED.bgnbd;
    expect(Math.abs(fit.r - p.r)).toBeLessThan(0.01);
    expect(Math.abs(fit.alpha - p.alpha)).toBeLessThan(0.01);
    expect(Math.abs(fit.a - p.a)).toBeLessThan(0.01);
    expect(Math.abs(fit.b - p.b)).toBeLessThan(0.01);
    expect(Math.abs(fit.logLikelihood - p.logLikelihood)).toBeLessThan(0.1);
    // The reported likelihood is the likelihood at the reported parameters.
    expect(bgnbdLogLikelihood(fit, summary)).toBeCloseTo(fit.logLikelihood, 8);
    // And it is a maximum: the published (rounded) parameters are no better.
    expect(bgnbdLogLikelihood(p, summary)).toBeLessThanOrEqual(fit.logLikelihood);
  });

  it('[M4] conditional expectation for x = 2, t_x = 30.43, T = 38.86 over 39 weeks is 1.226; [M2] P(alive) ≈ 0.727', () => {
    const c = PUBLISHED.conditional;
    expect(Math.abs(bgnbdConditionalExpected(fit, c.history, c.t) - c.expected)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(bgnbdPAlive(fit, c.history) - c.pAlive)).toBeLessThan(0.001);
  });

  it('[M3] unconditional E[X(t)] at the published horizons', () => {
    for (const [t, expected] of PUBLISHED.unconditional) {
      expect(Math.abs(bgnbdExpected(fit, t) - expected), `t = ${t}`).toBeLessThan(5e-4);
    }
  });

  it('[M5] P(X(t) = n) at the published parameters', () => {
    for (const { t, n, p } of PUBLISHED.probability) {
      expect(bgnbdProbability(PUBLISHED.bgnbd, t, n) / p, `P(X(${t}) = ${n})`).toBeCloseTo(1, 5);
    }
    // A distribution: the probabilities over n add up to one.
    let total = 0;
    for (let n = 0; n < 400; n++) total += bgnbdProbability(fit, 39, n);
    expect(total).toBeCloseTo(1, 6);
  });

  it('[M2–M4] customers with no repeat purchase, one, or thousands give finite, sensible values', () => {
    const none = { frequency: 0, recency: 0, T: 38.86 };
    expect(bgnbdPAlive(fit, none)).toBe(1);
    const one = { frequency: 1, recency: 0.14, T: 38.86 };
    const heavy = { frequency: 5000, recency: 701.9, T: 702 };
    const heavyGone = { frequency: 5000, recency: 100, T: 702 };
    for (const h of [none, one, heavy, heavyGone]) {
      const e = bgnbdConditionalExpected(fit, h, 52);
      const alive = bgnbdPAlive(fit, h);
      expect(Number.isFinite(e) && e >= 0, JSON.stringify(h)).toBe(true);
      expect(alive >= 0 && alive <= 1, JSON.stringify(h)).toBe(true);
    }
    // Someone buying about seven times a week who bought this week keeps doing so (a gap of two
    // weeks would already be 14 missed purchases, and the model would call them gone).
    expect(bgnbdConditionalExpected(fit, heavy, 52)).toBeGreaterThan(300);
    expect(bgnbdPAlive(fit, heavy)).toBeGreaterThan(0.99);
    // The same rate that stopped 600 weeks ago is almost surely gone.
    expect(bgnbdPAlive(fit, heavyGone)).toBeLessThan(1e-6);
    // A fit over one-time buyers only and over heavy buyers still converges to numbers.
    const extreme = fitBgNbd([...summary.slice(0, 200), heavy, { frequency: 2000, recency: 600, T: 650 }]);
    for (const v of [extreme.r, extreme.alpha, extreme.a, extreme.b, extreme.logLikelihood]) expect(Number.isFinite(v)).toBe(true);
  });
});

describe('Pareto/NBD on the CDNOW sample', () => {
  let fit: ParetoFit;
  beforeAll(() => {
    fit = fitPareto(summary);
  });

  it('[M6] r, α, s, β within 0.02 of the published fit; log-likelihood −9595.0', () => {
    const p = PUBLISHED.pareto;
    expect(Math.abs(fit.r - p.r)).toBeLessThan(0.02);
    expect(Math.abs(fit.alpha - p.alpha)).toBeLessThan(0.02);
    expect(Math.abs(fit.s - p.s)).toBeLessThan(0.02);
    expect(Math.abs(fit.beta - p.beta)).toBeLessThan(0.02);
    expect(Math.abs(fit.logLikelihood - p.logLikelihood)).toBeLessThan(0.1);
    expect(paretoLogLikelihood(fit, summary)).toBeCloseTo(fit.logLikelihood, 8);
  });

  it('[M7–M8] P(alive) and expectations are finite for every kind of customer, and agree in the aggregate', () => {
    for (const h of [
      { frequency: 0, recency: 0, T: 38.86 },
      { frequency: 1, recency: 0.14, T: 38.86 },
      { frequency: 5000, recency: 700, T: 702 },
      { frequency: 5000, recency: 100, T: 702 },
    ]) {
      const alive = paretoPAlive(fit, h);
      const e = paretoConditionalExpected(fit, h, 52);
      expect(alive >= 0 && alive <= 1 && Number.isFinite(e) && e >= 0, JSON.stringify(h)).toBe(true);
    }
    // Both models describe the same data: their 39-week forecasts for a new customer are close.
    expect(paretoExpected(fit, 39)).toBeCloseTo(bgnbdExpected(fitBgNbd(summary), 39), 1);
  });
});

describe('Gamma-Gamma spend on the 946 repeat buyers', () => {
  let fit: GammaGammaFit;
  const spend = cdnowWithSpend();
  beforeAll(() => {
    fit = fitGammaGamma(spend);
  });

  it('[M9] p, q, γ within 0.02 of Fader & Hardie (2013)', () => {
    expect(fit.customers).toBe(946);
    const p = PUBLISHED.gammaGamma;
    expect(Math.abs(fit.p - p.p)).toBeLessThan(0.02);
    expect(Math.abs(fit.q - p.q)).toBeLessThan(0.02);
    expect(Math.abs(fit.gamma - p.gamma)).toBeLessThan(0.02);
  });

  it('[M10] expected average spend of sample customers 1–10', () => {
    PUBLISHED.expectedSpend.forEach((expected, i) => {
      expect(Math.abs(expectedSpend(fit, spend[i] as (typeof spend)[number]) - expected), `customer ${i + 1}`).toBeLessThan(0.1);
    });
  });

  it('[M10] one purchase of any size and thousands of purchases stay finite', () => {
    for (const c of [
      { frequency: 1, monetary: 0.01 },
      { frequency: 1, monetary: 1e6 },
      { frequency: 5000, monetary: 20 },
    ]) {
      expect(Number.isFinite(expectedSpend(fit, c))).toBe(true);
    }
    expect(expectedSpend(fit, { frequency: 5000, monetary: 20 })).toBeCloseTo(20, 0);
  });
});
