// Model SPEC R17 on the demo workspace: every generated record, written as a device writes it
// and sent as one update, reads the same from the update alone as from the doc it builds.
import * as Y from 'yjs';
import { COLLECTION_NAMES, encodeNewRecord, readRecord, readRecordUpdate, toRow } from '@counterpart/model';
import { describe, expect, it } from 'vitest';
import { workspaceS } from './fixtures.ts';

describe('demo workspace records read from their one update (model R17)', () => {
  it('[R17] every record of workspace S gives the same row without a doc as with one', { timeout: 120_000 }, () => {
    const seen = new Set<string>();
    let mismatched = 0;
    const records = workspaceS();
    for (const r of records) {
      const { doc, update } = encodeNewRecord(r.collection, r.id, r.values, { now: r.created, clientID: 1 + (seen.size % 7) });
      doc.destroy();
      const fresh = new Y.Doc({ guid: r.id });
      Y.applyUpdate(fresh, update);
      const slow = readRecord(fresh);
      const fast = readRecordUpdate(r.id, update);
      // Compared as stored: the row, key order included.
      if (!fast || JSON.stringify(toRow(r.collection, fast)) !== JSON.stringify(toRow(r.collection, slow)) || JSON.stringify(fast) !== JSON.stringify(slow)) mismatched++;
      seen.add(r.collection);
    }
    expect(mismatched).toBe(0);
    expect([...seen].sort()).toEqual([...COLLECTION_NAMES].sort());
  });
});
