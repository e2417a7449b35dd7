// Changes the sync worker committed, on their way into the app's store (store SPEC S12). A
// catch-up sends thousands of rows a second in many small messages; taking each in as it comes
// would run several of them in one task whenever the store's queue was busy. The feed keeps them
// in order and hands the store at most `ROWS_PER_TASK` rows at a time, one slice per task, so the
// page stays responsive however fast they arrive. Messages that wait are merged into one change.
import type { OtherIds, RowChange, Touch } from '@counterpart/store';

/** One change as the sync worker posts it. */
export interface ExternalChange {
  readonly rows: readonly RowChange[];
  readonly settingsChanged: boolean;
  readonly others?: readonly Touch[];
  readonly otherIds?: OtherIds;
}

/** Most rows handed to the store in one task. */
export const ROWS_PER_TASK = 250;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class ChangeFeed {
  private readonly pending: ExternalChange[] = [];
  private draining = false;
  private closed = false;

  constructor(
    private readonly apply: (e: ExternalChange) => Promise<void>,
    private readonly onError: (err: unknown) => void,
    private readonly rowsPerTask = ROWS_PER_TASK,
    private readonly pause: () => Promise<void> = nextTask,
  ) {}

  push(e: ExternalChange): void {
    if (this.closed) return;
    this.pending.push(e);
    if (this.draining) return;
    this.draining = true;
    void this.pause().then(() => this.drain());
  }

  /** Stops taking changes; those not handed over yet are dropped (the store is closing). */
  close(): void {
    this.closed = true;
    this.pending.length = 0;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length && !this.closed) {
        await this.apply(this.take());
        if (this.pending.length) await this.pause();
      }
    } catch (err) {
      this.onError(err);
    } finally {
      this.draining = false;
      // A failed slice does not hold back the ones after it.
      if (this.pending.length && !this.closed) {
        this.draining = true;
        void this.pause().then(() => this.drain());
      }
    }
  }

  /** The oldest changes merged, up to the row budget (a change larger than it is split). */
  private take(): ExternalChange {
    const rows: RowChange[] = [];
    const others: Touch[] = [];
    const ids = new Map<keyof OtherIds, string[]>();
    let settingsChanged = false;
    while (this.pending.length && rows.length < this.rowsPerTask) {
      const e = this.pending[0]!;
      const room = this.rowsPerTask - rows.length;
      if (e.rows.length > room) {
        // Split: the rest stays first in line, with nothing else of the change.
        for (let i = 0; i < room; i++) rows.push(e.rows[i]!);
        this.pending[0] = { rows: e.rows.slice(room), settingsChanged: false };
        settingsChanged ||= e.settingsChanged;
        if (e.others) others.push(...e.others);
        addIds(ids, e.otherIds);
        break;
      }
      this.pending.shift();
      for (const r of e.rows) rows.push(r);
      settingsChanged ||= e.settingsChanged;
      if (e.others) others.push(...e.others);
      addIds(ids, e.otherIds);
    }
    const otherIds: OtherIds = {};
    for (const [c, list] of ids) otherIds[c] = list.join('\n');
    return { rows, settingsChanged, ...(others.length ? { others } : {}), ...(ids.size ? { otherIds } : {}) };
  }
}

function addIds(into: Map<keyof OtherIds, string[]>, ids: OtherIds | undefined): void {
  if (!ids) return;
  for (const [c, s] of Object.entries(ids) as [keyof OtherIds, string | undefined][]) {
    if (!s) continue;
    const list = into.get(c);
    if (list) list.push(s);
    else into.set(c, [s]);
  }
}
