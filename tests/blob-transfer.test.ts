// Attachment contents between devices through a real relay on port 0: each device is a
// WorkspaceStore on its own IndexedDB (fake-indexeddb) with a BlobTransfer over Node's fetch.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { WorkspaceStore } from '@counterpart/store';
import { BlobTransfer, PREFETCH_MAX_BYTES } from '@counterpart/sync';
import { relayFixture } from './support/relay.ts';

const { cleanups, start: relayAt } = relayFixture('cp-blobs-');

interface Device {
  store: WorkspaceStore;
  transfer: BlobTransfer;
  factory: IDBFactory;
}

async function device(url: string, token: string, factory = new IDBFactory()): Promise<Device> {
  const store = await WorkspaceStore.open('team', { indexedDB: factory, IDBKeyRange });
  const transfer = new BlobTransfer(store, { url, workspaceId: 'team', token, backoff: { minMs: 20, maxMs: 100 } });
  cleanups.push(async () => {
    await transfer.dispose();
    await store.close();
  });
  transfer.start();
  return { store, transfer, factory };
}

const file = (text: string): Uint8Array => new TextEncoder().encode(text);

async function bytesOf(store: WorkspaceStore, sha256: string): Promise<Uint8Array | undefined> {
  const data = await store.getBlob(sha256);
  return data === undefined ? undefined : new Uint8Array(data instanceof Blob ? await data.arrayBuffer() : data);
}

describe('attachment contents through a real relay', () => {
  it('a file attached on one device is uploaded, fetched by another byte for byte, and opens there with the relay gone', async () => {
    const { relay } = await relayAt();
    const token = relay.auth.issue({ workspace: 'team', role: 'editor' });
    const a = await device(relay.url, token);
    const b = await device(relay.url, token);
    const changed: string[] = [];
    a.transfer.onChange((sha) => changed.push(sha));

    const data = file('%PDF-1.7 signed supply contract');
    const sha = await a.store.putBlob(data);
    a.transfer.kick();
    await a.transfer.idle();
    expect(await a.store.uploads()).toEqual([]);
    expect(changed).toEqual([sha]);

    expect(await b.store.hasBlob(sha)).toBe(false);
    expect(await b.transfer.fetch(sha)).toEqual({ ok: true });
    expect(await bytesOf(b.store, sha)).toEqual(data);
    expect(await b.store.uploads()).toEqual([]);

    await relay.close();
    expect(await b.transfer.fetch(sha)).toEqual({ ok: true });
    expect(await bytesOf(b.store, sha)).toEqual(data);
  });

  it('a file attached while the relay is down is uploaded with backoff once it is back, also after a restart of the app', async () => {
    const first = await relayAt();
    const { port } = first.relay;
    const token = first.relay.auth.issue({ workspace: 'team', role: 'editor' });
    await first.relay.close();

    const factory = new IDBFactory();
    const a = await device(`http://127.0.0.1:${port}`, token, factory);
    const sha = await a.store.putBlob(file('photo of the damaged pallet'));
    a.transfer.kick();
    await expect.poll(async () => (await a.store.upload(sha))?.attempts ?? 0).toBeGreaterThanOrEqual(2);
    const entry = await a.store.upload(sha);
    expect(entry?.refused).toBeUndefined();
    expect(entry?.error).toBeTruthy();

    // The app is closed and opened again: the queue is still there.
    await a.transfer.dispose();
    await a.store.close();
    const again = await device(`http://127.0.0.1:${port}`, token, factory);
    expect((await again.store.uploads()).map((u) => u.sha256)).toEqual([sha]);

    const back = await relayAt(first.dataDir, port);
    await expect.poll(async () => (await again.store.uploads()).length, { timeout: 5_000 }).toBe(0);
    const b = await device(back.relay.url, token);
    expect(await b.transfer.fetch(sha)).toEqual({ ok: true });
  });

  it('a viewer’s upload is refused for good with the relay’s reason; a viewer can fetch', async () => {
    const { relay } = await relayAt();
    const viewer = await device(relay.url, relay.auth.issue({ workspace: 'team', role: 'viewer' }));
    const sha = await viewer.store.putBlob(file('not allowed'));
    viewer.transfer.kick();
    await viewer.transfer.idle();
    expect(await viewer.store.upload(sha)).toMatchObject({ refused: true, error: 'a viewer may not upload attachments' });

    const editor = await device(relay.url, relay.auth.issue({ workspace: 'team', role: 'editor' }));
    const ok = await editor.store.putBlob(file('allowed'));
    editor.transfer.kick();
    await editor.transfer.idle();
    expect(await viewer.transfer.fetch(ok)).toEqual({ ok: true });
  });

  it('says why a file cannot be fetched: not on the relay, relay unreachable, paused, wrong workspace', async () => {
    const { relay } = await relayAt();
    const a = await device(relay.url, relay.auth.issue({ workspace: 'team', role: 'editor' }));
    const absent = 'a'.repeat(64);
    expect(await a.transfer.fetch(absent)).toMatchObject({ ok: false, reason: 'missing' });

    const other = await device(relay.url, relay.auth.issue({ workspace: 'elsewhere', role: 'owner' }));
    expect(await other.transfer.fetch(absent)).toMatchObject({ ok: false, reason: 'refused', message: 'token is for another workspace' });

    a.transfer.stop();
    expect(await a.transfer.fetch(absent)).toMatchObject({ ok: false, reason: 'offline' });
    a.transfer.start();
    await relay.close();
    expect(await a.transfer.fetch(absent)).toMatchObject({ ok: false, reason: 'offline' });
  });

  it('prefetches only small files', async () => {
    const { relay } = await relayAt();
    const token = relay.auth.issue({ workspace: 'team', role: 'editor' });
    const a = await device(relay.url, token);
    const small = await a.store.putBlob(file('small receipt'));
    const large = await a.store.putBlob(new Uint8Array(PREFETCH_MAX_BYTES + 1).fill(7));
    a.transfer.kick();
    await a.transfer.idle();
    expect(await a.store.uploads()).toEqual([]);

    const b = await device(relay.url, token);
    await b.transfer.prefetch([{ sha256: small, size: 13 }, { sha256: large, size: PREFETCH_MAX_BYTES + 1 }]);
    expect(await b.store.hasBlob(small)).toBe(true);
    expect(await b.store.hasBlob(large)).toBe(false);
    expect(await b.transfer.fetch(large)).toEqual({ ok: true });
    expect(await b.store.hasBlob(large)).toBe(true);
  });
});
