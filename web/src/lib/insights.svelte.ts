// The open workspace's insights as the app sees them: the analytics worker, its progress and its
// latest result. The worker starts the first time a view asks for insights (the Insights pages,
// an account page) and then follows the workspace: every change is passed on as a cheap "dirty"
// signal and the worker recomputes once changes settle. Nothing is computed on this thread.
import * as Comlink from 'comlink';
import { currencyExponent } from '@counterpart/model';
import type { WorkspaceStore } from '@counterpart/store';
import { InsightsChangeFilter } from './insights-changes.ts';
import { insightsComputed } from './perf.ts';
import type {
  AnalyticsWorkerApi, Answer, ContactedAnswerRow, InsightsProgress, InsightsResult, NotifyAnswerRow, ScorecardsAnswer,
} from '../workers/analytics.worker.ts';
import { formatMoney } from './format.ts';
import { handleError } from './errors.ts';

export type {
  Answer, ClvBucket, ContactedAnswerRow, CustomerInsight, InsightsProgress, InsightsResult, InsightsStage, NotifyAnswerRow, ScorecardsAnswer, SegmentFigures,
} from '../workers/analytics.worker.ts';

const RATE_KEY = 'counterpart:insights:rate';

class InsightsClient {
  result = $state.raw<InsightsResult | null>(null);
  /** Set while the worker computes. */
  progress = $state.raw<InsightsProgress | null>(null);
  error = $state<string | null>(null);
  /**
   * How many cost-currency units one sales-currency unit is worth, when the two differ (the
   * demo sells in euro and pays for contacts in dollars). Entered by the user: no rate is
   * invented, and channel ROI waits for one.
   */
  rate = $state<number | null>(readRate());

  private worker: Worker | null = null;
  private api: Comlink.Remote<AnalyticsWorkerApi> | null = null;
  private store: WorkspaceStore | null = null;
  private offChanges: (() => void) | null = null;

  /** Starts the worker for this workspace, unless it already runs for it. */
  ensure(store: WorkspaceStore): void {
    if (this.store === store) return;
    this.stop();
    this.store = store;
    const worker = new Worker(new URL('../workers/analytics.worker.ts', import.meta.url), { type: 'module', name: 'analytics' });
    const api = Comlink.wrap<AnalyticsWorkerApi>(worker);
    this.worker = worker;
    this.api = api;
    this.progress = { stage: 'reading', fraction: 0 };
    const filter = new InsightsChangeFilter();
    this.offChanges = store.subscribe((e) => {
      const changes = filter.pick(e);
      if (changes) api.dirty(changes).catch(handleError);
    });
    api
      .start(
        store.workspaceId,
        Comlink.proxy({
          progress: (p: InsightsProgress) => {
            if (this.api === api) this.progress = p;
          },
          result: (r: InsightsResult) => {
            if (this.api !== api) return;
            insightsComputed(r.computedInMs, r.incremental, r.stages);
            this.result = r;
            this.progress = null;
            this.error = null;
          },
          failed: (message: string) => {
            if (this.api !== api) return;
            this.progress = null;
            this.error = message;
          },
        }),
      )
      .catch(handleError);
  }

  stop(): void {
    this.offChanges?.();
    this.offChanges = null;
    const api = this.api;
    const worker = this.worker;
    this.api = null;
    this.worker = null;
    this.store = null;
    this.result = null;
    this.progress = null;
    this.error = null;
    if (api) {
      // The worker closes its store before it goes, so the database is never left held open.
      api
        .dispose()
        .catch(() => undefined)
        .finally(() => {
          api[Comlink.releaseProxy]();
          worker?.terminate();
        });
    }
  }

  async contacted(from: string, to: string): Promise<Answer<ContactedAnswerRow> | null> {
    return this.api ? this.api.contacted(from, to) : null;
  }

  async notify(productId: string): Promise<Answer<NotifyAnswerRow> | null> {
    return this.api ? this.api.notify(productId) : null;
  }

  async scorecards(from: string, to: string): Promise<ScorecardsAnswer | null> {
    return this.api ? this.api.scorecards(from, to) : null;
  }

  setRate(rate: number | null): void {
    this.rate = rate !== null && Number.isFinite(rate) && rate > 0 ? rate : null;
    if (this.rate === null) localStorage.removeItem(RATE_KEY);
    else localStorage.setItem(RATE_KEY, String(this.rate));
  }
}

function readRate(): number | null {
  const v = Number(localStorage.getItem(RATE_KEY));
  return Number.isFinite(v) && v > 0 ? v : null;
}

export const insights = new InsightsClient();

/** An amount in major units (what the models work in) as money in `currency`. */
export function formatAmount(amount: number, currency: string): string {
  return formatMoney({ amount: Math.round(amount * 10 ** currencyExponent(currency)), currency });
}

/** A probability or share as a whole percentage. */
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
export function formatPercent(x: number): string {
  return percent.format(x);
}
