import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '@counterpart/model';
import { DB_PREFIX, StoreError, WorkspaceStore, rowIndexes } from '../src/index.ts';

const open: WorkspaceStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
let n = 0;
async function fresh(name = `blobs-${process.pid}-${n++}`): Promise<WorkspaceStore> {
  const s = await WorkspaceStore.open(name);
  open.push(s);
  return s;
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const sha = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

describe('attachment contents and their upload queue (S13)', () => {
  it('[S13] a file attached here is stored by its SHA-256 and queued for the relay in the same write', async () => {
    const s = await fresh();
    const data = bytes('signed contract, page 1');
    const name = await s.putBlob(data);
    expect(name).toBe(sha(data));
    expect(await s.hasBlob(name)).toBe(true);
    expect(new Uint8Array(await s.getBlob(name) as Uint8Array)).toEqual(data);
    expect(await s.uploads()).toEqual([expect.objectContaining({ sha256: name, size: data.length, attempts: 0, retryAt: 0 })]);
  });

  it('[S13] the same file attached twice is kept and queued once', async () => {
    const s = await fresh();
    const a = await s.putBlob(bytes('photo'));
    const b = await s.putBlob(bytes('photo'));
    expect(a).toBe(b);
    expect(await s.db.blobs.count()).toBe(1);
    expect((await s.uploads()).map((u) => u.sha256)).toEqual([a]);
  });

  it('[S13] the queue survives closing the workspace, goes oldest first, and an upload leaves it', async () => {
    const name = `blobs-reopen-${process.pid}`;
    const s = await fresh(name);
    const first = await s.putBlob(bytes('first'));
    const second = await s.putBlob(bytes('second'));
    await s.close();
    const again = await fresh(name);
    expect((await again.uploads()).map((u) => u.sha256)).toEqual([first, second]);
    await again.uploaded(first);
    expect((await again.uploads()).map((u) => u.sha256)).toEqual([second]);
    // The content stays on the device after the upload: it still opens offline.
    expect(await again.hasBlob(first)).toBe(true);
  });

  it('[S13] a failed attempt is counted with its retry time; a refused one waits until retried', async () => {
    const s = await fresh();
    const name = await s.putBlob(bytes('receipt'));
    await s.uploadFailed(name, { error: 'the relay is not reachable', retryAt: 1234 });
    expect(await s.upload(name)).toMatchObject({ attempts: 1, retryAt: 1234, error: 'the relay is not reachable' });
    await s.uploadFailed(name, { error: 'a viewer may not upload attachments', retryAt: 0, refused: true });
    expect(await s.upload(name)).toMatchObject({ attempts: 2, refused: true });
    await s.retryUploads();
    expect(await s.upload(name)).toMatchObject({ refused: true });
    await s.retryUploads({ refused: true });
    const entry = await s.upload(name);
    expect(entry?.refused).toBeUndefined();
    expect(entry?.retryAt).toBe(0);
    // A failure reported for an upload that is already done changes nothing.
    await s.uploaded(name);
    await s.uploadFailed(name, { error: 'late', retryAt: 1 });
    expect(await s.upload(name)).toBeUndefined();
  });

  it('[S13] content fetched from the relay is checked against its name and not queued', async () => {
    const s = await fresh();
    const data = bytes('a photo taken on another tablet');
    await s.putFetchedBlob(sha(data), data);
    expect(await s.hasBlob(sha(data))).toBe(true);
    expect(await s.uploads()).toEqual([]);

    const wrong = sha(bytes('something else'));
    const err = await s.putFetchedBlob(wrong, data).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).reason).toBe('invalid-blob');
    expect(await s.hasBlob(wrong)).toBe(false);
  });

  it('[S13] a version 4 database queues the blobs it already holds when it is upgraded', async () => {
    const name = `blobs-v4-${process.pid}`;
    const old = new Dexie(DB_PREFIX + name);
    const v1: Record<string, string> = {
      updates: '++seq, docId', docs: 'id, c', trash: 'id, c, deletedAt', blobs: 'sha256', problems: '++id, kind, docId', meta: 'k',
    };
    for (const c of COLLECTION_NAMES) v1[c] = rowIndexes(c).join(', ');
    old.version(1).stores(v1);
    old.version(2).stores({ outbox: '++id' });
    old.version(3).stores({ docs: 'id' });
    const dropped: Record<string, null> = { docs: null };
    for (const c of COLLECTION_NAMES) dropped[c] = null;
    old.version(4).stores({ chunks: '++n, c', bases: 'n', dir: '++v', ...dropped });
    const data = bytes('attached before the queue existed');
    await old.table('blobs').put({ sha256: sha(data), data });
    old.close();

    const s = await fresh(name);
    expect(s.db.verno).toBe(5);
    expect(await s.uploads()).toEqual([expect.objectContaining({ sha256: sha(data), size: data.length, attempts: 0 })]);
  });
});
