// The workspace sync protocol: every message between a device and the relay, declared once for
// both sides. One WebSocket per device carries a whole workspace: the device says where it is in
// the workspace's log (HELLO with a cursor), pushes its outbox in batches (PUSH, answered by ACK
// once durably stored, or REFUSED), and receives every stored update after its cursor and then
// live ones (UPDATES), each with the relay's per-workspace sequence number. Presence rides the
// same socket (AWARENESS, y-protocols awareness updates).
//
// Frames are binary: one type byte, then the fields in order. Integers are unsigned LEB128
// (at most 2^53 − 1), strings are a length and UTF-8, byte strings a length and the bytes.
// Decoding checks every length against what is left, so a truncated or garbled frame is a
// ProtocolError and never a partial message.

export const PROTOCOL_VERSION = 1;

/** Path of the workspace sync socket: `/sync/<workspaceId>?token=…`. */
export const SYNC_PATH = '/sync';
/** Path of the standard y-websocket endpoint: `/y/<workspaceId>/<docId>?token=…`. */
export const Y_PATH = '/y';

/** Largest frame either side sends or accepts. */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** Most items in one PUSH or UPDATES frame. */
export const MAX_BATCH_ITEMS = 5_000;
/** Longest doc id or workspace id. */
export const MAX_ID_LENGTH = 128;

export const ROLES = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
/**
 * A token's role: one of ROLES for people; `form` for a published web form, which may only post
 * new leads to its workspace through the relay's form endpoint; `ingest` for a till, web shop
 * or call centre, which may only append orders through `POST /api/workspaces/<id>/orders`; or
 * `calendar` for one member's calendar feed (claim `sub`), which may only read that feed. None
 * of these opens a socket or calls the rest of the API.
 */
export const TOKEN_ROLES = [...ROLES, 'form', 'ingest', 'calendar'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];
/** Where the relay serves a workspace's public web form: `/forms/<workspace>/<form token>`. */
export const FORMS_PATH = '/forms';
/** Where the relay serves a member's calendar feed: `/calendar/<workspace>/<calendar token>.ics`. */
export const CALENDAR_PATH = '/calendar';

/** Close codes of the sync and y-websocket sockets (4000–4999 are the application's). */
export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  tooLarge: 1009,
  serverError: 1011,
  /** No token, or one that does not parse or whose signature is wrong. */
  unauthenticated: 4001,
  /** The token has expired. */
  expired: 4002,
  /** The token was revoked by an owner. */
  revoked: 4003,
  /** The token is for another workspace. */
  wrongWorkspace: 4004,
  /** The device speaks a protocol version the relay does not. */
  unsupportedVersion: 4005,
  /** A frame that does not decode, or a message out of order. */
  malformed: 4006,
  /** Too many frames or bytes per second. */
  rateLimited: 4008,
  /** The device did not say HELLO in time. */
  helloTimeout: 4009,
  /** The device reads slower than the workspace changes; it reconnects and resumes from its cursor. */
  slowConsumer: 4010,
  /** An owner changed the role of the token's member; the device reconnects with the new role. */
  roleChanged: 4011,
} as const;
export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** The name of a close code, for logs and the app's status line. */
export function closeReason(code: number): string {
  for (const [name, c] of Object.entries(CLOSE)) if (c === code) return name;
  return `code ${code}`;
}

export const MSG = {
  hello: 1,
  welcome: 2,
  push: 3,
  ack: 4,
  refused: 5,
  updates: 6,
  awareness: 7,
} as const;

export interface DocUpdate {
  readonly docId: string;
  readonly update: Uint8Array;
}

export interface StoredUpdate extends DocUpdate {
  /** The relay's sequence number of this update in its workspace. */
  readonly seq: number;
}

export type Message =
  /** Device → relay, first message: protocol version and the last seq it has. */
  | { readonly type: 'hello'; readonly version: number; readonly cursor: number; readonly device: string }
  /** Relay → device: accepted; the device's role and the workspace's head seq. */
  | { readonly type: 'welcome'; readonly version: number; readonly role: Role; readonly head: number }
  /** Device → relay: updates from its outbox; `batch` is the device's own counter. */
  | { readonly type: 'push'; readonly batch: number; readonly items: readonly DocUpdate[] }
  /** Relay → device: the batch is durably stored. */
  | { readonly type: 'ack'; readonly batch: number; readonly head: number }
  /** Relay → device: the batch was not stored (a viewer's edits, an invalid update). */
  | { readonly type: 'refused'; readonly batch: number; readonly reason: string }
  /** Relay → device: stored updates in seq order; `more` while a catch-up continues. */
  | { readonly type: 'updates'; readonly items: readonly StoredUpdate[]; readonly head: number; readonly more: boolean }
  /** Both ways: a y-protocols awareness update (who is online, what they are viewing). */
  | { readonly type: 'awareness'; readonly update: Uint8Array };

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

// ---------------------------------------------------------------------------------------------
// Encoding

class Writer {
  private buf = new Uint8Array(256);
  private pos = 0;

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  uint(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new ProtocolError(`not an unsigned integer: ${n}`);
    this.room(8);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
  }

  bytes(b: Uint8Array): void {
    this.uint(b.byteLength);
    this.room(b.byteLength);
    this.buf.set(b, this.pos);
    this.pos += b.byteLength;
  }

  string(s: string): void {
    this.bytes(utf8.encode(s));
  }

  done(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function encode(m: Message): Uint8Array {
  const w = new Writer();
  w.byte(MSG[m.type]);
  switch (m.type) {
    case 'hello':
      w.uint(m.version);
      w.uint(m.cursor);
      w.string(m.device);
      break;
    case 'welcome':
      w.uint(m.version);
      w.string(m.role);
      w.uint(m.head);
      break;
    case 'push':
      w.uint(m.batch);
      w.uint(m.items.length);
      for (const it of m.items) {
        w.string(it.docId);
        w.bytes(it.update);
      }
      break;
    case 'ack':
      w.uint(m.batch);
      w.uint(m.head);
      break;
    case 'refused':
      w.uint(m.batch);
      w.string(m.reason);
      break;
    case 'updates':
      w.uint(m.items.length);
      for (const it of m.items) {
        w.uint(it.seq);
        w.string(it.docId);
        w.bytes(it.update);
      }
      w.uint(m.head);
      w.byte(m.more ? 1 : 0);
      break;
    case 'awareness':
      w.bytes(m.update);
      break;
  }
  return w.done();
}

// ---------------------------------------------------------------------------------------------
// Decoding

class Reader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.buf.length) throw new ProtocolError('frame ends early');
    return this.buf[this.pos++] as number;
  }

  uint(): number {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if (!Number.isSafeInteger(n)) throw new ProtocolError('integer too large');
      if (b < 0x80) return n;
      scale *= 0x80;
    }
    throw new ProtocolError('integer too long');
  }

  bytes(): Uint8Array {
    const len = this.uint();
    if (len > this.buf.length - this.pos) throw new ProtocolError('length beyond the end of the frame');
    const out = this.buf.slice(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  string(max = MAX_ID_LENGTH * 8): string {
    const b = this.bytes();
    if (b.length > max) throw new ProtocolError('string too long');
    try {
      return strictUtf8.decode(b);
    } catch {
      throw new ProtocolError('string is not UTF-8');
    }
  }

  id(what: string): string {
    const s = this.string(MAX_ID_LENGTH);
    if (!s || s.length > MAX_ID_LENGTH) throw new ProtocolError(`${what} must be 1–${MAX_ID_LENGTH} characters`);
    return s;
  }

  count(): number {
    const n = this.uint();
    if (n > MAX_BATCH_ITEMS) throw new ProtocolError(`more than ${MAX_BATCH_ITEMS} items`);
    return n;
  }

  end(): void {
    if (this.pos !== this.buf.length) throw new ProtocolError('bytes after the end of the message');
  }
}

/** Decodes one frame; throws ProtocolError for anything but exactly one well-formed message. */
export function decode(frame: Uint8Array): Message {
  if (frame.byteLength > MAX_FRAME_BYTES) throw new ProtocolError('frame too large');
  const r = new Reader(frame);
  const type = r.byte();
  let m: Message;
  switch (type) {
    case MSG.hello:
      m = { type: 'hello', version: r.uint(), cursor: r.uint(), device: r.string(MAX_ID_LENGTH) };
      break;
    case MSG.welcome: {
      const version = r.uint();
      const role = r.string();
      if (!(ROLES as readonly string[]).includes(role)) throw new ProtocolError(`unknown role "${role}"`);
      m = { type: 'welcome', version, role: role as Role, head: r.uint() };
      break;
    }
    case MSG.push: {
      const batch = r.uint();
      const n = r.count();
      const items: DocUpdate[] = [];
      for (let i = 0; i < n; i++) items.push({ docId: r.id('doc id'), update: r.bytes() });
      m = { type: 'push', batch, items };
      break;
    }
    case MSG.ack:
      m = { type: 'ack', batch: r.uint(), head: r.uint() };
      break;
    case MSG.refused:
      m = { type: 'refused', batch: r.uint(), reason: r.string() };
      break;
    case MSG.updates: {
      const n = r.count();
      const items: StoredUpdate[] = [];
      for (let i = 0; i < n; i++) items.push({ seq: r.uint(), docId: r.id('doc id'), update: r.bytes() });
      const head = r.uint();
      const more = r.byte();
      if (more > 1) throw new ProtocolError('bad flag');
      m = { type: 'updates', items, head, more: more === 1 };
      break;
    }
    case MSG.awareness:
      m = { type: 'awareness', update: r.bytes() };
      break;
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
  r.end();
  return m;
}

/** True for ids the relay stores: workspace and doc ids are short and printable. */
export function isValidId(id: string): boolean {
  return id.length > 0 && id.length <= MAX_ID_LENGTH && /^[\w.:-]+$/.test(id);
}
