// The plain inputs of every analysis. They are independent of the app's record schema (a row of
// orders or activities maps onto them in a few lines) so the same functions run on the CRM, a
// CSV export or a test fixture. Dates are calendar days, YYYY-MM-DD.

/** One product on an order. `amount` is the line's value in the order's currency. */
export interface OrderLine {
  readonly productId: string;
  readonly quantity: number;
  readonly amount: number;
}

export interface Order {
  readonly customerId: string;
  /** Calendar day of the order, YYYY-MM-DD. */
  readonly date: string;
  /** Order value (sales currency); never negative. */
  readonly amount: number;
  readonly products: readonly OrderLine[];
  /** The rep the order is credited to, for scorecards. */
  readonly repId?: string;
}

export type ActivityType = 'call' | 'meeting' | 'visit' | 'email' | 'letter' | 'note';

export interface Activity {
  readonly customerId: string;
  readonly type: ActivityType;
  /** Calendar day of the contact, YYYY-MM-DD. */
  readonly date: string;
  /** How the contact was made: phone, in_person, email, mail, video… (free text). */
  readonly channel?: string;
  /** What the contact cost (cost currency); absent when not recorded. */
  readonly cost?: number;
  /** How it ended: completed, no_answer, call_back, interested, not_interested, order… */
  readonly outcome?: string;
  readonly repId?: string;
  readonly campaignId?: string;
}

export interface Campaign {
  readonly id: string;
  /** telemarketing, field_visit, email, direct_mail, event, web… */
  readonly channel: string;
  readonly start: string;
  readonly end: string;
  /** Fixed cost beyond the contacts' own costs (creative, venue…); 0 when unknown. */
  readonly fixedCost?: number;
  /** What one of its contacts costs when the contact has no cost of its own (cost currency). */
  readonly costPerContact?: number;
}

export interface Product {
  readonly id: string;
  readonly category?: string;
}
