// The pipeline board: every deal by stage, with totals and a weighted forecast per stage and per
// rep. Deals are read from the materialised rows (no Y.Doc is loaded) and followed through the
// store's change events, so moves made on other devices show up here too. A move shows at once
// and is undone on screen if the store refuses it.
import { DEAL_STAGES, type Money, type Row } from '@counterpart/model';
import type { ChangeEvent, WorkspaceStore } from '@counterpart/store';
import { serialReload } from './batch.ts';
import { handleError } from './errors.ts';
import { isMoney } from './field-input.ts';

export type Stage = (typeof DEAL_STAGES)[number];
/** The columns of the board, in the order a deal moves through them. */
export const OPEN_STAGES = ['lead', 'qualified', 'proposal', 'negotiation'] as const satisfies readonly Stage[];
/** Where a deal ends: drop zones, not card lists (closed deals pile up over the years). */
export const CLOSED_STAGES = ['won', 'lost'] as const satisfies readonly Stage[];

/**
 * The win chance used for the weighted forecast when a deal has no probability of its own:
 * lead 10 %, qualified 25 %, proposal 50 %, negotiation 75 %, won 100 %, lost 0 %.
 * These are the usual funnel conversion rates and match what new deals are given by default.
 */
export const DEFAULT_PROBABILITY: Readonly<Record<Stage, number>> = {
  lead: 10,
  qualified: 25,
  proposal: 50,
  negotiation: 75,
  won: 100,
  lost: 0,
};

export interface DealCard {
  readonly id: string;
  readonly name: string;
  readonly accountId?: string;
  readonly ownerId?: string;
  readonly stage: Stage;
  readonly amount?: Money;
  readonly probability?: number;
  readonly expectedClose?: string;
}

/** Amounts per currency: a workspace may hold deals in more than one. */
export type Totals = Readonly<Record<string, number>>;

export interface StageSummary {
  readonly count: number;
  readonly total: Totals;
  readonly weighted: Totals;
}

export interface RepSummary {
  readonly ownerId: string;
  readonly open: Totals;
  readonly weighted: Totals;
  readonly wonThisQuarter: Totals;
}

function isStage(v: unknown): v is Stage {
  return typeof v === 'string' && (DEAL_STAGES as readonly string[]).includes(v);
}


function toCard(row: Row): DealCard | undefined {
  if (!isStage(row.stage)) return undefined;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    id: row.id,
    name: str(row.name) ?? row._title,
    accountId: str(row.accountId),
    ownerId: str(row.ownerId),
    stage: row.stage,
    amount: isMoney(row.amount) ? row.amount : undefined,
    probability: typeof row.probability === 'number' ? row.probability : undefined,
    expectedClose: str(row.expectedClose),
  };
}

/** The chance a deal is counted at: its own probability, or its stage's default. */
export function probabilityOf(deal: DealCard): number {
  if (deal.stage === 'won' || deal.stage === 'lost') return DEFAULT_PROBABILITY[deal.stage];
  return deal.probability ?? DEFAULT_PROBABILITY[deal.stage];
}

function add(into: Record<string, number>, m: Money | undefined, factor = 1): void {
  if (!m) return;
  into[m.currency] = (into[m.currency] ?? 0) + Math.round(m.amount * factor);
}

/** Today's date (YYYY-MM-DD) where the user is. */
export function localToday(): string {
  return isoDay.format(Date.now());
}
/** Canadian English writes dates as YYYY-MM-DD, in the user's own time zone. */
const isoDay = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
/** Quarters end in March, June, September and December. */
const QUARTER_LAST_DAY = ['31', '30', '30', '31'] as const;

/** The first and last day (ISO) of the calendar quarter of `today` (YYYY-MM-DD). */
export function quarterOf(today: string): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const lastDay = QUARTER_LAST_DAY[q] ?? '31';
  return { from: `${y}-${pad(q * 3 + 1)}-01`, to: `${y}-${pad(q * 3 + 3)}-${lastDay}` };
}

export function summarise(deals: readonly DealCard[]): StageSummary {
  const total: Record<string, number> = {};
  const weighted: Record<string, number> = {};
  for (const d of deals) {
    add(total, d.amount);
    add(weighted, d.amount, probabilityOf(d) / 100);
  }
  return { count: deals.length, total, weighted };
}

/**
 * Per rep: what is open, what it is worth weighted, and what was won this quarter. A won deal
 * counts in the quarter of its expected close, which is the date the deal is closed on.
 */
export function summariseReps(deals: readonly DealCard[], today: string): RepSummary[] {
  const { from, to } = quarterOf(today);
  type Sums = Record<string, number>;
  const reps: Record<string, { open: Sums; weighted: Sums; won: Sums }> = {};
  for (const d of deals) {
    const key = d.ownerId ?? '';
    const r = (reps[key] ??= { open: {}, weighted: {}, won: {} });
    if ((OPEN_STAGES as readonly string[]).includes(d.stage)) {
      add(r.open, d.amount);
      add(r.weighted, d.amount, probabilityOf(d) / 100);
    } else if (d.stage === 'won' && d.expectedClose && d.expectedClose >= from && d.expectedClose <= to) {
      add(r.won, d.amount);
    }
  }
  return Object.entries(reps).map(([ownerId, r]) => ({ ownerId, open: r.open, weighted: r.weighted, wonThisQuarter: r.won }));
}

/**
 * The patch a move saves. Won and lost set the probability to 100 and 0; a move between open
 * stages carries the new stage's default probability along, unless the deal's probability was
 * set by hand (differs from its old stage's default), which is then kept.
 */
export interface MovePatch {
  readonly stage: Stage;
  readonly probability?: number;
  readonly lostReason?: string;
}

export function movePatch(deal: DealCard, stage: Stage, lostReason?: string): MovePatch {
  if (stage === 'won') return { stage, probability: 100 };
  if (stage === 'lost') return { stage, probability: 0, lostReason: lostReason ?? '' };
  const followsStage = deal.probability === undefined || deal.probability === DEFAULT_PROBABILITY[deal.stage];
  return followsStage ? { stage, probability: DEFAULT_PROBABILITY[stage] } : { stage };
}

export class Pipeline {
  /** Every deal as last read from the store. */
  private loaded = $state.raw<DealCard[]>([]);
  /** Moves being saved: shown at once, whatever the store says until they are. */
  private pending = $state.raw<Readonly<Record<string, Stage>>>({});
  accountNames = $state.raw<Readonly<Record<string, string>>>({});
  repNames = $state.raw<Readonly<Record<string, string>>>({});
  /** Deals moved here this session, most recent last: they top their new column, where the user
   * expects to see them land. */
  private moved = $state.raw<readonly string[]>([]);
  ready = $state(false);
  /** Only this rep's deals on the board; '' for everyone. */
  rep = $state('');

  /** Deals as shown: the store's rows with pending moves applied. */
  readonly deals = $derived.by(() => {
    const pending = this.pending;
    if (Object.keys(pending).length === 0) return this.loaded;
    return this.loaded.map((d) => {
      const stage = pending[d.id];
      return stage ? { ...d, stage } : d;
    });
  });
  readonly visible = $derived(this.rep ? this.deals.filter((d) => (d.ownerId ?? '') === this.rep) : this.deals);
  readonly byStage = $derived.by(() => {
    const out = Object.fromEntries(DEAL_STAGES.map((s) => [s, [] as DealCard[]])) as Record<Stage, DealCard[]>;
    for (const d of this.visible) out[d.stage].push(d);
    // Soonest expected close first: what needs attention now is at the top of each column.
    const rank = (id: string): number => this.moved.indexOf(id);
    for (const s of OPEN_STAGES) {
      out[s].sort((a, b) => rank(b.id) - rank(a.id) || (a.expectedClose ?? '9999').localeCompare(b.expectedClose ?? '9999'));
    }
    return out;
  });
  readonly reps = $derived(summariseReps(this.deals, localToday()));

  /** Reads everything again, one read at a time. */
  private readonly reload = serialReload(() => this.load(), handleError);

  constructor(private readonly store: WorkspaceStore) {}

  /** Reads every deal, and the names of their accounts and reps. */
  async load(): Promise<void> {
    const ids = await this.store.ids('deals');
    const rows = await this.store.rows('deals', ids);
    const deals = rows.map(toCard).filter((d): d is DealCard => d !== undefined);
    const accountIds = Object.keys(Object.fromEntries(deals.flatMap((d) => (d.accountId ? [[d.accountId, true]] : []))));
    const [accounts, users] = await Promise.all([
      this.store.rows('accounts', accountIds),
      this.store.rows('users', await this.store.ids('users')),
    ]);
    this.accountNames = Object.fromEntries(accounts.map((a) => [a.id, a._title]));
    this.repNames = Object.fromEntries(users.map((u) => [u.id, u._title]));
    this.loaded = deals;
    this.ready = true;
  }

  /** Follows changes to deals, accounts and reps, re-reading at most one at a time. */
  watch(): () => void {
    this.reload();
    return this.store.subscribe((e: ChangeEvent) => {
      if (e.rows.some((r) => r.collection === 'deals' || r.collection === 'accounts' || r.collection === 'users')) this.reload();
    });
  }

  /** Moves a deal; resolves true once saved, false (and the card back where it was) if refused. */
  async move(id: string, stage: Stage, lostReason?: string): Promise<boolean> {
    const deal = this.deals.find((d) => d.id === id);
    if (!deal || deal.stage === stage) return false;
    this.pending = { ...this.pending, [id]: stage };
    this.moved = [...this.moved.filter((m) => m !== id), id];
    try {
      const patch = movePatch(deal, stage, lostReason);
      await this.store.update('deals', id, { ...patch });
      // Keep the new stage on screen until the re-read rows have it.
      this.loaded = this.loaded.map((d) => (d.id === id ? { ...d, stage: patch.stage, probability: patch.probability ?? d.probability } : d));
      return true;
    } catch (err) {
      handleError(err);
      return false;
    } finally {
      const { [id]: _done, ...rest } = this.pending;
      this.pending = rest;
    }
  }
}
