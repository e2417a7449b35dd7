// The workspace sync socket (`/sync/<workspaceId>?token=…`, protocol in @counterpart/protocol):
// HELLO with the device's cursor → WELCOME → every stored update after the cursor in pages, the
// last one marked `more: false` → live updates from then on. PUSH batches are stored durably
// before they are acknowledged; a viewer's are refused and nothing of them is stored.
import * as Y from 'yjs';
import {
  CLOSE, PROTOCOL_VERSION, ProtocolError, decode, encode, isValidId,
  type DocUpdate, type Role, type StoredUpdate,
} from '@counterpart/protocol';
import type { Connection } from './connection.ts';
import type { Hub, Peer } from './hub.ts';
import type { Metrics } from './metrics.ts';
import type { RelayStorage } from './storage.ts';

/** How long a device may take to say HELLO. */
export const HELLO_TIMEOUT_MS = 10_000;
/** One catch-up page: at most this many updates or about this many bytes. */
const PAGE_ITEMS = 2_000;
const PAGE_BYTES = 1024 * 1024;

/** Why an update cannot be stored, or undefined when it is a well-formed Yjs update. */
export function invalidUpdate(u: DocUpdate): string | undefined {
  if (!isValidId(u.docId)) return `doc id "${u.docId.slice(0, 40)}" is not valid`;
  if (u.update.byteLength === 0) return `the update of ${u.docId} is empty`;
  try {
    Y.decodeUpdate(u.update);
    return undefined;
  } catch {
    return `the update of ${u.docId} is not a Yjs update`;
  }
}

export function handleSyncConnection(
  conn: Connection,
  ctx: { workspace: string; role: Role },
  hub: Hub,
  storage: RelayStorage,
  metrics: Metrics,
): void {
  let said = false;
  const peer: Peer = {
    kind: 'sync',
    workspace: ctx.workspace,
    live: false,
    controlled: new Set(),
    sendUpdates: (items: readonly StoredUpdate[], head: number) => {
      conn.send(encode({ type: 'updates', items, head, more: false }));
    },
    sendDocUpdate: () => undefined,
    sendAwareness: (update) => {
      conn.send(encode({ type: 'awareness', update }));
    },
  };

  const helloTimer = setTimeout(() => conn.close(CLOSE.helloTimeout, 'no hello'), HELLO_TIMEOUT_MS);
  helloTimer.unref();

  async function catchUp(cursor: number): Promise<void> {
    let c = cursor;
    for (;;) {
      if (conn.isClosed) return;
      const items = storage.since(ctx.workspace, c, PAGE_ITEMS, PAGE_BYTES);
      const last = items.at(-1)?.seq ?? c;
      const end = items.length < PAGE_ITEMS && last >= storage.head(ctx.workspace);
      metrics.updatesOut += items.length;
      if (end) {
        // Read and marked live in one turn: a later commit is broadcast to this peer.
        peer.live = true;
        conn.send(encode({ type: 'updates', items, head: Math.max(last, c), more: false }));
        return;
      }
      await conn.sendAndWait(encode({ type: 'updates', items, head: last, more: true }));
      c = last;
    }
  }

  function push(batch: number, items: readonly DocUpdate[]): void {
    if (ctx.role === 'viewer') {
      metrics.refused++;
      conn.send(encode({ type: 'refused', batch, reason: 'viewers cannot change the workspace' }));
      return;
    }
    for (const it of items) {
      const bad = invalidUpdate(it);
      if (bad) {
        metrics.refused++;
        conn.send(encode({ type: 'refused', batch, reason: bad }));
        return;
      }
    }
    hub.append(peer, items).then(
      (r) => conn.send(encode({ type: 'ack', batch, head: r.head })),
      (err: unknown) => {
        // Not stored: the device keeps the batch in its outbox and pushes it again later.
        metrics.errors++;
        conn.close(CLOSE.serverError, `could not store: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
  }

  conn.listen(
    (frame) => {
      const m = decode(frame);
      if (!said) {
        if (m.type !== 'hello') throw new ProtocolError('the first message must be hello');
        said = true;
        clearTimeout(helloTimer);
        if (m.version !== PROTOCOL_VERSION) {
          conn.close(CLOSE.unsupportedVersion, `this relay speaks protocol ${PROTOCOL_VERSION}, not ${m.version}`);
          return;
        }
        hub.join(peer);
        conn.send(encode({ type: 'welcome', version: PROTOCOL_VERSION, role: ctx.role, head: storage.head(ctx.workspace) }));
        const presence = hub.awarenessSnapshot(ctx.workspace);
        if (presence) conn.send(encode({ type: 'awareness', update: presence }));
        // A cursor past the head comes from another relay's log (a restored backup): start over.
        const from = m.cursor > storage.head(ctx.workspace) ? 0 : m.cursor;
        catchUp(from).catch(() => {
          metrics.errors++;
          conn.close(CLOSE.serverError, 'catch-up failed');
        });
        return;
      }
      switch (m.type) {
        case 'push':
          push(m.batch, m.items);
          return;
        case 'awareness':
          hub.awareness(peer, m.update);
          return;
        default:
          throw new ProtocolError(`a device does not send ${m.type}`);
      }
    },
    () => {
      clearTimeout(helloTimer);
      hub.leave(peer);
    },
  );
}
