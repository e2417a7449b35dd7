// Writes committed by another WorkspaceStore on the same database — the sync worker's, or
// another tab's — become visible here (SPEC S12): docs this store holds in memory take the new
// stored updates, their rows are written again from the now complete doc (a local write that
// committed after the other store's could have written a row without the remote change), and
// the change is announced to this store's listeners like one of its own.
import * as Y from 'yjs';
import { isCollectionName, readRecord, type CollectionName, type CustomFieldDef, type Row } from '@counterpart/model';
import type { CounterpartDb, ProblemEntry } from './db.ts';
import type { Directory } from './directory.ts';
import { ChunkSet, loadDoc, rowOfState, type RowChange } from './ingest.ts';

/** Brings cached docs up to date with the database; returns the rows written and to announce. */
export async function refreshDocs(
  db: CounterpartDb,
  dir: Directory,
  docs: readonly { id: string; doc: Y.Doc }[],
  custom: (c: CollectionName) => readonly CustomFieldDef[],
  settingsId: string,
): Promise<{ rows: RowChange[]; problems: ProblemEntry[] }> {
  const problems: ProblemEntry[] = [];
  const changed: { id: string; c: CollectionName; row: Row; deleted: boolean }[] = [];
  for (const { id, doc } of docs) {
    const before = Y.encodeStateVector(doc);
    const loaded = await loadDoc(db, dir, id, doc);
    problems.push(...loaded.problems);
    if (id === settingsId || equalBytes(before, Y.encodeStateVector(doc))) continue;
    const c: unknown = doc.getMap('meta').get('c');
    if (!isCollectionName(c)) continue;
    const state = readRecord(doc, custom(c));
    changed.push({ id, c, row: rowOfState(c, state, custom(c)), deleted: state.deleted });
  }
  if (changed.length) {
    await db.transaction('rw', [db.chunks, db.bases, db.dir, db.trash, db.meta], async () => {
      await dir.refresh(db);
      const chunks = new ChunkSet(db, dir);
      await chunks.read(changed.flatMap((ch) => dir.get(ch.id) ?? []));
      for (const ch of changed) {
        const at = chunks.find(ch.id);
        if (at) {
          at.w.chunk.rows[at.i] = ch.deleted ? null : ch.row;
          at.w.rowsDirty = true;
        }
        if (ch.deleted) await db.trash.put({ id: ch.id, c: ch.c, row: ch.row, deletedAt: Date.now() });
        else await db.trash.delete(ch.id);
      }
      await chunks.write(true);
    });
  }
  const rows = changed.map((ch): RowChange => (ch.deleted ? { collection: ch.c, id: ch.id, deleted: true } : { collection: ch.c, id: ch.id, row: ch.row, deleted: false }));
  return { rows, problems };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
