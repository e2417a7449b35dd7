// @counterpart/analytics: customer-base models (BG/NBD, Pareto/NBD, Gamma-Gamma, CLV), RFM
// segments, next-product sequences, basket rules and the sales team's questions. Pure
// functions over plain inputs: no DOM, the same in Node, a worker and tests. See SPEC.md.
export type { Activity, ActivityType, Campaign, Order, OrderLine, Product } from './types.ts';
export { parseDay, dayOf, formatDay, monthOf, daysPerUnit, DAYS_PER_MONTH, type Period } from './dates.ts';
export { summarize, type CustomerSummary, type Purchase, type SummaryOptions } from './summary.ts';
export { lgamma, lbeta, log2F1, logAddExp, logSubExp } from './special.ts';
export { minimize, type MinimizeOptions, type MinimizeResult } from './optimize.ts';
export {
  fitBgNbd, bgnbdLogLikelihood, bgnbdPAlive, bgnbdExpected, bgnbdConditionalExpected, bgnbdProbability,
  groupHistories, type BgNbdParams, type BgNbdFit, type History, type HistoryGroups,
} from './bgnbd.ts';
export {
  fitPareto, paretoLogLikelihood, paretoPAlive, paretoExpected, paretoConditionalExpected,
  type ParetoParams, type ParetoFit,
} from './pareto.ts';
export {
  fitGammaGamma, gammaGammaLogLikelihood, expectedSpend, usableForSpend,
  type GammaGammaParams, type GammaGammaFit, type Spend,
} from './gamma-gamma.ts';
export { clv, pAlive, expectedPurchases, type PurchaseModel, type ClvOptions } from './clv.ts';
export { customerValue, type CustomerValue, type CustomerValueOptions, type CustomerValueReport } from './analyze.ts';
export { rfmScores, quintiles, segmentOf, SEGMENTS, SEGMENT_RULES, type RfmInput, type RfmScore, type Segment } from './rfm.ts';
export { sequenceRules, purchaseDays, SequenceCounts, type SequenceRule, type SequenceOptions } from './sequences.ts';
export { basketRules, frequentItemsets, type BasketRule, type BasketOptions, type FrequentItemset } from './basket.ts';
export {
  monthlyProductMix, contactedWithoutOrder, notifyAboutProduct, CONTACT_TYPES,
  type MixItem, type MonthlyMix, type ContactedWithoutOrder, type NotifyCandidate,
} from './questions.ts';
export {
  winBackList, channelRoi, repScorecards, contactCost, WIN_BACK_SEGMENTS, RESPONSE_OUTCOMES,
  type WinBackInput, type WinBackEntry, type ChannelFigures, type CampaignFigures, type RoiOptions, type RepScorecard,
} from './team.ts';
export {
  keyAccountCoverage, leadResponse, activityMix, repReport, median, BUYING_CENTRE_ROLES, MIX_GROUPS,
  type KeyAccountInput, type ContactRoleInput, type KeyAccountCoverage, type RepKeyAccounts, type LeadInput,
  type RepLeadResponse, type MixGroup, type RepReport, type RepReportInput,
} from './scorecards.ts';
export { parseTransactionsCsv, parseBaskets, splitCsvLine, InputError, type TransactionRow, type TransactionCsvOptions } from './csv.ts';
