// The relay's view of a workspace's customers, for matching the orders a till, web shop or call
// centre sends (orders.ts, model SPEC T2). The relay holds no rows, so it keeps, per workspace,
// a small in-memory index of accounts and contacts by id, e-mail and phone, read from the
// update log: the first match of a workspace reads the log's account and contact docs, later
// ones read only what was stored since (a cursor in the log). Ids name their collection
// (`acc_`, `con_`), so no other doc is ever read. Workspaces not matched for a while are
// dropped, and read again when next needed.
import * as Y from 'yjs';
import { CustomerIndex, readRecord } from '@counterpart/model';
import type { RelayStorage } from './storage.ts';

/** Workspaces whose index is kept in memory at once. */
const MAX_WORKSPACES = 32;
const PAGE = 5_000;

interface Entry {
  cursor: number;
  readonly index: CustomerIndex;
}

export class CustomerDirectory {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly storage: RelayStorage) {}

  /** The workspace's customers as stored now. */
  index(workspace: string): CustomerIndex {
    let entry = this.entries.get(workspace);
    if (entry) this.entries.delete(workspace);
    else entry = { cursor: 0, index: new CustomerIndex() };
    // Most recently used last, so the first is the one to drop.
    this.entries.set(workspace, entry);
    if (this.entries.size > MAX_WORKSPACES) this.entries.delete(this.entries.keys().next().value!);
    const changed = new Set<string>();
    for (;;) {
      const page = this.storage.since(workspace, entry.cursor, PAGE, 16 * 1024 * 1024);
      if (!page.length) break;
      for (const u of page) if (u.docId.startsWith('acc_') || u.docId.startsWith('con_')) changed.add(u.docId);
      entry.cursor = page[page.length - 1]!.seq;
    }
    for (const id of changed) this.read(workspace, id, entry.index);
    return entry.index;
  }

  private read(workspace: string, id: string, index: CustomerIndex): void {
    const state = this.storage.docState(workspace, id);
    const doc = new Y.Doc({ guid: id });
    try {
      if (state) Y.applyUpdate(doc, state);
      const record = readRecord(doc);
      if (!state || record.deleted || (record.collection !== 'accounts' && record.collection !== 'contacts')) index.remove(id);
      else index.set({ id, ...record.values });
    } catch {
      // A doc the relay cannot read matches nothing; devices report it.
      index.remove(id);
    } finally {
      doc.destroy();
    }
  }
}
