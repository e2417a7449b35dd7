// The standard y-websocket protocol, for any stock client: `ws://HOST:PORT/y/<workspaceId>/<docId>`
// with `?token=…`. The relay answers sync step 1 from the doc's stored updates (merged and
// diffed as bytes, no Y.Doc), stores the client's updates in the workspace log — so app devices
// receive them like any other — and relays presence. A viewer's updates are refused with the
// protocol's permission-denied message and not stored.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Role } from '@counterpart/protocol';
import type { Connection } from './connection.ts';
import type { Hub, Peer } from './hub.ts';
import type { Metrics } from './metrics.ts';
import type { RelayStorage } from './storage.ts';
import { invalidUpdate } from './sync.ts';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_QUERY_AWARENESS = 3;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** An update that changes nothing (no structs, no deletions). */
const EMPTY_UPDATE = Uint8Array.from([0, 0]);

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

function syncFrame(step: number, payload: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, payload);
  });
}

function awarenessFrame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });
}

/** Reads a length-prefixed byte string, refusing lengths past the end of the frame. */
function readBytes(d: decoding.Decoder): Uint8Array {
  const len = decoding.readVarUint(d);
  if (len > d.arr.length - d.pos) throw new Error('length beyond the end of the frame');
  return decoding.readUint8Array(d, len);
}

function isEmpty(update: Uint8Array): boolean {
  return update.length === EMPTY_UPDATE.length && update[0] === 0 && update[1] === 0;
}

export function handleYConnection(
  conn: Connection,
  ctx: { workspace: string; docId: string; role: Role },
  hub: Hub,
  storage: RelayStorage,
  metrics: Metrics,
): void {
  const peer: Peer = {
    kind: 'y',
    workspace: ctx.workspace,
    docId: ctx.docId,
    live: true,
    controlled: new Set(),
    sendUpdates: () => undefined,
    sendDocUpdate: (update) => {
      conn.send(syncFrame(SYNC_UPDATE, update));
    },
    sendAwareness: (update) => {
      conn.send(awarenessFrame(update));
    },
  };
  hub.join(peer);

  const state = (): Uint8Array => storage.docState(ctx.workspace, ctx.docId) ?? EMPTY_UPDATE;

  // The relay's step 1: the client answers with what the relay does not have.
  conn.send(syncFrame(SYNC_STEP1, Y.encodeStateVectorFromUpdate(state())));
  const presence = hub.awarenessSnapshot(ctx.workspace);
  if (presence) conn.send(awarenessFrame(presence));

  function store(update: Uint8Array): void {
    if (isEmpty(update)) return;
    if (ctx.role === 'viewer') {
      metrics.refused++;
      conn.send(frame((e) => {
        encoding.writeVarUint(e, MESSAGE_AUTH);
        encoding.writeVarUint(e, 0);
        encoding.writeVarString(e, 'viewers cannot change the workspace');
      }));
      return;
    }
    const bad = invalidUpdate({ docId: ctx.docId, update });
    if (bad) throw new Error(bad);
    hub.append(peer, [{ docId: ctx.docId, update }]).catch((err: unknown) => {
      metrics.errors++;
      conn.close(1011, `could not store: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  conn.listen(
    (bytes) => {
      const d = decoding.createDecoder(bytes);
      const type = decoding.readVarUint(d);
      switch (type) {
        case MESSAGE_SYNC: {
          const step = decoding.readVarUint(d);
          const payload = readBytes(d);
          if (step === SYNC_STEP1) conn.send(syncFrame(SYNC_STEP2, Y.diffUpdate(state(), payload)));
          else if (step === SYNC_STEP2 || step === SYNC_UPDATE) store(payload);
          else throw new Error(`unknown sync step ${step}`);
          break;
        }
        case MESSAGE_AWARENESS:
          hub.awareness(peer, readBytes(d));
          break;
        case MESSAGE_QUERY_AWARENESS: {
          const snapshot = hub.awarenessSnapshot(ctx.workspace);
          if (snapshot) conn.send(awarenessFrame(snapshot));
          break;
        }
        default:
          throw new Error(`unknown y-websocket message ${type}`);
      }
    },
    () => hub.leave(peer),
  );
}
