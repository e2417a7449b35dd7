// What the generator remembers between collections. Small collections (users, products,
// campaigns, accounts, contacts) are kept as objects; per-record facts of larger collections
// (deals, quotes) and per-account order statistics are kept in typed arrays. Orders and
// activities themselves are never held: they stream out as they are made.
import type { CollectionName } from '@counterpart/model';
import type { Buyer, Calibration } from './buying.ts';
import type { Window } from './calendar.ts';
import type { City, CountryCode } from './data/places.ts';
import type { Industry } from './data/companies.ts';
import type { Lang } from './data/people.ts';
import type { SeasonClock } from './season.ts';
import type { Size } from './sizes.ts';
import type { AliasTable } from './random.ts';

/** What a member does, which decides their activity mix (see gen/activities.ts). */
export type RepProfile = 'manager' | 'marketing' | 'analyst' | 'service' | 'field' | 'key' | 'inside';

export interface UserInfo {
  readonly name: string;
  readonly lang: Lang;
  readonly profile: RepProfile;
  readonly territory: string | undefined;
}

export interface ProductInfo {
  readonly name: string;
  readonly category: number;
  /** List price in euro cents. */
  readonly price: number;
  /** First instant it can be ordered. */
  readonly availableFrom: number;
}

export type CustomerGroup = 'Retail' | 'Wholesale' | 'Distributors' | 'Key accounts';
export const CUSTOMER_GROUPS: readonly CustomerGroup[] = ['Retail', 'Wholesale', 'Distributors', 'Key accounts'];

export interface CampaignInfo {
  readonly channel: 'telemarketing' | 'field_visit' | 'direct_mail' | 'email' | 'event' | 'web';
  readonly start: number;
  readonly end: number;
  readonly name: string;
  /** USD cents per contact. */
  readonly costPerContact: number;
}

export type AccountKind = 'customer' | 'prospect' | 'supplier' | 'partner' | 'distributor' | 'bank';

export interface AccountInfo {
  readonly name: string;
  readonly core: string;
  readonly form: string;
  readonly kind: AccountKind;
  readonly lang: Lang;
  readonly country: CountryCode;
  readonly city: City;
  readonly industry: Industry;
  readonly domain: string;
  readonly created: number;
  /** Index into World.buyers, or -1 for accounts that do not buy. */
  readonly buyer: number;
  /** Favourite product categories and how strongly (sums to 1). */
  readonly favourites: readonly number[];
  readonly favouriteWeights: readonly number[];
  key: boolean;
  group: CustomerGroup | undefined;
  owner: number;
  /** For a planted near-duplicate: the account it duplicates. */
  duplicateOf: number;
}

export interface ContactInfo {
  readonly account: number;
  readonly first: string;
  readonly last: string;
  readonly lang: Lang;
  readonly role: 'decision_maker' | 'influencer' | 'buyer' | 'user' | 'gatekeeper';
  readonly email: string | undefined;
  readonly phone: string | undefined;
}

export interface World {
  readonly seed: number;
  readonly size: Size;
  readonly counts: Readonly<Record<CollectionName, number>>;
  readonly window: Window;
  readonly clock: SeasonClock;

  users: UserInfo[];
  products: ProductInfo[];
  /** Picks a product by overall popularity; per category by popularity within it. */
  productPopularity: AliasTable | undefined;
  categoryPopularity: { table: AliasTable; products: Int32Array }[];
  /** Products on sale before the window starts: a fallback when a pick is not yet available. */
  staples: Int32Array;
  campaigns: CampaignInfo[];
  accounts: AccountInfo[];
  /** Buying customers (customers and distributors that are not duplicates). */
  buyers: Buyer[];
  calibration: Calibration | undefined;
  contacts: ContactInfo[];
  /** contacts of account a are contactStart[a] .. contactStart[a+1]-1 (planted duplicates excluded). */
  contactStart: Int32Array;
  /** Index of the account's main buying contact (buyer, else decision maker, else first). */
  buyerContact: Int32Array;
  deals: DealFacts | undefined;
  quotes: QuoteFacts | undefined;
  orders: OrderFacts | undefined;
  /** Ticket opening times (for attachments). */
  ticketOpened: Float64Array | undefined;
  /** A sample of visit activities (index, time) to attach photos and receipts to. */
  visitSample: { index: number; at: number }[];
}

export const DEAL_STAGE_CODES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;

export interface DealFacts {
  readonly account: Int32Array;
  readonly open: Float64Array;
  readonly close: Float64Array;
  /** Index into DEAL_STAGE_CODES. */
  readonly stage: Uint8Array;
  readonly category: Uint8Array;
  readonly contact: Int32Array;
  /** Deals of account a are start[a] .. start[a+1]-1. */
  readonly start: Int32Array;
}

export interface QuoteFacts {
  readonly account: Int32Array;
  readonly issued: Float64Array;
  readonly accepted: Uint8Array;
  /** Quotes of account a are start[a] .. start[a+1]-1. */
  readonly start: Int32Array;
}

export interface OrderFacts {
  readonly first: Float64Array;
  readonly last: Float64Array;
  readonly count: Int32Array;
  /** One order per account sampled uniformly (reservoir), and its time: tickets refer to it. */
  readonly sample: Int32Array;
  readonly sampleAt: Float64Array;
}
