// What an import will do, worked out before anything is written: every record checked with the
// model, accounts matched by name or planned once per company, contacts matched by vCard UID or
// e-mail (and meetings by calendar UID) so that importing a file again updates rather than
// duplicates. A plan with problems is shown, not written (see the store side in the app).
import {
  fieldsOf, newId, validate, ValidationError,
  type CollectionName, type CustomFieldDef, type FieldDef, type RecordId, type Values,
} from '@counterpart/model';
import { coerce } from './coerce.ts';
import { RecordKeys } from './keys.ts';
import { nameKey } from './names.ts';
import type { Draft, Dropped, ImportCollection, Photo } from './draft.ts';

export interface ExistingRecords {
  readonly accounts: readonly { readonly id: string; readonly name?: unknown; readonly email?: unknown }[];
  readonly contacts: readonly {
    readonly id: string; readonly email?: unknown; readonly vcardUid?: unknown;
    readonly firstName?: unknown; readonly lastName?: unknown; readonly accountId?: unknown;
  }[];
  readonly activities: readonly { readonly id: string; readonly icalUid?: unknown }[];
  /** For files that name deals, and deals to update (I13). */
  readonly deals?: readonly { readonly id: string; readonly name?: unknown; readonly accountId?: unknown }[];
  /** For files that name members (an owner, a rep). */
  readonly users?: readonly { readonly id: string; readonly name?: unknown; readonly email?: unknown }[];
}

export interface PlanOptions {
  readonly collection: ImportCollection;
  readonly custom?: Partial<Record<CollectionName, readonly CustomFieldDef[]>>;
  /** Currency of amounts given without one. */
  readonly currency: string;
  /** The kind of the accounts an import creates for company names. */
  readonly accountKind: string;
  readonly onProgress?: (done: number, of: number) => void;
}

export interface RowProblem {
  readonly line: number;
  /** `no-match`: the record a column names (`field`, by `value`) is not in the workspace. */
  readonly code: 'invalid' | 'no-name' | 'no-account-name' | 'no-match';
  /** The field at fault and its schema label, for `invalid`. */
  readonly collection?: CollectionName;
  readonly field?: string;
  readonly label?: string;
  readonly message?: string;
  /** For `no-match`: the key as the file gives it. */
  readonly value?: string;
}

export interface PlannedCreate {
  readonly collection: CollectionName;
  readonly id: RecordId;
  values: Values;
  readonly line: number;
  photo?: Photo;
}

export interface PlannedUpdate {
  readonly collection: CollectionName;
  readonly id: string;
  patch: Values;
  readonly line: number;
  photo?: Photo;
}

export interface ImportPlan {
  readonly collection: ImportCollection;
  readonly rows: number;
  readonly creates: PlannedCreate[];
  readonly updates: PlannedUpdate[];
  readonly problems: RowProblem[];
  /** Rows linked to an account that already existed. */
  linkedToExisting: number;
  /** What was read but not kept, by line. */
  readonly dropped: (Dropped & { readonly line: number })[];
}

export { nameKey };

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

function typed(raw: Record<string, unknown>, fields: Readonly<Record<string, FieldDef>>, currency: string): Values {
  const out: Values = {};
  for (const [key, v] of Object.entries(raw)) {
    const def = fields[key];
    out[key] = def ? coerce(def, v, currency) : v;
  }
  return out;
}

function issues(line: number, err: unknown): RowProblem[] {
  if (err instanceof ValidationError) {
    return err.issues.map((i) => ({ line, code: 'invalid', collection: err.collection, field: i.field, label: i.label, message: i.message }));
  }
  throw err;
}

/** Only the values a row gives: an update never clears what the file leaves empty. */
function given(values: Values): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== '') out[k] = v;
  return out;
}

export function buildPlan(drafts: readonly Draft[], existing: ExistingRecords, opts: PlanOptions): ImportPlan {
  const { collection, currency } = opts;
  const custom = (c: CollectionName): readonly CustomFieldDef[] => opts.custom?.[c] ?? [];
  const fields = fieldsOf(collection, custom(collection));
  const accountFields = fieldsOf('accounts', custom('accounts'));
  const plan: ImportPlan = { collection, rows: drafts.length, creates: [], updates: [], problems: [], linkedToExisting: 0, dropped: [] };

  const accountsByName = new Map<string, string>();
  for (const a of existing.accounts) {
    const k = nameKey(a.name);
    if (k && !accountsByName.has(k)) accountsByName.set(k, a.id);
  }
  const byUid = new Map<string, string>();
  const byEmail = new Map<string, string>();
  if (collection === 'contacts') {
    for (const c of existing.contacts) {
      byUid.set(c.id, c.id);
      if (str(c.vcardUid)) byUid.set(str(c.vcardUid), c.id);
      if (str(c.email)) byEmail.set(str(c.email).toLowerCase(), c.id);
    }
  } else if (collection === 'activities') {
    for (const a of existing.activities) if (str(a.icalUid)) byUid.set(str(a.icalUid), a.id);
  }
  /** Related records a row names by a key (I13), read when the first row names one. */
  let keys: RecordKeys | undefined;
  /** Records this plan creates or updates, by id: a second row for one of them merges into it. */
  const planned = new Map<string, PlannedCreate | PlannedUpdate>();
  const newAccounts = new Map<string, PlannedCreate>();

  const accountFor = (company: Record<string, string>, line: number): { id?: string; problems: RowProblem[] } => {
    const k = nameKey(company.name);
    if (!k) return { problems: [{ line, code: 'no-account-name' }] };
    const known = accountsByName.get(k);
    if (known) {
      plan.linkedToExisting++;
      return { id: known, problems: [] };
    }
    const prior = newAccounts.get(k);
    if (prior) return { id: prior.id, problems: [] };
    try {
      const values = validate('accounts', { kind: opts.accountKind, ...typed(company, accountFields, currency) }, { custom: custom('accounts') });
      const create: PlannedCreate = { collection: 'accounts', id: newId('accounts'), values, line };
      newAccounts.set(k, create);
      return { id: create.id, problems: [] };
    } catch (err) {
      return { problems: issues(line, err) };
    }
  };

  const place = (target: CollectionName, id: string | undefined, values: Values, line: number, photo: Photo | undefined): RowProblem[] => {
    try {
      const prior = id ? planned.get(id) : undefined;
      if (prior) {
        const merged = 'values' in prior ? { ...prior.values, ...given(values) } : { ...prior.patch, ...given(values) };
        const checked = validate(target, merged, { partial: !('values' in prior), custom: custom(target) });
        if ('values' in prior) prior.values = checked;
        else prior.patch = checked;
        if (photo) prior.photo = photo;
        return [];
      }
      if (id) {
        const update: PlannedUpdate = { collection: target, id, patch: validate(target, given(values), { partial: true, custom: custom(target) }), line, ...(photo ? { photo } : {}) };
        plan.updates.push(update);
        planned.set(id, update);
        return [];
      }
      const create: PlannedCreate = { collection: target, id: newId(target), values: validate(target, values, { custom: custom(target) }), line, ...(photo ? { photo } : {}) };
      plan.creates.push(create);
      return [];
    } catch (err) {
      return issues(line, err);
    }
  };

  drafts.forEach((d, i) => {
    if (opts.onProgress && i % 2000 === 0) opts.onProgress(i, drafts.length);
    for (const what of d.dropped) plan.dropped.push({ ...what, line: d.line });
    const values = typed(d.values, fields, currency);
    if (d.extra.length) values.notes = [str(values.notes), ...d.extra].filter(Boolean).join('\n');
    if (d.refs) {
      keys ??= new RecordKeys(existing);
      const missing = resolveRefs(keys, d.refs, fields, values, collection, d.line);
      if (missing.length) {
        // Every reason of the line at once: what is wrong with its own values too.
        const unnamed = new Set(missing.map((p) => p.field));
        let own: RowProblem[] = [];
        try {
          validate(collection, values, { custom: custom(collection) });
        } catch (err) {
          own = issues(d.line, err).filter((p) => !unnamed.has(p.field));
        }
        plan.problems.push(...own, ...missing);
        return;
      }
    }
    let id: string | undefined;
    if (collection === 'contacts') {
      if (!str(values.lastName)) {
        if (str(values.firstName)) {
          values.lastName = values.firstName;
          delete values.firstName;
        } else {
          plan.problems.push({ line: d.line, code: 'no-name' });
          return;
        }
      }
      if (d.company) {
        const account = accountFor(d.company, d.line);
        if (account.problems.length) {
          plan.problems.push(...account.problems);
          return;
        }
        values.accountId = account.id;
      }
      id = byUid.get(str(values.vcardUid)) ?? byEmail.get(str(values.email).toLowerCase());
      // An id used as the UID (a contact exported without one) stays off the vcardUid field.
      if (id && str(values.vcardUid) === id) delete values.vcardUid;
    } else if (collection === 'accounts') {
      if (!str(values.name)) {
        plan.problems.push({ line: d.line, code: 'no-account-name' });
        return;
      }
      id = accountsByName.get(nameKey(values.name));
      if (id) plan.linkedToExisting++;
      else {
        // A second row for a company this file creates merges into it.
        const prior = newAccounts.get(nameKey(values.name));
        if (prior) id = prior.id;
      }
      // A matched account keeps its name as it is spelled, and its kind unless the file gives one.
      if (id) delete values.name;
      else values.kind ??= opts.accountKind;
    } else if (collection === 'deals') {
      // The same deal of the same account, in the workspace or earlier in the file, is updated.
      keys ??= new RecordKeys(existing);
      id = str(values.name) ? keys.dealIn(str(values.accountId) || undefined, str(values.name)) : undefined;
    } else {
      id = byUid.get(str(values.icalUid));
    }
    const problems = place(collection, id, values, d.line, d.photo);
    if (problems.length) {
      plan.problems.push(...problems);
      return;
    }
    // Rows of the same file find each other: a later row with this e-mail, UID or name updates it.
    const made = id ?? plan.creates[plan.creates.length - 1]?.id;
    if (!made) return;
    if (!id) {
      const created = plan.creates[plan.creates.length - 1]!;
      planned.set(made, created);
      if (collection === 'accounts') newAccounts.set(nameKey(created.values.name), created);
      if (collection === 'deals') keys?.addDeal(made, str(created.values.name), str(created.values.accountId) || undefined);
    }
    if (str(values.vcardUid)) byUid.set(str(values.vcardUid), made);
    if (str(values.icalUid)) byUid.set(str(values.icalUid), made);
    if (collection === 'contacts' && str(values.email)) byEmail.set(str(values.email).toLowerCase(), made);
  });
  // Accounts first: a contact's account exists before the contact that points to it.
  plan.creates.unshift(...(collection === 'contacts' ? newAccounts.values() : []));
  opts.onProgress?.(drafts.length, drafts.length);
  return plan;
}

/**
 * Puts the ids of the records a row names by a key into its values (accounts first, so a deal is
 * looked for in its account); a contact or deal named without its account brings it. Returns a
 * problem for each key that names nothing.
 */
function resolveRefs(keys: RecordKeys, refs: Readonly<Record<string, string>>, fields: Readonly<Record<string, FieldDef>>, values: Values, collection: CollectionName, line: number): RowProblem[] {
  const problems: RowProblem[] = [];
  const order = Object.keys(refs).sort((a, b) => Number(b === 'accountId') - Number(a === 'accountId'));
  for (const field of order) {
    const def = fields[field];
    if (def?.kind !== 'ref') continue;
    const id = keys.find(def.to as CollectionName, refs[field]!, str(values.accountId) || undefined);
    if (id) values[field] = id;
    else problems.push({ line, code: 'no-match', collection, field, label: def.label, value: refs[field]! });
  }
  if (!problems.length && 'accountId' in fields && !str(values.accountId)) {
    const via = [values.contactId, values.dealId].map((v) => (typeof v === 'string' ? keys.accountOf(v) : undefined)).find(Boolean);
    if (via) values.accountId = via;
  }
  return problems;
}

/** Counts for the summary: records created and updated, per collection. */
export function planCounts(plan: ImportPlan): Partial<Record<CollectionName, { created: number; updated: number }>> {
  const out: Partial<Record<CollectionName, { created: number; updated: number }>> = {};
  const of = (c: CollectionName): { created: number; updated: number } => (out[c] ??= { created: 0, updated: 0 });
  for (const c of plan.creates) of(c.collection).created++;
  for (const u of plan.updates) of(u.collection).updated++;
  return out;
}
