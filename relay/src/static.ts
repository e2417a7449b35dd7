import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { contentTypeFor } from './mime.ts';
import { requestPath } from './request-path.ts';

/**
 * Serves the built PWA (web/dist) with the caching rules a service-worker
 * app needs: hashed files under /assets/ are immutable, everything else is
 * revalidated on every load so a new deploy (new index.html, sw.js, manifest)
 * is picked up. Client-side routes fall back to index.html.
 */

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export const NOT_BUILT_MESSAGE = 'The app is not built: run npm run build\n';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export function createStaticHandler(staticDir: string): RequestHandler {
  const root = resolve(staticDir);

  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, req, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }

    const urlPath = requestPath(req);
    if (urlPath === undefined) {
      sendText(res, req, 400, 'Bad request\n');
      return;
    }

    // Checked per request (one stat) so building the app while the relay
    // runs needs no restart.
    const indexFile = join(root, 'index.html');
    const indexStats = await statFile(indexFile);
    if (indexStats === undefined) {
      sendText(res, req, 503, NOT_BUILT_MESSAGE);
      return;
    }

    const relative = urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath;
    const filePath = join(root, relative);
    // Defence in depth behind requestPath: nothing outside the root, ever.
    if (!filePath.startsWith(root + sep)) {
      sendText(res, req, 400, 'Bad request\n');
      return;
    }

    const fileStats = isHidden(relative) ? undefined : await statFile(filePath);
    if (fileStats !== undefined) {
      await sendFile(req, res, filePath, fileStats, relative);
      return;
    }

    // SPA fallback: a browser navigating to a client-side route (/contacts/42)
    // gets the app shell. A missing *file* (anything with an extension) is a
    // real 404, so a stale script or image URL fails loudly instead of
    // receiving HTML with status 200.
    if (isNavigation(req) && extname(relative) === '') {
      await sendFile(req, res, indexFile, indexStats, '/index.html');
      return;
    }

    sendText(res, req, 404, 'Not found\n');
  };
}

/** Dotfiles are never part of a build; `.well-known` is the one standard exception. */
function isHidden(relative: string): boolean {
  return relative.split('/').some((segment) => segment.startsWith('.') && segment !== '.well-known');
}

function isNavigation(req: IncomingMessage): boolean {
  if (req.headers['sec-fetch-mode'] === 'navigate') return true;
  return (req.headers.accept ?? '').includes('text/html');
}

/** Only regular files count; directories and missing paths are both "absent". */
async function statFile(filePath: string): Promise<Stats | undefined> {
  try {
    const stats = await stat(filePath);
    return stats.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  filePath: string,
  stats: Stats,
  relative: string,
): Promise<void> {
  // Weak validator: size + mtime is enough for build output and costs no read.
  const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
  const headers = {
    'Content-Type': contentTypeFor(filePath),
    'Cache-Control': relative.startsWith('/assets/') ? IMMUTABLE : REVALIDATE,
    ETag: etag,
    'Last-Modified': stats.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
  };

  if (matchesEtag(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }

  res.writeHead(200, { ...headers, 'Content-Length': stats.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    // pipeline destroys the response if the read fails half-way, which is the
    // only honest signal left once the headers are out.
    await pipeline(createReadStream(filePath), res);
  } catch (error) {
    // A client that navigates away mid-download is routine, not a failure.
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    throw error;
  }
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || `W/${tag}` === etag;
  });
}

export function sendText(
  res: ServerResponse,
  req: IncomingMessage,
  status: number,
  body: string,
  extraHeaders: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
