// The history of one open record (model SPEC R11): its entries newest first, followed live from
// the record's doc (edits here and merged from other devices), worded for the page, and restoring
// an entry's earlier value as an ordinary, validated edit.
import { untrack } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import type * as Y from 'yjs';
import {
  canRestore, collectionOfId, observeHistory, readHistory, restorePatch, type FieldDef, type HistoryEntry,
} from '@counterpart/model';
import type { WorkspaceStore } from '@counterpart/store';
import { handleError } from './errors.ts';
import { displayValue } from './format.ts';
import { t } from './i18n.ts';
import { notices } from './notices.svelte.ts';
import type { RecordPage } from './record.svelte.ts';

/** Long texts are quoted up to this many characters in a history line. */
const QUOTE_MAX = 80;

export interface HistoryLine {
  /** Unique within the list, stable while entries are added above it. */
  readonly key: string;
  readonly entry: HistoryEntry;
  readonly text: string;
  /** The accessible name of its Restore button; undefined when it cannot be restored here. */
  readonly restore: string | undefined;
}

export class RecordHistory {
  private readonly store: WorkspaceStore;
  private readonly page: RecordPage;

  entries = $state.raw<readonly HistoryEntry[]>([]);
  /** Titles of records that history values refer to, by id. */
  private readonly titles = new SvelteMap<string, string>();
  /** The record's fields by key, custom ones included. */
  private readonly defs = $derived.by((): Readonly<Record<string, FieldDef>> => Object.fromEntries(this.page.fields));

  /** The entries as the page shows them. */
  readonly lines = $derived.by((): HistoryLine[] => {
    const seen: Record<string, number> = {};
    return this.entries.map((entry) => {
      const base = `${entry.at}:${entry.f}:${entry.by}:${JSON.stringify(entry.n ?? null)}`;
      const k = (seen[base] ?? 0) + 1;
      seen[base] = k;
      return { key: `${base}#${k}`, entry, text: this.describe(entry), restore: this.restoreLabel(entry) };
    });
  });

  constructor(store: WorkspaceStore, page: RecordPage) {
    this.store = store;
    this.page = page;
  }

  /** Reads the history now and again on every change to it; returns the stop function. */
  follow(doc: Y.Doc): () => void {
    const read = (): void => {
      this.entries = readHistory(doc);
      this.lookUpTitles();
    };
    // Called from an effect: what reading touches is not what the effect depends on.
    untrack(read);
    return observeHistory(doc, read);
  }

  /** Sets the entry's field back to its earlier value. Resolves true once saved. */
  async restore(entry: HistoryEntry): Promise<boolean> {
    const label = this.label(entry.f);
    try {
      await this.store.update(this.page.collection, this.page.id, restorePatch(entry));
      this.page.errors.delete(entry.f);
      notices.toast(t.historyRestored(label), { kind: 'success' });
      return true;
    } catch (err) {
      handleError(err, {
        onFieldIssues: (issues) => {
          const why = issues.map((i) => (i.field === entry.f ? i.message : `${i.label} ${i.message}`)).join('; ');
          notices.toast(t.historyRestoreRefused(label, why), { kind: 'error' });
        },
      });
      return false;
    }
  }

  private def(key: string): FieldDef | undefined {
    return Object.hasOwn(this.defs, key) ? this.defs[key] : undefined;
  }

  private label(key: string): string {
    return this.def(key)?.label ?? key;
  }

  private describe(e: HistoryEntry): string {
    const who = e.by || t.historySomeone;
    const field = this.label(e.f);
    const keptBefore = Object.hasOwn(e, 'v');
    const keptAfter = Object.hasOwn(e, 'n');
    if (!keptBefore || !keptAfter) return t.historyEdited(who, field);
    if (e.v === null) return t.historySet(who, field, this.value(e.f, e.n));
    if (e.n === null) return t.historyCleared(who, field, this.value(e.f, e.v));
    return t.historyChanged(who, field, this.value(e.f, e.v), this.value(e.f, e.n));
  }

  /** Restoring is offered when the earlier value was kept and differs from the current one. */
  private restoreLabel(e: HistoryEntry): string | undefined {
    if (this.page.readOnly || !canRestore(e)) return undefined;
    const current = this.page.row?.[e.f] ?? null;
    if (JSON.stringify(current === '' ? null : current) === JSON.stringify(e.v ?? null)) return undefined;
    return t.historyRestoreLabel(this.label(e.f), this.value(e.f, e.v ?? null));
  }

  /** A value as the rest of the app shows it; long values shortened. */
  private value(key: string, v: unknown): string {
    if (v === null || v === undefined) return t.none;
    const def = this.def(key);
    // A field this version does not know (removed since, or from a newer version).
    if (!def) return shorten(typeof v === 'string' ? v : JSON.stringify(v));
    switch (def.kind) {
      case 'longtext':
        return typeof v === 'string' ? `“${shorten(v)}”` : t.none;
      case 'lines':
        return Array.isArray(v) ? t.historyLines(v.length) : t.none;
      case 'map':
        return typeof v === 'object' ? t.historyAnswers(Object.keys(v).length) : t.none;
      case 'ref':
        return typeof v === 'string' ? (this.titles.get(v) ?? v) : t.none;
      default:
        return shorten(displayValue(def, v));
    }
  }

  /** Fetches the titles of referenced records once each; the lines re-render as they arrive. */
  private lookUpTitles(): void {
    for (const e of this.entries) {
      if (this.def(e.f)?.kind !== 'ref') continue;
      for (const id of [e.v, e.n]) {
        if (typeof id !== 'string' || this.titles.has(id)) continue;
        const c = collectionOfId(id);
        if (!c) continue;
        this.titles.set(id, id);
        this.store.get(c, id).then((row) => {
          if (row) this.titles.set(id, row._title);
        }, handleError);
      }
    }
  }
}

function shorten(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_MAX ? `${flat.slice(0, QUOTE_MAX - 1)}…` : flat;
}
