// Attachment contents on a real relay (port 0): PUT and GET /api/workspaces/<ws>/blobs/<sha256>.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BLOB_BYTES, blobPath } from '@counterpart/protocol';
import { startRelay, type Relay } from '../src/server.ts';

const SECRET = 'blob-test-secret-of-enough-length';

let dir: string;
let relay: Relay;
let owner: string;
let editor: string;
let viewer: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cp-relay-blobs-'));
  relay = await startRelay({ port: 0, dataDir: dir, secret: SECRET, log: () => undefined });
  owner = relay.auth.issue({ workspace: 'ws1', role: 'owner' });
  editor = relay.auth.issue({ workspace: 'ws1', role: 'editor' });
  viewer = relay.auth.issue({ workspace: 'ws1', role: 'viewer' });
});

afterEach(async () => {
  await relay.close();
  rmSync(dir, { recursive: true, force: true });
});

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function put(workspace: string, name: string, body: Uint8Array, token?: string): Promise<Response> {
  return fetch(relay.url + blobPath(workspace, name), {
    method: 'PUT',
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    body: body as Uint8Array<ArrayBuffer>,
  });
}

function get(workspace: string, name: string, token?: string): Promise<Response> {
  return fetch(relay.url + blobPath(workspace, name), { headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

const photo = new TextEncoder().encode('a photo of the shelf, pretending to be a JPEG');

describe('blobs on the relay', () => {
  it('stores a blob an editor uploads under its SHA-256 and gives it back byte for byte to every role', async () => {
    const name = sha(photo);
    const res = await put('ws1', name, photo, editor);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ sha256: name, size: photo.length });
    for (const token of [owner, editor, viewer]) {
      const back = await get('ws1', name, token);
      expect(back.status).toBe(200);
      expect(back.headers.get('content-type')).toBe('application/octet-stream');
      expect(new Uint8Array(await back.arrayBuffer())).toEqual(photo);
    }
    expect(readdirSync(join(dir, 'blobs', 'ws1'))).toEqual([name]);
  });

  it('takes the same blob again without change (idempotent re-upload)', async () => {
    const name = sha(photo);
    expect((await put('ws1', name, photo, owner)).status).toBe(201);
    const again = await put('ws1', name, photo, editor);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ sha256: name, size: photo.length });
    expect(new Uint8Array(await (await get('ws1', name, viewer)).arrayBuffer())).toEqual(photo);
    expect(readdirSync(join(dir, 'blobs', 'ws1'))).toEqual([name]);
  });

  it('refuses a body whose SHA-256 is not its name, and keeps nothing', async () => {
    const name = sha(new TextEncoder().encode('something else'));
    const res = await put('ws1', name, photo, editor);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(sha(photo));
    expect((await get('ws1', name, editor)).status).toBe(404);
    expect(readdirSync(join(dir, 'blobs', 'ws1'))).toEqual([]);
  });

  it('refuses a body over the limit with 413, declared or streamed, and keeps nothing', async () => {
    const big = new Uint8Array(MAX_BLOB_BYTES + 1);
    const declared = await put('ws1', sha(big), big, editor);
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: string }).error).toMatch(/larger than 25 MB/);

    // Chunked: the size is only known while reading.
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(relay.url + blobPath('ws1', sha(big)), { method: 'PUT', headers: { Authorization: `Bearer ${editor}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = new Uint8Array(1024 * 1024);
      for (let i = 0; i <= MAX_BLOB_BYTES / chunk.length; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
    expect(readdirSync(join(dir, 'blobs', 'ws1'))).toEqual([]);
  });

  it('lets a viewer read but not upload', async () => {
    const name = sha(photo);
    const res = await put('ws1', name, photo, viewer);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/viewer/);
    expect((await get('ws1', name, viewer)).status).toBe(404);
  });

  it('needs a valid token for that workspace', async () => {
    const name = sha(photo);
    expect((await put('ws1', name, photo)).status).toBe(401);
    expect((await put('ws1', name, photo, 'cp1.bogus.token')).status).toBe(401);
    expect((await put('ws1', name, photo, owner)).status).toBe(201);
    const elsewhere = relay.auth.issue({ workspace: 'ws2', role: 'owner' });
    const wrong = await get('ws1', name, elsewhere);
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: string }).error).toMatch(/another workspace/);
    expect((await put('ws1', name, photo, elsewhere)).status).toBe(403);
    expect((await get('ws1', name)).status).toBe(401);
    // Workspaces do not share blobs: ws2 has none of ws1's.
    expect((await get('ws2', name, elsewhere)).status).toBe(404);
  });

  it('refuses names that are not a SHA-256 and methods it does not serve', async () => {
    expect((await put('ws1', 'not-a-digest', photo, owner)).status).toBe(400);
    expect((await put('ws1', sha(photo).toUpperCase(), photo, owner)).status).toBe(400);
    const del = await fetch(relay.url + blobPath('ws1', sha(photo)), { method: 'DELETE', headers: { Authorization: `Bearer ${owner}` } });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD, PUT');
  });

  it('keeps stored blobs across a restart', async () => {
    const name = sha(photo);
    expect((await put('ws1', name, photo, editor)).status).toBe(201);
    await relay.close();
    relay = await startRelay({ port: 0, dataDir: dir, secret: SECRET, log: () => undefined });
    expect(new Uint8Array(await (await get('ws1', name, viewer)).arrayBuffer())).toEqual(photo);
  });
});
