// Which part of a change event the analytics worker needs: the changed rows of the collections
// it reads, or, when there are too many of them or they are not known, just the collections,
// which the worker then reads again from IndexedDB itself.
import type { ChangeEvent } from '@counterpart/store';
import type { InsightsChanges, InsightsRead } from '../workers/analytics.worker.ts';

/** Collections the analysis reads (INSIGHTS_READS): changes elsewhere (tasks, tickets…) do not trigger a run. */
const READS: ReadonlySet<string> = new Set<InsightsRead>(['orders', 'activities', 'accounts', 'products', 'campaigns']);
/**
 * More changed rows of one collection than this within WINDOW_MS (an import, a sync catch-up)
 * are not passed to the worker: it reads that collection again from IndexedDB itself.
 */
const PASS_ROWS_MAX = 500;
const WINDOW_MS = 2_000;

/** Picks what of each change event the worker gets, counting rows passed in the last window. */
export class InsightsChangeFilter {
  private windowStart = -Infinity;
  private readonly passed = new Map<InsightsRead, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** What of a change event concerns the analysis, or undefined when nothing does. */
  pick(e: ChangeEvent): InsightsChanges | undefined {
    const t = this.now();
    if (t - this.windowStart > WINDOW_MS) {
      this.windowStart = t;
      this.passed.clear();
    }
    const touched = new Set<InsightsRead>();
    for (const c of e.touched ?? []) if (READS.has(c)) touched.add(c as InsightsRead);
    const per = new Map<InsightsRead, number>();
    for (const r of e.rows) if (READS.has(r.collection)) per.set(r.collection as InsightsRead, (per.get(r.collection as InsightsRead) ?? 0) + 1);
    for (const [c, n] of per) {
      const total = (this.passed.get(c) ?? 0) + n;
      this.passed.set(c, total);
      if (total > PASS_ROWS_MAX) touched.add(c);
    }
    const rows: InsightsChanges['rows'][number][] = [];
    for (const r of e.rows) {
      const c = r.collection as InsightsRead;
      if (!per.has(c) || touched.has(c)) continue;
      // A change without its row is read from IndexedDB instead.
      if (!r.deleted && !r.row) touched.add(c);
      else rows.push({ collection: c, id: r.id, row: r.deleted ? null : (r.row ?? null) });
    }
    if (!rows.length && !touched.size) return undefined;
    return { rows: rows.filter((r) => !touched.has(r.collection)), touched: [...touched] };
  }
}
