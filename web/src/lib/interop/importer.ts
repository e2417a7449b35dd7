// Writing an import plan through the store, and taking it back. Nothing is written until the plan
// is checked (packages/interop); records are created in slices so the screen keeps responding; a
// write that fails or is cancelled part-way removes what it created and puts back what it changed,
// so a failed import changes nothing. Each import is remembered on this device (its created ids
// and the values it replaced), so it can be undone as a whole, in slices of records per write.
import { readRecord, SCHEMA_VERSION, setDeleted, type CollectionName, type Row, type Values } from '@counterpart/model';
import type { ExistingRecords, ImportCollection, ImportPlan } from '@counterpart/interop';
import { importRecords, StoreError, type WorkspaceStore } from '@counterpart/store';
import { updateMany } from '@counterpart/store/merge';

export interface ImportReceipt {
  readonly id: string;
  readonly at: number;
  readonly file: string;
  readonly created: { readonly collection: CollectionName; readonly id: string }[];
  readonly updated: { readonly collection: CollectionName; readonly id: string; readonly before: Values }[];
  undone?: boolean;
}

const RECEIPTS_KEY = 'interop.imports';
/** The imports a device remembers for undo. */
const KEEP = 10;

export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled');
    this.name = 'ImportCancelled';
  }
}

/**
 * What the plan of an import into `collection` matches against: accounts, contacts and members
 * by their keys, meetings by UID (activities only), deals by name (deals and activities).
 */
export async function existingRecords(store: WorkspaceStore, collection: ImportCollection): Promise<ExistingRecords> {
  const all = async (c: CollectionName, when = true): Promise<Record<string, unknown>[]> => (when ? store.rows(c, await store.ids(c)) : []);
  const [accounts, contacts, activities, deals, users] = await Promise.all([
    all('accounts'), all('contacts'), all('activities', collection === 'activities'), all('deals', collection === 'deals' || collection === 'activities'), all('users'),
  ]);
  return {
    accounts: accounts.map((r) => ({ id: r.id as string, name: r.name, email: r.email })),
    contacts: contacts.map((r) => ({ id: r.id as string, email: r.email, vcardUid: r.vcardUid, firstName: r.firstName, lastName: r.lastName, accountId: r.accountId })),
    activities: activities.map((r) => ({ id: r.id as string, icalUid: r.icalUid })),
    deals: deals.map((r) => ({ id: r.id as string, name: r.name, accountId: r.accountId })),
    users: users.map((r) => ({ id: r.id as string, name: r.name, email: r.email })),
  };
}

export async function receipts(store: WorkspaceStore): Promise<ImportReceipt[]> {
  return (await store.getMeta<ImportReceipt[]>(RECEIPTS_KEY)) ?? [];
}

async function remember(store: WorkspaceStore, receipt: ImportReceipt): Promise<void> {
  const kept = (await receipts(store)).filter((r) => r.id !== receipt.id);
  await store.setMeta(RECEIPTS_KEY, [receipt, ...kept].slice(0, KEEP));
}

export interface WriteOptions {
  readonly file: string;
  readonly signal: AbortSignal;
  readonly onProgress: (done: number, of: number) => void;
}

function extension(mimeType: string): string {
  return mimeType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin';
}

/** Writes a checked plan (one without problems, or the rows without them). */
export async function writePlan(store: WorkspaceStore, plan: ImportPlan, opts: WriteOptions): Promise<ImportReceipt> {
  const receipt: ImportReceipt = { id: crypto.randomUUID(), at: Date.now(), file: opts.file, created: [], updated: [] };
  const photos = plan.creates.filter((c) => c.photo).length + plan.updates.filter((u) => u.photo).length;
  const total = plan.creates.length + plan.updates.length + photos;
  let done = 0;
  const step = (): void => {
    done++;
    if (done % 50 === 0 || done === total) opts.onProgress(done, total);
  };
  try {
    const now = Date.now();
    await importRecords(store, plan.creates.map((c) => ({ collection: c.collection, id: c.id, values: c.values, created: now })), {
      chunk: 500,
      signal: opts.signal,
      onProgress: (n) => {
        for (const c of plan.creates.slice(receipt.created.length, n)) receipt.created.push({ collection: c.collection, id: c.id });
        done = n;
        opts.onProgress(done, total);
      },
    });
    // Updates a slice at a time, each slice one saved change, remembered with what it replaced.
    for (let i = 0; i < plan.updates.length; i += SLICE) {
      opts.signal.throwIfAborted();
      const slice = plan.updates.slice(i, i + SLICE);
      const rows = new Map<string, Row>();
      for (const [collection, ids] of byCollection(slice)) for (const row of await store.rows(collection, ids)) rows.set(row.id, row);
      const patches = slice.filter((u) => rows.has(u.id));
      if (patches.length) await updateMany(store, patches.map((u) => ({ collection: u.collection, id: u.id, patch: u.patch })));
      for (const u of patches) {
        const row = rows.get(u.id)!;
        const before: Values = {};
        for (const key of Object.keys(u.patch)) before[key] = row[key] ?? null;
        receipt.updated.push({ collection: u.collection, id: u.id, before });
      }
      done += slice.length;
      opts.onProgress(done, total);
    }
    for (const r of [...plan.creates, ...plan.updates]) {
      if (!r.photo) continue;
      opts.signal.throwIfAborted();
      const sha256 = await store.putBlob(r.photo.data);
      const id: string = await store.create('attachments', {
        name: `photo.${extension(r.photo.mimeType)}`, mimeType: r.photo.mimeType, size: r.photo.data.byteLength, sha256, parentId: r.id,
      });
      receipt.created.push({ collection: 'attachments', id });
      step();
    }
  } catch (err) {
    // Whatever part of the plan reached the store goes again (takeBack skips what is not there).
    const attachments = receipt.created.filter((c) => c.collection === 'attachments');
    receipt.created.splice(0, receipt.created.length, ...plan.creates.map((c) => ({ collection: c.collection, id: c.id })), ...attachments);
    await takeBack(store, receipt, () => undefined);
    throw opts.signal.aborted ? new ImportCancelled() : err;
  }
  await remember(store, receipt);
  return receipt;
}

/** Records updated, deleted or restored per saved change. */
const SLICE = 500;

/**
 * Deletes what an import created and puts back what it replaced, a slice of records per saved
 * change (store SPEC S18), so taking back tens of thousands of records costs a hundred writes,
 * not one each. Records no longer here (deleted since, or never written by a failed import) are
 * skipped.
 */
async function takeBack(store: WorkspaceStore, receipt: ImportReceipt, onProgress: (done: number, of: number) => void): Promise<void> {
  const of = receipt.created.length + receipt.updated.length;
  let done = 0;
  // Contacts before their accounts, attachments before both: newest first.
  const created = [...receipt.created].reverse();
  for (let i = 0; i < created.length; i += SLICE) {
    const slice = created.slice(i, i + SLICE);
    const here: string[] = [];
    for (const [collection, ids] of byCollection(slice)) for (const row of await store.rows(collection, ids)) here.push(row.id);
    if (here.length) {
      await store.editMany(here, (docs) => {
        for (const doc of docs.values()) {
          const state = readRecord(doc);
          if (state.schemaVersion > SCHEMA_VERSION) throw new StoreError('read-only', `${doc.guid} was saved by a newer version of Counterpart; update the app to take this import back`);
        }
        for (const doc of docs.values()) setDeleted(doc, true);
      });
    }
    done += slice.length;
    onProgress(done, of);
  }
  for (let i = 0; i < receipt.updated.length; i += SLICE) {
    const slice = receipt.updated.slice(i, i + SLICE);
    const here = new Set<string>();
    for (const [collection, ids] of byCollection(slice)) for (const row of await store.rows(collection, ids)) here.add(row.id);
    const patches = slice.filter((u) => here.has(u.id)).map((u) => ({ collection: u.collection, id: u.id, patch: u.before }));
    if (patches.length) await updateMany(store, patches);
    done += slice.length;
    onProgress(done, of);
  }
  onProgress(of, of);
}

function byCollection(items: readonly { readonly collection: CollectionName; readonly id: string }[]): Map<CollectionName, string[]> {
  const out = new Map<CollectionName, string[]>();
  for (const { collection, id } of items) {
    const ids = out.get(collection);
    if (ids) ids.push(id);
    else out.set(collection, [id]);
  }
  return out;
}

/** Deletes what an import created and puts back the values it replaced. */
export async function undoImport(store: WorkspaceStore, receipt: ImportReceipt, onProgress: (done: number, of: number) => void): Promise<void> {
  await takeBack(store, receipt, onProgress);
  await remember(store, { ...receipt, undone: true });
}
