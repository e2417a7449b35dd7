// SPEC R17: a record read from its one update, without a doc, equals readRecord of the doc the
// update builds; any update it cannot read that way is refused (undefined), never misread.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  COLLECTION_NAMES,
  SCHEMA_VERSION,
  encodeNewRecord,
  fieldsOf,
  makeId,
  newRecordDoc,
  readRecord,
  readRecordUpdate,
  setDeleted,
  setText,
  toRow,
  validate,
  writeRecord,
  type CollectionName,
  type CustomFieldDef,
  type RecordState,
  type Values,
} from '../src/index.ts';
import { FIXTURES } from './fixtures.ts';

const NOW = Date.UTC(2025, 4, 1, 8, 0);

/** What readRecord gives for a new doc with `update` applied. */
function integrated(id: string, update: Uint8Array, custom: readonly CustomFieldDef[] = []): RecordState {
  const doc = new Y.Doc({ guid: id });
  Y.applyUpdate(doc, update);
  return readRecord(doc, custom);
}

/**
 * Checks R17 for one update: whatever readRecordUpdate gives equals the integrated read, key
 * order included (rows are stored as they are built). Returns whether it read the update.
 */
/** JSON with key order kept (BigInts written as text). */
function json(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));
}

function agrees(id: string, update: Uint8Array, custom: readonly CustomFieldDef[] = []): boolean {
  const fast = readRecordUpdate(id, update, custom);
  if (!fast) return false;
  const slow = integrated(id, update, custom);
  expect(fast).toStrictEqual(slow);
  expect(json(fast)).toBe(json(slow));
  if (slow.collection) {
    const row = toRow(slow.collection, slow, custom);
    expect(json(toRow(slow.collection, fast, custom))).toBe(json(row));
  }
  return true;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CUSTOM: CustomFieldDef[] = [
  { key: 'x_region', label: 'Region', kind: 'text' },
  { key: 'x_story', label: 'Story', kind: 'longtext' },
  { key: 'x_budget', label: 'Budget', kind: 'money' },
  { key: 'x_vip', label: 'VIP', kind: 'boolean' },
];

const PIECES = ['', 'a', 'Zoë', 'line\nbreak', '  spaced  ', '😀', 'ümlaut', '中文', 'x'.repeat(300), '"quoted"'];

function text(rnd: () => number): string {
  let s = '';
  const n = Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rnd() * PIECES.length)];
  return s;
}

/** Random values for every kind of field of `c` (raw, not validated: the doc layout is what counts). */
function randomValues(c: CollectionName, rnd: () => number, custom: readonly CustomFieldDef[]): Values {
  const values: Values = {};
  for (const [key, def] of Object.entries(fieldsOf(c, custom))) {
    if (rnd() < 0.3) continue;
    switch (def.kind) {
      case 'longtext':
        values[key] = text(rnd);
        break;
      case 'map':
        values[key] = Object.fromEntries(Array.from({ length: Math.floor(rnd() * 4) }, (_, i) => [`q${i}`, rnd() < 0.5 ? text(rnd) : { n: Math.floor(rnd() * 9), list: [1, 'two', null] }]));
        break;
      case 'lines':
        values[key] = Array.from({ length: Math.floor(rnd() * 4) }, (_, i) => ({
          ...(rnd() < 0.5 ? { id: `line${i}${Math.floor(rnd() * 1000)}` } : {}),
          productId: `prd_${i}`,
          quantity: Math.floor(rnd() * 10),
          ...(rnd() < 0.5 ? { unitPrice: { amount: Math.floor(rnd() * 10000), currency: 'EUR' } } : {}),
          ...(rnd() < 0.3 ? { note: text(rnd) } : {}),
        }));
        break;
      case 'money':
        values[key] = { amount: Math.floor(rnd() * 1e6), currency: rnd() < 0.5 ? 'EUR' : 'JPY' };
        break;
      case 'boolean':
        values[key] = rnd() < 0.5;
        break;
      case 'integer':
      case 'number':
        values[key] = Math.floor(rnd() * 1000) - 10;
        break;
      default:
        values[key] = text(rnd) || 'v';
    }
  }
  return values;
}

describe('reading a record from its one update (R17)', () => {
  it('[R17] the fixture of every collection reads the same without a doc', () => {
    for (const c of COLLECTION_NAMES) {
      const id = makeId(c, 'fixture17');
      const { doc, update } = encodeNewRecord(c, id, validate(c, FIXTURES[c]), { now: NOW });
      doc.destroy();
      expect(agrees(id, update), c).toBe(true);
    }
  });

  it('[R17] random records of every collection, custom fields included, read the same', () => {
    const rnd = random(17);
    let read = 0;
    for (let i = 0; i < 420; i++) {
      const c = COLLECTION_NAMES[i % COLLECTION_NAMES.length]!;
      const custom = i % 2 ? CUSTOM : [];
      const doc = newRecordDoc(`r17_${i}`);
      doc.clientID = 1 + Math.floor(rnd() * 1e9);
      // Written by a newer schema (meta.v set once, before this version's write leaves it be).
      if (i % 11 === 5) doc.getMap('meta').set('v', SCHEMA_VERSION + 1);
      writeRecord(doc, c, randomValues(c, rnd, custom), { create: true, now: NOW + i, custom });
      if (i % 7 === 3) setDeleted(doc, true);
      if (agrees(doc.guid, Y.encodeStateAsUpdate(doc), custom)) read++;
    }
    // Records written once are read without a doc (that is the point of R17).
    expect(read).toBe(420);
  });

  it('[R17] a record whose custom fields the reader does not know keeps them as the doc does', () => {
    const doc = newRecordDoc('acc_custom');
    writeRecord(doc, 'accounts', { name: 'A', x_story: 'Once', x_region: 'North' }, { create: true, now: NOW, custom: CUSTOM });
    const update = Y.encodeStateAsUpdate(doc);
    expect(agrees(doc.guid, update, [])).toBe(true);
    expect(agrees(doc.guid, update, CUSTOM)).toBe(true);
    // The collection's custom fields can be looked up once the collection is known.
    expect(readRecordUpdate(doc.guid, update, (c) => (c === 'accounts' ? CUSTOM : []))).toStrictEqual(integrated(doc.guid, update, CUSTOM));
  });

  it('[R17] text written in several steps by one replica reads the same; edits that delete are refused', () => {
    const doc = newRecordDoc('acc_text');
    doc.clientID = 5;
    writeRecord(doc, 'accounts', { name: 'Text' }, { create: true, now: NOW });
    const notes = doc.getText('t.notes');
    notes.insert(0, 'Hello');
    notes.insert(5, ' world');
    notes.insert(11, '!');
    expect(agrees(doc.guid, Y.encodeStateAsUpdate(doc))).toBe(true);
    // An insertion in the middle: not a front-to-back sequence.
    notes.insert(5, ',');
    const middle = Y.encodeStateAsUpdate(doc);
    expect(readRecordUpdate(doc.guid, middle)).toBeUndefined();
    setText(notes, 'Goodbye');
    expect(readRecordUpdate(doc.guid, Y.encodeStateAsUpdate(doc))).toBeUndefined();
    // An edit of a field (the old value deleted) and its history.
    const other = encodeNewRecord('contacts', makeId('contacts', 'edit'), { lastName: 'A' }, { now: NOW });
    writeRecord(other.doc, 'contacts', { lastName: 'B' }, { now: NOW + 1 });
    expect(readRecordUpdate('con_edit', Y.encodeStateAsUpdate(other.doc))).toBeUndefined();
  });

  it('[R17] updates of several replicas, later parts alone, and key conflicts are refused', () => {
    const a = encodeNewRecord('contacts', makeId('contacts', 'many'), { lastName: 'A' }, { now: NOW, clientID: 1 });
    const b = new Y.Doc({ guid: 'con_many' });
    b.clientID = 2;
    Y.applyUpdate(b, a.update);
    b.getMap('f').set('city', 'Lyon');
    const both = Y.encodeStateAsUpdate(b);
    expect(readRecordUpdate('con_many', both)).toBeUndefined();
    // B's change alone is a whole doc of its own (a record's field before the record): read.
    const onlyB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a.doc));
    expect(agrees('con_many', onlyB)).toBe(true);
    // A change of a line that B did not create: its parent is not in the update.
    const withLine = encodeNewRecord('orders', makeId('orders', 'part'), { number: 'O-1', lines: [{ id: 'l1', quantity: 1 }] }, { now: NOW, clientID: 1 });
    const c = new Y.Doc({ guid: 'ord_part' });
    c.clientID = 2;
    Y.applyUpdate(c, withLine.update);
    (c.getMap('l.lines').get('l1') as Y.Map<unknown>).set('note', 'Rush');
    expect(readRecordUpdate('ord_part', Y.encodeStateAsUpdate(c, Y.encodeStateVector(withLine.doc)))).toBeUndefined();
    // A's later change alone (its clocks do not start at 0).
    const sv = Y.encodeStateVector(a.doc);
    a.doc.getMap('f').set('phone', '+1 555');
    expect(readRecordUpdate('con_many', Y.encodeStateAsUpdate(a.doc, sv))).toBeUndefined();
    // Two replicas setting the same key, merged without integrating: which wins is Yjs' call.
    const c1 = encodeNewRecord('contacts', makeId('contacts', 'conflict'), { lastName: 'One' }, { now: NOW, clientID: 10 });
    const c2 = encodeNewRecord('contacts', makeId('contacts', 'conflict'), { lastName: 'Two' }, { now: NOW, clientID: 11 });
    const merged = Y.mergeUpdates([c1.update, c2.update]);
    expect(readRecordUpdate('con_conflict', merged)).toBeUndefined();
    expect(integrated('con_conflict', merged).values.lastName).toBeDefined();
  });

  it('[R17] one replica setting a key twice without a delete, and unusual contents, are refused', () => {
    // Two updates of one client concatenated by mergeUpdates: the second set has an origin.
    const doc = newRecordDoc('con_twice');
    doc.clientID = 3;
    const parts: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => parts.push(u));
    doc.getMap('meta').set('c', 'contacts');
    doc.getMap('f').set('lastName', 'One');
    doc.getMap('f').set('lastName', 'Two');
    expect(readRecordUpdate('con_twice', Y.mergeUpdates(parts))).toBeUndefined();
    // A nested array or text where values are plain.
    const odd = newRecordDoc('con_odd');
    odd.getMap('meta').set('c', 'contacts');
    odd.getMap('f').set('lastName', new Y.Array());
    expect(readRecordUpdate('con_odd', Y.encodeStateAsUpdate(odd))).toBeUndefined();
    const oddText = newRecordDoc('con_oddtext');
    oddText.getMap('meta').set('c', 'contacts');
    oddText.getText('t.notes').insert(0, 'bold', { bold: true });
    const u = Y.encodeStateAsUpdate(oddText);
    expect(readRecordUpdate('con_oddtext', u)).toBeUndefined();
    // Binary values are plain.
    const bin = newRecordDoc('con_bin');
    bin.getMap('meta').set('c', 'contacts');
    bin.getMap('f').set('blob', new Uint8Array([1, 2, 3]));
    expect(agrees('con_bin', Y.encodeStateAsUpdate(bin))).toBe(true);
  });

  it('[R17] every kind of plain value reads as the doc reads it', () => {
    const values: unknown[] = [
      0, -0, -5, 63, 64, -64, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1.5, 0.1, -1e300, Number.NaN, -Infinity,
      true, false, null, undefined, '', 'ascii '.repeat(10), 'Zoë 😀 中文', '\ufeffBOM first', BigInt(5) ** BigInt(20),
      new Uint8Array([0, 255]), { a: [1, 'b', { c: null }], d: new Uint8Array([7]) }, [[], {}],
    ];
    const doc = newRecordDoc('con_values');
    doc.getMap('meta').set('c', 'contacts');
    values.forEach((v, i) => doc.getMap('f').set(`k${i}`, v));
    values.forEach((v, i) => doc.getMap('m.answers').set(`k${i}`, v));
    const line = new Y.Map<unknown>();
    doc.getMap('l.items').set('line1', line);
    values.forEach((v, i) => line.set(`k${i}`, v));
    line.set('pos', 1.5);
    expect(agrees('con_values', Y.encodeStateAsUpdate(doc))).toBe(true);
  });

  it('[R17] damaged updates are refused or read as the doc reads them, never otherwise', () => {
    const rnd = random(99);
    const bases = COLLECTION_NAMES.map((c) => encodeNewRecord(c, makeId(c, 'damaged1'), validate(c, FIXTURES[c]), { now: NOW }).update);
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const u = bases[i % bases.length]!.slice();
      for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) u[Math.floor(rnd() * u.length)] = Math.floor(rnd() * 256);
      let slow: RecordState | undefined;
      try {
        slow = integrated('damaged', u);
      } catch {
        slow = undefined;
      }
      const fast = readRecordUpdate('damaged', u);
      if (!fast) {
        refused++;
        continue;
      }
      // Read without a doc only if the doc path takes it too, and then the same.
      expect(slow).toBeDefined();
      expect(json(fast)).toBe(json(slow));
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('[R17] an update before its record exists, an unknown collection, an empty or broken update', () => {
    const early = newRecordDoc('con_early');
    early.getMap('f').set('jobTitle', 'Early');
    expect(agrees('con_early', Y.encodeStateAsUpdate(early))).toBe(true);
    expect(readRecordUpdate('con_early', Y.encodeStateAsUpdate(early))?.collection).toBeUndefined();
    const unknown = newRecordDoc('zzz_1');
    unknown.getMap('meta').set('c', 'spaceships');
    unknown.getText('t.log').insert(0, 'Launched');
    unknown.getMap('m.crew').set('pilot', 'Ada');
    expect(agrees('zzz_1', Y.encodeStateAsUpdate(unknown))).toBe(true);
    expect(readRecordUpdate('x', Y.encodeStateAsUpdate(new Y.Doc()))).toBeUndefined();
    expect(readRecordUpdate('x', new Uint8Array([1, 2, 3]))).toBeUndefined();
    expect(readRecordUpdate('x', new Uint8Array([]))).toBeUndefined();
  });
});
