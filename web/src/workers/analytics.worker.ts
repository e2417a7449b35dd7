// Insights off the main thread: this worker opens its own WorkspaceStore on the workspace's
// database and runs the insights engine (insights-engine.ts) on it. The app tells it what
// changed; it recomputes a little later and incrementally. This is the only entry that
// imports @counterpart/analytics: the models stay out of the app's initial bundle.
import * as Comlink from 'comlink';
import { WorkspaceStore } from '@counterpart/store';
import { InsightsEngine, type Answer, type ContactedAnswerRow, type InsightsChanges, type InsightsEvents, type NotifyAnswerRow, type ScorecardsAnswer } from './insights-engine.ts';

export type * from './insights-engine.ts';

let store: WorkspaceStore | null = null;
let engine: InsightsEngine | null = null;

const api = {
  /** Opens the workspace and computes at once; later runs follow `dirty`. */
  async start(workspaceId: string, events: InsightsEvents): Promise<void> {
    await api.dispose();
    store = await WorkspaceStore.open(workspaceId);
    engine = new InsightsEngine(store, events);
    engine.run();
  },
  /** Something in the workspace changed (`changes` says what, when known): recompute once changes settle. */
  dirty(changes?: InsightsChanges): void {
    engine?.dirty(changes);
  },
  /** Customers contacted (call, meeting, e-mail) in [from, to] who ordered nothing in it. */
  async contacted(from: string, to: string): Promise<Answer<ContactedAnswerRow>> {
    return engine ? engine.contacted(from, to) : { rows: [], total: 0, names: {} };
  },
  /** Customers to tell about a product, most likely buyers first. */
  async notify(productId: string): Promise<Answer<NotifyAnswerRow>> {
    return engine ? engine.notify(productId) : { rows: [], total: 0, names: {} };
  },
  /** One scorecard per member for the days [from, to] (analytics SPEC T8). */
  async scorecards(from: string, to: string): Promise<ScorecardsAnswer | null> {
    return engine ? engine.scorecards(from, to) : null;
  },
  async dispose(): Promise<void> {
    engine?.dispose();
    engine = null;
    await store?.close();
    store = null;
  },
};

export type AnalyticsWorkerApi = typeof api;

Comlink.expose(api);
