// ".cpw" workspace snapshots: a whole workspace as one file of per-record Yjs updates.
//
// Layout:
//   COUNTERPART-WORKSPACE 1\n                      magic and format version
//   {"workspaceId", "name", "size", "seed", "end", "schemaVersion", "counts"}\n
//                                                  one line of JSON (JSON.stringify never
//                                                  emits a raw newline)
//   frame*                                         one per record doc, until the end of file
// frame = varuint(byte length of doc id) · doc id (UTF-8) · varuint(update length) · update,
// with lib0's varuint (7 bits per byte, little end first — what Yjs itself uses). The update is
// the record doc's full state (encodeNewRecord of the model), so applying it to
// `new Y.Doc({ guid: docId })` gives the record.
//
// `counts` is in the header, not a trailer: the generator knows its exact counts up front
// (expectedCounts), so a reader can size progress bars and preallocate before the first frame.
// The writer checks the frames it wrote against the header and throws if they differ; the
// reader checks them at the end, which also catches a file cut exactly between two frames.
//
// The reader works on a whole buffer (readSnapshot) or incrementally on chunks from a stream
// (readSnapshotStream), both through one parser that tells "need more bytes" from "malformed".
import { encodeNewRecord, ID_PREFIX, SCHEMA_VERSION, type CollectionName } from '@counterpart/model';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { GeneratedRecord } from './record.ts';
import { expectedCounts, type Size } from './sizes.ts';

export const SNAPSHOT_MAGIC = 'COUNTERPART-WORKSPACE 1\n';
const MAGIC_BYTES = new TextEncoder().encode(SNAPSHOT_MAGIC);
const MAGIC_PREFIX = new TextEncoder().encode('COUNTERPART-WORKSPACE ');
/** Header JSON longer than this without a newline is not a header. */
const MAX_HEADER_BYTES = 1 << 20;

/** The Yjs client id of every generated record doc: fixed so snapshots are byte-identical. */
export const SNAPSHOT_CLIENT_ID = 1;

export interface SnapshotHeader {
  readonly workspaceId: string;
  readonly name: string;
  readonly size?: Size;
  readonly seed?: number;
  /** Last day of the generated window (YYYY-MM-DD). */
  readonly end?: string;
  readonly schemaVersion: number;
  /** Exact number of frames per collection. */
  readonly counts: Readonly<Partial<Record<CollectionName, number>>>;
}

export interface Frame {
  readonly docId: string;
  readonly update: Uint8Array;
}

export class SnapshotFormatError extends Error {
  override readonly name = 'SnapshotFormatError';
}

/** The header of a generated demo workspace. */
export function demoHeader(size: Size, seed: number, end: string): SnapshotHeader {
  return {
    workspaceId: `demo-${size}-${seed}`,
    name: `Counterpart demo (${size.toUpperCase()}, seed ${seed})`,
    size,
    seed,
    end,
    schemaVersion: SCHEMA_VERSION,
    counts: expectedCounts(size),
  };
}

/** The record doc of a generated record, as a frame. */
export function recordFrame(r: GeneratedRecord): Frame {
  const { update } = encodeNewRecord(r.collection, r.id, r.values, { now: r.created, clientID: SNAPSHOT_CLIENT_ID });
  return { docId: r.id, update };
}

export function* recordFrames(records: Iterable<GeneratedRecord>): Generator<Frame> {
  for (const r of records) yield recordFrame(r);
}

export function encodeHeader(header: SnapshotHeader): Uint8Array {
  const json = JSON.stringify({
    workspaceId: header.workspaceId,
    name: header.name,
    size: header.size,
    seed: header.seed,
    end: header.end,
    schemaVersion: header.schemaVersion,
    counts: header.counts,
  });
  return new TextEncoder().encode(`${SNAPSHOT_MAGIC}${json}\n`);
}

// Collection of a doc id by its prefix: a map lookup, cheaper than collectionOfId's regex for
// millions of frames. Ids that are not record ids count under "?".
const BY_PREFIX = new Map(Object.entries(ID_PREFIX).map(([c, p]) => [`${p}_`, c]));

function tally(counts: Partial<Record<string, number>>, docId: string): void {
  const c = BY_PREFIX.get(docId.slice(0, 4)) ?? '?';
  counts[c] = (counts[c] ?? 0) + 1;
}

function countsDiffer(expected: Readonly<Partial<Record<string, number>>>, actual: Readonly<Partial<Record<string, number>>>): string | undefined {
  for (const k of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const e = expected[k] ?? 0;
    const a = actual[k] ?? 0;
    if (e !== a) return `${k}: header says ${e}, found ${a}`;
  }
  return undefined;
}

/** Accumulates encoded frames; take() returns the bytes so far and starts over. */
export class FrameEncoder {
  private enc = encoding.createEncoder();
  /** Frames per collection added so far (over all takes). */
  readonly counts: Partial<Record<string, number>> = {};

  add(f: Frame): void {
    encoding.writeVarString(this.enc, f.docId);
    encoding.writeVarUint8Array(this.enc, f.update);
    tally(this.counts, f.docId);
  }

  get length(): number {
    return encoding.length(this.enc);
  }

  take(): Uint8Array {
    const bytes = encoding.toUint8Array(this.enc);
    this.enc = encoding.createEncoder();
    return bytes;
  }
}

/** Throws when frames written do not match the header's counts. */
export function checkCounts(header: SnapshotHeader, written: Readonly<Partial<Record<string, number>>>): void {
  const diff = countsDiffer(header.counts, written);
  if (diff) throw new SnapshotFormatError(`snapshot frames do not match the header counts (${diff})`);
}

/**
 * Encodes a snapshot as a stream of chunks of about `chunkBytes` (the header first). Throws
 * after the last frame if the frames do not match the header's counts.
 */
export function* encodeSnapshot(header: SnapshotHeader, frames: Iterable<Frame>, chunkBytes = 1 << 16): Generator<Uint8Array> {
  yield encodeHeader(header);
  const enc = new FrameEncoder();
  for (const f of frames) {
    enc.add(f);
    if (enc.length >= chunkBytes) yield enc.take();
  }
  if (enc.length > 0) yield enc.take();
  checkCounts(header, enc.counts);
}

/** Where bytes go: a node:fs WriteStream, or anything with the same write/drain contract. */
export interface ByteSink {
  write(chunk: Uint8Array): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/** Writes a snapshot to a stream, waiting for 'drain' whenever the stream's buffer is full. */
export async function writeSnapshot(sink: ByteSink, header: SnapshotHeader, frames: Iterable<Frame>): Promise<{ bytes: number }> {
  let bytes = 0;
  for (const chunk of encodeSnapshot(header, frames)) {
    bytes += chunk.length;
    if (!sink.write(chunk)) await new Promise<void>((resolve) => sink.once('drain', resolve));
  }
  return { bytes };
}

/** Encodes a whole snapshot into one buffer (tests, small workspaces). */
export function snapshotBytes(header: SnapshotHeader, frames: Iterable<Frame>): Uint8Array {
  const chunks = [...encodeSnapshot(header, frames)];
  const out = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function parseHeaderJson(text: string): SnapshotHeader {
  let h: unknown;
  try {
    h = JSON.parse(text);
  } catch {
    throw new SnapshotFormatError('snapshot header is not valid JSON');
  }
  if (typeof h !== 'object' || h === null) throw new SnapshotFormatError('snapshot header must be a JSON object');
  const o = h as Record<string, unknown>;
  if (typeof o.workspaceId !== 'string' || typeof o.name !== 'string') {
    throw new SnapshotFormatError('snapshot header needs a workspaceId and a name');
  }
  if (typeof o.schemaVersion !== 'number') throw new SnapshotFormatError('snapshot header needs a schemaVersion');
  if (typeof o.counts !== 'object' || o.counts === null || Object.values(o.counts).some((v) => !Number.isSafeInteger(v) || (v as number) < 0)) {
    throw new SnapshotFormatError('snapshot header needs counts: a number of records per collection');
  }
  return o as unknown as SnapshotHeader;
}

const END_OF_ARRAY = 'Unexpected end of array';

/**
 * Incremental parser: push bytes as they arrive, take frames while complete ones are buffered,
 * and finish() at the end of input.
 */
export class SnapshotParser {
  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;
  /** Bytes consumed before `buf` (for error positions). */
  private offset = 0;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  header: SnapshotHeader | undefined;
  frames = 0;
  private readonly seen: Partial<Record<string, number>> = {};

  push(chunk: Uint8Array): void {
    if (this.pos >= this.buf.length) {
      this.offset += this.buf.length;
      this.buf = chunk;
    } else {
      const rest = this.buf.subarray(this.pos);
      const next = new Uint8Array(rest.length + chunk.length);
      next.set(rest);
      next.set(chunk, rest.length);
      this.offset += this.pos;
      this.buf = next;
    }
    this.pos = 0;
  }

  /** Parses the header once its line is complete; throws at once on a wrong magic. */
  readHeader(): SnapshotHeader | undefined {
    if (this.header) return this.header;
    const avail = this.buf.subarray(this.pos);
    const n = Math.min(avail.length, MAGIC_PREFIX.length);
    for (let i = 0; i < n; i++) {
      if (avail[i] !== MAGIC_PREFIX[i]) {
        throw new SnapshotFormatError(`not a Counterpart workspace snapshot: it must start with "${SNAPSHOT_MAGIC.trim()}"`);
      }
    }
    const firstNl = avail.indexOf(10);
    if (firstNl < 0) {
      if (avail.length > 64) throw new SnapshotFormatError('not a Counterpart workspace snapshot: bad first line');
      return undefined;
    }
    if (firstNl !== MAGIC_BYTES.length - 1 || avail.subarray(0, firstNl).some((b, i) => b !== MAGIC_BYTES[i])) {
      const line = new TextDecoder().decode(avail.subarray(0, firstNl));
      throw new SnapshotFormatError(`unsupported snapshot format "${line}": this reader understands "${SNAPSHOT_MAGIC.trim()}"`);
    }
    const jsonEnd = avail.indexOf(10, firstNl + 1);
    if (jsonEnd < 0) {
      if (avail.length > MAX_HEADER_BYTES) throw new SnapshotFormatError('snapshot header line is too long');
      return undefined;
    }
    const json = new TextDecoder().decode(avail.subarray(firstNl + 1, jsonEnd));
    this.header = parseHeaderJson(json);
    this.pos += jsonEnd + 1;
    return this.header;
  }

  /** The next complete frame, or undefined if more bytes are needed. */
  nextFrame(): Frame | undefined {
    if (!this.header && !this.readHeader()) return undefined;
    if (this.pos >= this.buf.length) return undefined;
    const dec = decoding.createDecoder(this.buf);
    dec.pos = this.pos;
    try {
      const idBytes = decoding.readVarUint8Array(dec);
      const update = decoding.readVarUint8Array(dec);
      let docId: string;
      try {
        docId = this.utf8.decode(idBytes);
      } catch {
        throw this.error('its doc id is not UTF-8');
      }
      if (!docId) throw this.error('its doc id is empty');
      this.pos = dec.pos;
      this.frames++;
      tally(this.seen, docId);
      return { docId, update };
    } catch (e) {
      if (e instanceof Error && e.message === END_OF_ARRAY) return undefined; // incomplete: wait for more
      if (e instanceof SnapshotFormatError) throw e;
      throw this.error(e instanceof Error ? e.message : String(e));
    }
  }

  private error(what: string): SnapshotFormatError {
    return new SnapshotFormatError(`corrupt snapshot: frame ${this.frames + 1} at byte ${this.offset + this.pos}: ${what}`);
  }

  /** Call at the end of input: throws if the input stopped inside the header or a frame, or early. */
  finish(): void {
    if (!this.header) throw new SnapshotFormatError('truncated snapshot: the header is incomplete');
    if (this.pos < this.buf.length) {
      throw new SnapshotFormatError(
        `truncated snapshot: frame ${this.frames + 1} at byte ${this.offset + this.pos} is cut off (${this.buf.length - this.pos} bytes left)`,
      );
    }
    const diff = countsDiffer(this.header.counts, this.seen);
    if (diff) throw new SnapshotFormatError(`truncated or incomplete snapshot: ${this.frames} frames read (${diff})`);
  }
}

/**
 * Reads a snapshot held in memory. The header is checked at once (throws on a wrong magic or
 * header); frames are decoded lazily as the iterable is walked, which throws on a truncated or
 * corrupt frame. Updates are views into `bytes` (no copy).
 */
export function readSnapshot(bytes: Uint8Array): { header: SnapshotHeader; frames: Iterable<Frame> } {
  const probe = new SnapshotParser();
  probe.push(bytes);
  const header = probe.readHeader();
  if (!header) throw new SnapshotFormatError('truncated snapshot: the header is incomplete');
  return {
    header,
    frames: {
      *[Symbol.iterator]() {
        const p = new SnapshotParser();
        p.push(bytes);
        for (let f = p.nextFrame(); f; f = p.nextFrame()) yield f;
        p.finish();
      },
    },
  };
}

/**
 * Reads a snapshot from a stream of chunks (e.g. `fs.createReadStream(path)`), holding only
 * the bytes of the frame being decoded.
 */
export async function* readSnapshotStream(
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<{ header: SnapshotHeader } | { frame: Frame }> {
  const p = new SnapshotParser();
  let announced = false;
  for await (const chunk of chunks) {
    p.push(chunk);
    if (!announced) {
      const header = p.readHeader();
      if (!header) continue;
      announced = true;
      yield { header };
    }
    for (let f = p.nextFrame(); f; f = p.nextFrame()) yield { frame: f };
  }
  p.finish();
}
