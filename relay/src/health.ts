import type { IncomingMessage, ServerResponse } from 'node:http';
import { RELAY_VERSION } from './version.ts';

/**
 * Liveness probe for the Playwright web server, CI and process supervisors.
 * It answers as soon as the HTTP server is listening and never touches the
 * disk, so it stays cheap enough to poll.
 */
export function handleHealth(req: IncomingMessage, res: ServerResponse): void {
  const body = JSON.stringify({ status: 'ok', version: RELAY_VERSION });
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
