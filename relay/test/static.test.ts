import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type Relay } from '../src/index.ts';

const INDEX_HTML = '<!doctype html><title>Counterpart</title>';
const HTML = { accept: 'text/html,application/xhtml+xml' };

let tmp: string;
let relay: Relay;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'relay-static-'));
  const site = join(tmp, 'site');
  await mkdir(join(site, 'assets'), { recursive: true });
  await writeFile(join(site, 'index.html'), INDEX_HTML);
  await writeFile(join(site, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(join(site, 'manifest.webmanifest'), '{"name":"Counterpart"}');
  await writeFile(join(site, 'assets', 'index-abc123.js'), 'console.log(1);');
  await writeFile(join(site, 'assets', 'font-abc123.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  await writeFile(join(site, 'assets', 'logo-abc123.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(site, 'assets', 'engine-abc123.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  await writeFile(join(site, '.env'), 'SECRET=1');
  await writeFile(join(tmp, 'outside.txt'), 'must not be served');
  relay = await startRelay({ port: 0, dataDir: join(tmp, 'data'), staticDir: site });
});

afterAll(async () => {
  await relay.close();
  await rm(tmp, { recursive: true, force: true });
});

/** Sends the path byte-for-byte; fetch() would normalise `..` away before sending. */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${relay.url}/`, { path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('relay http', () => {
  it('reports health as JSON', async () => {
    const res = await fetch(`${relay.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: 'ok', version: expect.any(String) as string });
  });

  it('serves index.html at / without long-term caching', async () => {
    const res = await fetch(`${relay.url}/`, { headers: HTML });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(INDEX_HTML);
  });

  it('falls back to index.html for client-side routes', async () => {
    const res = await fetch(`${relay.url}/contacts/42`, { headers: HTML });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(INDEX_HTML);
  });

  it('does not fall back for non-navigation requests', async () => {
    const res = await fetch(`${relay.url}/contacts/42`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
  });

  it('answers 404 for a missing file with an extension, even for navigations', async () => {
    for (const path of ['/assets/missing-123.js', '/favicon.ico', '/contacts/report.pdf']) {
      const res = await fetch(`${relay.url}${path}`, { headers: HTML });
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('<title>');
    }
  });

  it('marks hashed assets immutable and sends correct MIME types', async () => {
    const cases: [string, string][] = [
      ['/assets/index-abc123.js', 'text/javascript; charset=utf-8'],
      ['/assets/font-abc123.woff2', 'font/woff2'],
      ['/assets/logo-abc123.svg', 'image/svg+xml'],
      ['/assets/engine-abc123.wasm', 'application/wasm'],
    ];
    for (const [path, type] of cases) {
      const res = await fetch(`${relay.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
      expect(res.headers.get('cache-control'), path).toBe('public, max-age=31536000, immutable');
      await res.arrayBuffer();
    }
  });

  it('revalidates the service worker and manifest on every load', async () => {
    const sw = await fetch(`${relay.url}/sw.js`);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    await sw.text();
    const manifest = await fetch(`${relay.url}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers.get('cache-control')).toBe('no-cache');
    await manifest.text();
  });

  it('answers conditional requests with 304', async () => {
    const first = await fetch(`${relay.url}/sw.js`);
    await first.text();
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const second = await fetch(`${relay.url}/sw.js`, { headers: { 'if-none-match': etag ?? '' } });
    expect(second.status).toBe(304);
  });

  it('supports HEAD with headers but no body', async () => {
    const res = await fetch(`${relay.url}/assets/index-abc123.js`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String('console.log(1);'.length));
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('');
    const health = await fetch(`${relay.url}/healthz`, { method: 'HEAD' });
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('');
  });

  it('rejects other methods', async () => {
    for (const path of ['/', '/healthz']) {
      const res = await fetch(`${relay.url}${path}`, { method: 'POST', body: 'x' });
      expect(res.status, path).toBe(405);
      expect(res.headers.get('allow'), path).toBe('GET, HEAD');
      await res.text();
    }
  });

  it('refuses path traversal', async () => {
    for (const path of [
      '/../outside.txt',
      '/assets/../../outside.txt',
      '/..%2foutside.txt',
      '/%2e%2e/outside.txt',
      '/assets/..%5c..%5coutside.txt',
      '/%00index.html',
      '/%E0%A4%A',
    ]) {
      const res = await rawGet(path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('must not be served');
    }
  });

  it('accepts absolute-form request targets', async () => {
    const res = await rawGet('http://relay.example/index.html');
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX_HTML);
  });

  it('does not serve dotfiles', async () => {
    const res = await fetch(`${relay.url}/.env`);
    expect(res.status).toBe(404);
  });
});

describe('relay without a built app', () => {
  it('starts and explains how to build', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'relay-unbuilt-'));
    const unbuilt = await startRelay({ port: 0, dataDir: join(dir, 'data'), staticDir: join(dir, 'missing') });
    try {
      const res = await fetch(`${unbuilt.url}/`, { headers: HTML });
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('The app is not built: run npm run build');
      const health = await fetch(`${unbuilt.url}/healthz`);
      expect(health.status).toBe(200);
      await health.text();
    } finally {
      await unbuilt.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
