// One small Y.Doc per record, guid = record id (SPEC R1). This file owns the layout of that doc
// and is the only place that reads or writes it:
//   meta  Y.Map   c: collection, v: schema version, created: ms, deleted: boolean (tombstone)
//   f     Y.Map   scalar fields, money and custom fields; one key per field, last writer wins
//   t.<f> Y.Text  long text fields, merged by character
//   m.<f> Y.Map   map fields (questionnaire answers), merged per key
//   l.<f> Y.Map   line items: line id -> Y.Map of the line's fields plus `pos`
//   h     Y.Array the record's history: one entry per field change (history.ts, SPEC R11)
// Long text, maps and lines are top-level types so two replicas that create them concurrently
// get the same shared type rather than two competing ones (SPEC R4).
import * as Y from 'yjs';
import { COLLECTIONS } from './collections.ts';
import { isCollectionName, type CollectionName } from './names.ts';
import type { FieldDef } from './fields.ts';
import type { RecordId } from './ids.ts';
import { fieldsOf, type Values } from './validate.ts';
import type { CustomFieldDef } from './custom-fields.ts';
import { appendHistory, type FieldChange } from './history.ts';

/** Bumped whenever the doc layout or a built-in field changes meaning. */
export const SCHEMA_VERSION = 1;

export interface RecordState {
  readonly id: string;
  readonly collection: CollectionName | undefined;
  /** Raw collection name as stored, also when this version does not know it. */
  readonly collectionName: unknown;
  readonly schemaVersion: number;
  readonly created: number;
  readonly deleted: boolean;
  /** Field values, long text as strings and lines as arrays ordered by position. */
  readonly values: Values;
}

export function newRecordDoc(id: string): Y.Doc {
  // An explicit guid skips uuid generation, ten times cheaper than `new Y.Doc()` (PRODUCT.md).
  return new Y.Doc({ guid: id });
}

const LINE_ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export function newLineId(): string {
  const b = new Uint8Array(10);
  globalThis.crypto.getRandomValues(b);
  let s = '';
  for (const x of b) s += LINE_ID_ALPHABET[x & 31];
  return s;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Replaces the text with the smallest single splice, so concurrent edits elsewhere survive. */
export function setText(text: Y.Text, next: string): void {
  const prev = text.toJSON();
  if (prev === next) return;
  let start = 0;
  const max = Math.min(prev.length, next.length);
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  // Never split a surrogate pair: a prefix ending on a high surrogate gives it back.
  if (start > 0 && isHighSurrogate(prev.charCodeAt(start - 1))) start--;
  let end = 0;
  while (
    end < max - start &&
    prev.charCodeAt(prev.length - 1 - end) === next.charCodeAt(next.length - 1 - end)
  ) end++;
  // A suffix starting on a low surrogate gives it back too.
  if (end > 0 && isLowSurrogate(prev.charCodeAt(prev.length - end))) end--;
  const del = prev.length - start - end;
  const ins = next.slice(start, next.length - end);
  const splice = (): void => {
    if (del > 0) text.delete(start, del);
    if (ins) text.insert(start, ins);
  };
  // One transaction: peers and observers see the replacement as one change.
  if (text.doc) text.doc.transact(splice);
  else splice();
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function writeField(doc: Y.Doc, key: string, def: FieldDef, value: unknown): void {
  switch (def.kind) {
    case 'longtext':
      setText(doc.getText(`t.${key}`), typeof value === 'string' ? value : '');
      return;
    case 'map': {
      const m = doc.getMap<unknown>(`m.${key}`);
      const next = (value ?? {}) as Record<string, unknown>;
      for (const k of [...m.keys()]) if (!Object.hasOwn(next, k)) m.delete(k);
      for (const [k, v] of Object.entries(next)) if (!sameValue(m.get(k), v)) m.set(k, v);
      return;
    }
    case 'lines': {
      const m = doc.getMap<Y.Map<unknown>>(`l.${key}`);
      const next = (value ?? []) as Record<string, unknown>[];
      const keep = new Set(next.map((l) => l.id).filter((id): id is string => typeof id === 'string'));
      for (const k of [...m.keys()]) if (!keep.has(k)) m.delete(k);
      next.forEach((line, pos) => {
        const lineId = typeof line.id === 'string' ? line.id : newLineId();
        let lm = m.get(lineId);
        if (!lm) {
          lm = new Y.Map<unknown>();
          m.set(lineId, lm);
        }
        for (const [k, v] of Object.entries(line)) {
          if (k === 'id') continue;
          if (v === null || v === undefined) lm.delete(k);
          else if (!sameValue(lm.get(k), v)) lm.set(k, v);
        }
        for (const k of [...lm.keys()]) if (k !== 'pos' && !Object.hasOwn(line, k)) lm.delete(k);
        if (lm.get('pos') !== pos) lm.set('pos', pos);
      });
      return;
    }
    default: {
      const f = doc.getMap<unknown>('f');
      if (value === null || value === undefined) {
        if (f.has(key)) f.delete(key);
      } else if (!sameValue(f.get(key), value)) f.set(key, value);
    }
  }
}

/** One field's current value as readRecord gives it; null when empty. */
function readField(doc: Y.Doc, key: string, def: FieldDef): unknown {
  switch (def.kind) {
    case 'longtext':
      return doc.getText(`t.${key}`).toJSON() || null;
    case 'map': {
      const m = doc.getMap<unknown>(`m.${key}`);
      return m.size ? m.toJSON() : null;
    }
    case 'lines': {
      const m = doc.getMap<unknown>(`l.${key}`);
      return m.size ? readLines(m) : null;
    }
    default:
      return doc.getMap<unknown>('f').get(key) ?? null;
  }
}

/**
 * Writes validated values (see validate()) into the record doc in one transaction.
 * `create` also stamps the meta map. Unchanged values write nothing (SPEC R2).
 * Every later write appends what changed to the record's history, by `by` at `now` (SPEC R11);
 * creating a record adds no entries: its creation time is in `meta`.
 */
export function writeRecord(
  doc: Y.Doc,
  collection: CollectionName,
  values: Values,
  opts: { create?: boolean; now?: number; custom?: readonly CustomFieldDef[]; origin?: unknown; by?: string } = {},
): void {
  const fields = fieldsOf(collection, opts.custom);
  doc.transact(() => {
    const meta = doc.getMap<unknown>('meta');
    if (opts.create) {
      meta.set('c', collection);
      meta.set('created', opts.now ?? Date.now());
    }
    if (((meta.get('v') as number | undefined) ?? 0) < SCHEMA_VERSION) meta.set('v', SCHEMA_VERSION);
    const changes: FieldChange[] = [];
    for (const [key, value] of Object.entries(values)) {
      const def = fields[key];
      if (!def) continue;
      if (opts.create) {
        writeField(doc, key, def, value);
        continue;
      }
      const before = readField(doc, key, def);
      writeField(doc, key, def, value);
      const after = readField(doc, key, def);
      if (!sameValue(before, after)) changes.push({ field: key, before, after });
    }
    appendHistory(doc, changes, { by: opts.by ?? '', at: opts.now ?? Date.now() });
  }, opts.origin);
}

/** Sets or clears the tombstone. A deleted record keeps its fields so it can be restored (R5). */
export function setDeleted(doc: Y.Doc, deleted: boolean, origin?: unknown): void {
  doc.transact(() => {
    const meta = doc.getMap<unknown>('meta');
    if (deleted) meta.set('deleted', true);
    else if (meta.has('deleted')) meta.delete('deleted');
  }, origin);
}

function readLines(m: Y.Map<unknown>): Record<string, unknown>[] {
  const out: (Record<string, unknown> & { id: string; pos: number })[] = [];
  for (const [id, v] of m.entries()) {
    if (!(v instanceof Y.Map)) continue;
    const line = v.toJSON() as Record<string, unknown>;
    const pos = typeof line.pos === 'number' ? line.pos : 0;
    delete line.pos;
    out.push({ ...line, id, pos });
  }
  // Lines added concurrently may share a position: the id breaks the tie the same way everywhere.
  out.sort((a, b) => a.pos - b.pos || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out.map(({ pos: _pos, ...rest }) => rest);
}

/**
 * Reads a record doc into plain values. Fields this version does not know (from a newer schema,
 * or a custom field since removed) are returned too: nothing in the doc is dropped (R6).
 */
export function readRecord(doc: Y.Doc, custom: readonly CustomFieldDef[] = []): RecordState {
  const meta = doc.getMap<unknown>('meta');
  const rawCollection = meta.get('c');
  const collection = isCollectionName(rawCollection) ? rawCollection : undefined;
  const values: Values = {};
  for (const [k, v] of doc.getMap<unknown>('f').entries()) values[k] = v;
  const fields = collection ? fieldsOf(collection, custom) : {};
  for (const [name, type] of doc.share.entries()) {
    const dot = name.indexOf('.');
    if (dot < 0) continue;
    const key = name.slice(dot + 1);
    const tag = name.slice(0, dot);
    const kind = fields[key]?.kind;
    // A top-level type only shows up typed once someone calls getText/getMap for it.
    if (tag === 't' && (kind === 'longtext' || !kind)) {
      const s = doc.getText(name).toJSON();
      if (s) values[key] = s;
    } else if (tag === 'm' && (kind === 'map' || !kind)) {
      const m = doc.getMap<unknown>(name);
      if (m.size) values[key] = m.toJSON();
    } else if (tag === 'l' && (kind === 'lines' || !kind)) {
      const m = doc.getMap<unknown>(name);
      if (m.size) values[key] = readLines(m);
    }
    void type;
  }
  return {
    id: doc.guid,
    collection,
    collectionName: rawCollection,
    schemaVersion: typeof meta.get('v') === 'number' ? (meta.get('v') as number) : 0,
    created: typeof meta.get('created') === 'number' ? (meta.get('created') as number) : 0,
    deleted: meta.get('deleted') === true,
    values,
  };
}

// ---- Reading a record from its one update (SPEC R17) ------------------------------------------
// The update is read as Yjs encodes it (update format v1, lib0 encodings): what a new doc would
// integrate is followed with plain maps and strings, and anything this reader does not follow
// exactly as a doc would makes it give up (NotPlain), so the caller applies the update instead.

/** Thrown inside `readRecordUpdate` when the update is not one it reads without a doc. */
class NotPlain extends Error {}

/** A Yjs string inside a map (only a text holds strings): not a plain value. */
const STRING_IN_MAP = Symbol('string in a map');

/** A shared type as a new doc would hold it: its entries by key, or its items in order. */
class PlainType {
  readonly map = new Map<string, unknown>();
  /** Items in the sequence; `text` joins those that are strings. */
  seqLength = 0;
  text = '';
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A cursor over an update's bytes, reading lib0's encodings as lib0 does. */
class Bytes {
  pos = 0;
  constructor(readonly a: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.a.length) throw new NotPlain();
    return this.a[this.pos++]!;
  }

  uint(): number {
    const a = this.a;
    let num = 0;
    let mult = 1;
    while (this.pos < a.length) {
      const r = a[this.pos++]!;
      num += (r & 0x7f) * mult;
      mult *= 128;
      if (r < 0x80) return num;
      if (num > Number.MAX_SAFE_INTEGER) throw new NotPlain();
    }
    throw new NotPlain();
  }

  int(): number {
    const a = this.a;
    let r = this.byte();
    let num = r & 0x3f;
    let mult = 64;
    const sign = (r & 0x40) > 0 ? -1 : 1;
    if ((r & 0x80) === 0) return sign * num;
    while (this.pos < a.length) {
      r = a[this.pos++]!;
      num += (r & 0x7f) * mult;
      mult *= 128;
      if (r < 0x80) return sign * num;
      if (num > Number.MAX_SAFE_INTEGER) throw new NotPlain();
    }
    throw new NotPlain();
  }

  bytes(): Uint8Array {
    const len = this.uint();
    const end = this.pos + len;
    if (end > this.a.length) throw new NotPlain();
    const out = this.a.subarray(this.pos, end);
    this.pos = end;
    return out;
  }

  string(): string {
    const b = this.bytes();
    // Short ASCII strings (keys, most values) without the decoder's fixed cost.
    if (b.length <= 32) {
      let s = '';
      for (let i = 0; i < b.length; i++) {
        const c = b[i]!;
        if (c >= 0x80) return utf8.decode(b);
        s += String.fromCharCode(c);
      }
      return s;
    }
    return utf8.decode(b);
  }

  view(len: number): DataView {
    if (this.pos + len > this.a.length) throw new NotPlain();
    const v = new DataView(this.a.buffer, this.a.byteOffset + this.pos, len);
    this.pos += len;
    return v;
  }

  /** lib0's `readAny`. */
  any(): unknown {
    switch (this.byte()) {
      case 127: return undefined;
      case 126: return null;
      case 125: return this.int();
      case 124: return this.view(4).getFloat32(0, false);
      case 123: return this.view(8).getFloat64(0, false);
      case 122: return this.view(8).getBigInt64(0, false);
      case 121: return false;
      case 120: return true;
      case 119: return this.string();
      case 118: {
        const len = this.uint();
        const obj: Record<string, unknown> = {};
        for (let i = 0; i < len; i++) {
          const key = this.string();
          obj[key] = this.any();
        }
        return obj;
      }
      case 117: {
        const len = this.uint();
        const arr: unknown[] = [];
        for (let i = 0; i < len; i++) arr.push(this.any());
        return arr;
      }
      case 116: return this.bytes().slice();
      default: throw new NotPlain();
    }
  }
}

function plainValue(v: unknown, typesAllowed: boolean): unknown {
  if (v === STRING_IN_MAP || (v instanceof PlainType && !typesAllowed)) throw new NotPlain();
  return v instanceof PlainType ? plainMapJSON(v) : v;
}

/** What `Y.Map.toJSON` gives for the map. */
function plainMapJSON(t: PlainType): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of t.map) out[k] = plainValue(v, true);
  return out;
}

/** `readLines` for a map read from an update. */
function plainLines(t: PlainType): Record<string, unknown>[] {
  const out: { line: Record<string, unknown>; id: string; pos: number }[] = [];
  for (const [id, v] of t.map) {
    if (!(v instanceof PlainType)) continue;
    // The line's keys in order without `pos`, then `id` (where it was, if the line has one).
    const line: Record<string, unknown> = {};
    let pos: unknown;
    for (const [k, x] of v.map) {
      if (k === 'pos') pos = plainValue(x, true);
      else line[k] = plainValue(x, true);
    }
    line.id = id;
    out.push({ line, id, pos: typeof pos === 'number' ? pos : 0 });
  }
  out.sort((a, b) => a.pos - b.pos || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out.map((x) => x.line);
}

/**
 * Reads a record from one update, without a doc, when the update alone is the whole record as a
 * fresh doc would integrate it: one client, clocks from 0 with no gap, nothing deleted, every
 * key of a map set once, every sequence written front to back (each item after the last), and
 * only plain values and maps. Gives exactly what `readRecord` gives for a new doc with that
 * update applied (SPEC R17), or undefined whenever the update is anything else: the caller then
 * applies it to a doc.
 */
export function readRecordUpdate(
  id: string,
  update: Uint8Array,
  custom: readonly CustomFieldDef[] | ((collection: CollectionName) => readonly CustomFieldDef[]) = [],
): RecordState | undefined {
  try {
    return readPlain(id, new Bytes(update), custom);
  } catch {
    // Not plain (NotPlain), or bytes that do not decode: the doc path reads or reports it.
    return undefined;
  }
}

function readPlain(id: string, r: Bytes, custom: readonly CustomFieldDef[] | ((collection: CollectionName) => readonly CustomFieldDef[])): RecordState | undefined {
  // One client's structs, from clock 0.
  if (r.uint() !== 1) return undefined;
  const count = r.uint();
  const client = r.uint();
  if (r.uint() !== 0 || count === 0) return undefined;
  /** Top-level types in the order a doc creates them (as their first item is read). */
  const roots = new Map<string, PlainType>();
  /** Maps inside other types, by the clock of the item that holds them. */
  const nested = new Map<number, PlainType>();
  /** Each sequence by the clock of its last item's last element. */
  const tails = new Map<number, PlainType>();
  let clock = 0;
  for (let i = 0; i < count; i++) {
    const info = r.byte();
    const ref = info & 0x1f;
    // A GC or skip struct, or content other than plain values, strings, binary data or maps.
    if (ref !== 3 && ref !== 4 && ref !== 7 && ref !== 8) return undefined;
    let parent: PlainType | undefined;
    let sub: string | null = null;
    let first = false;
    if ((info & 0xc0) === 0) {
      // Placed by its parent: a map entry, or the first item of a sequence.
      if (r.uint() === 1) {
        const name = r.string();
        parent = roots.get(name);
        if (!parent) roots.set(name, (parent = new PlainType()));
      } else {
        const pClient = r.uint();
        const pClock = r.uint();
        parent = pClient === client ? nested.get(pClock) : undefined;
        if (!parent) return undefined;
      }
      if ((info & 0x20) !== 0) sub = r.string();
      first = sub === null;
    } else {
      // Placed by its neighbours: only an item appended to a sequence, after its last item.
      if ((info & 0x80) === 0 || (info & 0x40) !== 0) return undefined;
      const oClient = r.uint();
      const oClock = r.uint();
      parent = oClient === client ? tails.get(oClock) : undefined;
      if (!parent) return undefined;
      tails.delete(oClock);
    }
    let value: unknown;
    let length = 1;
    let str: string | undefined;
    switch (ref) {
      case 3:
        value = r.bytes().slice();
        break;
      case 4:
        str = r.string();
        length = str.length;
        value = STRING_IN_MAP;
        break;
      case 7:
        // Only maps (type ref 1).
        if (r.uint() !== 1) return undefined;
        value = new PlainType();
        nested.set(clock, value as PlainType);
        break;
      default: {
        length = r.uint();
        if (length === 0) return undefined;
        for (let k = 0; k < length; k++) value = r.any();
      }
    }
    if (length === 0) return undefined;
    if (sub !== null) {
      if (parent.seqLength > 0 || parent.map.has(sub)) return undefined;
      parent.map.set(sub, value);
    } else {
      // A sequence starts once, at its front; later items come through their origin (above).
      if (parent.map.size > 0 || (first && parent.seqLength > 0)) return undefined;
      parent.seqLength++;
      if (str !== undefined) parent.text += str;
      tails.set(clock + length - 1, parent);
    }
    clock += length;
  }
  // Nothing deleted.
  if (r.uint() !== 0) return undefined;

  const meta = roots.get('meta');
  const metaGet = (k: string): unknown => {
    const v = meta?.map.get(k);
    return v === undefined ? undefined : plainValue(v, false);
  };
  const rawCollection = metaGet('c');
  const collection = isCollectionName(rawCollection) ? rawCollection : undefined;
  const values: Values = {};
  for (const [k, v] of roots.get('f')?.map ?? []) values[k] = plainValue(v, false);
  const fields = collection ? fieldsOf(collection, typeof custom === 'function' ? custom(collection) : custom) : {};
  for (const [name, t] of roots) {
    const dot = name.indexOf('.');
    if (dot < 0) continue;
    const key = name.slice(dot + 1);
    const tag = name.slice(0, dot);
    const kind = fields[key]?.kind;
    if (tag === 't' && (kind === 'longtext' || !kind)) {
      if (t.text) values[key] = t.text;
    } else if (tag === 'm' && (kind === 'map' || !kind)) {
      if (t.map.size) values[key] = plainMapJSON(t);
    } else if (tag === 'l' && (kind === 'lines' || !kind)) {
      if (t.map.size) values[key] = plainLines(t);
    }
  }
  const v = metaGet('v');
  const created = metaGet('created');
  return {
    id,
    collection,
    collectionName: rawCollection,
    schemaVersion: typeof v === 'number' ? v : 0,
    created: typeof created === 'number' ? created : 0,
    deleted: metaGet('deleted') === true,
    values,
  };
}

/** Builds a new record doc and returns it with its encoded state (one update). */
export function encodeNewRecord(
  collection: CollectionName,
  id: RecordId,
  values: Values,
  opts: { now?: number; clientID?: number; custom?: readonly CustomFieldDef[] } = {},
): { doc: Y.Doc; update: Uint8Array } {
  const doc = newRecordDoc(id);
  if (opts.clientID !== undefined) doc.clientID = opts.clientID;
  writeRecord(doc, collection, values, { create: true, now: opts.now, custom: opts.custom });
  return { doc, update: Y.encodeStateAsUpdate(doc) };
}

/** The display title of a record from its values. */
export function titleOf(collection: CollectionName, values: Values): string {
  const parts = COLLECTIONS[collection].title.map((k) => values[k]).filter((v: unknown) => v !== undefined && v !== null && v !== '');
  return parts.map(String).join(' ') || '(untitled)';
}
