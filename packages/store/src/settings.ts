// The workspace settings doc: one Y.Doc with guid SETTINGS_DOC_ID, synced like a record doc.
//   meta  Y.Map  c: '_settings'
//   ws    Y.Map  name, currency, locale …        (last writer wins per key)
//   cf.<collection> Y.Map  custom field key -> definition (per-field last writer wins)
//   lv.<collection> Y.Map  saved list view id -> view (a plain object whose shape the app owns;
//                          per-view last writer wins)
//   lvdefault       Y.Map  collection -> id of the view its list opens with
//   sales           Y.Map  rule set (questions, routing, response, ticketHours, cadence, forms)
//                          -> its value, parsed by @counterpart/model (per-rule-set last writer wins)
import * as Y from 'yjs';
import { COLLECTION_NAMES, parseCustomFieldDef, type CollectionName, type CustomFieldDef, type SalesSettingsKey } from '@counterpart/model';

export const SETTINGS_DOC_ID = '_settings';
/** The settings doc's map of sales and service rule sets (read by the relay's web form too). */
export const SALES_SETTINGS_MAP = 'sales';

export interface WorkspaceSettings {
  name: string;
  currency: string;
  customFields: Partial<Record<CollectionName, CustomFieldDef[]>>;
  /** Saved list views per collection, as stored: the app parses them and skips what it cannot read. */
  listViews: Partial<Record<CollectionName, StoredListView[]>>;
  /** The saved view each collection's list opens with. */
  defaultListViews: Partial<Record<CollectionName, string>>;
  /**
   * Qualification, routing, deadlines, the welcome cadence and web forms, as stored: read them
   * with the model's `salesSettingsFrom` (the store does, in `salesSettings()`).
   */
  sales: Readonly<Record<string, unknown>>;
}

/** A saved list view: an id and a name, the rest (sort, filters, columns) belongs to the app. */
export interface StoredListView {
  readonly id: string;
  readonly name: string;
  readonly [key: string]: unknown;
}

export type ListViewChange =
  | { put: StoredListView }
  | { remove: string }
  | { defaultView: string | null };

export const DEFAULT_SETTINGS: WorkspaceSettings = {
  name: 'Workspace', currency: 'EUR', customFields: {}, listViews: {}, defaultListViews: {}, sales: {},
};

function isStoredListView(v: unknown): v is StoredListView {
  return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' && typeof (v as { name?: unknown }).name === 'string';
}

export function readSettings(doc: Y.Doc): WorkspaceSettings {
  const ws = doc.getMap<unknown>('ws');
  const name = ws.get('name');
  const currency = ws.get('currency');
  const customFields: WorkspaceSettings['customFields'] = {};
  for (const c of COLLECTION_NAMES) {
    const defs: CustomFieldDef[] = [];
    for (const raw of doc.getMap<unknown>(`cf.${c}`).values()) {
      // A definition that does not parse (written by a newer version) is left in the doc, unused.
      const parsed = parseCustomFieldDef(raw);
      if ('def' in parsed) defs.push(parsed.def);
    }
    if (defs.length) customFields[c] = defs.sort((a, b) => a.label.localeCompare(b.label));
  }
  const listViews: WorkspaceSettings['listViews'] = {};
  const defaultListViews: WorkspaceSettings['defaultListViews'] = {};
  const defaults = doc.getMap<unknown>('lvdefault');
  for (const c of COLLECTION_NAMES) {
    const views = [...doc.getMap<unknown>(`lv.${c}`).values()].filter(isStoredListView);
    if (views.length) listViews[c] = views.sort((a, b) => a.name.localeCompare(b.name));
    const d = defaults.get(c);
    if (typeof d === 'string' && views.some((v) => v.id === d)) defaultListViews[c] = d;
  }
  return {
    name: typeof name === 'string' ? name : DEFAULT_SETTINGS.name,
    currency: typeof currency === 'string' ? currency : DEFAULT_SETTINGS.currency,
    customFields,
    listViews,
    defaultListViews,
    sales: doc.getMap<unknown>(SALES_SETTINGS_MAP).toJSON(),
  };
}

/** Replaces one rule set with a value the model has parsed (`parseSalesSetting`). */
export function writeSalesSetting(doc: Y.Doc, key: SalesSettingsKey, parsed: unknown): void {
  doc.transact(() => {
    doc.getMap('meta').set('c', SETTINGS_DOC_ID);
    doc.getMap<unknown>(SALES_SETTINGS_MAP).set(key, JSON.parse(JSON.stringify(parsed)) as unknown);
  });
}

export function writeWorkspaceInfo(doc: Y.Doc, info: Partial<Pick<WorkspaceSettings, 'name' | 'currency'>>): void {
  doc.transact(() => {
    doc.getMap('meta').set('c', SETTINGS_DOC_ID);
    const ws = doc.getMap<unknown>('ws');
    if (info.name !== undefined) ws.set('name', info.name);
    if (info.currency !== undefined) ws.set('currency', info.currency);
  });
}

export function writeCustomField(doc: Y.Doc, collection: CollectionName, def: CustomFieldDef | { key: string; remove: true }): void {
  doc.transact(() => {
    doc.getMap('meta').set('c', SETTINGS_DOC_ID);
    const m = doc.getMap<unknown>(`cf.${collection}`);
    if ('remove' in def) m.delete(def.key);
    else m.set(def.key, { ...def });
  });
}

export function writeListView(doc: Y.Doc, collection: CollectionName, change: ListViewChange): void {
  doc.transact(() => {
    doc.getMap('meta').set('c', SETTINGS_DOC_ID);
    const views = doc.getMap<unknown>(`lv.${collection}`);
    const defaults = doc.getMap<unknown>('lvdefault');
    if ('put' in change) views.set(change.put.id, { ...change.put });
    else if ('remove' in change) {
      views.delete(change.remove);
      if (defaults.get(collection) === change.remove) defaults.delete(collection);
    } else if (change.defaultView === null) defaults.delete(collection);
    else defaults.set(collection, change.defaultView);
  });
}
