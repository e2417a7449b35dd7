// A second thread for the sync: it applies the large pages of a catch-up to new docs and reads
// their rows (store `prepareElsewhere`), while the sync worker stores the page before. Applying
// updates is most of a full sync's work; on two cores the two halves then run side by side.
import * as Comlink from 'comlink';
import type { CollectionName, CustomFieldDef } from '@counterpart/model';
import { prepareElsewhere, type IncomingUpdate, type PreparedBatch } from '@counterpart/store';

const api = {
  prepare(items: IncomingUpdate[], custom: Partial<Record<CollectionName, readonly CustomFieldDef[]>>): PreparedBatch {
    return prepareElsewhere(items, 'remote', custom);
  },
};

export type PrepareWorkerApi = typeof api;

Comlink.expose(api);
