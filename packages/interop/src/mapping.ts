// Any other CSV: each column is mapped to a field (or left out) by the person importing, starting
// from a guess that matches headers to field labels and common synonyms. A column may also name a
// related record by a key (`ref.<field>`: an account by name, e-mail or id, a contact by e-mail,
// name, vCard UID or id, a deal by name or id, a member by name, e-mail or id), so deals and
// activities exported from another program arrive linked to the accounts and contacts imported
// before them (I3, I13).
import { fieldsOf, type CollectionName, type CustomFieldDef, type FieldDef } from '@counterpart/model';
import { emptyDraft, put, putCompany, splitName, type Draft, type ImportCollection } from './draft.ts';

/** A field key of the collection, `fullName` (split into first and last), or `account.<field>`. */
export type Target = string;
export type Mapping = readonly (Target | null)[];

/** Kinds a CSV cell can fill; references are made from names (`account.name`) instead. */
const CELL_KINDS = new Set(['text', 'longtext', 'email', 'phone', 'url', 'integer', 'number', 'boolean', 'date', 'datetime', 'enum', 'currency', 'money']);

export const FULL_NAME = 'fullName';
export const ACCOUNT_PREFIX = 'account.';
/** A column that names a related record by a key: `ref.accountId`, `ref.ownerId`… */
export const REF_PREFIX = 'ref.';
/** Collections a column may name a record of by a key. */
export const KEYED_COLLECTIONS: readonly CollectionName[] = ['accounts', 'contacts', 'deals', 'users'];
/** The account fields a contact's row may fill for the account it creates. */
export const CONTACT_ACCOUNT_FIELDS = ['name', 'industry', 'website', 'phone', 'address', 'city', 'country'] as const;

export interface TargetInfo {
  readonly key: Target;
  readonly def?: FieldDef;
  /** The account field, for `account.*` targets. */
  readonly accountField?: string;
  /** The collection a `ref.*` target names a record of. */
  readonly refTo?: CollectionName;
}

/** Every target a column of a file for `collection` may map to, in the order they are offered. */
export function targetsFor(collection: ImportCollection, custom: readonly CustomFieldDef[] = []): TargetInfo[] {
  const out: TargetInfo[] = [];
  if (collection === 'contacts') out.push({ key: FULL_NAME });
  for (const [key, def] of Object.entries(fieldsOf(collection, custom))) {
    if (CELL_KINDS.has(def.kind)) out.push({ key, def });
  }
  for (const [key, def] of Object.entries(fieldsOf(collection, custom))) {
    // A contact's account comes from its company (I5), not from a key.
    if (def.kind !== 'ref' || def.system || (collection === 'contacts' && key === 'accountId')) continue;
    if (KEYED_COLLECTIONS.includes(def.to as CollectionName)) out.push({ key: REF_PREFIX + key, def, refTo: def.to as CollectionName });
  }
  if (collection === 'contacts') {
    const account = fieldsOf('accounts');
    for (const f of CONTACT_ACCOUNT_FIELDS) out.push({ key: ACCOUNT_PREFIX + f, def: account[f], accountField: f });
  }
  return out;
}

const fold = (s: string): string => s.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '');

/** Header words that name a target besides its label. */
const SYNONYMS: Readonly<Record<ImportCollection, Readonly<Record<string, Target>>>> = {
  contacts: {
    name: FULL_NAME, fullname: FULL_NAME, displayname: FULL_NAME, contact: FULL_NAME, contactname: FULL_NAME,
    firstname: 'firstName', givenname: 'firstName', forename: 'firstName', имя: 'firstName',
    lastname: 'lastName', surname: 'lastName', familyname: 'lastName', фамилия: 'lastName',
    title: 'jobTitle', position: 'jobTitle', role: 'jobTitle', jobtitle: 'jobTitle', должность: 'jobTitle',
    email: 'email', emailaddress: 'email', mail: 'email', почта: 'email',
    phone: 'phone', telephone: 'phone', tel: 'phone', workphone: 'phone', businessphone: 'phone', телефон: 'phone',
    mobile: 'mobile', mobilephone: 'mobile', cell: 'mobile', cellphone: 'mobile', мобильный: 'mobile',
    birthday: 'birthday', dateofbirth: 'birthday', dob: 'birthday',
    notes: 'notes', note: 'notes', comments: 'notes', заметки: 'notes',
    company: 'account.name', companyname: 'account.name', organization: 'account.name', organisation: 'account.name',
    account: 'account.name', accountname: 'account.name', компания: 'account.name', организация: 'account.name',
    website: 'account.website', web: 'account.website', url: 'account.website', industry: 'account.industry',
    city: 'account.city', country: 'account.country', address: 'account.address',
    uid: 'vcardUid',
  },
  accounts: {
    company: 'name', companyname: 'name', organization: 'name', organisation: 'name', account: 'name', accountname: 'name',
    название: 'name', компания: 'name',
    type: 'kind', emailaddress: 'email', mail: 'email', telephone: 'phone', tel: 'phone', web: 'website', url: 'website',
    street: 'address', town: 'city', group: 'segment', город: 'city', адрес: 'address',
    owner: 'ref.ownerId', accountowner: 'ref.ownerId', ответственный: 'ref.ownerId',
  },
  deals: {
    deal: 'name', dealname: 'name', dealtitle: 'name', title: 'name', opportunity: 'name', opportunityname: 'name', сделка: 'name', название: 'name',
    value: 'amount', dealvalue: 'amount', dealamount: 'amount', сумма: 'amount',
    closedate: 'expectedClose', expectedclosedate: 'expectedClose', closingdate: 'expectedClose', dealexpectedclosedate: 'expectedClose',
    dealstage: 'stage', этап: 'stage', dealprobability: 'probability', deallostreason: 'lostReason',
    dealorganization: 'ref.accountId', dealcompany: 'ref.accountId', contactperson: 'ref.contactId', dealcontactperson: 'ref.contactId',
    company: 'ref.accountId', companyname: 'ref.accountId', organization: 'ref.accountId', organisation: 'ref.accountId', account: 'ref.accountId',
    accountname: 'ref.accountId', компания: 'ref.accountId', контрагент: 'ref.accountId',
    contact: 'ref.contactId', contactname: 'ref.contactId', contactemail: 'ref.contactId', email: 'ref.contactId', person: 'ref.contactId', контакт: 'ref.contactId',
    owner: 'ref.ownerId', dealowner: 'ref.ownerId', rep: 'ref.ownerId', salesperson: 'ref.ownerId', ответственный: 'ref.ownerId',
  },
  activities: {
    activitytype: 'type', тип: 'type', title: 'subject', тема: 'subject',
    date: 'at', datetime: 'at', when: 'at', start: 'at', startdate: 'at', starttime: 'at', duedate: 'at', activitydate: 'at', дата: 'at',
    duration: 'durationMin', minutes: 'durationMin', durationminutes: 'durationMin', длительность: 'durationMin',
    notes: 'report', note: 'report', description: 'report', отчёт: 'report', заметки: 'report',
    company: 'ref.accountId', companyname: 'ref.accountId', organization: 'ref.accountId', organisation: 'ref.accountId', account: 'ref.accountId',
    accountname: 'ref.accountId', компания: 'ref.accountId', контрагент: 'ref.accountId',
    contact: 'ref.contactId', contactname: 'ref.contactId', contactemail: 'ref.contactId', email: 'ref.contactId', person: 'ref.contactId', контакт: 'ref.contactId',
    deal: 'ref.dealId', dealname: 'ref.dealId', сделка: 'ref.dealId',
    owner: 'ref.userId', user: 'ref.userId', rep: 'ref.userId', assignedto: 'ref.userId', менеджер: 'ref.userId',
    uid: 'icalUid',
  },
};

/** The first guess: headers matched to field keys, labels and synonyms; each target used once. */
export function guessMapping(headers: readonly string[], collection: ImportCollection, custom: readonly CustomFieldDef[] = []): Mapping {
  const targets = targetsFor(collection, custom);
  const byWord = new Map<string, Target>();
  for (const t of targets) {
    if (t.accountField) continue;
    byWord.set(fold(t.key), t.key);
    if (t.def) byWord.set(fold(t.def.label), t.key);
  }
  for (const [word, target] of Object.entries(SYNONYMS[collection])) if (!byWord.has(word)) byWord.set(word, target);
  const used = new Set<Target>();
  return headers.map((h) => {
    const target = byWord.get(fold(h));
    if (!target || used.has(target)) return null;
    used.add(target);
    return target;
  });
}

/** One record of a mapped CSV. */
export function readMapped(mapping: Mapping, cells: readonly string[], line: number): Draft {
  const d = emptyDraft(line);
  mapping.forEach((target, i) => {
    const cell = (cells[i] ?? '').trim();
    if (!target || !cell) return;
    if (target === FULL_NAME) {
      const { firstName, lastName } = splitName(cell);
      put(d, 'lastName', lastName);
      put(d, 'firstName', firstName);
    } else if (target.startsWith(ACCOUNT_PREFIX)) {
      putCompany(d, target.slice(ACCOUNT_PREFIX.length), cell);
    } else if (target.startsWith(REF_PREFIX)) {
      d.refs ??= {};
      d.refs[target.slice(REF_PREFIX.length)] ??= cell;
    } else if (target === 'notes') {
      d.values.notes = typeof d.values.notes === 'string' ? `${d.values.notes}\n${cell}` : cell;
    } else {
      put(d, target, cell);
    }
  });
  return d;
}
