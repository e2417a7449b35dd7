// What the "New account" / "New contact" form asks for: the fields a rep fills in at the door;
// everything else is edited on the record page afterwards.
import type { Values } from '@counterpart/model';
import type { ListCollection } from './router.svelte.ts';

export const NEW_RECORD_FIELDS: Readonly<Record<ListCollection, readonly string[]>> = {
  accounts: ['name', 'kind', 'city', 'phone', 'email'],
  contacts: ['firstName', 'lastName', 'jobTitle', 'buyingRole', 'email', 'phone'],
};

export const NEW_RECORD_DEFAULTS: Readonly<Record<ListCollection, Values>> = {
  accounts: { kind: 'customer' },
  contacts: {},
};
