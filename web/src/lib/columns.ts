// Which columns each list shows. Labels come from the schema, so a renamed field is renamed in
// the list too. Narrow screens drop the `wide` columns (see ListView's CSS), so a tablet in
// portrait keeps the columns a rep scans most.
import { COLLECTIONS } from '@counterpart/model';
import { t } from './i18n.ts';
import type { ListCollection } from './router.svelte.ts';

export interface Column {
  /** A field of the row, '_title' for the record's title, '_account' for the account's name. */
  readonly key: string;
  readonly label: string;
  readonly enum?: boolean;
  /** Hidden below 1000px wide. */
  readonly wide?: boolean;
}

const accounts = COLLECTIONS.accounts.fields;
const contacts = COLLECTIONS.contacts.fields;

export const LIST_COLUMNS: Readonly<Record<ListCollection, readonly Column[]>> = {
  accounts: [
    { key: '_title', label: t.columnName },
    { key: 'kind', label: accounts.kind.label, enum: true },
    { key: 'city', label: accounts.city.label },
    { key: 'segment', label: accounts.segment.label, wide: true },
  ],
  contacts: [
    { key: '_title', label: t.columnName },
    { key: 'jobTitle', label: contacts.jobTitle.label, wide: true },
    { key: 'buyingRole', label: contacts.buyingRole.label, enum: true },
    { key: 'email', label: contacts.email.label, wide: true },
    { key: 'phone', label: contacts.phone.label, wide: true },
    { key: '_account', label: contacts.accountId.label },
  ],
};
