import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { CALENDAR_PATH, CLOSE, FORMS_PATH, MAX_FRAME_BYTES, SYNC_PATH, Y_PATH, isValidId } from '@counterpart/protocol';
import { createApiHandler } from './api.ts';
import { createCalendarHandler, type CalendarLimits } from './calendar.ts';
import { createFormsHandler, type FormLimits } from './forms.ts';
import { createOrdersHandler, type OrderLimits } from './orders.ts';
import { Auth } from './auth.ts';
import { BlobStore } from './blobs.ts';
import { Connection, DEFAULT_LIMITS, type Limits } from './connection.ts';
import { handleHealth } from './health.ts';
import { Hub } from './hub.ts';
import { log, type Logger } from './log.ts';
import { Metrics } from './metrics.ts';
import { requestPath } from './request-path.ts';
import { createStaticHandler, sendText, type RequestHandler } from './static.ts';
import { RelayStorage } from './storage.ts';
import { handleSyncConnection } from './sync.ts';
import { handleYConnection } from './ysocket.ts';

export interface RelayOptions {
  /** Interface to bind; defaults to loopback so a dev relay is not exposed by accident. */
  host?: string;
  /** 0 picks a free port (tests); the chosen port is reported back. */
  port?: number;
  /** Where the relay keeps its state; created if missing. */
  dataDir: string;
  /** Built PWA to serve (web/dist). Without it only the API routes answer. */
  staticDir?: string;
  /** Signs and checks tokens; without it one is generated and kept in `dataDir`. */
  secret?: string;
  /** Per-connection limits (tests lower them). */
  limits?: Partial<Limits>;
  /** Where connection events are logged; stdout (one JSON line each) by default. */
  log?: Logger;
  /** Rate limits of the public web forms (tests lower them). */
  formLimits?: FormLimits;
  /** Rate limits of the order ingestion endpoint (tests lower them). */
  orderLimits?: OrderLimits;
  /** Rate limits of the calendar feeds (tests lower them). */
  calendarLimits?: CalendarLimits;
}

export interface Relay {
  url: string;
  port: number;
  /** Issues and revokes tokens with this relay's secret. */
  auth: Auth;
  metrics: Metrics;
  hub: Hub;
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

  const auth = await Auth.open(opts.dataDir, opts.secret);
  const storage = RelayStorage.open(opts.dataDir);
  const metrics = new Metrics();
  const hub = new Hub(storage, metrics);
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };

  const serveStatic = opts.staticDir === undefined ? undefined : createStaticHandler(opts.staticDir);
  const forms = createFormsHandler(auth, storage, hub, opts.formLimits, opts.log ?? log);
  const orders = createOrdersHandler(auth, storage, hub, opts.orderLimits, opts.log ?? log);
  const calendars = createCalendarHandler(auth, storage, opts.calendarLimits, opts.log ?? log);
  const api = createApiHandler(auth, new BlobStore(opts.dataDir));
  const route = createRouter(serveStatic, async (req, res) => (await orders(req, res)) || (await calendars.api(req, res)) || api(req, res), forms, calendars.feed, metrics);

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      failRequest(req, res, error);
    });
  });

  // Open connections by token id, so a revoked token's connections close at once.
  const byToken = new Map<string, Set<{ conn: Connection; workspace: string }>>();
  auth.onRevoke((jti, workspace) => {
    for (const c of byToken.get(jti) ?? []) {
      if (workspace === undefined || c.workspace === workspace) c.conn.close(CLOSE.revoked, 'token revoked');
    }
  });
  auth.onRoleChange((jtis, workspace) => {
    for (const jti of jtis) {
      for (const c of byToken.get(jti) ?? []) if (c.workspace === workspace) c.conn.close(CLOSE.roleChanged, 'role changed');
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const target = socketTarget(req);
    if (!target) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      const context = { kind: target.kind, workspace: target.workspace, ...(target.docId ? { doc: target.docId } : {}) };
      const conn = new Connection(ws, metrics, limits, context, opts.log ?? log);
      // Checked before anything is read or sent: a refused connection gets no data.
      const verdict = auth.verify(target.token, target.workspace);
      if (!verdict.ok) {
        conn.listen(() => undefined, () => undefined);
        conn.close(verdict.code, verdict.reason);
        return;
      }
      const { jti } = verdict.claims;
      let open = byToken.get(jti);
      if (!open) byToken.set(jti, (open = new Set()));
      open.add({ conn, workspace: target.workspace });
      const entry = [...open].at(-1);
      ws.on('close', () => {
        if (entry) open.delete(entry);
        if (!open.size) byToken.delete(jti);
      });
      const ctx = { workspace: target.workspace, role: verdict.claims.role };
      if (target.kind === 'sync') handleSyncConnection(conn, ctx, hub, storage, metrics);
      else handleYConnection(conn, { ...ctx, docId: target.docId ?? '' }, hub, storage, metrics);
    });
  });

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
    auth,
    metrics,
    hub,
    close() {
      closing ??= (async () => {
        for (const ws of sockets) ws.close(CLOSE.goingAway, 'relay shutting down');
        await new Promise<void>((resolveClose, rejectClose) => {
          server.close((error) => (error ? rejectClose(error) : resolveClose()));
          // close() alone waits for keep-alive sockets to time out.
          server.closeIdleConnections();
          setTimeout(() => {
            server.closeAllConnections();
            for (const ws of sockets) ws.terminate();
          }, CLOSE_GRACE_MS).unref();
        });
        wss.close();
        hub.close();
        calendars.directory.close();
        await storage.close();
      })();
      return closing;
    },
  };
}

/**
 * Dispatch by path. API routes are matched first and exactly; everything else
 * belongs to the PWA. New endpoints (sync, blobs) are added here.
 */
function createRouter(
  serveStatic: RequestHandler | undefined,
  api: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>,
  forms: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>,
  calendars: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>,
  metrics: Metrics,
): RequestHandler {
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
    if (path === '/metrics') {
      if (req.method === 'GET' || req.method === 'HEAD') sendText(res, req, 200, metrics.render(), { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
      else sendText(res, req, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    if (path.startsWith('/api/')) {
      if (!(await api(req, res))) sendText(res, req, 404, 'Not found\n');
      return;
    }
    if (path.startsWith(`${FORMS_PATH}/`)) {
      if (!(await forms(req, res))) sendText(res, req, 404, 'Not found\n');
      return;
    }
    if (path.startsWith(`${CALENDAR_PATH}/`)) {
      if (!(await calendars(req, res))) sendText(res, req, 404, 'Not found\n');
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

interface SocketTarget {
  kind: 'sync' | 'y';
  workspace: string;
  docId?: string;
  token: string | null;
}

/** `/sync/<workspace>` or `/y/<workspace>/<doc>`, with `?token=`; anything else is no socket. */
function socketTarget(req: IncomingMessage): SocketTarget | undefined {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://relay');
  } catch {
    return undefined;
  }
  const parts = url.pathname.split('/').slice(1).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return '';
    }
  });
  const token = url.searchParams.get('token');
  if (`/${parts[0]}` === SYNC_PATH && parts.length === 2 && isValidId(parts[1] ?? '')) {
    return { kind: 'sync', workspace: parts[1] ?? '', token };
  }
  if (`/${parts[0]}` === Y_PATH && parts.length === 3 && isValidId(parts[1] ?? '') && isValidId(parts[2] ?? '')) {
    return { kind: 'y', workspace: parts[1] ?? '', docId: parts[2] ?? '', token };
  }
  return undefined;
}

/** A URL someone can paste: wildcard binds are reachable via localhost, IPv6 needs brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
