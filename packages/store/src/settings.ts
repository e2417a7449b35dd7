// The workspace settings doc: one Y.Doc with guid SETTINGS_DOC_ID, synced like a record doc.
//   meta  Y.Map  c: '_settings'
//   ws    Y.Map  name, currency, locale …        (last writer wins per key)
//   cf.<collection> Y.Map  custom field key -> definition (per-field last writer wins)
import * as Y from 'yjs';
import { COLLECTION_NAMES, parseCustomFieldDef, type CollectionName, type CustomFieldDef } from '@counterpart/model';

export const SETTINGS_DOC_ID = '_settings';

export interface WorkspaceSettings {
  name: string;
  currency: string;
  customFields: Partial<Record<CollectionName, CustomFieldDef[]>>;
}

export const DEFAULT_SETTINGS: WorkspaceSettings = { name: 'Workspace', currency: 'EUR', customFields: {} };

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
  return {
    name: typeof name === 'string' ? name : DEFAULT_SETTINGS.name,
    currency: typeof currency === 'string' ? currency : DEFAULT_SETTINGS.currency,
    customFields,
  };
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
