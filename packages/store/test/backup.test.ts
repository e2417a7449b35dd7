// A workspace to one file and back (SPEC S16): records, their history, the settings and the
// attachments' contents come back equal; a damaged, truncated or altered file is refused and
// nothing is written.
import 'fake-indexeddb/auto';
import { unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { readHistory, type HistoryEntry } from '@counterpart/model';
import { WorkspaceStore } from '../src/index.ts';
import { BackupError, createBackup, restoreBackup, verifyBackup, type BackupProgress } from '../src/backup.ts';

let n = 0;
const open: WorkspaceStore[] = [];
async function freshStore(): Promise<WorkspaceStore> {
  const s = await WorkspaceStore.open(`backup-${process.pid}-${n++}`);
  open.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function historyOf(s: WorkspaceStore, id: string): Promise<HistoryEntry[]> {
  const doc = await s.acquire(id);
  try {
    return readHistory(doc);
  } finally {
    s.release(id);
  }
}

function join(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

async function sample(): Promise<{ s: WorkspaceStore; accountId: string; contactId: string; deletedId: string; sha256: string; file: Uint8Array }> {
  const s = await freshStore();
  await s.setWorkspaceInfo({ name: 'Northwind', currency: 'USD' });
  await s.defineCustomField('accounts', { key: 'tier', label: 'Tier', kind: 'text' });
  const accountId = await s.create('accounts', { name: 'Northwind Traders', kind: 'customer', x_tier: 'gold' });
  const contactId = await s.create('contacts', { lastName: 'Fuller', accountId, email: 'andrew@northwind.test' });
  s.author = 'Nancy';
  await s.update('contacts', contactId, { jobTitle: 'VP Sales' });
  await s.update('contacts', contactId, { jobTitle: 'CEO' });
  const deletedId = await s.create('tasks', { title: 'Call back' });
  await s.remove('tasks', deletedId);
  const file = new Uint8Array(70_000).map((_, i) => (i * 31) % 251);
  const sha256 = await s.putBlob(file);
  await s.create('attachments', { name: 'price-list.bin', sha256, size: file.byteLength, mimeType: 'application/octet-stream', parentId: accountId });
  return { s, accountId, contactId, deletedId, sha256, file };
}

describe('backup and restore', () => {
  it('[S16] a round trip gives equal rows, equal history, the trash and equal attachment bytes', async () => {
    const { s, accountId, contactId, deletedId, sha256, file } = await sample();
    const progress: BackupProgress[] = [];
    const { parts, manifest } = await createBackup(s, { onProgress: (p) => progress.push(p) });
    expect(manifest.workspace).toEqual({ id: s.workspaceId, name: 'Northwind' });
    expect(manifest.counts.records).toMatchObject({ accounts: 1, contacts: 1, attachments: 1 });
    expect(manifest.counts.attachments).toBe(1);
    expect(progress.some((p) => p.phase === 'attachments' && p.done === 1)).toBe(true);

    const backup = await verifyBackup(join(parts));
    const t = await freshStore();
    await restoreBackup(t, backup);
    expect(t.settings.name).toBe('Northwind');
    expect(t.settings.currency).toBe('USD');
    expect(t.customFields('accounts').map((f) => f.key)).toEqual(['tier']);
    for (const c of ['accounts', 'contacts', 'attachments', 'tasks'] as const) {
      expect(await t.page(c, { limit: 100 })).toEqual(await s.page(c, { limit: 100 }));
    }
    expect(await t.get('accounts', accountId)).toMatchObject({ x_tier: 'gold' });
    expect(await historyOf(t, contactId)).toEqual(await historyOf(s, contactId));
    expect((await historyOf(t, contactId)).map((e) => [e.by, e.n])).toEqual([['Nancy', 'CEO'], ['Nancy', 'VP Sales']]);
    expect(await t.db.trash.get(deletedId)).toMatchObject({ id: deletedId, c: 'tasks' });
    const restored = await t.getBlob(sha256);
    expect(restored instanceof Uint8Array ? restored : new Uint8Array(await restored!.arrayBuffer())).toEqual(file);
    // Restored contents go to the relay when the new workspace is connected to one.
    expect((await t.uploads()).map((u) => u.sha256)).toEqual([sha256]);
  });

  it('[S16] a truncated file is refused as damaged and nothing is written', async () => {
    const { s } = await sample();
    const bytes = join((await createBackup(s)).parts);
    await expect(verifyBackup(bytes.subarray(0, Math.floor(bytes.byteLength * 0.6)))).rejects.toMatchObject({ reason: 'damaged' });
    await expect(verifyBackup(new TextEncoder().encode('name,email\n'))).rejects.toBeInstanceOf(BackupError);
  });

  it('[S16] a file changed after it was made fails the checksum', async () => {
    const { s } = await sample();
    const entries = unzipSync(join((await createBackup(s)).parts));
    const docs = entries['docs.bin']!;
    docs[docs.byteLength - 3] = (docs[docs.byteLength - 3] ?? 0) ^ 0xff;
    await expect(verifyBackup(zipSync(entries))).rejects.toMatchObject({ reason: 'checksum' });
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as { workspace: { name: string } };
    manifest.workspace.name = 'Other';
    const forged = { ...unzipSync(join((await createBackup(s)).parts)), 'manifest.json': new TextEncoder().encode(JSON.stringify(manifest)) };
    await expect(verifyBackup(zipSync(forged))).rejects.toMatchObject({ reason: 'checksum' });
  });

  it('[S16] a newer format version is refused with a clear reason', async () => {
    const { s } = await sample();
    const entries = unzipSync(join((await createBackup(s)).parts));
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as { version: number };
    manifest.version = 99;
    entries['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest));
    await expect(verifyBackup(zipSync(entries))).rejects.toMatchObject({ reason: 'newer-version' });
  });

  it('[S16] restoring into a workspace that has records is refused before anything is written', async () => {
    const { s } = await sample();
    const backup = await verifyBackup(join((await createBackup(s)).parts));
    const t = await freshStore();
    const own = await t.create('accounts', { name: 'Mine', kind: 'prospect' });
    await expect(restoreBackup(t, backup)).rejects.toMatchObject({ reason: 'not-empty' });
    expect((await t.page('accounts')).map((r) => r.id)).toEqual([own]);
  });

  it('[S16] a cancelled backup stops with the signal’s reason', async () => {
    const { s } = await sample();
    const ctl = new AbortController();
    ctl.abort(new Error('cancelled'));
    await expect(createBackup(s, { signal: ctl.signal })).rejects.toThrow('cancelled');
  });
});
