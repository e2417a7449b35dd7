// A whole workspace in one file and back (SPEC S16); imported as `@counterpart/store/backup` so
// the zip code loads only with the screen that uses it. The file is a zip (fflate), so any archive
// tool can list it and read its manifest, and it holds:
//
//   manifest.json    format, version, workspace id and name, counts, created at, every other
//                    file's size and SHA-256, and `checksum`: the SHA-256 of the manifest itself
//                    without that field, so every byte of the backup is covered by one digest
//   docs.bin         every doc's full CRDT state (the record's values and its history, the
//                    settings doc), one after another: u32 id length, id (UTF-8), u32 state
//                    length, state (a Yjs update), lengths big-endian
//   blobs/<sha256>   each attachment's content, named by its digest
//
// A backup reads the stored states without loading any doc (a doc is its base state plus its
// stored updates, merged). A restore checks everything first — the zip, the format, each file's
// digest, the checksum, each state decodes — and writes only then, through `ingest` like an
// import, into a workspace that has no records.
import { Zip, ZipDeflate, ZipPassThrough, unzipSync } from 'fflate';
import * as Y from 'yjs';
import { isCollectionName, type CollectionName } from '@counterpart/model';
import { checkUpdate } from './ingest.ts';
import { SETTINGS_DOC_ID } from './settings.ts';
import { sha256Hex, type WorkspaceStore } from './store.ts';

export const BACKUP_FORMAT = 'counterpart-backup';
export const BACKUP_VERSION = 1;
const MANIFEST = 'manifest.json';
const DOCS = 'docs.bin';
const BLOB_DIR = 'blobs/';
/** Docs per ingest batch on restore. */
const RESTORE_BATCH = 500;

export interface BackupFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: number;
  readonly workspace: { readonly id: string; readonly name: string };
  readonly createdAt: number;
  readonly counts: {
    /** Live records per collection. */
    readonly records: Partial<Record<CollectionName, number>>;
    /** Every doc: records (deleted ones too, so they can be restored from the trash) and settings. */
    readonly docs: number;
    readonly attachments: number;
    readonly attachmentBytes: number;
  };
  readonly files: readonly BackupFile[];
  readonly checksum: string;
}

export type BackupErrorReason = 'damaged' | 'not-a-backup' | 'newer-version' | 'checksum' | 'not-empty';

/** Why a file cannot be restored; nothing was written. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly reason: BackupErrorReason,
    message: string,
  ) {
    super(message);
  }
}

export type BackupPhase = 'docs' | 'attachments' | 'verify' | 'write';

export interface BackupProgress {
  readonly phase: BackupPhase;
  readonly done: number;
  readonly total: number;
}

export interface BackupOptions {
  readonly onProgress?: (p: BackupProgress) => void;
  readonly signal?: AbortSignal;
  readonly now?: number;
}

/** Lets the page paint progress and a Cancel click land between steps. */
const breathe = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Writes the backup of `store`'s workspace: the zip's bytes in parts (a browser makes a Blob of
 * them without copying) and its manifest. Rejects with the signal's reason when cancelled.
 */
export async function createBackup(store: WorkspaceStore, opts: BackupOptions = {}): Promise<{ parts: Uint8Array[]; manifest: BackupManifest }> {
  const { db } = store;
  await store.flush();
  const signal = opts.signal;
  const baseCount = await db.bases.count();
  // Stored updates beside each doc's base, grouped by doc, in the order they were stored.
  const later = new Map<string, Uint8Array[]>();
  await db.updates.each((e) => {
    const list = later.get(e.docId);
    if (list) list.push(e.u);
    else later.set(e.docId, [e.u]);
  });
  const docs: { id: string; state: Uint8Array }[] = [];
  const seen = new Set<string>();
  let chunksRead = 0;
  const keys = await db.bases.toCollection().primaryKeys();
  for (const n of keys) {
    signal?.throwIfAborted();
    const base = await db.bases.get(n);
    for (const [i, id] of (base?.ids ?? []).entries()) {
      if (seen.has(id)) continue;
      seen.add(id);
      const parts = [base!.u[i], ...(later.get(id) ?? [])].filter((u): u is Uint8Array => u instanceof Uint8Array && checkUpdate(u) === undefined);
      if (parts.length) docs.push({ id, state: parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts) });
    }
    opts.onProgress?.({ phase: 'docs', done: ++chunksRead, total: baseCount });
    if (chunksRead % 20 === 0) await breathe();
  }
  // Updates of a doc no chunk holds (an older layout's entries) still belong to the workspace.
  for (const [id, list] of later) {
    if (seen.has(id)) continue;
    const good = list.filter((u) => checkUpdate(u) === undefined);
    if (good.length) docs.push({ id, state: Y.mergeUpdates(good) });
  }
  const docsBin = encodeDocs(docs);

  const files: BackupFile[] = [{ path: DOCS, size: docsBin.byteLength, sha256: await sha256Hex(docsBin) }];
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  const docsEntry = new ZipDeflate(DOCS, { level: 6 });
  zip.add(docsEntry);
  docsEntry.push(docsBin, true);

  const blobKeys: string[] = await db.blobs.toCollection().primaryKeys();
  let attachmentBytes = 0;
  for (const [i, sha256] of blobKeys.entries()) {
    signal?.throwIfAborted();
    const entry = await db.blobs.get(sha256);
    if (!entry) continue;
    const data = entry.data instanceof Uint8Array ? entry.data : new Uint8Array(await entry.data.arrayBuffer());
    // Files are mostly compressed already (images, PDFs): stored as they are.
    const file = new ZipPassThrough(`${BLOB_DIR}${sha256}`);
    zip.add(file);
    file.push(data, true);
    files.push({ path: `${BLOB_DIR}${sha256}`, size: data.byteLength, sha256 });
    attachmentBytes += data.byteLength;
    opts.onProgress?.({ phase: 'attachments', done: i + 1, total: blobKeys.length });
    await breathe();
  }
  signal?.throwIfAborted();

  const records: Partial<Record<CollectionName, number>> = {};
  for (const chunk of await db.chunks.toArray()) {
    if (!isCollectionName(chunk.c)) continue;
    const live = chunk.rows.filter((r) => r !== null).length;
    if (live) records[chunk.c] = (records[chunk.c] ?? 0) + live;
  }
  const unsigned = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    workspace: { id: store.workspaceId, name: store.settings.name },
    createdAt: opts.now ?? Date.now(),
    counts: { records, docs: docs.length, attachments: files.length - 1, attachmentBytes },
    files,
  } as const;
  const manifest: BackupManifest = { ...unsigned, checksum: await manifestChecksum(unsigned) };
  const manifestFile = new ZipDeflate(MANIFEST, { level: 6 });
  zip.add(manifestFile);
  manifestFile.push(new TextEncoder().encode(JSON.stringify(manifest, null, 2)), true);
  zip.end();
  return { parts: chunks, manifest };
}

/** A backup read and checked: nothing in it is unreadable or altered. */
export interface VerifiedBackup {
  readonly manifest: BackupManifest;
  readonly docs: readonly { id: string; state: Uint8Array }[];
  readonly blobs: readonly { sha256: string; data: Uint8Array }[];
}

/** Reads a backup file and checks all of it; throws BackupError saying what is wrong. */
export async function verifyBackup(bytes: Uint8Array, opts: BackupOptions = {}): Promise<VerifiedBackup> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (err) {
    throw new BackupError('damaged', `The file is damaged or incomplete and cannot be read as a backup (${err instanceof Error ? err.message : String(err)}).`);
  }
  const manifestBytes = entries[MANIFEST];
  if (!manifestBytes) throw new BackupError('not-a-backup', 'This file is not a Counterpart backup: it has no manifest.');
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes));
  } catch {
    throw new BackupError('damaged', 'The backup’s manifest is damaged.');
  }
  const manifest = readManifest(raw);
  const { checksum, ...unsigned } = manifest;
  if ((await manifestChecksum(unsigned)) !== checksum) {
    throw new BackupError('checksum', 'The backup’s checksum does not match: the file was changed or damaged after it was made.');
  }
  const total = manifest.files.length;
  for (const [i, f] of manifest.files.entries()) {
    opts.signal?.throwIfAborted();
    const data = entries[f.path];
    if (!data) throw new BackupError('damaged', `The backup is incomplete: ${f.path} is missing.`);
    if (data.byteLength !== f.size || (await sha256Hex(data)) !== f.sha256) {
      throw new BackupError('checksum', `The checksum of ${f.path} does not match: the file was changed or damaged after it was made.`);
    }
    opts.onProgress?.({ phase: 'verify', done: i + 1, total });
  }
  const docs = decodeDocs(entries[DOCS]!);
  if (docs.length !== manifest.counts.docs) throw new BackupError('damaged', `The backup should hold ${manifest.counts.docs} records but holds ${docs.length}.`);
  for (const d of docs) {
    const bad = checkUpdate(d.state);
    if (bad) throw new BackupError('damaged', `Record ${d.id} in the backup cannot be read (${bad}).`);
  }
  const blobs = manifest.files.filter((f) => f.path.startsWith(BLOB_DIR)).map((f) => ({ sha256: f.sha256, data: entries[f.path]! }));
  return { manifest, docs, blobs };
}

/**
 * Restores a verified backup into `store`, whose workspace must have no records (a new one).
 * Records keep their ids, values and history; attachments are stored and queued for the relay
 * the workspace is later connected to. Resolves once everything is durably written.
 */
export async function restoreBackup(store: WorkspaceStore, backup: VerifiedBackup, opts: BackupOptions = {}): Promise<void> {
  const existing = await store.db.chunks.where('c').notEqual('_settings').count();
  if (existing > 0) throw new BackupError('not-empty', 'A backup can only be restored into a new, empty workspace.');
  const total = backup.docs.length + backup.blobs.length;
  let done = 0;
  // The settings doc first and alone: records are read with the workspace's custom fields.
  const settings = backup.docs.filter((d) => d.id === SETTINGS_DOC_ID);
  const records = backup.docs.filter((d) => d.id !== SETTINGS_DOC_ID);
  if (settings.length) {
    await store.ingest(settings.map((d) => ({ docId: d.id, update: d.state })), 'import');
    opts.onProgress?.({ phase: 'write', done: ++done, total });
  }
  for (let i = 0; i < records.length; i += RESTORE_BATCH) {
    opts.signal?.throwIfAborted();
    const batch = records.slice(i, i + RESTORE_BATCH);
    await store.ingest(batch.map((d) => ({ docId: d.id, update: d.state })), 'import');
    done += batch.length;
    opts.onProgress?.({ phase: 'write', done, total });
  }
  for (const b of backup.blobs) {
    opts.signal?.throwIfAborted();
    await store.putBlob(b.data);
    opts.onProgress?.({ phase: 'write', done: ++done, total });
  }
}

async function manifestChecksum(unsigned: Omit<BackupManifest, 'checksum'>): Promise<string> {
  return sha256Hex(new TextEncoder().encode(JSON.stringify(unsigned)));
}

function readManifest(raw: unknown): BackupManifest {
  const m = raw as Partial<BackupManifest> | null;
  if (typeof m !== 'object' || m === null || m.format !== BACKUP_FORMAT) throw new BackupError('not-a-backup', 'This file is not a Counterpart backup.');
  if (typeof m.version !== 'number' || !Number.isInteger(m.version)) throw new BackupError('damaged', 'The backup’s manifest has no format version.');
  if (m.version > BACKUP_VERSION) {
    throw new BackupError('newer-version', `This backup was made by a newer version of Counterpart (format ${m.version}); update the app to restore it.`);
  }
  const files: readonly unknown[] = Array.isArray(m.files) ? m.files : [];
  const isFile = (f: unknown): f is BackupFile => {
    const x = f as Partial<BackupFile> | null;
    return typeof x?.path === 'string' && typeof x.size === 'number' && typeof x.sha256 === 'string';
  };
  const ok =
    typeof m.workspace?.id === 'string' && typeof m.workspace.name === 'string' && typeof m.createdAt === 'number' &&
    typeof m.checksum === 'string' && typeof m.counts?.docs === 'number' && Array.isArray(m.files) &&
    files.every(isFile) &&
    files.some((f) => isFile(f) && f.path === DOCS) &&
    files.every((f) => isFile(f) && (f.path === DOCS || f.path === `${BLOB_DIR}${f.sha256}`));
  if (!ok) throw new BackupError('damaged', 'The backup’s manifest is damaged.');
  return m as BackupManifest;
}

function encodeDocs(docs: readonly { id: string; state: Uint8Array }[]): Uint8Array {
  const enc = new TextEncoder();
  const ids = docs.map((d) => enc.encode(d.id));
  const size = docs.reduce((s, d, i) => s + 8 + ids[i]!.byteLength + d.state.byteLength, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  docs.forEach((d, i) => {
    const id = ids[i]!;
    view.setUint32(at, id.byteLength);
    out.set(id, at + 4);
    at += 4 + id.byteLength;
    view.setUint32(at, d.state.byteLength);
    out.set(d.state, at + 4);
    at += 4 + d.state.byteLength;
  });
  return out;
}

function decodeDocs(bytes: Uint8Array): { id: string; state: Uint8Array }[] {
  const dec = new TextDecoder('utf-8', { fatal: true });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: { id: string; state: Uint8Array }[] = [];
  let at = 0;
  const take = (): Uint8Array => {
    if (at + 4 > bytes.byteLength) throw new BackupError('damaged', 'The backup’s records are cut short.');
    const len = view.getUint32(at);
    if (at + 4 + len > bytes.byteLength) throw new BackupError('damaged', 'The backup’s records are cut short.');
    const part = bytes.subarray(at + 4, at + 4 + len);
    at += 4 + len;
    return part;
  };
  while (at < bytes.byteLength) {
    let id: string;
    try {
      id = dec.decode(take());
    } catch (err) {
      if (err instanceof BackupError) throw err;
      throw new BackupError('damaged', 'A record id in the backup is unreadable.');
    }
    out.push({ id, state: take() });
  }
  return out;
}
