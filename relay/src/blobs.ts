// Attachment contents, content-addressed: DATA_DIR/blobs/<workspace>/<sha256>. A blob is written
// to a temporary file while its SHA-256 is computed, fsynced, and renamed into place only when the
// digest matches its name, so a stored blob is always complete and always what its name says.
// Identical files are kept once per workspace; writing one again changes nothing.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { isSha256, isValidId } from '@counterpart/protocol';
import { syncDir } from './files.ts';

export type PutResult =
  | { ok: true; created: boolean; size: number }
  | { ok: false; reason: 'too-large' | 'mismatch' | 'aborted'; actual?: string };

export class BlobStore {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'blobs');
  }

  private path(workspace: string, sha256: string): string {
    // Both are checked by the caller; checked again because they become a file path.
    if (!isValidId(workspace) || !isSha256(sha256)) throw new Error('invalid blob name');
    return join(this.root, workspace, sha256);
  }

  /** The blob's size, or undefined when it is not stored. */
  async size(workspace: string, sha256: string): Promise<number | undefined> {
    try {
      return (await stat(this.path(workspace, sha256))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  read(workspace: string, sha256: string): ReadStream {
    return createReadStream(this.path(workspace, sha256));
  }

  /**
   * Stores the bytes of `body` as blob `sha256` of `workspace`. Reads at most `limit` bytes: a
   * larger body is refused without being kept. Resolves once the blob is on disk.
   */
  async put(workspace: string, sha256: string, body: Readable, limit: number): Promise<PutResult> {
    const final = this.path(workspace, sha256);
    const dir = join(this.root, workspace);
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    const file = await open(tmp, 'wx', 0o600);
    const hash = createHash('sha256');
    let size = 0;
    let outcome: PutResult | undefined;
    let writing: Promise<unknown> = Promise.resolve();
    try {
      await new Promise<void>((resolve) => {
        let settled = false;
        const settle = (o?: PutResult): void => {
          if (settled) return;
          settled = true;
          outcome = o;
          resolve();
        };
        body.on('data', (chunk: Buffer) => {
          if (settled) return; // an oversized body is discarded as it arrives
          size += chunk.length;
          if (size > limit) {
            settle({ ok: false, reason: 'too-large' });
            return;
          }
          hash.update(chunk);
          // Backpressure: the next chunk is read once this one is written.
          body.pause();
          writing = writing
            .then(() => file.write(chunk))
            .then(
              () => body.resume(),
              () => {
                body.resume();
                settle({ ok: false, reason: 'aborted' });
              },
            );
        });
        body.on('end', () => {
          void writing.then(() => settle());
        });
        body.on('error', () => settle({ ok: false, reason: 'aborted' }));
        body.on('close', () => {
          if (!body.readableEnded) settle({ ok: false, reason: 'aborted' });
        });
      });
      await writing.catch(() => undefined);
      if (!outcome) {
        const actual = hash.digest('hex');
        if (actual !== sha256) outcome = { ok: false, reason: 'mismatch', actual };
        else await file.sync();
      }
    } finally {
      await file.close();
    }
    if (outcome) {
      await unlink(tmp).catch(() => undefined);
      return outcome;
    }
    const existed = (await this.size(workspace, sha256)) !== undefined;
    // Same content under the same name: replacing an existing blob is harmless.
    await rename(tmp, final);
    await syncDir(dir);
    return { ok: true, created: !existed, size };
  }
}
