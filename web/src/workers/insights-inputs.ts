// What the insights engine holds of the workspace between runs: for each collection it reads,
// the analysis's view of every row (an order's lines priced, an activity's day…), not the rows
// themselves. Entries are kept per stored chunk, so the engine reads again only the chunks the
// store says were written since (store SPEC S17), and they are kept on the device between
// sessions: a later session reads the saved entries and the chunks written since, instead of
// every row of the workspace. Changes the app reports are laid over the chunk entries until the
// chunks they are in are read again.
import type { ActivityType, OrderLine } from '@counterpart/analytics';
import { formatDay } from '@counterpart/analytics';
import { ACTIVITY_TYPES, isMoney, toMajor, type CollectionName, type Row } from '@counterpart/model';
import type { ChunksRead } from '@counterpart/store';

/** An order as the analysis counts it, before the sales currency is chosen. */
export interface OrderEntry {
  readonly customerId: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  /** Its own currency, else that of its first priced line; none when nothing says. */
  readonly currency: string | undefined;
  /** After line and order discounts, in major units. */
  readonly amount: number;
  readonly products: readonly OrderLine[];
  readonly repId: string | undefined;
}

export interface ActivityEntry {
  readonly customerId: string;
  readonly type: ActivityType;
  readonly date: string;
  readonly channel: string | undefined;
  /** Major units of `costCurrency`; none when no cost is recorded (its campaign's cost per contact counts). */
  readonly cost: number | undefined;
  readonly costCurrency: string | undefined;
  readonly outcome: string | undefined;
  readonly repId: string | undefined;
  readonly campaignId: string | undefined;
}

/** A key account with an owner, as the rep scorecards see it. */
export interface KeyAccountEntry {
  readonly ownerId: string;
  readonly plan: string;
  readonly created: number;
}

export interface AccountEntry {
  readonly title: string;
  /** The account's customer group, trimmed; none when empty. */
  readonly group: string | undefined;
  readonly key: KeyAccountEntry | undefined;
}

export interface ProductEntry {
  readonly title: string;
  readonly category: string | undefined;
  readonly availableOn: string;
  readonly created: number;
}

export interface CampaignEntry {
  readonly title: string;
  readonly channel: string;
  readonly start: string;
  readonly end: string;
  /** Cost per contact in major units of `costCurrency`. */
  readonly costPerContact: number | undefined;
  readonly costCurrency: string | undefined;
}

export interface InputEntries {
  orders: OrderEntry;
  activities: ActivityEntry;
  accounts: AccountEntry;
  products: ProductEntry;
  campaigns: CampaignEntry;
}
export type InputName = keyof InputEntries & CollectionName;

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACTIVITY_TYPE_SET = new Set<string>(ACTIVITY_TYPES);

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const optText = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** How one collection's rows become entries, and entries a compact form to keep on the device. */
interface Kind<E> {
  /** The row's entry; null when the analysis leaves it out (a cancelled or undated order…). */
  map(row: Row): E | null;
  encode(id: string, e: E): unknown[];
  /** The entry back from its kept form; null when it is not one (a damaged or older copy). */
  decode(t: unknown[]): [string, E] | null;
}

const str = (v: unknown): v is string => typeof v === 'string';
const strOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const orUndefined = (v: string | null): string | undefined => v ?? undefined;

const orders: Kind<OrderEntry> = {
  map(row) {
    if (row.status === 'cancelled') return null;
    const date = text(row.orderedOn);
    const customerId = text(row.accountId);
    if (!ISO_DAY.test(date) || !customerId) return null;
    const lines = Array.isArray(row.lines) ? (row.lines as Record<string, unknown>[]) : [];
    const discount = 1 - num(row.discountPct) / 100;
    const products: OrderLine[] = [];
    for (const l of lines) {
      const productId = text(l.productId);
      if (!productId || !isMoney(l.unitPrice)) continue;
      const quantity = num(l.quantity);
      const amount = quantity * toMajor(l.unitPrice) * (1 - num(l.discountPct) / 100) * discount;
      products.push({ productId, quantity, amount: Math.max(0, amount) });
    }
    const currency = typeof row.currency === 'string' ? row.currency : lines.map((l) => l.unitPrice).find(isMoney)?.currency;
    return { customerId, date, currency, amount: products.reduce((s, l) => s + l.amount, 0), products, repId: optText(row.ownerId) };
  },
  encode: (id, e) => [id, e.customerId, e.date, e.currency ?? null, e.amount, e.repId ?? null, ...e.products.flatMap((p) => [p.productId, p.quantity, p.amount])],
  decode(t) {
    const [id, customerId, date, currency, amount, repId] = t;
    if (!str(id) || !str(customerId) || !str(date) || !strOrNull(currency) || !finite(amount) || !strOrNull(repId) || (t.length - 6) % 3) return null;
    const products: OrderLine[] = [];
    for (let i = 6; i < t.length; i += 3) {
      const [productId, quantity, lineAmount] = [t[i], t[i + 1], t[i + 2]];
      if (!str(productId) || !finite(quantity) || !finite(lineAmount)) return null;
      products.push({ productId, quantity, amount: lineAmount });
    }
    return [id, { customerId, date, currency: orUndefined(currency), amount, products, repId: orUndefined(repId) }];
  },
};

const activities: Kind<ActivityEntry> = {
  map(row) {
    const customerId = text(row.accountId);
    const at = row.at;
    if (!customerId || typeof at !== 'number' || !ACTIVITY_TYPE_SET.has(text(row.type))) return null;
    return {
      customerId,
      type: row.type as ActivityType,
      date: formatDay(Math.floor(at / DAY_MS)),
      channel: optText(row.channel),
      cost: isMoney(row.cost) ? toMajor(row.cost) : undefined,
      costCurrency: isMoney(row.cost) ? row.cost.currency : undefined,
      outcome: optText(row.outcome),
      repId: optText(row.userId),
      campaignId: optText(row.campaignId),
    };
  },
  encode: (id, e) => [id, e.customerId, e.type, e.date, e.channel ?? null, e.cost ?? null, e.costCurrency ?? null, e.outcome ?? null, e.repId ?? null, e.campaignId ?? null],
  decode(t) {
    const [id, customerId, type, date, channel, cost, costCurrency, outcome, repId, campaignId] = t;
    if (t.length !== 10 || !str(id) || !str(customerId) || !str(type) || !ACTIVITY_TYPE_SET.has(type) || !str(date) || !strOrNull(channel)
      || !(cost === null || finite(cost)) || !strOrNull(costCurrency) || !strOrNull(outcome) || !strOrNull(repId) || !strOrNull(campaignId)) return null;
    return [id, {
      customerId, type: type as ActivityType, date, channel: orUndefined(channel), cost: cost ?? undefined, costCurrency: orUndefined(costCurrency),
      outcome: orUndefined(outcome), repId: orUndefined(repId), campaignId: orUndefined(campaignId),
    }];
  },
};

const accounts: Kind<AccountEntry> = {
  map: (row) => {
    const group = text(row.segment).trim();
    return {
      title: row._title,
      group: group || undefined,
      key: row.keyAccount === true && typeof row.ownerId === 'string' ? { ownerId: row.ownerId, plan: text(row.accountPlan), created: row._created } : undefined,
    };
  },
  encode: (id, e) => [id, e.title, e.group ?? null, ...(e.key ? [e.key.ownerId, e.key.plan, e.key.created] : [])],
  decode(t) {
    const [id, title, group, ownerId, plan, created] = t;
    if (!str(id) || !str(title) || !strOrNull(group)) return null;
    if (t.length === 3) return [id, { title, group: orUndefined(group), key: undefined }];
    if (t.length !== 6 || !str(ownerId) || !str(plan) || !finite(created)) return null;
    return [id, { title, group: orUndefined(group), key: { ownerId, plan, created } }];
  },
};

const products: Kind<ProductEntry> = {
  map: (row) => ({
    title: row._title,
    category: typeof row.category === 'string' && row.category ? row.category : undefined,
    availableOn: text(row.availableOn),
    created: row._created,
  }),
  encode: (id, e) => [id, e.title, e.category ?? null, e.availableOn, e.created],
  decode(t) {
    const [id, title, category, availableOn, created] = t;
    if (t.length !== 5 || !str(id) || !str(title) || !strOrNull(category) || !str(availableOn) || !finite(created)) return null;
    return [id, { title, category: orUndefined(category), availableOn, created }];
  },
};

const campaigns: Kind<CampaignEntry> = {
  map: (row) => (typeof row.channel === 'string'
    ? {
      title: row._title, channel: row.channel, start: text(row.startOn), end: text(row.endOn),
      costPerContact: isMoney(row.costPerContact) ? toMajor(row.costPerContact) : undefined,
      costCurrency: isMoney(row.costPerContact) ? row.costPerContact.currency : undefined,
    }
    : null),
  encode: (id, e) => [id, e.title, e.channel, e.start, e.end, e.costPerContact ?? null, e.costCurrency ?? null],
  decode(t) {
    const [id, title, channel, start, end, cost, currency] = t;
    if (t.length !== 7 || !str(id) || !str(title) || !str(channel) || !str(start) || !str(end) || !(cost === null || finite(cost)) || !strOrNull(currency)) return null;
    return [id, { title, channel, start, end, costPerContact: cost ?? undefined, costCurrency: orUndefined(currency) }];
  },
};

const KINDS: { readonly [C in InputName]: Kind<InputEntries[C]> } = { orders, activities, accounts, products, campaigns };

/** Bump when entries change shape or meaning: copies kept in another format are read afresh. */
export const KEPT_FORMAT = 2;

/**
 * What is kept on the device for one collection: an index (`keptKey`) with the format, the
 * version and the chunks kept, and each chunk's encoded entries under a key of its own
 * (`keptChunkKey`), so a session writes only the chunks it read anew.
 */
export interface KeptIndex {
  readonly format: number;
  readonly ver: number;
  readonly chunks: readonly number[];
}

export function keptKey(c: InputName): string {
  return `insights:${c}`;
}

export function keptChunkKey(c: InputName, n: number): string {
  return `${keptKey(c)}:${n}`;
}

/** What to write to keep a collection's entries: the chunks not kept yet, the index, and the chunks no longer there. */
export interface KeptChanges {
  readonly put: readonly { readonly k: string; readonly v: unknown }[];
  readonly remove: readonly string[];
}

/** One collection's entries: those of its chunks as last read, with the app's reported changes over them. */
export class HeldEntries<C extends InputName> {
  /** The store's version of the collection when its chunks were last read; -1 before. */
  ver = -1;
  /** The entries of the chunks by id, each with the chunk it was last read in. */
  private readonly base = new Map<string, { readonly n: number; readonly e: InputEntries[C] }>();
  private readonly chunkIds = new Map<number, string[]>();
  /** The chunks whose current entries are kept on the device, and the chunks the kept index lists. */
  private readonly keptChunks = new Set<number>();
  private keptList: readonly number[] = [];
  /** Reported changes not yet in a chunk read: an entry, or null for a record gone or left out. */
  private readonly overlay = new Map<string, InputEntries[C] | null>();
  /** Chunks were read since the entries were last kept. */
  unsaved = false;

  constructor(readonly collection: C) {}

  private get kind(): Kind<InputEntries[C]> {
    return KINDS[this.collection];
  }

  get(id: string): InputEntries[C] | undefined {
    const o = this.overlay.get(id);
    if (o !== undefined) return o ?? undefined;
    return this.base.get(id)?.e;
  }

  /** Every entry, chunk order, with reported changes applied. */
  *entries(): IterableIterator<[string, InputEntries[C]]> {
    for (const [id, { e }] of this.base) if (!this.overlay.has(id)) yield [id, e];
    for (const [id, e] of this.overlay) if (e) yield [id, e];
  }

  values(): InputEntries[C][] {
    const out: InputEntries[C][] = [];
    for (const [, e] of this.entries()) out.push(e);
    return out;
  }

  /** A change the app reported (a null row: the record was deleted). */
  report(id: string, row: Row | null): void {
    this.overlay.set(id, row ? this.kind.map(row) : null);
  }

  /**
   * Takes what the store read. The reported changes are dropped: they were reported before the
   * read, which has them. Calls `touched` with the entries each chunk had and has now.
   */
  take(read: ChunksRead, touched?: (before: InputEntries[C] | undefined, after: InputEntries[C] | undefined) => void): void {
    if (read.all) {
      this.base.clear();
      this.chunkIds.clear();
      this.keptChunks.clear();
    }
    this.overlay.clear();
    const fresh: [number, [string, InputEntries[C]][]][] = read.chunks.map((chunk) => [chunk.n, this.mapRows(chunk.rows)]);
    for (const [n] of fresh) this.dropChunk(n, touched);
    for (const [n, list] of fresh) this.putChunk(n, list, touched);
    this.ver = read.ver;
    if (read.all || read.chunks.length) this.unsaved = true;
  }

  private mapRows(rows: readonly Row[]): [string, InputEntries[C]][] {
    const out: [string, InputEntries[C]][] = [];
    for (const row of rows) {
      const e = this.kind.map(row);
      if (e) out.push([row.id, e]);
    }
    return out;
  }

  private dropChunk(n: number, touched?: (before: InputEntries[C] | undefined, after: undefined) => void): void {
    for (const id of this.chunkIds.get(n) ?? []) {
      const held = this.base.get(id);
      if (held?.n !== n) continue;
      touched?.(held.e, undefined);
      this.base.delete(id);
    }
    this.chunkIds.delete(n);
    this.keptChunks.delete(n);
  }

  private putChunk(n: number, list: readonly [string, InputEntries[C]][], touched?: (before: undefined, after: InputEntries[C]) => void): void {
    for (const [id, e] of list) {
      this.base.set(id, { n, e });
      touched?.(undefined, e);
    }
    this.chunkIds.set(n, list.map(([id]) => id));
  }

  /**
   * What to write so the device keeps the chunks' entries (the reported changes are not kept:
   * their chunks are read again next time): the chunks read since they were last kept, the
   * index, and the chunks gone. Call `kept` once it is written.
   */
  changesToKeep(): KeptChanges {
    const put: { k: string; v: unknown }[] = [];
    for (const [n, ids] of this.chunkIds) {
      if (this.keptChunks.has(n)) continue;
      const list: unknown[] = [];
      for (const id of ids) {
        const held = this.base.get(id);
        if (held?.n === n) list.push(this.kind.encode(id, held.e));
      }
      put.push({ k: keptChunkKey(this.collection, n), v: JSON.stringify(list) });
    }
    const index: KeptIndex = { format: KEPT_FORMAT, ver: this.ver, chunks: [...this.chunkIds.keys()] };
    put.push({ k: keptKey(this.collection), v: index });
    const remove = this.keptList.filter((n) => !this.chunkIds.has(n)).map((n) => keptChunkKey(this.collection, n));
    return { put, remove };
  }

  /** What `changesToKeep` gave is written. */
  kept(): void {
    for (const n of this.chunkIds.keys()) this.keptChunks.add(n);
    this.keptList = [...this.chunkIds.keys()];
    this.unsaved = false;
  }

  /**
   * Takes entries kept by an earlier session (the index and the chunk entries under it); false,
   * and nothing taken, when they are not usable (missing, damaged, another format).
   */
  restore(index: unknown, parts: readonly { readonly k: string; readonly v: unknown }[]): boolean {
    if (typeof index !== 'object' || index === null) return false;
    const { format, ver, chunks } = index as Partial<KeptIndex>;
    if (format !== KEPT_FORMAT || typeof ver !== 'number' || !Array.isArray(chunks)) return false;
    const byKey = new Map(parts.map((p) => [p.k, p.v]));
    const decoded: [number, [string, InputEntries[C]][]][] = [];
    try {
      for (const n of chunks as unknown[]) {
        if (typeof n !== 'number') return false;
        const json = byKey.get(keptChunkKey(this.collection, n));
        if (typeof json !== 'string') return false;
        const list: unknown = JSON.parse(json);
        if (!Array.isArray(list)) return false;
        const entries: [string, InputEntries[C]][] = [];
        for (const t of list) {
          const e = Array.isArray(t) ? this.kind.decode(t) : null;
          if (!e) return false;
          entries.push(e);
        }
        decoded.push([n, entries]);
      }
    } catch {
      return false;
    }
    for (const [n, list] of decoded) {
      this.putChunk(n, list);
      this.keptChunks.add(n);
    }
    this.keptList = decoded.map(([n]) => n);
    this.ver = ver;
    return true;
  }
}

export type HeldInputs = { readonly [C in InputName]: HeldEntries<C> };

export function heldInputs(): HeldInputs {
  return {
    orders: new HeldEntries('orders'),
    activities: new HeldEntries('activities'),
    accounts: new HeldEntries('accounts'),
    products: new HeldEntries('products'),
    campaigns: new HeldEntries('campaigns'),
  };
}
