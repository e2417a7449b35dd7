// The collection names on their own, so field definitions can refer to collections without a
// circular type through the schema that uses them.
export const COLLECTION_NAMES = [
  'accounts', 'contacts', 'activities', 'deals', 'products', 'priceLists', 'quotes', 'orders',
  'tasks', 'tickets', 'leads', 'campaigns', 'attachments', 'users',
] as const;

export type CollectionName = (typeof COLLECTION_NAMES)[number];

export function isCollectionName(value: unknown): value is CollectionName {
  return typeof value === 'string' && (COLLECTION_NAMES as readonly string[]).includes(value);
}
