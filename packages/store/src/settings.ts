// The workspace settings doc: one Y.Doc with guid SETTINGS_DOC_ID, synced like a record doc.
//   meta  Y.Map  c: '_settings'
//   ws    Y.Map  name, currency, locale, approvalPct, companyName, companyAddress, companyLogo
//                (last writer wins per key)
//   cf.<collection> Y.Map  custom field key -> definition (per-field last writer wins)
//   lv.<collection> Y.Map  saved list view id -> view (a plain object whose shape the app owns;
//                          per-view last writer wins)
//   lvdefault       Y.Map  collection -> id of the view its list opens with
//   sales           Y.Map  rule set (questions, routing, response, ticketHours, cadence, forms, channelCosts)
//                          -> its value, parsed by @counterpart/model (per-rule-set last writer wins)
//   nd              Y.Map  pair key "<id>|<id>" (smaller id first) -> { at, by }: two records
//                          someone marked "not a duplicate" (model SPEC R16)
import * as Y from 'yjs';
import { COLLECTION_NAMES, DEFAULT_APPROVAL_PCT, parseCustomFieldDef, type CollectionName, type CustomFieldDef, type SalesSettingsKey } from '@counterpart/model';

export const SETTINGS_DOC_ID = '_settings';
/** The settings doc's map of sales and service rule sets (read by the relay's web form too). */
export const SALES_SETTINGS_MAP = 'sales';

export interface WorkspaceSettings {
  name: string;
  currency: string;
  /** A quote with a larger discount needs an owner's approval (model SPEC R12, R13). */
  approvalPct: number;
  /** The seller as printed at the head of a proposal. */
  companyName: string;
  companyAddress: string;
  /** A short text set as the logo (a wordmark), since proposals print without images. */
  companyLogo: string;
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
  /** Pairs marked "not a duplicate", as "<smaller id>|<larger id>". */
  notDuplicates: ReadonlySet<string>;
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
  name: 'Workspace', currency: 'EUR', approvalPct: DEFAULT_APPROVAL_PCT, companyName: '', companyAddress: '', companyLogo: '', customFields: {}, listViews: {}, defaultListViews: {}, sales: {}, notDuplicates: new Set(),
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
  const approvalPct = ws.get('approvalPct');
  const text = (k: string): string => {
    const v = ws.get(k);
    return typeof v === 'string' ? v : '';
  };
  return {
    name: typeof name === 'string' ? name : DEFAULT_SETTINGS.name,
    currency: typeof currency === 'string' ? currency : DEFAULT_SETTINGS.currency,
    approvalPct: isApprovalPct(approvalPct) ? approvalPct : DEFAULT_SETTINGS.approvalPct,
    companyName: text('companyName'),
    companyAddress: text('companyAddress'),
    companyLogo: text('companyLogo'),
    customFields,
    listViews,
    defaultListViews,
    sales: doc.getMap<unknown>(SALES_SETTINGS_MAP).toJSON(),
    notDuplicates: new Set(doc.getMap<unknown>(NOT_DUPLICATES_MAP).keys()),
  };
}

/** Replaces one rule set with a value the model has parsed (`parseSalesSetting`). */
export function writeSalesSetting(doc: Y.Doc, key: SalesSettingsKey, parsed: unknown): void {
  doc.transact(() => {
    doc.getMap('meta').set('c', SETTINGS_DOC_ID);
    doc.getMap<unknown>(SALES_SETTINGS_MAP).set(key, JSON.parse(JSON.stringify(parsed)) as unknown);
  });
}

/** The workspace-wide values `setWorkspaceInfo` changes. */
export type WorkspaceInfo = Partial<Pick<WorkspaceSettings, 'name' | 'currency' | 'approvalPct' | 'companyName' | 'companyAddress' | 'companyLogo'>>;

export function isApprovalPct(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100;
}

/** Why `info` cannot be saved, or undefined when it can. */
export function workspaceInfoProblem(info: WorkspaceInfo): string | undefined {
  if (info.approvalPct !== undefined && !isApprovalPct(info.approvalPct)) return 'The approval threshold must be a percentage from 0 to 100';
  for (const k of ['companyName', 'companyAddress', 'companyLogo'] as const) {
    const v = info[k];
    if (v !== undefined && (typeof v !== 'string' || v.length > 1000)) return `${k} must be text of at most 1000 characters`;
  }
  return undefined;
}

export function writeWorkspaceInfo(doc: Y.Doc, info: WorkspaceInfo): void {
  doc.transact(() => {
    doc.getMap('meta').set('c', SETTINGS_DOC_ID);
    const ws = doc.getMap<unknown>('ws');
    for (const [k, v] of Object.entries(info)) if (v !== undefined && ws.get(k) !== v) ws.set(k, v);
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

export const NOT_DUPLICATES_MAP = 'nd';

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
