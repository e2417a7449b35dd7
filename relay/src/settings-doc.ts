// The workspace settings doc (`_settings`, packages/store settings.ts) as the relay has stored
// it: forms read the questionnaire and routing rules from it, the order endpoint the currency.
import * as Y from 'yjs';
import type { RelayStorage } from './storage.ts';

export const SETTINGS_DOC_ID = '_settings';

/** Calls `read` with the stored settings doc (empty when the workspace has none) and returns what it gives. */
export function readSettingsDoc<T>(storage: RelayStorage, workspace: string, read: (doc: Y.Doc) => T): T {
  const state = storage.docState(workspace, SETTINGS_DOC_ID);
  const doc = new Y.Doc({ guid: SETTINGS_DOC_ID });
  try {
    if (state) Y.applyUpdate(doc, state);
    return read(doc);
  } finally {
    doc.destroy();
  }
}
