// The whole customer-value analysis of a transaction log in one call, as the CLI and the app
// need it: summaries, a purchase model, Gamma-Gamma, CLV and RFM per customer.
import { fitBgNbd, type BgNbdFit } from './bgnbd.ts';
import { clv, expectedPurchases, pAlive, type PurchaseModel } from './clv.ts';
import { DAYS_PER_MONTH, daysPerUnit, type Period } from './dates.ts';
import { expectedSpend, fitGammaGamma, type GammaGammaFit } from './gamma-gamma.ts';
import { fitPareto, type ParetoFit } from './pareto.ts';
import { rfmScores, type RfmScore } from './rfm.ts';
import { summarize, type CustomerSummary, type Purchase } from './summary.ts';

export interface CustomerValueOptions {
  /** Last day of the period (day number). */
  readonly endDay: number;
  readonly period?: Period;
  readonly model?: 'bgnbd' | 'pareto';
  readonly horizonMonths?: number;
  readonly monthlyDiscount?: number;
  /**
   * The fits of a previous run on nearly the same data: the models are fitted again starting
   * from them, which takes a fraction of a full search (a recompute after a few changes).
   */
  readonly warmStart?: { readonly bgnbd?: BgNbdFit; readonly gammaGamma?: GammaGammaFit };
}

export interface CustomerValue extends CustomerSummary {
  readonly pAlive: number;
  /** Expected purchases over the horizon. */
  readonly expectedPurchases: number;
  readonly expectedSpend: number;
  readonly clv: number;
  readonly rfm: RfmScore;
}

export interface CustomerValueReport {
  readonly model: { readonly bgnbd?: BgNbdFit; readonly pareto?: ParetoFit; readonly gammaGamma?: GammaGammaFit };
  readonly customers: CustomerValue[];
}

export function customerValue(purchases: Iterable<Purchase>, opts: CustomerValueOptions): CustomerValueReport {
  const period = opts.period ?? 'week';
  const horizonMonths = opts.horizonMonths ?? 12;
  const monthlyDiscount = opts.monthlyDiscount ?? 0.01;
  const summaries = summarize(purchases, { endDay: opts.endDay, period });
  if (summaries.length === 0) return { model: {}, customers: [] };
  let model: PurchaseModel;
  let fits: { bgnbd?: BgNbdFit; pareto?: ParetoFit };
  if (opts.model === 'pareto') {
    const fit = fitPareto(summaries);
    model = { kind: 'pareto', params: fit };
    fits = { pareto: fit };
  } else {
    const fit = fitBgNbd(summaries, opts.warmStart?.bgnbd ? { start: opts.warmStart.bgnbd, warm: true } : {});
    model = { kind: 'bgnbd', params: fit };
    fits = { bgnbd: fit };
  }
  // Without repeat buyers there is nothing to learn spend from: fall back to each customer's
  // own mean purchase.
  const spendable = summaries.some((s) => s.frequency > 0 && s.monetary > 0);
  const gammaGamma = spendable ? fitGammaGamma(summaries, opts.warmStart?.gammaGamma ? { start: opts.warmStart.gammaGamma, warm: true } : {}) : undefined;
  const rfm = rfmScores(
    summaries.map((s) => ({ id: s.id, daysSinceLast: opts.endDay - s.lastDay, purchases: s.frequency + 1, spend: s.total })),
  );
  const horizon = (horizonMonths * DAYS_PER_MONTH) / daysPerUnit(period);
  const customers = summaries.map((s, i): CustomerValue => {
    const spend = gammaGamma ? expectedSpend(gammaGamma, s) : s.total / (s.frequency + 1);
    return {
      ...s,
      pAlive: pAlive(model, s),
      expectedPurchases: expectedPurchases(model, s, horizon),
      expectedSpend: spend,
      clv: clv(model, s, spend, { horizonMonths, monthlyDiscount, period }),
      rfm: rfm[i] as RfmScore,
    };
  });
  return { model: { ...fits, gammaGamma }, customers };
}
