// Related records named by a key in a file (I13): an account by its id, name or e-mail, a contact
// by its id, e-mail, vCard UID or name (first and last, last and first, or the first given name
// and the last), a deal by its id or name (within its account when the
// row names one), a member by id, name or e-mail. A key two records share is ambiguous and names
// neither (an account's name excepted: the first account of a name is the one, as in I5).
import { collectionOfId, type CollectionName } from '@counterpart/model';
import type { ExistingRecords } from './plan.ts';
import { nameKey } from './names.ts';

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const mail = (v: unknown): string => str(v).toLowerCase();

/** Keys to ids; a key found twice maps to null (ambiguous). */
class KeyMap {
  private readonly map = new Map<string, string | null>();
  constructor(private readonly firstWins = false) {}
  add(key: string, id: string): void {
    if (!key) return;
    const had = this.map.get(key);
    if (had === undefined) this.map.set(key, id);
    else if (had !== id && !this.firstWins) this.map.set(key, null);
  }
  get(key: string): string | undefined {
    return this.map.get(key) ?? undefined;
  }
}

export class RecordKeys {
  /** Every record known, with its account (contacts and deals). */
  private readonly ids = new Map<string, { accountId?: string }>();
  private readonly accounts = new KeyMap(true);
  private readonly accountMail = new KeyMap();
  private readonly contacts = new KeyMap();
  private readonly deals = new KeyMap();
  /** Deals by account and name. */
  private readonly dealsIn = new KeyMap();
  private readonly users = new KeyMap();

  constructor(existing: ExistingRecords) {
    for (const a of existing.accounts) {
      this.ids.set(a.id, {});
      this.accounts.add(nameKey(a.name), a.id);
      this.accountMail.add(mail(a.email), a.id);
    }
    const contacts = this.contacts;
    for (const c of existing.contacts) {
      this.ids.set(c.id, { ...(str(c.accountId) ? { accountId: str(c.accountId) } : {}) });
      contacts.add(mail(c.email), c.id);
      contacts.add(str(c.vcardUid), c.id);
      const [first, last] = [str(c.firstName), str(c.lastName)];
      if (last) {
        contacts.add(nameKey(`${first} ${last}`), c.id);
        if (first) contacts.add(nameKey(`${last} ${first}`), c.id);
        // "Grace Hopper" for Grace Brewster Hopper: the first of the given names and the last name.
        const given = first.split(/\s+/)[0] ?? '';
        if (given && given !== first) contacts.add(nameKey(`${given} ${last}`), c.id);
      }
    }
    for (const d of existing.deals ?? []) this.addDeal(d.id, str(d.name), str(d.accountId) || undefined);
    for (const u of existing.users ?? []) {
      this.ids.set(u.id, {});
      this.users.add(nameKey(u.name), u.id);
      this.users.add(mail(u.email), u.id);
    }
  }

  /** The record of `to` that `key` names; a deal is looked for in `accountId` first. */
  find(to: CollectionName, key: string, accountId?: string): string | undefined {
    const k = key.trim();
    if (!k) return undefined;
    if (collectionOfId(k) === to && this.ids.has(k)) return k;
    switch (to) {
      case 'deals': return (accountId ? this.dealsIn.get(`${accountId}|${nameKey(k)}`) : undefined) ?? this.deals.get(nameKey(k));
      case 'accounts': return this.accounts.get(nameKey(k)) ?? this.accountMail.get(k.toLowerCase());
      case 'contacts': return this.contacts.get(k.toLowerCase()) ?? this.contacts.get(k) ?? this.contacts.get(nameKey(k));
      case 'users': return this.users.get(k.toLowerCase()) ?? this.users.get(nameKey(k));
      default: return undefined;
    }
  }

  /** The account of a contact or deal, if it has one. */
  accountOf(id: string): string | undefined {
    return this.ids.get(id)?.accountId;
  }

  /** The deal of this name in this account (the same deal, when a file is imported again). */
  dealIn(accountId: string | undefined, name: string): string | undefined {
    return this.dealsIn.get(`${accountId ?? ''}|${nameKey(name)}`);
  }

  /** A deal of the workspace, or one the import creates (found by the file's later rows). */
  addDeal(id: string, name: string, accountId: string | undefined): void {
    this.ids.set(id, { ...(accountId ? { accountId } : {}) });
    this.deals.add(nameKey(name), id);
    this.dealsIn.add(`${accountId ?? ''}|${nameKey(name)}`, id);
  }
}
