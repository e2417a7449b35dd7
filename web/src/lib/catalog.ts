// Prices for a customer as the app reads them: the customer's group from its account, the
// workspace's price lists from memory, and the model's rules for which list applies (model
// SPEC R12). Used when a product is added to a quote or an order, and by the catalog page.
import { unitPriceFor, type Row, type UnitPrice } from '@counterpart/model';
import type { WorkspaceStore } from '@counterpart/store';

/** Today on this device's calendar (YYYY-MM-DD): the day a rep is quoting for. */
export function today(now = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Every price list of the workspace (a dozen or so; read from memory). */
export async function priceLists(store: WorkspaceStore): Promise<Row[]> {
  return store.rows('priceLists', await store.ids('priceLists'));
}

/** The customer group of an account ("Customer group" on its page), if it has one. */
export async function groupOf(store: WorkspaceStore, accountId: unknown): Promise<string | undefined> {
  if (typeof accountId !== 'string') return undefined;
  const account = await store.get('accounts', accountId);
  return typeof account?.segment === 'string' ? account.segment : undefined;
}

/** A product's unit price for an account today, in the document's currency. */
export async function customerPrice(
  store: WorkspaceStore,
  accountId: unknown,
  product: Row,
  currency: string,
  quantity = 1,
): Promise<UnitPrice | undefined> {
  const [group, lists] = await Promise.all([groupOf(store, accountId), priceLists(store)]);
  return unitPriceFor(product, lists, { group, currency, on: today(), quantity });
}
