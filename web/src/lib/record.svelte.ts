// One open record page: its row (rendered at once, no doc needed), its doc (acquired for the
// long texts while the page is open, released on leave), per-field errors, and saving.
import { SvelteMap } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { recordTextEdit, setText, type FieldDef, type Row } from '@counterpart/model';
import { StoreError, type WorkspaceStore } from '@counterpart/store';
import { handleError } from './errors.ts';
import { fieldsIn, issueText } from './labels.ts';
import { saveDurable } from './perf.ts';
import { sync } from './sync.svelte.ts';
import type { ListCollection } from './router.svelte.ts';
import { session } from './session.svelte.ts';

export type SaveResult = { ok: true } | { ok: false; message: string };

/** A long-text editing session ends after this long without typing (or on leaving the field). */
const TEXT_SESSION_IDLE_MS = 60_000;

export class RecordPage {
  /** undefined while loading, null when the record is not (or no longer) on this device. */
  row = $state.raw<Row | null | undefined>(undefined);
  doc = $state.raw<Y.Doc | null>(null);
  /** The account's contacts (account pages only), in title order. */
  contacts = $state.raw<readonly Row[]>([]);
  readonly errors = new SvelteMap<string, string>();

  /** Built-in then custom fields; recomputed when the workspace's custom fields change. */
  fields = $derived.by((): [string, FieldDef][] => {
    void session.settingsVersion;
    return Object.entries(fieldsIn(this.collection, this.store.customFields(this.collection)));
  });
  /** Saved by a newer app version: shown, never rewritten. */
  newer = $derived(Boolean(this.row?._newer));
  /** Nothing on the page can be changed: a newer record, or a viewer's workspace. */
  readOnly = $derived(Boolean(this.row?._newer) || sync.readOnly);

  private acquired = false;
  private disposed = false;
  /** Long texts being edited: the text when each session began (history, model SPEC R11). */
  private readonly textSessions: Record<string, { before: string; idle: ReturnType<typeof setTimeout> }> = {};

  private readonly store: WorkspaceStore;
  readonly collection: ListCollection;
  readonly id: string;

  constructor(store: WorkspaceStore, collection: ListCollection, id: string) {
    this.store = store;
    this.collection = collection;
    this.id = id;
  }

  async load(): Promise<void> {
    this.row = (await this.store.get(this.collection, this.id)) ?? null;
  }

  /** Loads the record's doc for the long-text editors; kept in memory until `dispose`. */
  async acquire(): Promise<void> {
    if (!this.row) return;
    this.acquired = true;
    try {
      const doc = await this.store.acquire(this.id);
      if (this.disposed) return;
      this.doc = doc;
    } catch (err) {
      this.acquired = false;
      handleError(err);
    }
  }

  async loadContacts(): Promise<void> {
    if (this.collection !== 'accounts') return;
    const rows = await this.store.where('contacts', 'accountId', this.id);
    this.contacts = rows.sort((a, b) => (a._sort < b._sort ? -1 : a._sort > b._sort ? 1 : 0));
  }

  /** Follows changes to this record (and its contacts) made here or on another device. */
  watch(): () => void {
    return this.store.subscribe((e) => {
      let contacts = false;
      for (const ch of e.rows) {
        if (ch.id === this.id) this.row = ch.deleted ? null : (ch.row ?? null);
        if (ch.collection === 'contacts' && this.collection === 'accounts') {
          contacts ||= ch.row?.accountId === this.id || this.contacts.some((c) => c.id === ch.id);
        }
      }
      if (contacts) this.loadContacts().catch(handleError);
    });
  }

  /** Saves one field. Resolves once durable; a refused value leaves the record unchanged. */
  async save(key: string, value: unknown, startedAt: number): Promise<SaveResult> {
    try {
      await this.store.update(this.collection, this.id, { [key]: value });
      saveDurable(startedAt);
      this.errors.delete(key);
      return { ok: true };
    } catch (err) {
      let message: string | undefined;
      handleError(err, {
        onFieldIssues: (issues) => {
          for (const i of issues) this.errors.set(i.field, issueText(this.collection, i));
          message = issues.find((i) => i.field === key)?.message;
        },
      });
      return { ok: false, message: message ?? '' };
    }
  }

  /**
   * Writes a long text as the smallest splice from its current content (model setText), so an
   * edit made elsewhere in the same text on another device survives. `read` is called when the
   * edit runs, so edits queued behind each other always write the latest text.
   */
  async editText(key: string, read: () => string, startedAt: number): Promise<void> {
    await this.store.edit(this.id, (doc) => setText(doc.getText(`t.${key}`), read()));
    saveDurable(startedAt);
  }

  /**
   * Called on each keystroke in a long text, before the edit is saved: starts a session holding
   * the text as it was, or extends the running one. The history gets one entry per session, not
   * one per keystroke.
   */
  noteTextInput(key: string): void {
    const running = this.textSessions[key];
    if (running) clearTimeout(running.idle);
    const before = running?.before ?? this.doc?.getText(`t.${key}`).toString() ?? '';
    const idle = setTimeout(() => this.endTextSession(key), TEXT_SESSION_IDLE_MS);
    this.textSessions[key] = { before, idle };
  }

  /** Ends a long-text session: one history entry, by this device's user, if the text changed. */
  endTextSession(key: string): void {
    const session = this.textSessions[key];
    if (!session) return;
    clearTimeout(session.idle);
    delete this.textSessions[key];
    const by = this.store.author;
    this.store.edit(this.id, (doc) => recordTextEdit(doc, key, session.before, { by })).catch((err: unknown) => {
      // Leaving the workspace ends the session with it; the text itself is saved already.
      if (!(err instanceof StoreError && err.reason === 'closed')) handleError(err);
    });
  }

  async remove(): Promise<void> {
    await this.store.remove(this.collection, this.id);
  }

  async restore(): Promise<void> {
    await this.store.restore(this.collection, this.id);
  }

  dispose(): void {
    for (const key of Object.keys(this.textSessions)) this.endTextSession(key);
    this.disposed = true;
    if (this.acquired) this.store.release(this.id);
    this.acquired = false;
  }
}
