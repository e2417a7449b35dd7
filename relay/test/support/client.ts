// A minimal device for relay tests: speaks the sync protocol over `ws` and records what it gets.
import WebSocket from 'ws';
import * as Y from 'yjs';
import { PROTOCOL_VERSION, decode, encode, type Message } from '@counterpart/protocol';

export interface TestDevice {
  ws: WebSocket;
  received: Message[];
  /** Resolves with the close code. */
  closed: Promise<{ code: number; reason: string }>;
  send(m: Message): void;
  /** Waits for the first received message matching `pred` (already received ones count). */
  next<T extends Message['type']>(type: T, pred?: (m: Extract<Message, { type: T }>) => boolean, timeoutMs?: number): Promise<Extract<Message, { type: T }>>;
  close(): Promise<void>;
}

export function syncUrl(base: string, workspace: string, token: string | undefined): string {
  const u = new URL(`/sync/${workspace}`, base.replace(/^http/, 'ws'));
  if (token !== undefined) u.searchParams.set('token', token);
  return u.href;
}

export function connect(url: string): TestDevice {
  const ws = new WebSocket(url);
  ws.binaryType = 'nodebuffer';
  const received: Message[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data: Buffer) => {
    received.push(decode(new Uint8Array(data)));
    for (const w of [...waiters]) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on('error', () => undefined);
  });
  const open = new Promise<void>((resolve) => ws.once('open', () => resolve()));
  return {
    ws,
    received,
    closed,
    send(m) {
      void open.then(() => ws.send(encode(m)));
    },
    next(type, pred, timeoutMs = 5000) {
      type M = Extract<Message, { type: typeof type }>;
      const find = (): M | undefined => received.find((m): m is M => m.type === type && (!pred || pred(m as M)));
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const m = find();
          if (m) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${type} within ${timeoutMs} ms; got ${received.map((m) => m.type).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      ws.close();
      await closed;
    },
  };
}

/** Connects, says hello from `cursor` and waits for the end of the catch-up. */
export async function device(base: string, workspace: string, token: string, cursor = 0): Promise<TestDevice> {
  const d = connect(syncUrl(base, workspace, token));
  d.send({ type: 'hello', version: PROTOCOL_VERSION, cursor, device: 'test' });
  await d.next('updates', (m) => !m.more);
  return d;
}

/** The update that sets `key` of the map `f` in a fresh record doc `guid` (a one-field edit). */
export function fieldUpdate(guid: string, key: string, value: unknown): Uint8Array {
  const doc = new Y.Doc({ guid });
  let out: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (out = u));
  doc.getMap('f').set(key, value);
  return out;
}
