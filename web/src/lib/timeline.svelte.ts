// An account's timeline: every interaction newest first — calls, meetings, visits, mail and
// notes (activities), orders and tickets — and its deals. Read from materialised rows by the
// indexed accountId, never from docs; reloaded when a related record changes here or elsewhere.
import type { CollectionName, Row } from '@counterpart/model';
import type { WorkspaceStore } from '@counterpart/store';
import { handleError } from './errors.ts';
import { formatMoney } from './format.ts';
import { optionLabel, t } from './i18n.ts';
import { isMoney } from './field-input.ts';

export interface TimelineItem {
  readonly id: string;
  readonly collection: CollectionName;
  /** Epoch ms. */
  readonly at: number;
  readonly kind: string;
  readonly title: string;
  readonly detail: string;
}

const RELATED: readonly CollectionName[] = ['activities', 'orders', 'tickets', 'deals'];


function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function toItem(collection: CollectionName, row: Row): TimelineItem | undefined {
  switch (collection) {
    case 'activities': {
      const at = typeof row.at === 'number' ? row.at : row._created;
      const type = str(row.type);
      const outcome = str(row.outcome);
      return { id: row.id, collection, at, kind: type || 'note', title: str(row.subject) || optionLabel(type), detail: outcome ? optionLabel(outcome) : '' };
    }
    case 'orders': {
      const at = Date.parse(str(row.orderedOn)) || row._created;
      const currency = str(row.currency) || 'EUR';
      const total = typeof row._total === 'number' ? formatMoney({ amount: row._total, currency }) : '';
      return { id: row.id, collection, at, kind: 'order', title: t.timelineOrder(str(row.number)), detail: [optionLabel(str(row.status)), total].filter(Boolean).join(' · ') };
    }
    case 'tickets': {
      const at = typeof row.openedAt === 'number' ? row.openedAt : row._created;
      return { id: row.id, collection, at, kind: 'ticket', title: str(row.subject), detail: [optionLabel(str(row.severity)), optionLabel(str(row.status))].filter(Boolean).join(' · ') };
    }
    default:
      return undefined;
  }
}

export class AccountTimeline {
  items = $state.raw<readonly TimelineItem[]>([]);
  deals = $state.raw<readonly Row[]>([]);
  loaded = $state(false);

  constructor(
    private readonly store: WorkspaceStore,
    readonly accountId: string,
  ) {}

  async load(): Promise<void> {
    const [activities, orders, tickets, deals] = await Promise.all(RELATED.map((c) => this.store.where(c, 'accountId', this.accountId)));
    const items: TimelineItem[] = [];
    for (const [c, rows] of [['activities', activities], ['orders', orders], ['tickets', tickets]] as const) {
      for (const r of rows ?? []) {
        const item = toItem(c, r);
        if (item) items.push(item);
      }
    }
    this.items = items.sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : 1));
    this.deals = [...(deals ?? [])].sort((a, b) => str(b.expectedClose).localeCompare(str(a.expectedClose)));
    this.loaded = true;
  }

  /** Reloads when a record of this account is added, changed or removed. */
  watch(): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const known = (id: string): boolean => this.items.some((i) => i.id === id) || this.deals.some((d) => d.id === id);
    const off = this.store.subscribe((e) => {
      const touched = e.rows.some((ch) => RELATED.includes(ch.collection) && (ch.row?.accountId === this.accountId || known(ch.id)));
      if (!touched || timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        this.load().catch(handleError);
      }, 100);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }
}

export function dealAmount(row: Row): string {
  return isMoney(row.amount) ? formatMoney(row.amount) : '';
}
