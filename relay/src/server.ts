import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { handleHealth } from './health.ts';
import { log } from './log.ts';
import { requestPath } from './request-path.ts';
import { createStaticHandler, sendText, type RequestHandler } from './static.ts';

export interface RelayOptions {
  /** Interface to bind; defaults to loopback so a dev relay is not exposed by accident. */
  host?: string;
  /** 0 picks a free port (tests); the chosen port is reported back. */
  port?: number;
  /** Where the relay keeps its state; created if missing. */
  dataDir: string;
  /** Built PWA to serve (web/dist). Without it only the API routes answer. */
  staticDir?: string;
}

export interface Relay {
  url: string;
  port: number;
  /** Stops accepting connections and resolves once all are closed. Idempotent. */
  close(): Promise<void>;
}

/** In-flight requests get this long to finish before their sockets are cut. */
const CLOSE_GRACE_MS = 2_000;

/** Same default as main.ts's PORT, for callers that do not care. */
const DEFAULT_PORT = 8080;

export async function startRelay(opts: RelayOptions): Promise<Relay> {
  const host = opts.host ?? '127.0.0.1';
  await mkdir(resolve(opts.dataDir), { recursive: true });

  const serveStatic = opts.staticDir === undefined ? undefined : createStaticHandler(opts.staticDir);
  const route = createRouter(serveStatic);

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      failRequest(req, res, error);
    });
  });
  // The WebSocket sync endpoint will attach here via server.on('upgrade').

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen({ host, port: opts.port ?? DEFAULT_PORT }, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });

  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolveClose, rejectClose) => {
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
        // close() alone waits for keep-alive sockets to time out.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      });
      return closing;
    },
  };
}

/**
 * Dispatch by path. API routes are matched first and exactly; everything else
 * belongs to the PWA. New endpoints (sync, blobs) are added here.
 */
function createRouter(serveStatic: RequestHandler | undefined): RequestHandler {
  return async (req, res) => {
    const path = requestPath(req);
    if (path === undefined) {
      sendText(res, req, 400, 'Bad request\n');
      return;
    }
    if (path === '/healthz') {
      if (req.method === 'GET' || req.method === 'HEAD') handleHealth(req, res);
      else sendText(res, req, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    if (serveStatic === undefined) {
      sendText(res, req, 404, 'Not found\n');
      return;
    }
    await serveStatic(req, res);
  };
}

/** Last-resort handler: a bug in one request must never take the relay down. */
function failRequest(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  log({ event: 'request_failed', method: req.method, url: req.url, error: String(error) });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendText(res, req, 500, 'Internal server error\n');
}

/** A URL someone can paste: wildcard binds are reachable via localhost, IPv6 needs brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
