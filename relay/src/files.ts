// Small durable files under DATA_DIR (the token secret, revocations, access): written to a
// temporary file, fsynced, then renamed or linked into place, so a crash leaves either the old
// file or the new one, never half of one.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export function tempPath(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/** Creates `path` (never an existing file), writes and fsyncs it. */
export async function writeDurably(path: string, text: string, mode: number): Promise<void> {
  const file = await open(path, 'wx', mode);
  try {
    await file.writeFile(text, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Replaces `<dir>/<name>` with `value` as JSON, durably (mode 0600). */
export async function saveJson(dir: string, name: string, value: unknown): Promise<void> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  const tmp = tempPath(path);
  try {
    await writeDurably(tmp, `${JSON.stringify(value, null, 2)}\n`, 0o600);
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
  await syncDir(dir);
}

/** Makes a rename or link durable; some platforms cannot open a directory, which is fine. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the file itself is already on disk.
  }
}

export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
